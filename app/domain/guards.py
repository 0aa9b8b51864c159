"""Guards of the transition table: pure checks that refuse an event with a Swedish reason naming the rule.

Each guard looks at the case as it stood on the event's date (`Probe`) and returns a `Problem` or None.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from app.domain.arrears import CapitalHistory, owed_on
from app.domain.deadlines import ForfeitureState, forfeiture_on
from app.domain.event import Event, EventKind, WithdrawalScope
from app.domain.facts import CaseFacts
from app.domain.money import kronor_text
from app.domain.payment_plan import covers_whole_debt, debt_to_cover, plan_total
from app.domain.problem import Problem
from app.domain.progress import Progress
from app.domain.rules import Rules
from app.domain.stage import Stage
from app.domain.tenure import Tenure

FLOW = "ärendeflödet"
IKL_4 = "inkassolagen (1974:182) 4 § (god inkassosed)"
IKL_5 = "inkassolagen (1974:182) 5 §"
IKL_6 = "inkassolagen (1974:182) 6 §"
OBJECTION_RULE = (
    "inkassolagen 4 § och Finansinspektionens vägledning: en grundad invändning stoppar indrivningen av den "
    "bestridda delen"
)
PLAN_RULE = "lag (1981:739) om ersättning för inkassokostnader 4 §: skriftlig plan som omfattar hela skulden"
FORCED_SALE_RULE = "8 kap. bostadsrättslagen"
PLEDGE_RULE = "bostadsrättslagen: bara en bostadsrätt kan vara pantsatt"
BFL = "lag (1990:746) om betalningsföreläggande och handräckning"


@dataclass(frozen=True)
class Citations:
    forfeiture: str  # förverkande
    cure: str  # rättelse före uppsägningen
    recovery: str  # återvinning, and the earliest eviction decision


_BRL = Citations(
    "7 kap. 18 § bostadsrättslagen", "7 kap. 21 § bostadsrättslagen", "7 kap. 23 § bostadsrättslagen"
)
_JB = Citations("12 kap. 42 § 1 st. 1 jordabalken", "12 kap. 43 § jordabalken", "12 kap. 44 § jordabalken")


def citations(tenure: Tenure) -> Citations:
    return _BRL if tenure is Tenure.BOSTADSRATT else _JB


@dataclass(frozen=True)
class Probe:
    """The case on the event's date: the events recorded up to that day, and the proposed event."""

    facts: CaseFacts
    rules: Rules
    as_of: date
    money: CapitalHistory
    progress: Progress
    stage: Stage
    event: Event

    @property
    def on(self) -> date:
        return self.event.on

    @property
    def capital(self) -> int:
        return self.money.outstanding(self.on)

    @cached_property
    def owed(self) -> int:
        """Capital, interest and fees owed on the event's date (settles only when the capital is paid)."""
        return owed_on(self.facts, self.money, self.on, self.rules.rates, self.rules.settings.allocation_order)


Guard = Callable[[Probe], Problem | None]


def _p(code: str, message: str, field: str | None = None) -> Problem:
    return Problem(code, message, field)


def later_event(probe: Probe, kind: EventKind) -> date | None:
    """The date of an event of `kind` recorded with a later date than the probe's, to explain the order."""
    later = [e.on for e in probe.facts.events if e.kind is kind and e.on > probe.on]
    return min(later) if later else None


def _needs(probe: Probe, have: date | None, kind: EventKind, what: str, rule: str) -> Problem | None:
    """`have` must be recorded on or before the event's date."""
    if have is not None and have <= probe.on:
        return None
    later = later_event(probe, kind)
    when = f" (den är registrerad först {later.isoformat()})" if later else ""
    message = f"”{what}” kan registreras först efter ”{kind.label}”{when} – {rule}."
    return _p(f"{probe.event.kind.value}.needs-{kind.value}", message)


def once(attribute: str, sentence: str) -> Guard:
    """A step recorded at most once; `sentence` says so in Swedish ("Delgivningen är redan registrerad")."""

    def guard(probe: Probe) -> Problem | None:
        done = getattr(probe.progress, attribute)
        if done is not None:
            message = f"{sentence} ({done.isoformat()}) – {FLOW}: steget registreras en gång."
            return _p(f"{probe.event.kind.value}.already", message)
        return None

    return guard


