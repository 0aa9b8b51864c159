"""Due actions: what the treasurer should do for a case, when, with which document (PROCESS.md timeline).

Derived from the replayed case on `as_of`; future due dates are included (the caller filters by date).
A due date on a non-vardag moves to the next vardag. Side states pause the timeline's own steps.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from app.domain.action import ActionKind, DocumentKind, DueAction
from app.domain.calendar import add_months
from app.domain.deadlines import Deadlines, ForfeitureState, forfeiture_on, timeline_day
from app.domain.event import EventKind
from app.domain.facts import CaseFacts
from app.domain.guards import IKL_5, IKL_6, OBJECTION_RULE, citations
from app.domain.money import kronor_text
from app.domain.progress import Progress
from app.domain.rules import Rules
from app.domain.scoring import Band, band_dropped
from app.domain.stage import SideState, Stage
from app.domain.tenure import Tenure

FOLLOW_UP_AFTER_FAILED_SERVICE_DAYS = 7
KFM = "Kronofogden"

# Actions that a side state does not pause: they answer the debtor, watch the plan or the limitation,
# or protect the debtor (withdrawal, refund).
NOT_PAUSED = frozenset(
    {
        ActionKind.REPLY_OBJECTION,
        ActionKind.CHECK_PAYMENT_PLAN,
        ActionKind.LIMITATION_REMINDER,
        ActionKind.WITHDRAW_EVICTION,
        ActionKind.REFUND_CREDIT,
        ActionKind.CLOSE_CASE,
    }
)

# What each action usually produces, and the event that records it done.
PRODUCES: dict[ActionKind, tuple[DocumentKind | None, EventKind | None]] = {
    ActionKind.SEND_DEMAND: (DocumentKind.DEMAND, EventKind.DEMAND_SENT),
    ActionKind.SCORE: (None, None),  # done when a score snapshot exists
    ActionKind.FILE_APPLICATION: (DocumentKind.APPLICATION, EventKind.FILED),
    ActionKind.NOTIFY_SOCIAL_SERVICES: (DocumentKind.SOCIAL_NOTICE, EventKind.SOCIAL_NOTIFIED),
    ActionKind.INFORM_DEBTOR: (DocumentKind.DEBTOR_INFO, EventKind.DEBTOR_INFORMED),
    ActionKind.FOLLOW_SERVICE: (DocumentKind.SERVICE_INSTRUCTION, EventKind.SERVED),
    ActionKind.BOARD_DECISION: (DocumentKind.BOARD_DECISION, EventKind.BOARD_DECISION),
    ActionKind.NOTIFY_COHABITANT: (DocumentKind.COHABITANT, EventKind.COHABITANT_NOTIFIED),
    ActionKind.REQUEST_ENFORCEMENT: (DocumentKind.ENFORCEMENT_REQUEST, EventKind.ENFORCEMENT_REQUESTED),
    ActionKind.WITHDRAW_EVICTION: (DocumentKind.WITHDRAWAL, EventKind.WITHDRAWN),
    ActionKind.REPLY_OBJECTION: (DocumentKind.OBJECTION_REPLY, EventKind.OBJECTION_RESOLVED),
    ActionKind.CHECK_PAYMENT_PLAN: (None, EventKind.PAYMENT_PLAN_BROKEN),
    ActionKind.RESCORE: (None, None),
    ActionKind.LIMITATION_REMINDER: (DocumentKind.LIMITATION_REMINDER, EventKind.LIMITATION_REMINDER_SENT),
    ActionKind.NOTIFY_PLEDGEE: (DocumentKind.PLEDGEE_NOTICE, EventKind.PLEDGEE_NOTIFIED),
    ActionKind.RETRY_COLLECTION: (DocumentKind.LIMITATION_REMINDER, EventKind.LIMITATION_REMINDER_SENT),
    ActionKind.REFUND_CREDIT: (None, None),
    ActionKind.CLOSE_CASE: (DocumentKind.WITHDRAWAL, EventKind.WITHDRAWN),
}


@dataclass(frozen=True)
class ActionInput:
    facts: CaseFacts
    rules: Rules
    as_of: date
    progress: Progress
    stage: Stage
    since: date
    deadlines: Deadlines
    side_states: frozenset[SideState]
    paused: bool  # a side state holds the timeline
    resumed_on: date | None  # the day the latest pause ended: timeline steps are not due before it
    paid_in_full: bool
    credit_ore: int

    def vardag(self, day: date) -> date:
        return self.rules.calendar.next_vardag(day)

    def k_plus(self, offset: int) -> date:
        assert self.progress.demand is not None
        return timeline_day(self.progress.demand, offset, self.rules.calendar)

    @cached_property
    def filing(self) -> tuple[date, str, bool]:
        """When to file, why, and whether with eviction (asked by both the filing and the social notice)."""
        return _filing_due(self)

    def timeline(self, day: date) -> date:
        """A timeline step's due date: not before the pause ended, on a vardag."""
        if self.resumed_on is not None and day < self.resumed_on:
            day = self.resumed_on
        return self.vardag(day)


