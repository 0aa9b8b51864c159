"""Cases: opening, listing, showing and recording what happened – each command one transaction.

The stage, balance, deadlines and due actions are never stored: they are derived from the recorded
facts for the day asked about (`as_of`), here and on every start-up.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes
from sqlalchemy.orm.exc import StaleDataError

from app.domain.action import DueAction
from app.domain.assessment import Assessment, assess
from app.domain.stages import TRANSITIONS, check_event, offered_events
from app.domain.stages import events_to_reach as stage_events_to_reach
from app.domain.event import Event, EventKind
from app.domain.facts import CaseFacts
from app.domain.masking import initials
from app.domain.ocr import case_ocr
from app.domain.problem import Refused
from app.domain.stage import SideState, Stage
from app.domain.tenure import Tenure
from app.persistence import models as m
from app.services import settings as settings_service
from app.services.case_facts import event_details, load_facts
from app.services.clock import now_utc
from app.services.context import CONFLICT_MESSAGE, AppContext
from app.services.fees import charge_fees_for_event


@dataclass(frozen=True)
class CaseRow:
    """One case as the board and `cases` show it on a given day."""

    case_id: int
    unit: str
    tenure: Tenure
    debtor: str
    debtor_initials: str
    stage: Stage
    stage_since: date
    side_states: tuple[SideState, ...]
    capital_ore: int
    total_ore: int
    next_action: DueAction | None
    band: str | None
    provisional: bool
    opened_on: date
    as_of: date

    @property
    def days_in_stage(self) -> int:
        return max(0, (self.as_of - self.stage_since).days)


@dataclass(frozen=True)
class DueRow:
    case_id: int
    unit: str
    debtor: str
    debtor_initials: str
    action: DueAction
    as_of: date

    @property
    def overdue_days(self) -> int:
        return self.action.overdue_days(self.as_of)


def debtor_names(session: Session, case_ids: list[int] | None) -> dict[int, list[str]]:
    stmt = (
        sa.select(m.CaseDebtor.case_id, m.Person.name)
        .join(m.Person, m.Person.id == m.CaseDebtor.person_id)
        .order_by(m.CaseDebtor.case_id, m.Person.id)
    )
    if case_ids is not None:
        stmt = stmt.where(m.CaseDebtor.case_id.in_(case_ids))
    names: dict[int, list[str]] = {}
    for case_id, name in session.execute(stmt):
        names.setdefault(case_id, []).append(name)
    return names


def unit_numbers(session: Session) -> dict[int, str]:
    """Each case's unit number."""
    return dict(session.execute(sa.select(m.Case.id, m.Unit.number).join(m.Unit, m.Unit.id == m.Case.unit_id)).all())


def assess_cases(session: Session, as_of: date, case_ids: list[int] | None = None) -> dict[int, tuple[CaseFacts, Assessment]]:
    """Facts and their assessment for each case (all cases when `case_ids` is None)."""
    rules = settings_service.rules(session, as_of)
    return {cid: (facts, assess(facts, rules, as_of)) for cid, facts in load_facts(session, case_ids).items()}


def _rows(session: Session, as_of: date, case_ids: list[int] | None = None) -> list[CaseRow]:
    assessed = assess_cases(session, as_of, case_ids)
    names = debtor_names(session, case_ids)
    units = unit_numbers(session)
    rows = []
    for case_id, (facts, result) in assessed.items():
        debtors = names.get(case_id, [])
        debtor = debtors[0] + (" m.fl." if len(debtors) > 1 else "") if debtors else "–"
        rows.append(
            CaseRow(
                case_id=case_id,
                unit=units[case_id],
                tenure=facts.tenure,
                debtor=debtor,
                debtor_initials=" ".join(initials(n) for n in debtors) or "–",
                stage=result.stage,
                stage_since=result.stage_since,
                side_states=tuple(sorted(result.side_states, key=lambda s: s.value)),
                capital_ore=result.settlement.capital_ore,
                total_ore=result.settlement.total_ore,
                next_action=result.due_actions[0] if result.due_actions else None,
                band=facts.scores[-1].band if facts.scores else None,
                provisional=result.settlement.provisional,
                opened_on=facts.opened_on,
                as_of=as_of,
            )
        )
    return rows


def list_cases(ctx: AppContext, as_of: date, case_ids: list[int] | None = None) -> list[CaseRow]:
    """Every case's row on `as_of` – or only those in `case_ids` (a GUI refreshing what a command touched)."""
    with ctx.reading() as session:
        return _rows(session, as_of, case_ids)