# --- common to every event ---------------------------------------------------------------------
def not_in_future(probe: Probe) -> Problem | None:
    if probe.on <= probe.as_of:
        return None
    message = (
        f"Datumet {probe.on.isoformat()} ligger efter dagens datum {probe.as_of.isoformat()}: framtida datum kan "
        f"inte registreras – {FLOW}: en händelse registreras när den har skett."
    )
    return _p("event.future", message, "date")


def not_before_opened(probe: Probe) -> Problem | None:
    # a reminder may predate the case: it is often what led to opening it
    if probe.event.kind is EventKind.REMINDER_SENT or probe.on >= probe.facts.opened_on:
        return None
    message = (
        f"Datumet {probe.on.isoformat()} ligger före ärendets öppnande {probe.facts.opened_on.isoformat()} – "
        f"{FLOW}: händelser hör till ärendet från att det öppnades."
    )
    return _p("event.before-opened", message, "date")


def in_order(probe: Probe, last_main: date | None) -> Problem | None:
    if last_main is None or probe.on >= last_main:
        return None
    message = (
        f"Händelsen är daterad {probe.on.isoformat()}, före den senast registrerade händelsen i ärendeflödet "
        f"({last_main.isoformat()}) – {FLOW}: registrera ärendets steg i den ordning de skedde."
    )
    return _p("event.out-of-order", message, "date")


# --- demand and objection ----------------------------------------------------------------------
def something_overdue(probe: Probe) -> Problem | None:
    if probe.money.outstanding(probe.on, due_before=probe.on) > 0:
        return None
    message = (
        f"Det finns ingen förfallen och obetald fordran den {probe.on.isoformat()} – ett krav får bara avse en "
        f"förfallen fordran ({IKL_5})."
    )
    return _p("demand.nothing-due", message)


def something_owed(probe: Probe) -> Problem | None:
    if probe.owed > 0:
        return None
    message = f"Inget är obetalt den {probe.on.isoformat()} – det finns inget att driva in ({IKL_4})."
    return _p("case.nothing-owed", message)


def no_open_objection(probe: Probe) -> Problem | None:
    open_ = probe.progress.objection
    if open_ is None:
        return None
    message = (
        f"Ett bestridande från {open_.on.isoformat()} är redan öppet – registrera först att det är utrett "
        f"({OBJECTION_RULE})."
    )
    return _p("objection.already-open", message)


def objection_amount(probe: Probe) -> Problem | None:
    disputed = probe.event.disputed_ore
    if disputed is None or disputed > 0:
        return None
    message = (
        f"Bestritt belopp måste vara större än noll (lämna tomt om hela skulden är bestridd) – {OBJECTION_RULE}."
    )
    return _p("objection.amount", message, "disputed_ore")


def open_objection(probe: Probe) -> Problem | None:
    if probe.progress.objection is not None:
        return None
    message = f"Det finns inget öppet bestridande den {probe.on.isoformat()} att avsluta ({OBJECTION_RULE})."
    return _p("objection-resolved.none-open", message)


# --- filing --------------------------------------------------------------------------------------
def deadline_passed(probe: Probe) -> Problem | None:
    deadline = probe.progress.payment_deadline
    if deadline is None:
        message = (
            "Inget inkassokrav är skickat – ingen ansökan hos Kronofogden innan ett krav enligt 5 § har skickats "
            f"och betalningstiden har gått ut ({IKL_6})."
        )
        return _p("filed.no-demand", message)
    if probe.on > deadline:
        return None
    message = (
        f"Betalningstiden i inkassokravet löper till och med {deadline.isoformat()} – ansökan kan göras tidigast "
        f"{(deadline + timedelta(days=1)).isoformat()} ({IKL_6})."
    )
    return _p("filed.before-deadline", message)


def not_disputed(probe: Probe) -> Problem | None:
    objection = probe.progress.grounded_objection
    if objection is None:
        return None
    disputed = objection.disputed_ore
    if disputed is not None and disputed < probe.capital:
        return None  # only the undisputed part goes on
    message = (
        f"Skulden är bestridd ({objection.on.isoformat()}) med en grundad invändning – ingen ansökan om "
        "betalningsföreläggande på en bestridd del; utred och svara först, eller ansök bara om den obestridda "
        f"delen ({OBJECTION_RULE})."
    )
    return _p("filed.disputed", message)


