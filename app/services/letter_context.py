"""Building a letter's `LetterContext` from the database: the case as it stands on the letter date,
plus the fee the letter's own event will charge (an inkassokrav states its inkassoavgift)."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.documents import (
    Address,
    BoardInfo,
    CaseDates,
    Creditor,
    FeeLine,
    Household,
    KronofogdenInfo,
    LetterContext,
    LetterTexts,
    ObjectionInfo,
    Organisation,
    PaymentPlanInfo,
    Person,
    ServiceInfo,
    Unit,
    WithdrawalInfo,
)
from app.domain.action import DOCUMENT_EVENT, DocumentKind
from app.domain.allocation import settle
from app.domain.assessment import Assessment, assess
from app.domain.deadlines import payment_deadline
from app.domain.limitation import claim_years
from app.domain.event import Event, EventKind, PaymentPlanTerms, WithdrawalScope
from app.domain.facts import CaseFacts, FeeFact, FeeKind
from app.domain.ids import FeeId
from app.domain.payment_plan import propose_plan, schedule
from app.domain.problem import Refused
from app.domain.rules import Rules
from app.persistence import models as m
from app.services import settings as settings_service
from app.services.case_facts import load_facts
from app.services.fees import fees_to_charge

REPLY_DAYS = 14
OWN_DEADLINE = frozenset({DocumentKind.DEMAND, DocumentKind.REMINDER, DocumentKind.LIMITATION_REMINDER})


@dataclass(frozen=True)
class LetterInputs:
    """What the treasurer enters for a letter that the database cannot know."""

    objection_statement: str = ""
    objection_reply: str = ""
    credited_ore: int = 0
    plan_months: int = 6
    plan_first_due: date | None = None
    server_name: str = ""
    server_address: str = ""  # "Street 1, 123 45 City"
    board_meeting: date | None = None
    enforcement_wanted: bool = True
    withdrawal_reason: str = ""
    kfm_case_number: str = ""
    note: str = ""

    def to_json(self) -> str:
        return json.dumps({k: (v.isoformat() if isinstance(v, date) else v) for k, v in dataclasses.asdict(self).items()},
                          ensure_ascii=False, sort_keys=True)


def parse_address(text: str) -> Address:
    """'Box 1, 105 00 Stockholm' → Address(street, postcode, city); a missing part stays empty."""
    street, _, rest = text.rpartition(",") if "," in text else (text, "", "")
    rest = rest.strip()
    postcode = " ".join(rest.split()[:2]) if rest[:3].isdigit() else ""
    city = rest[len(postcode):].strip() if postcode else rest
    return Address(street.strip(), postcode, city)


def _creditor(session: Session) -> Creditor:
    a = session.scalars(sa.select(m.Association)).one()
    treasurer = session.get(m.Setting, "treasurer_name")
    signatory = treasurer.value if treasurer and treasurer.value else a.contact_name
    return Creditor(
        name=a.name, orgnr=a.orgnr, address=Address(a.address, a.postcode, a.city), bankgiro=a.bankgiro, email=a.email,
        phone=a.phone, contact_person=a.contact_name or signatory, municipality=a.municipality.removesuffix(" kommun").removesuffix("s"),
        signatory=signatory, signatory_title="Kassör",
    )


def _person(p: m.Person, unit: m.Unit) -> Person:
    # a debtor who lives in the unit gets the letter there: street with the unit number (Posten's lgh)
    address = Address(p.address, p.postcode, p.city) if p.address else Address(
        f"{unit.address} lgh {unit.number}" if unit.tenure.is_home else unit.address, unit.postcode, unit.city)
    return Person(p.name, p.personnummer or "", address, p.email, p.phone)


def _dates(facts: CaseFacts, result: Assessment, kind: DocumentKind | None, as_of: date, rules: Rules) -> CaseDates:
    def last(kind_: EventKind) -> date | None:
        event = facts.last(kind_)
        return event.on if event else None

    demand = as_of if kind is DocumentKind.DEMAND else last(EventKind.DEMAND_SENT)
    deadline = result.deadlines.payment_deadline
    if kind in OWN_DEADLINE:
        # a letter asking for payment gives its own time to pay, counted from its date (IkL 5 §)
        deadline = payment_deadline(as_of, rules.settings, rules.calendar)
    filed = last(EventKind.FILED) or (as_of if kind in (DocumentKind.APPLICATION, DocumentKind.TERMINATION, DocumentKind.SOCIAL_NOTICE) else None)
    board = facts.last(EventKind.BOARD_DECISION)
    return CaseDates(
        letter_date=as_of,
        reminder_sent=last(EventKind.REMINDER_SENT),
        demand_sent=demand,
        payment_deadline=deadline,
        filed=filed,
        social_notice=last(EventKind.SOCIAL_NOTIFIED) or (as_of if kind is DocumentKind.SOCIAL_NOTICE else None),
        served=last(EventKind.SERVED),
        recovery_period_end=result.deadlines.recovery_period_end,
        earliest_eviction_decision=result.deadlines.earliest_eviction_decision,
        board_decision=board.on if board else None,
        evicted=last(EventKind.EVICTED),
        limitation_date=result.deadlines.limitation_date,
        moved_out=last(EventKind.MOVED_OUT),
        reply_by=rules.calendar.deadline_days(as_of, REPLY_DAYS),
    )


def _letter_event(kind: DocumentKind, as_of: date, inputs: LetterInputs, plan: PaymentPlanTerms | None) -> Event | None:
    event_kind = DOCUMENT_EVENT[kind]
    if event_kind is None:
        return None
    scope = WithdrawalScope.EVICTION if kind is DocumentKind.WITHDRAWAL else None
    return Event(kind=event_kind, on=as_of, plan=plan, scope=scope)


def _plan_terms(session: Session, facts: CaseFacts, rules: Rules, as_of: date, inputs: LetterInputs) -> PaymentPlanTerms:
    fee = settings_service.fee_amount(session, FeeKind.PAYMENT_PLAN, as_of)
    debt = settle(facts.claims, facts.payments, facts.fees, as_of, rules.rates, rules.settings.allocation_order).total_ore + fee
    first_due = inputs.plan_first_due or rules.calendar.deadline_days(as_of, 30)
    return propose_plan(debt, max(1, inputs.plan_months), first_due)


def build_context(session: Session, case_id: int, kind: DocumentKind | None, as_of: date, inputs: LetterInputs) -> LetterContext:
    """The context of document `kind` (None: the case as it stands, e.g. for the case file)."""
    case = session.get(m.Case, case_id)
    if case is None:
        raise Refused(f"Ärende {case_id} finns inte.")
    facts = load_facts(session, [case_id])[case_id]
    rules = settings_service.rules(session, as_of)
    result = assess(facts, rules, as_of)
    plan = _plan_terms(session, facts, rules, as_of, inputs) if kind is DocumentKind.PAYMENT_PLAN else None
    letter_event = _letter_event(kind, as_of, inputs, plan) if kind is not None else None
    extra_fees = fees_to_charge(session, facts, letter_event, rules) if letter_event else ()
    virtual = tuple(FeeFact(FeeId(-1 - i), k, amount, as_of) for i, (k, amount) in enumerate(extra_fees))
    all_fees = facts.fees + virtual
    settlement = settle(facts.claims, facts.payments, all_fees, as_of, rules.rates, rules.settings.allocation_order)
    kinds = {f.fee_id: f for f in all_fees}
    fee_lines = tuple(FeeLine(kinds[fid].kind, left, kinds[fid].charged_on) for fid, left in settlement.fees)
    unit = case.unit
    cohabitants = session.scalars(
        sa.select(m.Person).join(m.Occupancy, m.Occupancy.person_id == m.Person.id)
        .where(m.Occupancy.unit_id == unit.id, m.Occupancy.role == "cohabitant", m.Occupancy.moved_out.is_(None))
    ).all()
    association = session.scalars(sa.select(m.Association)).one()
    note = session.get(m.Setting, "letter_note")
    return LetterContext(
        creditor=_creditor(session),
        debtors=tuple(_person(p, unit) for p in case.debtors),
        unit=Unit(unit.number, Address(unit.address, unit.postcode, unit.city), unit.tenure, unit.monthly_charge_ore,
                  rooms=unit.rooms, area_m2=unit.area_m2),
        claims=facts.claims,
        settlement=settlement,
        ocr=case.ocr,
        case_reference=f"Ärende {case.id}",
        dates=_dates(facts, result, kind, as_of, rules),
        fees=fee_lines,
        recovery_amount_ore=result.deadlines.recovery_amount_ore or settlement.capital_ore,
        household=Household(case.household_adults, case.household_children),
        cohabitants=tuple(_person(p, unit) for p in cohabitants),
        pledgee=Organisation(unit.pledgee_name, parse_address(unit.pledgee_address)) if unit.pledgee_name else None,
        social_services=Organisation(
            association.social_services_name or f"Socialnämnden i {association.municipality}",
            Address(association.social_services_address, association.social_services_postcode, association.social_services_city),
        ) if association.social_services_address else None,
        kfm=_kfm(session, facts, as_of, result, inputs),
        service=_service(session, facts, inputs),
        objection=_objection(facts, inputs),
        board=_board(session, facts, case_id, inputs),
        payment_plan=_plan(plan or (facts.last(EventKind.PAYMENT_PLAN).plan if facts.last(EventKind.PAYMENT_PLAN) else None), extra_fees, session, as_of),
        withdrawal=_withdrawal(facts, settlement, inputs, kind),
        texts=LetterTexts(note=inputs.note or (note.value if note else "")),
        limitation_years=min((claim_years(unit.tenure, c.kind) for c in facts.claims), default=None),
        demand_days=rules.settings.payment_days,
    )


def kfm_case_number(facts: CaseFacts) -> str:
    """Kronofogden's målnummer, as recorded with an event (the latest one given)."""
    numbers = [dict(e.extra).get("kfm_case_number", "") for e in facts.events]
    return next((n for n in reversed(numbers) if n), "")


