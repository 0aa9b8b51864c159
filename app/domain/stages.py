"""The process's one transition table (event → allowed stages, target, guards) and stage derivation.

A case's stage is derived by replaying its events through the table; the time transitions (the
payment deadline passing, the recovery period ending unpaid) and "paid in full" are computed on top.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from app.domain import guards as g
from app.domain.arrears import CapitalHistory, owed_on, rent_history
from app.domain.event import Event, EventKind, WithdrawalScope
from app.domain.facts import CaseFacts
from app.domain.problem import Problem
from app.domain.progress import MAIN_LINE, Progress
from app.domain.rules import Rules
from app.domain.stage import SideState, Stage

Guard = g.Guard
Target = Callable[[Progress, Event], Stage | None]

ALL = frozenset(Stage)
OPEN = ALL - {Stage.AVSLUTAD}
BEFORE_FILING = frozenset({Stage.NY, Stage.INKASSOKRAV, Stage.BEDOMNING})
AT_KRONOFOGDEN = frozenset(
    {Stage.ANSOKAN, Stage.DELGIVNING, Stage.ATERVINNINGSFRIST, Stage.BESLUT, Stage.VERKSTALLIGHET}
)
SERVICE = frozenset({Stage.ANSOKAN, Stage.DELGIVNING})


@dataclass(frozen=True)
class Transition:
    kind: EventKind
    sources: frozenset[Stage]  # the stages the event may be recorded in
    target: Stage | Target | None = None  # None: the case stays in its stage
    guards: tuple[Guard, ...] = ()  # about the case: checked for buttons and for recording
    detail_guards: tuple[Guard, ...] = ()  # about the event's own details: checked when recording

    def target_for(self, progress: Progress, event: Event) -> Stage | None:
        if self.target is None or isinstance(self.target, Stage):
            return self.target
        return self.target(progress, event)


def _after_service(progress: Progress, event: Event) -> Stage:
    # No eviction track: after service the next step is enforcement (utmätning), a decision to take.
    if not progress.eviction:
        return Stage.BESLUT
    # JB 12:44 / BRL 7:23: the recovery period runs only once the social notice is also given.
    return Stage.ATERVINNINGSFRIST if progress.social_done else Stage.DELGIVNING


def _after_social(progress: Progress, event: Event) -> Stage | None:
    return Stage.ATERVINNINGSFRIST if progress.served is not None and progress.eviction else None


def _after_move_out(progress: Progress, event: Event) -> Stage | None:
    return Stage.EFTERBEVAKNING if progress.filed is not None else None


def _after_withdrawal(progress: Progress, event: Event) -> Stage:
    # Eviction withdrawn: Kronofogden's BF continues for what is still owed (AVSLUTAD if nothing is).
    return Stage.EFTERBEVAKNING if event.scope is WithdrawalScope.EVICTION else Stage.AVSLUTAD


# Steps recorded at most once.
_SOCIAL_ONCE = g.once("social", "Underrättelsen till socialnämnden är redan registrerad")
_INFORMED_ONCE = g.once("informed", "Informationen till gäldenären är redan registrerad")
_SERVED_ONCE = g.once("served", "Delgivningen är redan registrerad")
_BOARD_ONCE = g.once("board_on", "Styrelsebeslutet är redan registrerat")
_COHABITANT_ONCE = g.once("cohabitant", "Meddelandet till sambon är redan registrerat")
_SALE_ONCE = g.once("forced_sale", "Begäran om tvångsförsäljning är redan registrerad")
_EVICTED_ONCE = g.once("evicted", "Avhysningen är redan registrerad")
_PLEDGEE_ONCE = g.once("pledgee", "Underrättelsen till panthavaren är redan registrerad")
_MOVED_ONCE = g.once("moved_out", "Avflyttningen är redan registrerad")

BESLUT = frozenset({Stage.BESLUT})
ENFORCING = frozenset({Stage.BESLUT, Stage.VERKSTALLIGHET})
VERKSTALLIGHET = frozenset({Stage.VERKSTALLIGHET})

# The one transition table: event kind, allowed stages, target (None: stays), guards, detail guards.
TRANSITIONS: dict[EventKind, Transition] = {
    t.kind: t
    for t in (
        Transition(EventKind.REMINDER_SENT, BEFORE_FILING | {Stage.EFTERBEVAKNING}, None, (g.something_overdue,)),
        Transition(EventKind.DEMAND_SENT, BEFORE_FILING, Stage.INKASSOKRAV, (g.something_overdue,)),
        Transition(EventKind.OBJECTION, OPEN, None, (g.no_open_objection,), (g.objection_amount,)),
        Transition(EventKind.OBJECTION_RESOLVED, OPEN, None, (g.open_objection,)),
        Transition(
            EventKind.FILED, frozenset({Stage.BEDOMNING}), Stage.ANSOKAN,
            (g.deadline_passed, g.something_owed, g.not_disputed, g.no_kept_plan, g.forfeited_if_eviction),
        ),
        Transition(
            EventKind.SOCIAL_NOTIFIED, SERVICE, _after_social, (g.after_filing, g.social_needed, _SOCIAL_ONCE)
        ),
        Transition(EventKind.DEBTOR_INFORMED, AT_KRONOFOGDEN, None, (g.after_filing, _INFORMED_ONCE)),
        Transition(EventKind.SERVICE_STARTED, SERVICE, Stage.DELGIVNING, (g.after_filing, _SERVED_ONCE)),
        Transition(EventKind.SERVICE_FAILED, SERVICE, Stage.DELGIVNING, (g.after_filing, _SERVED_ONCE)),
        Transition(EventKind.SERVED, SERVICE, _after_service, (g.after_filing, _SERVED_ONCE)),
        Transition(
            EventKind.BOARD_DECISION, BESLUT, None,
            (g.eviction_track, g.recovery_period_over, _BOARD_ONCE), (g.decision_given,),
        ),
        Transition(EventKind.COHABITANT_NOTIFIED, ENFORCING, None, (g.board_said_yes, _COHABITANT_ONCE)),
        Transition(
            EventKind.ENFORCEMENT_REQUESTED, BESLUT | {Stage.EFTERBEVAKNING}, Stage.VERKSTALLIGHET,
            (g.after_filing, g.enforcement_allowed),
        ),
        Transition(
            EventKind.FORCED_SALE_REQUESTED, ENFORCING, Stage.VERKSTALLIGHET,
            (g.bostadsratt_only, g.eviction_track, g.board_said_yes, _SALE_ONCE),
        ),
        Transition(
            EventKind.EVICTED, VERKSTALLIGHET, Stage.EFTERBEVAKNING,
            (g.eviction_track, g.board_said_yes, g.eviction_requested, _EVICTED_ONCE),
        ),
        Transition(EventKind.ENFORCEMENT_CLOSED, VERKSTALLIGHET, Stage.EFTERBEVAKNING, (g.enforcement_open,)),
        Transition(
            EventKind.PLEDGEE_NOTIFIED, AT_KRONOFOGDEN, None, (g.bostadsratt_only, g.after_filing, _PLEDGEE_ONCE)
        ),
        Transition(EventKind.PAYMENT_PLAN, OPEN, None, (g.something_owed,), (g.plan_terms,)),
        Transition(EventKind.PAYMENT_PLAN_BROKEN, OPEN, None, (g.plan_to_break,)),
        Transition(EventKind.MOVED_OUT, OPEN, _after_move_out, (_MOVED_ONCE,)),
        Transition(EventKind.LIMITATION_REMINDER_SENT, OPEN, None, (g.something_owed,)),
        Transition(EventKind.WITHDRAWN, ALL, _after_withdrawal, (g.withdrawable,)),
        Transition(EventKind.WRITTEN_OFF, OPEN, Stage.AVSLUTAD),
    )
}
assert set(TRANSITIONS) == set(EventKind), "every event kind needs a row in the transition table"


@dataclass(frozen=True)
class Track:
    """The replayed case on a day: what the events established, and the stage before 'paid in full'."""

    progress: Progress
    stage: Stage
    since: date
    moved_on: date  # the last day an event (not the passing of time) moved the case
    path: tuple[tuple[Stage, date], ...] = ()  # every stage the case entered, with the day, oldest first


def _advance(progress: Progress, stage: Stage, since: date, day: date) -> tuple[Stage, date]:
    """Time transitions up to `day`: the demand's deadline passing, the recovery period ending unpaid."""
    deadline = progress.payment_deadline
    if stage is Stage.INKASSOKRAV and deadline is not None and day > deadline:
        stage, since = Stage.BEDOMNING, deadline + timedelta(days=1)
    if stage is Stage.ATERVINNINGSFRIST:
        end = progress.recovery_end
        if end is not None and day > end and progress.recovered_on is None:
            stage, since = Stage.BESLUT, end + timedelta(days=1)
    return stage, since