Builder = Callable[[ActionInput], DueAction | None]
_SAME = object()


def _action(kind: ActionKind, due: date, reason: str, document=_SAME, completes=_SAME) -> DueAction:
    usual_document, usual_event = PRODUCES[kind]
    return DueAction(
        kind, due, reason,
        usual_document if document is _SAME else document,
        usual_event if completes is _SAME else completes,
    )


def _day_after(day: date) -> date:
    return day + timedelta(days=1)


def _deadline_text(a: ActionInput) -> str:
    deadline = a.progress.payment_deadline
    assert deadline is not None
    verb = "gick ut" if deadline < a.as_of else "går ut"
    return f"Betalningstiden i inkassokravet {verb} {deadline.isoformat()}"


# --- before the filing ---------------------------------------------------------------------------
def send_demand(a: ActionInput) -> DueAction | None:
    unpaid = a.progress.money.unpaid(a.as_of)
    if a.stage is not Stage.NY or not unpaid:
        return None
    due = a.timeline(max(a.facts.opened_on, _day_after(min(c.due_date for c in unpaid))))
    reason = ("Avgiften/hyran har förfallit och är obetald – skicka ett skriftligt inkassokrav med kapital, "
              f"ränta och kostnader var för sig ({IKL_5}).")
    return _action(ActionKind.SEND_DEMAND, due, reason)


def _before_filing(a: ActionInput) -> bool:
    progress = a.progress
    return (
        progress.demand is not None and progress.payment_deadline is not None and progress.filed is None
        and a.stage in (Stage.INKASSOKRAV, Stage.BEDOMNING)
    )


def score(a: ActionInput) -> DueAction | None:
    deadline = a.progress.payment_deadline
    if not _before_filing(a) or deadline is None:
        return None
    if any(deadline <= s.on <= a.as_of for s in a.facts.scores):
        return None
    due = a.timeline(max(a.k_plus(a.rules.settings.score_day), _day_after(deadline)))
    reason = (f"{_deadline_text(a)} – gör en riskbedömning (egen betalningshistorik och Kronofogdens "
              "uppgifter) inför beslutet om ansökan.")
    return _action(ActionKind.SCORE, due, reason)


def _filing_due(a: ActionInput) -> tuple[date, str, bool]:
    """When to file, why, and whether the filing will carry an eviction (and so a social notice)."""
    deadline = a.progress.payment_deadline
    assert deadline is not None
    due = max(a.k_plus(a.rules.settings.file_day), _day_after(deadline))
    cite = citations(a.facts.tenure)
    bf_only = f"{_deadline_text(a)} – ansök om betalningsföreläggande hos {KFM} ({IKL_6})"
    if a.facts.private_letting or (a.progress.moved_out is not None and a.progress.moved_out <= due):
        return due, f"{bf_only}; ingen avhysning i detta ärende.", False
    forfeiture = forfeiture_on(a.facts.tenure, a.progress.money, max(due, a.as_of), a.rules.calendar)
    state = forfeiture.state
    if state is ForfeitureState.NOT_YET and forfeiture.earliest is not None:
        due = max(due, forfeiture.earliest)
    if state in (ForfeitureState.FORFEITED, ForfeitureState.NOT_YET):
        return due, (f"{_deadline_text(a)} – ansök om betalningsföreläggande och avhysning hos {KFM} ({IKL_6}) "
                     "och säg upp avtalet med underrättelse om återvinning; nyttjanderätten är förverkad "
                     f"({cite.forfeiture})."), True
    if state is ForfeitureState.CURED:
        return due, (f"{bf_only}. Den förfallna avgiften/hyran är betald, så förverkandet är läkt och ingen "
                     f"avhysning kan sökas ({cite.cure})."), False
    if state is ForfeitureState.NOTHING_DUE:
        return due, f"{bf_only} för det som återstår; ingen obetald avgift/hyra grundar avhysning.", False
    return due, (f"{bf_only}; {a.facts.tenure.label.lower()} har inget avhysningsspår, efter delgivning "
                 "begärs utmätning."), False