def due_actions(ctx: AppContext, as_of: date, days: int = 0, case_ids: list[int] | None = None) -> list[DueRow]:
    """Due actions after recalculation, due on or before as_of + days; overdue first (only `case_ids` if given)."""
    horizon = date.fromordinal(as_of.toordinal() + max(0, days))
    with ctx.reading() as session:
        assessed = assess_cases(session, as_of, case_ids)
        names = debtor_names(session, case_ids)
        units = unit_numbers(session)
    rows = []
    for case_id, (_facts, result) in assessed.items():
        debtors = names.get(case_id, [])
        for action in result.due_actions:
            if action.due_date <= horizon:
                rows.append(
                    DueRow(case_id, units[case_id], ", ".join(debtors) or "–", " ".join(initials(n) for n in debtors) or "–", action, as_of)
                )
    rows.sort(key=lambda r: (r.action.due_date, r.case_id, r.action.action.value))
    return rows


def open_case(ctx: AppContext, unit_number: str, as_of: date) -> int:
    """Open a case holding the unit's due claims that are in no case yet."""
    with ctx.transaction() as session:
        unit = session.scalars(sa.select(m.Unit).where(m.Unit.number == unit_number.strip())).first()
        if unit is None:
            raise Refused(f"Det finns inget objekt med nummer ”{unit_number}”.")
        claims = session.scalars(
            sa.select(m.Claim)
            .where(m.Claim.unit_id == unit.id, m.Claim.case_id.is_(None), m.Claim.due_date <= as_of)
            .order_by(m.Claim.due_date)
        ).all()
        if not claims:
            raise Refused(
                f"Objekt {unit.number} har inga förfallna avier som inte redan ligger i ett ärende "
                f"(per {as_of.isoformat()}). Ett ärende öppnas bara för en förfallen, obetald fordran."
            )
        case = m.Case(unit_id=unit.id, ocr="", opened_on=as_of, created_at=now_utc())
        session.add(case)
        session.flush()
        case.ocr = case_ocr(case.id)
        for claim in claims:
            claim.case_id = case.id
        for person_id in sorted({c.person_id for c in claims}):
            session.add(m.CaseDebtor(case_id=case.id, person_id=person_id))
        return case.id


def record_event(ctx: AppContext, case_id: int, event: Event, as_of: date, expected_version: int | None = None) -> int:
    """Record what happened, if the process allows it; charges the fees the event brings."""
    try:
        with ctx.transaction() as session:
            return record_event_in(session, ctx.user, case_id, event, as_of, expected_version)
    except StaleDataError as exc:
        raise Refused(CONFLICT_MESSAGE) from exc


def record_event_in(session: Session, user: str, case_id: int, event: Event, as_of: date, expected_version: int | None = None) -> int:
    """`record_event` inside a transaction the caller owns (e.g. marking a letter sent)."""
    case = session.get(m.Case, case_id)
    if case is None:
        raise Refused(f"Ärende {case_id} finns inte.")
    if expected_version is not None and case.version != expected_version:
        raise Refused(CONFLICT_MESSAGE)
    facts = load_facts(session, [case_id])[case_id]
    rules = settings_service.rules(session, as_of)
    problems = check_event(facts, event, rules, as_of)
    if problems:
        raise Refused(problems)
    row = m.Event(
        case_id=case_id, kind=event.kind, occurred_on=event.on, method=event.method, note=event.note,
        details=event_details(event), recorded_by=user, recorded_at=now_utc(),
    )
    session.add(row)
    session.flush()
    charge_fees_for_event(session, user, facts, event, row.id, rules)
    attributes.flag_modified(case, "note")  # bumps the version: concurrent edits are detected
    return row.id


def undo_last_event(ctx: AppContext, case_id: int) -> int:
    """Undo the case's last standing event with a compensating entry (never a deletion)."""
    with ctx.transaction() as session:
        case = session.get(m.Case, case_id)
        if case is None:
            raise Refused(f"Ärende {case_id} finns inte.")
        rows = session.scalars(sa.select(m.Event).where(m.Event.case_id == case_id).order_by(m.Event.id)).all()
        undone = {r.reverses_event_id for r in rows if r.reverses_event_id}
        standing = [r for r in rows if r.reverses_event_id is None and r.id not in undone]
        if not standing:
            raise Refused("Det finns ingen händelse att ångra i ärendet.")
        last = standing[-1]
        reversal = m.Event(
            case_id=case_id,
            kind=last.kind,
            occurred_on=last.occurred_on,
            method=last.method,
            note=f"Ångrar händelse {last.id}",
            details=last.details,
            reverses_event_id=last.id,
            recorded_by=ctx.user,
            recorded_at=now_utc(),
        )
        session.add(reversal)
        for fee in session.scalars(sa.select(m.Fee).where(m.Fee.event_id == last.id, m.Fee.reverses_fee_id.is_(None))):
            session.add(
                m.Fee(case_id=case_id, event_id=last.id, kind=fee.kind, amount_ore=-fee.amount_ore, charged_on=fee.charged_on,
                      reverses_fee_id=fee.id, recorded_by=ctx.user, recorded_at=now_utc())
            )
        attributes.flag_modified(case, "note")
        session.flush()
        return reversal.id