def _kfm(session: Session, facts: CaseFacts, as_of: date, result: Assessment, inputs: LetterInputs) -> KronofogdenInfo:
    def cap(kind: FeeKind) -> int:
        return settings_service.fee_cap(session, kind, as_of) or 0

    return KronofogdenInfo(
        case_number=inputs.kfm_case_number or kfm_case_number(facts), eviction=result.eviction_track, enforcement_wanted=inputs.enforcement_wanted,
        application_fee_ore=cap(FeeKind.KFM_APPLICATION), own_work_payment_order_ore=cap(FeeKind.OWN_WORK_PAYMENT_ORDER),
        own_work_eviction_ore=cap(FeeKind.OWN_WORK_EVICTION), enforcement_fee_ore=cap(FeeKind.ENFORCEMENT),
    )


def _service(session: Session, facts: CaseFacts, inputs: LetterInputs) -> ServiceInfo | None:
    name = inputs.server_name or _setting(session, "service_name")
    if not name:
        return None
    address = parse_address(inputs.server_address or _setting(session, "service_address"))
    failed = tuple((e.on, e.note or "Delgivningsförsöket misslyckades") for e in facts.events_of(EventKind.SERVICE_FAILED))
    return ServiceInfo(Organisation(name, address), attempts=failed)


def _objection(facts: CaseFacts, inputs: LetterInputs) -> ObjectionInfo | None:
    event = facts.last(EventKind.OBJECTION)
    if event is None:
        return None
    return ObjectionInfo(
        received_on=event.on, statement=inputs.objection_statement or event.note or "Gäldenären bestrider kravet.",
        grounded=bool(event.grounded), reply=inputs.objection_reply, disputed_ore=event.disputed_ore, credited_ore=inputs.credited_ore,
    )