def file_application(a: ActionInput) -> DueAction | None:
    if not _before_filing(a):
        return None
    due, reason, _ = a.filing
    return _action(ActionKind.FILE_APPLICATION, a.timeline(due), reason)


def _social_form(tenure: Tenure) -> str:
    if tenure is Tenure.BOSTADSRATT:
        return "förordning (2003:37) formulär 3"
    return "förordning (1978:314) formulär 3"


def notify_social_services(a: ActionInput) -> DueAction | None:
    progress, tenure = a.progress, a.facts.tenure
    if not tenure.needs_social_notice or a.facts.private_letting:
        return None
    rule = f"{citations(tenure).recovery}, {_social_form(tenure)}"
    if progress.filed is None:
        if not _before_filing(a) or not a.filing[2]:
            return None
        reason = ("Samma dag som uppsägningen: underrätta socialnämnden om uppsägningen och beloppet som behövs "
                  f"för att behålla bostaden ({rule}).")
        return _action(ActionKind.NOTIFY_SOCIAL_SERVICES, a.timeline(a.filing[0]), reason)
    if progress.social is not None or not progress.eviction_pending:
        return None
    reason = (f"Ansökan och uppsägning gjordes {progress.filed.isoformat()} men socialnämnden är inte underrättad "
              f"– återvinningsfristen börjar först när både delgivning och underrättelse är gjorda ({rule}).")
    if progress.served is not None:
        reason = (f"Delgiven {progress.served.isoformat()} men socialnämnden är inte underrättad – "
                  f"återvinningsfristen har inte börjat ({rule}).")
    return _action(ActionKind.NOTIFY_SOCIAL_SERVICES, a.timeline(progress.filed), reason)


# --- at Kronofogden ------------------------------------------------------------------------------
def _after_filing(a: ActionInput, offset: int, minimum_gap: int) -> date:
    """K + offset, but never sooner than `minimum_gap` days after a late filing."""
    assert a.progress.filed is not None
    return max(a.k_plus(offset), a.progress.filed + timedelta(days=max(minimum_gap, 0)))


def inform_debtor(a: ActionInput) -> DueAction | None:
    filed = a.progress.filed
    if filed is None or a.progress.informed is not None:
        return None
    due = _after_filing(a, a.rules.settings.inform_day, 1)
    reason = (f"Ansökan gjordes {filed.isoformat()} – informera gäldenären om vad som har gjorts och vad som "
              "händer om skulden inte betalas.")
    return _action(ActionKind.INFORM_DEBTOR, a.timeline(due), reason)


def follow_service(a: ActionInput) -> DueAction | None:
    progress, settings = a.progress, a.rules.settings
    if progress.filed is None or progress.served is not None:
        return None
    if progress.service_failed is not None:
        due = progress.service_failed + timedelta(days=FOLLOW_UP_AFTER_FAILED_SERVICE_DAYS)
        reason = (f"Delgivningsförsöket {progress.service_failed.isoformat()} misslyckades – följ upp och "
                  f"försök igen ({KFM} eller stämningsman).")
    else:
        due = _after_filing(a, settings.service_day, settings.service_day - settings.file_day)
        reason = ("Uppsägningen och ansökan ska delges gäldenären – påbörja eller följ upp delgivningen "
                  f"({KFM} eller stämningsman) och registrera dagen för delgivning.")
    return _action(ActionKind.FOLLOW_SERVICE, a.timeline(due), reason)