def replay(facts: CaseFacts, rules: Rules, money: CapitalHistory, until: date, extra: Event | None = None) -> Track:
    """Replay the events dated on or before `until` (and `extra`, recorded last) through the table.

    An event whose stage the table does not allow is still a fact: it is recorded, but moves nothing.
    """
    events = [e for e in facts.events if e.on <= until]
    if extra is not None:
        events.append(extra)
    events.sort(key=lambda e: e.on)  # stable: recorded order within a day
    progress = Progress(facts, rules, money)
    stage, since = Stage.NY, facts.opened_on
    moved_on = since
    path = [(stage, since)]
    for event in events:
        stage, since = _advance(progress, stage, since, event.on)
        if stage is not path[-1][0]:
            path.append((stage, since))
        transition = TRANSITIONS[event.kind]
        allowed = stage in transition.sources
        progress.record(event)
        target = transition.target_for(progress, event) if allowed else None
        if target is not None and target is not stage:
            stage, since, moved_on = target, event.on, event.on
            path.append((stage, since))
    stage, since = _advance(progress, stage, since, until)
    if stage is not path[-1][0]:
        path.append((stage, since))
    return Track(progress, stage, since, moved_on, tuple(path))


def conclude(track: Track, paid_in_full: bool, day: date) -> tuple[Stage, date]:
    """Paid in full closes the case – unless the eviction part is still before Kronofogden."""
    if track.stage is Stage.AVSLUTAD or not paid_in_full or track.progress.eviction_pending:
        return track.stage, track.since
    # closed by the payment that cleared the debt – or by the event that released the last hold on it
    paid_on = track.progress.money.last_payment_on(day) or track.since
    return Stage.AVSLUTAD, max(track.moved_on, paid_on)


