"""The assessment of one case on a day: stage, side states, deadlines, due actions, balance and notes.

`assess` is the engine's one entry point for reading a case; it is pure and linear in the case's size.
The settlement (interest to the day) is computed only when asked for or when the capital is paid.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from app.domain.action import DueAction
from app.domain.allocation import Settlement, settle
from app.domain.arrears import CapitalHistory, rent_history
from app.domain.deadlines import Deadlines, ForfeitureState
from app.domain.due_actions import ActionInput, due_actions
from app.domain.facts import CaseFacts
from app.domain.guards import citations
from app.domain.ids import CaseId
from app.domain.limitation import limitation
from app.domain.progress import Progress
from app.domain.rules import Rules
from app.domain.stage import SideState, Stage
from app.domain.stages import conclude, replay, resumed_on, side_states, timeline_paused
from app.domain.tenure import Tenure

PRIVATE_LETTING_NOTE = (
    "Privatuthyrning: privatuthyrningslagen (2026:772) gäller och omfattas inte av appen – "
    "ingen uppsägning eller avhysning i detta flöde; bara betalningskravet drivs."
)


@dataclass(frozen=True)
class Assessment:
    case_id: CaseId
    as_of: date
    stage: Stage
    stage_since: date  # the day the case entered the stage
    side_states: frozenset[SideState]
    deadlines: Deadlines
    due_actions: tuple[DueAction, ...]  # sorted by due date
    capital_ore: int  # unpaid capital on as_of
    eviction_track: bool  # the filing (made or to be made) seeks eviction
    paused: bool  # a side state holds the timeline
    _settle: Callable[[], Settlement] = field(repr=False, compare=False)
    _notes: Callable[[], tuple[str, ...]] = field(repr=False, compare=False, default=tuple)

    @cached_property
    def settlement(self) -> Settlement:
        """The balance on as_of (`allocation.settle`): computed on first use, then kept."""
        return self._settle()

    @cached_property
    def notes(self) -> tuple[str, ...]:
        """Swedish warnings about the case – worked out when shown (start-up needs only the actions)."""
        return self._notes()

    @property
    def days_in_stage(self) -> int:
        return (self.as_of - self.stage_since).days

    def due_on_or_before(self, day: date) -> tuple[DueAction, ...]:
        return tuple(a for a in self.due_actions if a.due_date <= day)


def assess(facts: CaseFacts, rules: Rules, as_of: date) -> Assessment:
    """Everything the app shows about a case on `as_of`, from its recorded facts."""
    money = rent_history(facts, rules.rates, as_of)
    settler = _Settler(facts, rules, as_of, money.settlement)
    capital = money.outstanding(as_of)
    # With capital left the case is owed; only a paid capital needs interest and fees to tell.
    paid_in_full = capital == 0 and settler().total_ore == 0
    track = replay(facts, rules, money, as_of)
    stage, since = conclude(track, paid_in_full, as_of)
    progress = track.progress
    sides = side_states(progress, stage, as_of)
    paused = timeline_paused(progress, sides)
    deadlines = _deadlines(facts, progress, money, as_of, settler.done)
    credit = settler.done.credit_ore if settler.done is not None else 0
    actions = due_actions(
        ActionInput(facts, rules, as_of, progress, stage, since, deadlines, sides, paused,
                    resumed_on(progress, as_of), paid_in_full, credit)
    )
    eviction = progress.eviction if progress.filed else _expects_eviction(facts)
    return Assessment(
        case_id=facts.case_id, as_of=as_of, stage=stage, stage_since=since, side_states=sides,
        deadlines=deadlines, due_actions=actions,
        _notes=lambda: _notes(facts, rules, progress, money, stage, sides, as_of),
        capital_ore=capital, eviction_track=eviction, paused=paused, _settle=settler,
    )


class _Settler:
    """Settles the case at most once per assessment."""

    def __init__(self, facts: CaseFacts, rules: Rules, as_of: date, done: Settlement | None):
        self.facts, self.rules, self.as_of, self.done = facts, rules, as_of, done

    def __call__(self) -> Settlement:
        if self.done is None:
            f, r = self.facts, self.rules
            self.done = settle(f.claims, f.payments, f.fees, self.as_of, r.rates, r.settings.allocation_order)
        return self.done


def _expects_eviction(facts: CaseFacts) -> bool:
    return facts.tenure.has_eviction_track and not facts.private_letting


def _deadlines(
    facts: CaseFacts, progress: Progress, money: CapitalHistory, as_of: date, settlement: Settlement | None
) -> Deadlines:
    interest_only = ()
    if settlement is not None:
        interest_only = tuple(c.claim_id for c in settlement.claims if c.interest_ore > 0)
    limit = limitation(facts, money, as_of, interest_only)
    forfeited = progress.forfeiture.forfeited_on if progress.forfeiture is not None and progress.eviction else None
    return Deadlines(
        payment_deadline=progress.payment_deadline,
        recovery_period_end=progress.recovery_end,
        earliest_eviction_decision=progress.eviction_decision_from,
        limitation_date=limit.date,
        recovery_amount_ore=progress.recovery_amount,
        forfeited_on=forfeited,
        limitation_rule=limit.rule,
        limitation_needs_filing=limit.needs_filing,
    )


def _notes(
    facts: CaseFacts, rules: Rules, progress: Progress, money: CapitalHistory, stage: Stage,
    sides: frozenset[SideState], as_of: date,
) -> tuple[str, ...]:
    notes: list[str] = []
    if facts.private_letting:
        notes.append(PRIVATE_LETTING_NOTE)
    if facts.tenure is Tenure.OVRIGT:
        notes.append("Övrig upplåtelse (t.ex. parkering eller förråd): inget avhysningsspår – efter delgivning "
                     "begärs verkställighet (utmätning).")
    notes.extend(_eviction_notes(facts, progress))
    if SideState.BESTRIDD in sides:
        notes.append("Bestridd: indrivningen av den bestridda delen är stoppad tills invändningen är utredd och "
                     "besvarad.")
    if SideState.TVIST in sides:
        notes.append("Tvist: gäldenären har bestritt hos Kronofogden – målet kan gå vidare till tingsrätten; "
                     "tidslinjen väntar.")
    if SideState.AMORTERINGSPLAN in sides:
        notes.append("Amorteringsplan: gäldenären följer planen – tidslinjen väntar så länge planen hålls.")
    late = _paid_just_after_the_period(facts, rules, progress, as_of)
    if late is not None:
        notes.append(late)
    missing = _provisional_from(rules, money, as_of) if stage is not Stage.AVSLUTAD else None
    if missing is not None:
        notes.append(f"Räntan är preliminär: referensräntan för halvåret från {missing.isoformat()} saknas "
                     "(räntelagen 9 §) – den senast kända används tills den förs in.")
    return tuple(notes)


BOOKING_LAG_VARDAGAR = 2  # a bank order given on one day is often booked one or two vardagar later


def _paid_just_after_the_period(facts: CaseFacts, rules: Rules, progress: Progress, as_of: date) -> str | None:
    """A payment dated within two vardagar after the recovery period, when the home was not recovered:
    a bank file gives the booking day, but JB 12:20/12:44 look at when the order was given – check it."""
    end = progress.recovery_end
    if end is None or progress.recovered_on is not None or not progress.eviction_pending:
        return None
    window = rules.calendar.nth_vardag_after(end, BOOKING_LAG_VARDAGAR)
    late = [p for p in facts.payments if end < p.order_date <= min(window, as_of)]
    if not late:
        return None
    day = late[0].order_date
    return (f"En inbetalning är daterad {day.isoformat()}, strax efter återvinningsfristen ({end.isoformat()}). "
            "Betalningen räknas från den dag banken tog emot betalningsuppdraget, inte bokföringsdagen: fråga "
            "banken eller gäldenären, och registrera om betalningen med rätt dag om uppdraget gavs i tid.")


def _eviction_notes(facts: CaseFacts, progress: Progress) -> list[str]:
    if progress.filed is None or not facts.tenure.has_eviction_track or facts.private_letting:
        return []
    cite = citations(facts.tenure)
    if progress.moved_out is not None and progress.moved_out <= progress.filed:
        return ["Gäldenären flyttade före ansökan – ansökan avser bara betalningsföreläggande, ingen "
                "avhysning."]
    state = progress.forfeiture.state if progress.forfeiture else None
    if state is ForfeitureState.CURED:
        return [f"Förverkandet är läkt: den förfallna avgiften/hyran betalades före uppsägningen ({cite.cure}). "
                "Ansökan avser bara betalningsföreläggande – ingen avhysning."]
    if state is ForfeitureState.NOTHING_DUE:
        return ["Ingen förfallen avgift/hyra var obetald vid ansökan – ansökan avser bara "
                "betalningsföreläggande, ingen avhysning."]
    if progress.recovered_on is not None and progress.eviction_pending:
        return [f"Återvunnen: beloppet i underrättelsen betalades {progress.recovered_on.isoformat()} inom "
                f"återvinningsfristen ({cite.recovery}) – avhysningen ska återkallas."]
    return []


def _provisional_from(rules: Rules, money: CapitalHistory, as_of: date) -> date | None:
    """The first half-year without its own referensränta while capital was unpaid (interest then provisional)."""
    if not money.claims:
        return None
    start = min(c.due_date for c in money.claims)
    end = as_of
    if money.outstanding(as_of) == 0:
        cleared = money.all_cleared_on(money.claims)
        end = min(as_of, cleared) if cleared is not None else as_of
    if end <= start:
        return None
    missing = rules.rates.missing_half_years(start, end)
    return missing[0] if missing else None