def board_decision(a: ActionInput) -> DueAction | None:
    progress, deadlines = a.progress, a.deadlines
    end = deadlines.recovery_period_end
    if not progress.eviction or progress.board_on is not None or end is None:
        return None
    amount = kronor_text(deadlines.recovery_amount_ore or 0)
    earliest = deadlines.earliest_eviction_decision.isoformat() if deadlines.earliest_eviction_decision else "–"
    reason = (f"Återvinningsfristen gick ut {end.isoformat()} utan att {amount} betalades – styrelsen beslutar om "
              f"avhysningen ska verkställas. {KFM} kan besluta tidigast {earliest} "
              f"({citations(a.facts.tenure).recovery}).")
    return _action(ActionKind.BOARD_DECISION, a.timeline(a.rules.calendar.nth_vardag_after(end, 1)), reason)


def notify_cohabitant(a: ActionInput) -> DueAction | None:
    progress = a.progress
    board_on = progress.board_on
    if not (a.facts.has_cohabitant and progress.board_yes and board_on) or progress.cohabitant:
        return None
    if not progress.eviction_pending:
        return None
    reason = (f"Styrelsen beslutade {board_on.isoformat()} att avhysningen ska verkställas – uppmana sambon att "
              "flytta.")
    return _action(ActionKind.NOTIFY_COHABITANT, a.timeline(board_on), reason)


def request_enforcement(a: ActionInput) -> DueAction | None:
    progress = a.progress
    if progress.enforcement is not None or progress.forced_sale is not None:
        return None
    if progress.eviction:
        if not (progress.board_yes and progress.board_on) or not progress.eviction_pending:
            return None
        due = progress.board_on
        reason = (f"Styrelsen beslutade {progress.board_on.isoformat()} att avhysningen ska verkställas – begär "
                  f"verkställighet hos {KFM}.")
    else:
        if progress.served is None:
            return None
        due = a.rules.calendar.nth_vardag_after(progress.served, 1)
        reason = (f"Betalningsföreläggandet delgavs {progress.served.isoformat()} och ärendet har inget "
                  f"avhysningsspår – begär verkställighet (utmätning) hos {KFM}.")
    return _action(ActionKind.REQUEST_ENFORCEMENT, a.timeline(due), reason)


def withdraw_eviction(a: ActionInput) -> DueAction | None:
    progress = a.progress
    if not progress.eviction_pending:
        return None
    recovered = progress.recovered_on
    if recovered is not None:
        due = recovered
        reason = (f"Beloppet i underrättelsen betalades {recovered.isoformat()}, inom återvinningsfristen – "
                  "gäldenären får behålla bostaden; återkalla avhysningen och driv resten (ränta, kostnader) "
                  f"vidare ({citations(a.facts.tenure).recovery}).")
    elif progress.board_yes is False and progress.board_on is not None:
        due = progress.board_on
        reason = (f"Styrelsen beslutade {due.isoformat()} att inte verkställa avhysningen – återkalla "
                  f"avhysningen hos {KFM}.")
    elif a.paid_in_full:
        due = progress.money.last_payment_on(a.as_of) or a.as_of
        reason = (f"Skulden är betald i sin helhet ({due.isoformat()}) – återkalla avhysningen hos {KFM} "
                  "innan ärendet avslutas.")
    else:
        return None
    return _action(ActionKind.WITHDRAW_EVICTION, a.vardag(due), reason)


def notify_pledgee(a: ActionInput) -> DueAction | None:
    progress = a.progress
    if a.facts.tenure is not Tenure.BOSTADSRATT or not a.facts.has_pledgee or progress.filed is None:
        return None
    if progress.pledgee is not None or not progress.eviction_pending:
        return None
    due = _after_filing(a, a.rules.settings.pledgee_notify_day, 0)
    reason = "Bostadsrätten är uppsagd för förverkande – underrätta panthavaren (banken) om uppsägningen."
    return _action(ActionKind.NOTIFY_PLEDGEE, a.timeline(due), reason)