def stage_path(facts: CaseFacts, rules: Rules, as_of: date) -> tuple[tuple[Stage, date], ...]:
    """Every stage the case entered up to `as_of`, with the day it entered it – from one replay.

    A case closed by payment shows Avslutad from the payment that cleared it; stages the passing of time
    would have brought after that day are not shown.
    """
    money = rent_history(facts, rules.rates, as_of)
    track = replay(facts, rules, money, as_of)
    owed = owed_on(facts, money, as_of, rules.rates, rules.settings.allocation_order)
    stage, since = conclude(track, owed <= 0, as_of)
    if stage is track.stage:
        return track.path
    return (*(entry for entry in track.path if entry[1] <= since), (stage, since))


# --- asking the table --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Situation:
    facts: CaseFacts
    rules: Rules
    as_of: date
    money: CapitalHistory


def _stage_on(situation: _Situation, day: date, extra: Event | None = None) -> tuple[Track, Stage]:
    facts, rules = situation.facts, situation.rules
    track = replay(facts, rules, situation.money, day, extra)
    owed = owed_on(facts, situation.money, day, rules.rates, rules.settings.allocation_order)
    return track, conclude(track, owed <= 0, day)[0]


def _last_main(facts: CaseFacts) -> date | None:
    days = [e.on for e in facts.events if e.kind in MAIN_LINE]
    return max(days) if days else None


def _problems(situation: _Situation, event: Event, details: bool) -> tuple[Problem, ...]:
    track, stage = _stage_on(situation, event.on)
    probe = g.Probe(situation.facts, situation.rules, situation.as_of, situation.money, track.progress, stage, event)
    transition = TRANSITIONS[event.kind]
    found: list[Problem | None] = [g.not_in_future(probe), g.not_before_opened(probe)]
    if event.kind in MAIN_LINE:
        found.append(g.in_order(probe, _last_main(situation.facts)))
    if stage not in transition.sources:
        allowed = ", ".join(s.label for s in Stage if s in transition.sources)
        found.append(
            Problem(
                "stage.not-allowed",
                f"”{event.kind.label}” kan inte registreras när ärendet är i steget {stage.label} "
                f"(ärendeflödet tillåter det i: {allowed}).",
            )
        )
    found.extend(guard(probe) for guard in transition.guards)
    if details:
        found.extend(guard(probe) for guard in transition.detail_guards)
    return tuple(p for p in found if p is not None)


