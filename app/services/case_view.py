"""The whole of one case on a day: parties, claims, payments, balance, deadlines, events, actions."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from app.domain.action import DueAction
from app.domain.allocation import Settlement
from app.domain.assessment import Assessment, assess
from app.domain.stages import offered_events
from app.domain.event import EventKind
from app.domain.facts import FeeKind
from app.domain.problem import Problem, Refused
from app.domain.stage import SideState, Stage
from app.domain.tenure import ClaimKind, Tenure
from app.persistence import models as m
from app.services import settings as settings_service
from app.services.case_facts import load_facts
from app.services.context import AppContext


@dataclass(frozen=True)
class PersonRow:
    person_id: int
    name: str
    personnummer: str | None
    address: str
    postcode: str
    city: str
    email: str
    phone: str
    role: str  # "debtor" | "cohabitant"


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    number: str
    address: str
    postcode: str
    city: str
    rooms: int | None
    area_m2: int | None
    tenure: Tenure
    monthly_charge_ore: int
    pledgee_name: str
    pledgee_address: str


@dataclass(frozen=True)
class ClaimRow:
    claim_id: int
    avi_number: str
    kind: ClaimKind
    period_from: date
    period_to: date
    due_date: date
    amount_ore: int
    reference: str | None


@dataclass(frozen=True)
class PaymentRow:
    payment_id: int
    amount_ore: int
    order_date: date
    booking_date: date
    reference: str
    source: str
    undone: bool


@dataclass(frozen=True)
class FeeRow:
    fee_id: int
    kind: FeeKind
    amount_ore: int
    charged_on: date
    undone: bool


@dataclass(frozen=True)
class EventRow:
    event_id: int
    kind: EventKind
    on: date
    method: str | None
    note: str
    details: dict
    recorded_by: str
    recorded_at: datetime
    undone: bool  # reversed by a later compensating entry
    reverses: int | None


@dataclass(frozen=True)
class DocumentRow:
    document_id: int
    kind: str
    version: int
    letter_date: date
    sha256: str
    sent_on: date | None
    sent_method: str | None
    created_at: datetime


@dataclass(frozen=True)
class ScoreRow:
    score_id: int
    scored_on: date
    score: int
    band: str
    rules_version: str
    factors: list


@dataclass(frozen=True)
class CaseView:
    case_id: int
    version: int
    ocr: str
    opened_on: date
    as_of: date
    unit: UnitRow
    debtors: tuple[PersonRow, ...]
    cohabitants: tuple[PersonRow, ...]
    household_adults: int
    household_children: int
    note: str
    claims: tuple[ClaimRow, ...]
    payments: tuple[PaymentRow, ...]
    fees: tuple[FeeRow, ...]
    events: tuple[EventRow, ...]
    documents: tuple[DocumentRow, ...]
    scores: tuple[ScoreRow, ...]
    assessment: Assessment
    offered: tuple[tuple[EventKind, tuple[Problem, ...]], ...]

    @property
    def stage(self) -> Stage:
        return self.assessment.stage

    @property
    def side_states(self) -> frozenset[SideState]:
        return self.assessment.side_states

    @property
    def settlement(self) -> Settlement:
        return self.assessment.settlement

    @property
    def due_actions(self) -> tuple[DueAction, ...]:
        return self.assessment.due_actions


def _person(p: m.Person, role: str) -> PersonRow:
    return PersonRow(p.id, p.name, p.personnummer, p.address, p.postcode, p.city, p.email, p.phone, role)


def show_case(ctx: AppContext, case_id: int, as_of: date) -> CaseView:
    with ctx.reading() as session:
        case = session.get(m.Case, case_id)
        if case is None:
            raise Refused(f"Ärende {case_id} finns inte.")
        facts = load_facts(session, [case_id])[case_id]
        rules = settings_service.rules(session, as_of)
        assessment = assess(facts, rules, as_of)
        unit = case.unit
        cohabitants = session.scalars(
            sa.select(m.Person).join(m.Occupancy, m.Occupancy.person_id == m.Person.id)
            .where(m.Occupancy.unit_id == unit.id, m.Occupancy.role == "cohabitant", m.Occupancy.moved_out.is_(None))
        ).all()
        events = session.scalars(sa.select(m.Event).where(m.Event.case_id == case_id).order_by(m.Event.id)).all()
        undone_events = {e.reverses_event_id for e in events if e.reverses_event_id}
        payments = session.scalars(sa.select(m.Payment).where(m.Payment.case_id == case_id).order_by(m.Payment.order_date, m.Payment.id)).all()
        undone_payments = {p.reverses_payment_id for p in payments if p.reverses_payment_id}
        fees = session.scalars(sa.select(m.Fee).where(m.Fee.case_id == case_id).order_by(m.Fee.charged_on, m.Fee.id)).all()
        undone_fees = {f.reverses_fee_id for f in fees if f.reverses_fee_id}
        documents = session.execute(
            sa.select(m.Document.id, m.Document.kind, m.Document.version, m.Document.letter_date, m.Document.sha256,
                      m.Document.sent_on, m.Document.sent_method, m.Document.created_at)
            .where(m.Document.case_id == case_id).order_by(m.Document.id)
        ).all()
        scores = session.scalars(sa.select(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == case_id).order_by(m.ScoreSnapshot.scored_on, m.ScoreSnapshot.id)).all()
        return CaseView(
            case_id=case.id,
            version=case.version,
            ocr=case.ocr,
            opened_on=case.opened_on,
            as_of=as_of,
            unit=UnitRow(unit.id, unit.number, unit.address, unit.postcode, unit.city, unit.rooms, unit.area_m2, unit.tenure,
                         unit.monthly_charge_ore, unit.pledgee_name, unit.pledgee_address),
            debtors=tuple(_person(p, "debtor") for p in case.debtors),
            cohabitants=tuple(_person(p, "cohabitant") for p in cohabitants),
            household_adults=case.household_adults,
            household_children=case.household_children,
            note=case.note,
            claims=tuple(ClaimRow(c.id, c.avi_number, c.kind, c.period_from, c.period_to, c.due_date, c.amount_ore, c.reference) for c in case.claims),
            payments=tuple(PaymentRow(p.id, p.amount_ore, p.order_date, p.booking_date, p.reference, p.source,
                                      p.id in undone_payments or p.reverses_payment_id is not None) for p in payments),
            fees=tuple(FeeRow(f.id, f.kind, f.amount_ore, f.charged_on, f.id in undone_fees or f.reverses_fee_id is not None) for f in fees),
            events=tuple(EventRow(e.id, e.kind, e.occurred_on, e.method, e.note, json.loads(e.details or "{}"), e.recorded_by,
                                  e.recorded_at, e.id in undone_events, e.reverses_event_id) for e in events),
            documents=tuple(DocumentRow(*d) for d in documents),
            scores=tuple(ScoreRow(s.id, s.scored_on, s.score, s.band, s.rules_version, json.loads(s.factors)) for s in scores),
            assessment=assessment,
            offered=offered_events(facts, rules, as_of),
        )


def case_json(view: CaseView) -> dict:
    """The `case show --json` document of CLI.md."""
    a, s = view.assessment, view.assessment.settlement
    d = a.deadlines
    return {
        "case_id": view.case_id,
        "unit": view.unit.number,
        "tenure": view.unit.tenure.value,
        "stage": a.stage.value,
        "stage_since": a.stage_since.isoformat(),
        "side_states": sorted(x.value for x in a.side_states),
        "ocr": view.ocr,
        "debtors": [p.name for p in view.debtors],
        "balance": {
            "capital_ore": s.capital_ore,
            "interest_ore": s.interest_ore,
            "fees_ore": s.fees_ore,
            "total_ore": s.total_ore,
            "credit_ore": s.credit_ore,
            "provisional": s.provisional,
        },
        "deadlines": {
            "payment_deadline": _iso(d.payment_deadline),
            "recovery_period_end": _iso(d.recovery_period_end),
            "earliest_eviction_decision": _iso(d.earliest_eviction_decision),
            "limitation_date": _iso(d.limitation_date),
        },
        "due_actions": [due_json(view.case_id, x, view.as_of) for x in a.due_actions],
        "events": [{"kind": e.kind.value, "date": e.on.isoformat()} for e in view.events if not e.undone and e.reverses is None],
        "notes": list(a.notes),
    }


def due_json(case_id: int, action: DueAction, as_of: date) -> dict:
    return {
        "case_id": case_id,
        "action": action.action.value,
        "due_date": action.due_date.isoformat(),
        "overdue_days": action.overdue_days(as_of),
        "document": action.document.value if action.document else None,
        "reason": action.reason,
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