# --- side states, surveillance, limitation, money ----------------------------------------------
def reply_objection(a: ActionInput) -> DueAction | None:
    objection = a.progress.objection
    if objection is None:
        return None
    due = a.vardag(objection.on + timedelta(days=a.rules.settings.objection_reply_days))
    on = objection.on.isoformat()
    if a.progress.objection_at_kfm:
        reason = (f"Gäldenären bestred {on} hos {KFM} – ta ställning till om målet ska gå vidare till "
                  "tingsrätten och svara.")
    elif objection.grounded:
        reason = (f"Grundad invändning {on} – indrivningen av den bestridda delen stoppas; utred och svara "
                  f"skriftligt ({OBJECTION_RULE}).")
    else:
        reason = (f"Invändning {on} utan grund mot fordran (t.ex. att gäldenären inte kan betala) – svara "
                  "skriftligt; indrivningen fortsätter.")
    return _action(ActionKind.REPLY_OBJECTION, due, reason)


def check_payment_plan(a: ActionInput) -> DueAction | None:
    status = a.progress.plan_status(a.as_of)
    missed = next((s for s in status.instalments if s.missed), None) if status is not None else None
    if missed is None:
        return None
    reason = (f"Delbetalning {missed.instalment.number} ({kronor_text(missed.instalment.amount_ore)}, förfallen "
              f"{missed.deadline.isoformat()}) är inte betald – kontrollera planen och registrera att den är "
              "bruten; tidslinjen fortsätter.")
    return _action(ActionKind.CHECK_PAYMENT_PLAN, a.vardag(_day_after(missed.deadline)), reason)


def rescore(a: ActionInput) -> DueAction | None:
    scores = [s.on for s in a.facts.scores if s.on <= a.as_of]
    months = a.rules.settings.rescore_months
    due = a.since if not scores else max(a.since, add_months(max(scores), months))
    reason = (f"Efterbevakning: gör en ny riskbedömning var {months}:e månad för att se om betalningsförmågan "
              "har förbättrats.")
    return _action(ActionKind.RESCORE, a.timeline(due), reason)


_TRIED_AGAIN = frozenset({EventKind.LIMITATION_REMINDER_SENT, EventKind.ENFORCEMENT_REQUESTED, EventKind.PAYMENT_PLAN})


def retry_collection(a: ActionInput) -> DueAction | None:
    """Issue 8: a move to a lower band in surveillance raises an action to try collecting again.
    Done by a new written demand (which also interrupts limitation), a new enforcement request or a plan."""
    scores = sorted((s for s in a.facts.scores if s.on <= a.as_of), key=lambda s: s.on)
    if len(scores) < 2 or scores[-1].on < a.since:
        return None
    previous, latest = scores[-2], scores[-1]
    if not band_dropped(previous.band, latest.band):
        return None
    if any(e.kind in _TRIED_AGAIN and e.on >= latest.on for e in a.facts.events):
        return None
    reason = (f"Riskbedömningen {latest.on.isoformat()} gav risk {Band(latest.band).label.lower()} mot "
              f"{Band(previous.band).label.lower()} förra gången – betalningsförmågan kan ha blivit bättre. Försök "
              f"driva in skulden igen: skicka ett nytt skriftligt krav (det avbryter också preskriptionen), "
              f"erbjud en amorteringsplan eller begär verkställighet hos {KFM}.")
    return _action(ActionKind.RETRY_COLLECTION, a.vardag(latest.on), reason)


def limitation_reminder(a: ActionInput) -> DueAction | None:
    deadlines = a.deadlines
    limit = deadlines.limitation_date
    if limit is None:
        return None
    due = a.vardag(limit - timedelta(days=a.rules.settings.limitation_reminder_days))
    if deadlines.limitation_needs_filing:
        # JB 12:61: a letter does not interrupt; the reminder here is a filing
        reason = (f"Fordran preskriberas {limit.isoformat()}: {deadlines.limitation_rule}. Ansök om "
                  "betalningsföreläggande före dess – ett brev räcker inte.")
        return _action(ActionKind.LIMITATION_REMINDER, due, reason, DocumentKind.APPLICATION, EventKind.FILED)
    reason = (f"Fordran preskriberas {limit.isoformat()} ({deadlines.limitation_rule}) – skicka en skriftlig "
              "påminnelse som avbryter preskriptionen.")
    return _action(ActionKind.LIMITATION_REMINDER, due, reason)