def _situation(facts: CaseFacts, rules: Rules, as_of: date) -> _Situation:
    money = rent_history(facts, rules.rates, as_of)
    return _Situation(facts, rules, as_of, money)


def check_event(facts: CaseFacts, event: Event, rules: Rules, as_of: date) -> tuple[Problem, ...]:
    """Why `event` may not be recorded now – empty when it may. Each reason names its rule."""
    return _problems(_situation(facts, rules, as_of), event, details=True)


def offered_events(facts: CaseFacts, rules: Rules, as_of: date) -> tuple[tuple[EventKind, tuple[Problem, ...]], ...]:
    """Every event kind with the reasons it is refused today (empty: offered), for buttons and menus."""
    situation = _situation(facts, rules, as_of)
    return tuple((kind, _problems(situation, _probe_event(kind, as_of), details=False)) for kind in EventKind)


def _probe_event(kind: EventKind, on: date, scope: WithdrawalScope | None = None) -> Event:
    if kind is EventKind.BOARD_DECISION:
        return Event(kind, on, decision=True)
    if kind is EventKind.WITHDRAWN:
        return Event(kind, on, scope=scope or WithdrawalScope.ALL)
    return Event(kind, on)


def events_to_reach(facts: CaseFacts, rules: Rules, as_of: date, target: Stage) -> tuple[EventKind, ...]:
    """The event kinds that, recorded today, move the case to `target` (a board's drag and drop)."""
    situation = _situation(facts, rules, as_of)
    _, current = _stage_on(situation, as_of)
    if current is target:
        return ()
    found: list[EventKind] = []
    for kind in EventKind:
        scopes = (WithdrawalScope.ALL, WithdrawalScope.EVICTION) if kind is EventKind.WITHDRAWN else (None,)
        for scope in scopes:
            event = _probe_event(kind, as_of, scope)
            if _problems(situation, event, details=False):
                continue
            if _stage_on(situation, as_of, extra=event)[1] is target and kind not in found:
                found.append(kind)
    return tuple(found)


def with_event(facts: CaseFacts, event: Event) -> CaseFacts:
    """The facts with `event` recorded last (for previews)."""
    return replace(facts, events=(*facts.events, event))


# --- side states -------------------------------------------------------------------------------
def side_states(progress: Progress, stage: Stage, as_of: date) -> frozenset[SideState]:
    """Bestridd (open grounded objection before filing), Tvist (contested at Kronofogden), Amorteringsplan (kept)."""
    if stage is Stage.AVSLUTAD:
        return frozenset()
    found: set[SideState] = set()
    if progress.grounded_objection is not None:
        found.add(SideState.BESTRIDD)
    if progress.objection is not None and progress.objection_at_kfm:
        found.add(SideState.TVIST)
    if progress.plan_kept(as_of):
        found.add(SideState.AMORTERINGSPLAN)
    return frozenset(found)


def timeline_paused(progress: Progress, sides: frozenset[SideState]) -> bool:
    """A side state holds the timeline. Bestridd only until the filing: a filing covers the undisputed part."""
    if SideState.TVIST in sides or SideState.AMORTERINGSPLAN in sides:
        return True
    return SideState.BESTRIDD in sides and progress.filed is None


def resumed_on(progress: Progress, as_of: date) -> date | None:
    """The day the latest pause ended (an objection resolved, a plan missed or fully paid)."""
    days = [progress.objection_pause_ended]
    status = progress.plan_status(as_of, even_if_broken=True)
    if status is not None:
        missed = next((s.deadline for s in status.instalments if s.missed), None)
        if missed is not None:
            days.append(missed + timedelta(days=1))
        elif progress.plan_broken is not None:
            days.append(progress.plan_broken)
        elif status.completed:
            days.append(max(s.paid_on for s in status.instalments if s.paid_on is not None))
    known = [day for day in days if day is not None and day <= as_of]
    return max(known) if known else None
