"""Loading the recorded facts of cases from the database as the domain's frozen `CaseFacts`.

Undone entries (an original and the compensating row that reverses it) are left out, so the
domain sees only what stands. Loading is done in bulk: one query per table, not per case.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.event import Event, EventKind, PaymentPlanTerms, WithdrawalScope
from app.domain.facts import CaseFacts, ClaimFact, FeeFact, PaymentFact, ScoreFact
from app.domain.ids import CaseId, ClaimId, EventId, FeeId, PaymentId
from app.persistence import models as m


def event_details(event: Event) -> str:
    data: dict[str, object] = {}
    if event.grounded is not None:
        data["grounded"] = event.grounded
    if event.decision is not None:
        data["decision"] = event.decision
    if event.disputed_ore is not None:
        data["disputed_ore"] = event.disputed_ore
    if event.scope is not None:
        data["scope"] = event.scope.value
    if event.minutes_ref:
        data["minutes_ref"] = event.minutes_ref
    if event.plan is not None:
        data["plan"] = {
            "first_due": event.plan.first_due.isoformat(),
            "instalment_ore": event.plan.instalment_ore,
            "count": event.plan.count,
            "interval_months": event.plan.interval_months,
            "last_instalment_ore": event.plan.last_instalment_ore,
        }
    if event.extra:
        data["extra"] = dict(event.extra)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def to_domain_event(row: m.Event) -> Event:
    data = json.loads(row.details or "{}")
    plan = data.get("plan")
    return Event(
        kind=EventKind(row.kind),
        on=row.occurred_on,
        event_id=EventId(row.id),
        method=row.method,
        note=row.note,
        grounded=data.get("grounded"),
        decision=data.get("decision"),
        disputed_ore=data.get("disputed_ore"),
        scope=WithdrawalScope(data["scope"]) if data.get("scope") else None,
        minutes_ref=data.get("minutes_ref"),
        plan=PaymentPlanTerms(
            first_due=date.fromisoformat(plan["first_due"]),
            instalment_ore=int(plan["instalment_ore"]),
            count=int(plan["count"]),
            interval_months=int(plan.get("interval_months", 1)),
            last_instalment_ore=plan.get("last_instalment_ore"),
        )
        if plan
        else None,
        extra=tuple(sorted((data.get("extra") or {}).items())),
    )


def _standing(rows: Iterable, reverses_attr: str) -> list:
    rows = list(rows)
    undone = {getattr(r, reverses_attr) for r in rows if getattr(r, reverses_attr) is not None}
    return [r for r in rows if getattr(r, reverses_attr) is None and r.id not in undone]


def load_facts(session: Session, case_ids: Iterable[int] | None = None) -> dict[int, CaseFacts]:
    """CaseFacts for the given cases (all when None), keyed by case id."""
    wanted = None if case_ids is None else sorted(set(case_ids))

    def where(stmt, column):  # noqa: ANN001, ANN202
        return stmt if wanted is None else stmt.where(column.in_(wanted))

    cases = session.execute(
        where(sa.select(m.Case.id, m.Case.opened_on, m.Case.unit_id), m.Case.id).order_by(m.Case.id)
    ).all()
    if not cases:
        return {}
    unit_ids = {c.unit_id for c in cases}
    units = {u.id: u for u in session.scalars(sa.select(m.Unit).where(m.Unit.id.in_(unit_ids)))}
    cohabited = set(
        session.scalars(
            sa.select(m.Occupancy.unit_id).where(
                m.Occupancy.unit_id.in_(unit_ids), m.Occupancy.role == "cohabitant", m.Occupancy.moved_out.is_(None)
            )
        )
    )
    claims: dict[int, list[ClaimFact]] = defaultdict(list)
    for c in session.scalars(where(sa.select(m.Claim), m.Claim.case_id).where(m.Claim.case_id.is_not(None))):
        claims[c.case_id].append(
            ClaimFact(ClaimId(c.id), c.due_date, c.amount_ore, c.avi_number, c.kind, c.period_from, c.period_to, c.reference)
        )
    payments: dict[int, list[PaymentFact]] = defaultdict(list)
    for p in _standing(session.scalars(where(sa.select(m.Payment), m.Payment.case_id).where(m.Payment.case_id.is_not(None))), "reverses_payment_id"):
        payments[p.case_id].append(
            PaymentFact(PaymentId(p.id), p.amount_ore, p.order_date, p.booking_date, ClaimId(p.claim_id) if p.claim_id else None)
        )
    fees: dict[int, list[FeeFact]] = defaultdict(list)
    for f in _standing(session.scalars(where(sa.select(m.Fee), m.Fee.case_id)), "reverses_fee_id"):
        fees[f.case_id].append(FeeFact(FeeId(f.id), f.kind, f.amount_ore, f.charged_on))
    events: dict[int, list[Event]] = defaultdict(list)
    for e in _standing(session.scalars(where(sa.select(m.Event), m.Event.case_id).order_by(m.Event.id)), "reverses_event_id"):
        events[e.case_id].append(to_domain_event(e))
    scores: dict[int, list[ScoreFact]] = defaultdict(list)
    for s in session.scalars(where(sa.select(m.ScoreSnapshot), m.ScoreSnapshot.case_id).order_by(m.ScoreSnapshot.scored_on, m.ScoreSnapshot.id)):
        scores[s.case_id].append(ScoreFact(s.scored_on, s.score, s.band))
    result = {}
    for c in cases:
        unit = units[c.unit_id]
        result[c.id] = CaseFacts(
            case_id=CaseId(c.id),
            tenure=unit.tenure,
            opened_on=c.opened_on,
            claims=tuple(claims[c.id]),
            payments=tuple(payments[c.id]),
            fees=tuple(fees[c.id]),
            events=tuple(events[c.id]),
            scores=tuple(scores[c.id]),
            has_cohabitant=c.unit_id in cohabited,
            has_pledgee=bool(unit.pledgee_name),
            private_letting=unit.private_letting,
            monthly_charge_ore=unit.monthly_charge_ore,
        )
    return result