def refund_credit(a: ActionInput) -> DueAction | None:
    if a.credit_ore <= 0:
        return None
    paid = a.progress.money.last_payment_on(a.as_of) or a.as_of
    reason = f"Gäldenären har betalat {kronor_text(a.credit_ore)} för mycket – betala tillbaka överskottet."
    return _action(ActionKind.REFUND_CREDIT, a.vardag(paid), reason)


def close_case(a: ActionInput) -> DueAction | None:
    progress, limit = a.progress, a.deadlines.limitation_date
    at_kfm = progress.withdrawn_all is None and progress.enforcement_closed is None and progress.evicted is None
    if a.stage is Stage.AVSLUTAD and a.paid_in_full and progress.filed is not None and at_kfm:
        paid = progress.money.last_payment_on(a.as_of) or a.as_of
        reason = f"Skulden är betald i sin helhet – meddela {KFM} att ansökan återkallas och avsluta ärendet."
        return _action(ActionKind.CLOSE_CASE, a.vardag(paid), reason)
    if a.stage is Stage.EFTERBEVAKNING and limit is not None and limit < a.as_of:
        reason = (f"Fordran preskriberades {limit.isoformat()} ({a.deadlines.limitation_rule}) – skriv av den och "
                  "avsluta ärendet.")
        return _action(ActionKind.CLOSE_CASE, a.vardag(limit), reason, None, EventKind.WRITTEN_OFF)
    return None


_ALL = frozenset(Stage)
_OPEN = _ALL - {Stage.AVSLUTAD}
_BEFORE_FILING = frozenset({Stage.INKASSOKRAV, Stage.BEDOMNING})
_FILED = _OPEN - _BEFORE_FILING - {Stage.NY}
_SERVICE = frozenset({Stage.ANSOKAN, Stage.DELGIVNING})

# Each builder with the stages it can fire in (it checks the details itself), in timeline order.
BUILDERS: tuple[tuple[Builder, frozenset[Stage]], ...] = (
    (send_demand, frozenset({Stage.NY})),
    (score, _BEFORE_FILING),
    (file_application, _BEFORE_FILING),
    (notify_social_services, _BEFORE_FILING | _SERVICE),
    (inform_debtor, _SERVICE | {Stage.ATERVINNINGSFRIST}),
    (follow_service, _SERVICE),
    (board_decision, frozenset({Stage.BESLUT})),
    (notify_cohabitant, frozenset({Stage.BESLUT, Stage.VERKSTALLIGHET})),
    (request_enforcement, frozenset({Stage.BESLUT})),
    (withdraw_eviction, _FILED),
    (notify_pledgee, _FILED),
    (reply_objection, _OPEN),
    (check_payment_plan, _OPEN),
    (rescore, frozenset({Stage.EFTERBEVAKNING})),
    (retry_collection, frozenset({Stage.EFTERBEVAKNING})),
    (limitation_reminder, _OPEN),
    (refund_credit, _ALL),
    (close_case, frozenset({Stage.EFTERBEVAKNING, Stage.AVSLUTAD})),
)
_BY_STAGE = {stage: tuple(b for b, stages in BUILDERS if stage in stages) for stage in Stage}
# Paid in full: nothing is left to collect, only to withdraw, refund or close.
_WHEN_PAID = frozenset({withdraw_eviction, refund_credit, close_case})
_PAID_BY_STAGE = {stage: tuple(b for b in builders if b in _WHEN_PAID) for stage, builders in _BY_STAGE.items()}
_TIMELINE_ORDER = {kind: index for index, kind in enumerate(ActionKind)}


def due_actions(a: ActionInput) -> tuple[DueAction, ...]:
    """The case's due actions, sorted by due date (then by the order of the timeline)."""
    builders = (_PAID_BY_STAGE if a.paid_in_full else _BY_STAGE)[a.stage]
    found = []
    for builder in builders:
        action = builder(a)
        if action is not None and (not a.paused or action.action in NOT_PAUSED):
            found.append(action)
    return tuple(sorted(found, key=lambda x: (x.due_date, _TIMELINE_ORDER[x.action])))