def _board(session: Session, facts: CaseFacts, case_id: int, inputs: LetterInputs) -> BoardInfo:
    decision = facts.last(EventKind.BOARD_DECISION)
    latest = session.scalars(sa.select(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == case_id)
                             .order_by(m.ScoreSnapshot.scored_on.desc(), m.ScoreSnapshot.id.desc()).limit(1)).first()
    risk = ""
    if latest is not None:
        band = {"lag": "låg", "medel": "medel", "hog": "hög"}.get(latest.band, latest.band)
        risk = f"Riskbedömning {latest.scored_on.isoformat()}: {latest.score} poäng, risk {band}."
    return BoardInfo(
        meeting_date=inputs.board_meeting or (decision.on if decision else None),
        decision=decision.decision if decision else None,
        minutes_ref=(decision.minutes_ref or "") if decision else "",
        risk_summary=risk,
    )


def _plan(terms: PaymentPlanTerms | None, extra_fees, session: Session, as_of: date) -> PaymentPlanInfo | None:  # noqa: ANN001
    if terms is None:
        return None
    fee = sum(amount for kind, amount in extra_fees if kind is FeeKind.PAYMENT_PLAN)
    rows = schedule(terms)
    return PaymentPlanInfo(terms=terms, schedule=rows, debt_ore=sum(r.amount_ore for r in rows), fee_ore=fee)


def _withdrawal(facts: CaseFacts, settlement, inputs: LetterInputs, kind: DocumentKind) -> WithdrawalInfo | None:  # noqa: ANN001
    if kind is not DocumentKind.WITHDRAWAL:
        return None
    paid = [p for p in facts.payments]
    last_paid = max((p.order_date for p in paid), default=None)
    scope = WithdrawalScope.ALL if settlement.total_ore == 0 else WithdrawalScope.EVICTION
    return WithdrawalInfo(scope=scope, paid_on=last_paid, paid_ore=sum(p.amount_ore for p in paid), reason=inputs.withdrawal_reason)


def _setting(session: Session, key: str) -> str:
    row = session.get(m.Setting, key)
    return row.value if row else ""