def no_kept_plan(probe: Probe) -> Problem | None:
    if not probe.progress.plan_kept(probe.on):
        return None
    message = f"Gäldenären följer amorteringsplanen – ingen ansökan medan planen hålls ({IKL_4})."
    return _p("filed.payment-plan", message)


def forfeited_if_eviction(probe: Probe) -> Problem | None:
    """Eviction may be sought only once the home is förverkad (JB 12:42, BRL 7:18); BF-only otherwise goes on."""
    if probe.facts.private_letting:
        return None
    forfeiture = forfeiture_on(probe.facts.tenure, probe.money, probe.on, probe.rules.calendar)
    if forfeiture.state is not ForfeitureState.NOT_YET:
        return None
    late = "mer än två vardagar" if probe.facts.tenure is Tenure.LOKAL else "mer än en vecka"
    earliest = forfeiture.earliest.isoformat() if forfeiture.earliest else "senare"
    message = (
        f"Nyttjanderätten är inte förverkad ännu: avgiften/hyran måste vara {late} försenad "
        f"({citations(probe.facts.tenure).forfeiture}). Uppsägning och ansökan om avhysning kan göras tidigast "
        f"{earliest}."
    )
    return _p("filed.not-forfeited", message)


# --- Kronofogden and service ---------------------------------------------------------------------
def after_filing(probe: Probe) -> Problem | None:
    rule = f"{FLOW}: steget följer på ansökan och uppsägningen"
    return _needs(probe, probe.progress.filed, EventKind.FILED, probe.event.kind.label, rule)


def social_needed(probe: Probe) -> Problem | None:
    tenure, progress = probe.facts.tenure, probe.progress
    recovery = citations(tenure).recovery
    if not tenure.needs_social_notice:
        message = (
            f"Underrättelse till socialnämnden behövs bara för bostäder, inte för {tenure.label.lower()} "
            f"({recovery})."
        )
        return _p("social-notified.not-needed", message)
    if progress.filed is not None and progress.filed <= probe.on and not progress.eviction:
        message = (
            "Ansökan avser bara betalningsföreläggande (ingen uppsägning för förverkande) – ingen "
            f"underrättelse till socialnämnden behövs ({recovery})."
        )
        return _p("social-notified.no-eviction", message)
    return None