# --- moving a card on the board ----------------------------------------------------------------
# The stages an event with a computed target can lead to (stages.TRANSITIONS: _after_service, …).
_COMPUTED_TARGETS: dict[EventKind, frozenset[Stage]] = {
    EventKind.SOCIAL_NOTIFIED: frozenset({Stage.ATERVINNINGSFRIST}),
    EventKind.SERVED: frozenset({Stage.DELGIVNING, Stage.ATERVINNINGSFRIST, Stage.BESLUT}),
    EventKind.MOVED_OUT: frozenset({Stage.EFTERBEVAKNING}),
    EventKind.WITHDRAWN: frozenset({Stage.EFTERBEVAKNING, Stage.AVSLUTAD}),
}


@dataclass(frozen=True)
class StageMove:
    """What dropping a case on another stage's column can record: the events, or why none (Swedish)."""

    case_id: int
    current: Stage
    target: Stage
    kinds: tuple[EventKind, ...]
    reasons: tuple[str, ...]


def _leads_to(kind: EventKind, target: Stage) -> bool:
    static = TRANSITIONS[kind].target
    if isinstance(static, Stage):
        return static is target
    return target in _COMPUTED_TARGETS.get(kind, frozenset())


def _no_move_reasons(result: Assessment, offered: dict[EventKind, tuple], target: Stage) -> list[str]:
    current = result.stage
    if target.order < current.order and target is not Stage.AVSLUTAD:
        return [f"Ett ärende går inte tillbaka från {current.label} till {target.label}. Har en händelse registrerats "
                "av misstag: ångra den i ärendet (Ctrl+Z)."]
    reasons: list[str] = []
    for kind, problems in offered.items():
        if _leads_to(kind, target):
            reasons.extend(p.message for p in problems if p.message not in reasons)
    deadlines = result.deadlines
    if target is Stage.BEDOMNING:
        when = f" ({deadlines.payment_deadline.isoformat()})" if deadlines.payment_deadline else ""
        reasons.insert(0, f"Ärendet går till Bedömning av sig självt dagen efter betalningsfristen i inkassokravet{when}.")
    if target is Stage.BESLUT and Stage.ATERVINNINGSFRIST is current:
        when = f" ({deadlines.recovery_period_end.isoformat()})" if deadlines.recovery_period_end else ""
        reasons.insert(0, f"Ärendet går till Beslut av sig självt när återvinningsfristen har löpt ut utan full betalning{when}.")
    if target is Stage.AVSLUTAD:
        reasons.append("Ett ärende avslutas också av sig självt när allt är betalt.")
    return reasons or [f"Ingen händelse som kan registreras i dag flyttar ärendet från {current.label} till {target.label}."]


def events_to_reach(ctx: AppContext, case_id: int, as_of: date, target: Stage) -> StageMove:
    """The events that, recorded today, move the case to `target` – checked by the same guards as recording."""
    with ctx.reading() as session:
        facts = load_facts(session, [case_id]).get(case_id)
        if facts is None:
            raise Refused(f"Ärende {case_id} finns inte.")
        rules = settings_service.rules(session, as_of)
    result = assess(facts, rules, as_of)
    if result.stage is target:
        return StageMove(case_id, result.stage, target, (), (f"Ärendet är redan i steget {target.label}.",))
    kinds = stage_events_to_reach(facts, rules, as_of, target)
    if kinds:
        return StageMove(case_id, result.stage, target, kinds, ())
    offered = dict(offered_events(facts, rules, as_of))
    return StageMove(case_id, result.stage, target, (), tuple(_no_move_reasons(result, offered, target)))


def save_note(ctx: AppContext, case_id: int, note: str, expected_version: int | None = None) -> int:
    """Keep the treasurer's free-text note on the case; returns the case's new version."""
    try:
        with ctx.transaction() as session:
            case = session.get(m.Case, case_id)
            if case is None:
                raise Refused(f"Ärende {case_id} finns inte.")
            if expected_version is not None and case.version != expected_version:
                raise Refused(CONFLICT_MESSAGE)
            case.note = note.strip()
            attributes.flag_modified(case, "note")
            session.flush()
            return case.version
    except StaleDataError as exc:
        raise Refused(CONFLICT_MESSAGE) from exc