def eviction_track(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.filed is None or progress.eviction:
        return None
    message = (
        "Ärendet har inget avhysningsspår (förverkandet läkt före uppsägningen, "
        f"{probe.facts.tenure.label.lower()} eller privatuthyrning) – {citations(probe.facts.tenure).cure}."
    )
    return _p("eviction.none", message)


def recovery_period_over(probe: Probe) -> Problem | None:
    end = probe.progress.recovery_end
    rule = citations(probe.facts.tenure).recovery
    if end is None:
        message = (
            "Återvinningsfristen har inte börjat: både delgivning och underrättelse till socialnämnden krävs "
            f"({rule})."
        )
        return _p("board-decision.no-period", message)
    if probe.on <= end:
        message = (
            f"Återvinningsfristen löper till och med {end.isoformat()} – styrelsen kan besluta tidigast dagen "
            f"efter ({rule})."
        )
        return _p("board-decision.before-end", message)
    recovered = probe.progress.recovered_on
    if recovered is not None:
        message = (
            f"Gäldenären betalade inom återvinningsfristen ({recovered.isoformat()}) och får behålla "
            f"lägenheten – återkalla avhysningen ({rule})."
        )
        return _p("board-decision.recovered", message)
    return None


def decision_given(probe: Probe) -> Problem | None:
    if probe.event.decision is not None:
        return None
    message = (
        "Ange styrelsens beslut: ja (verkställ avhysningen) eller nej – beslutet tas efter återvinningsfristen "
        f"({citations(probe.facts.tenure).recovery})."
    )
    return _p("board-decision.missing", message, "decision")


def board_said_yes(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.board_yes and progress.board_on is not None and progress.board_on <= probe.on:
        return None
    message = (
        f"”{probe.event.kind.label}” kräver att styrelsen har beslutat att avhysningen ska verkställas (beslutet "
        f"registreras efter återvinningsfristen, {citations(probe.facts.tenure).recovery})."
    )
    return _p(f"{probe.event.kind.value}.no-board-yes", message)


def enforcement_allowed(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.enforcement is not None and progress.enforcement_closed is None:
        message = f"Verkställighet är redan begärd ({progress.enforcement.isoformat()}) – {FLOW}."
        return _p("enforcement-requested.already", message)
    if progress.eviction and progress.eviction_pending:
        return board_said_yes(probe)
    rule = f"betalningsföreläggandet måste vara delgivet ({BFL})"
    return _needs(probe, progress.served, EventKind.SERVED, "Verkställighet (utmätning)", rule)


def bostadsratt_only(probe: Probe) -> Problem | None:
    if probe.facts.tenure is Tenure.BOSTADSRATT:
        return None
    kind = probe.event.kind
    rule = FORCED_SALE_RULE if kind is EventKind.FORCED_SALE_REQUESTED else PLEDGE_RULE
    return _p(f"{kind.value}.not-bostadsratt", f"”{kind.label}” gäller bara bostadsrätter ({rule}).")


def eviction_requested(probe: Probe) -> Problem | None:
    progress = probe.progress
    rule = f"{FLOW}: Kronofogden verkställer först efter en begäran om verkställighet"
    problem = _needs(probe, progress.enforcement, EventKind.ENFORCEMENT_REQUESTED, "Avhysning", rule)
    if problem is not None:
        return problem
    earliest = progress.eviction_decision_from
    if earliest is None or probe.on >= earliest:
        return None
    message = (
        f"Kronofogden kan besluta om avhysning tidigast {earliest.isoformat()}, tredje vardagen efter "
        f"återvinningsfristen ({citations(probe.facts.tenure).recovery})."
    )
    return _p("evicted.too-early", message)


def enforcement_open(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.enforcement is not None or progress.forced_sale is not None:
        return None
    message = f"Ingen verkställighet eller tvångsförsäljning är begärd som kan avslutas – {FLOW}."
    return _p("enforcement-closed.not-requested", message)


# --- plans, withdrawal -------------------------------------------------------------------------
def plan_terms(probe: Probe) -> Problem | None:
    terms = probe.event.plan
    if terms is None:
        message = f"Ange amorteringsplanens villkor (första förfallodag, belopp, antal) – {PLAN_RULE}."
        return _p("payment-plan.terms", message, "plan")
    if terms.count < 1 or terms.instalment_ore <= 0 or terms.interval_months < 1:
        message = f"Amorteringsplanen behöver minst en delbetalning med ett belopp över noll – {PLAN_RULE}."
        return _p("payment-plan.terms", message, "plan")
    if terms.first_due < probe.on:
        message = (
            f"Första delbetalningen ({terms.first_due.isoformat()}) kan inte ligga före planens datum "
            f"{probe.on.isoformat()} – {PLAN_RULE}."
        )
        return _p("payment-plan.terms", message, "plan")
    debt = debt_to_cover(probe.facts, probe.on, probe.rules.settings.allocation_order, probe.rules.rates)
    if covers_whole_debt(terms, debt):
        return None
    message = (
        f"Planen omfattar {kronor_text(plan_total(terms))} men skulden är {kronor_text(debt)} den "
        f"{probe.on.isoformat()} (kapital, ränta och avgifter) – {PLAN_RULE}."
    )
    return _p("payment-plan.not-whole-debt", message, "plan")


def plan_to_break(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.plan is not None and progress.plan_broken is None:
        return None
    message = f"Det finns ingen gällande amorteringsplan att markera som bruten – {FLOW}."
    return _p("payment-plan-broken.no-plan", message)


def withdrawable(probe: Probe) -> Problem | None:
    progress = probe.progress
    if probe.event.scope is WithdrawalScope.EVICTION:
        if progress.filed is None or not progress.eviction_pending:
            message = f"Det finns ingen ansökan om avhysning hos Kronofogden att återkalla – {FLOW}."
            return _p("withdrawn.no-eviction", message)
        return None
    # the whole case (scope ALL, or none given): a closed case only while a BF is still at Kronofogden
    if probe.stage is Stage.AVSLUTAD and (progress.filed is None or progress.withdrawn_all is not None):
        return _p("withdrawn.closed", f"Ärendet är redan avslutat – {FLOW}.")
    return None
