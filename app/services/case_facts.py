"""Loading the recorded facts of cases from the database as the domain's frozen `CaseFacts`.

Undone entries (an original and the compensating row that reverses it) are left out, so the
domain sees only what stands. Loading is done in bulk: one query per table, not per case.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
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


def to_domain_event(row) -> Event:  # noqa: ANN001 - an ORM Event or a row with its columns
    data = _details(row.details)
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


@lru_cache(maxsize=256)
def _details_cached(text: str) -> dict:
    return json.loads(text)


def _details(text: str | None) -> dict:
    # most events share the same few detail documents ("{}"); parse each distinct one once
    return dict(_details_cached(text or "{}"))


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
    u = m.Unit
    unit_columns = sa.select(u.id, u.tenure, u.pledgee_name, u.private_letting, u.monthly_charge_ore)
    units = {row.id: row for row in session.execute(unit_columns if wanted is None else unit_columns.where(u.id.in_(unit_ids)))}
    cohabited = set(
        session.scalars(
            sa.select(m.Occupancy.unit_id).where(
                m.Occupancy.unit_id.in_(unit_ids), m.Occupancy.role == "cohabitant", m.Occupancy.moved_out.is_(None)
            )
        )
    )
    claims: dict[int, list[ClaimFact]] = defaultdict(list)
    c = m.Claim
    for row in session.execute(where(sa.select(c.id, c.case_id, c.due_date, c.amount_ore, c.avi_number, c.kind, c.period_from,
                                               c.period_to, c.reference), c.case_id).where(c.case_id.is_not(None))):
        claims[row.case_id].append(ClaimFact(ClaimId(row.id), row.due_date, row.amount_ore, row.avi_number, row.kind,
                                             row.period_from, row.period_to, row.reference))
    payments: dict[int, list[PaymentFact]] = defaultdict(list)
    p = m.Payment
    rows = session.execute(where(sa.select(p.id, p.case_id, p.amount_ore, p.order_date, p.booking_date, p.claim_id,
                                           p.reverses_payment_id), p.case_id).where(p.case_id.is_not(None))).all()
    for row in _standing(rows, "reverses_payment_id"):
        payments[row.case_id].append(PaymentFact(PaymentId(row.id), row.amount_ore, row.order_date, row.booking_date,
                                                 ClaimId(row.claim_id) if row.claim_id else None))
    fees: dict[int, list[FeeFact]] = defaultdict(list)
    f = m.Fee
    for row in _standing(session.execute(where(sa.select(f.id, f.case_id, f.kind, f.amount_ore, f.charged_on, f.reverses_fee_id), f.case_id)).all(), "reverses_fee_id"):
        fees[row.case_id].append(FeeFact(FeeId(row.id), row.kind, row.amount_ore, row.charged_on))
    events: dict[int, list[Event]] = defaultdict(list)
    e = m.Event
    event_rows = session.execute(where(sa.select(e.id, e.case_id, e.kind, e.occurred_on, e.method, e.note, e.details,
                                                 e.reverses_event_id), e.case_id).order_by(e.id)).all()
    for row in _standing(event_rows, "reverses_event_id"):
        events[row.case_id].append(to_domain_event(row))
    scores: dict[int, list[ScoreFact]] = defaultdict(list)
    s = m.ScoreSnapshot
    for row in session.execute(where(sa.select(s.case_id, s.scored_on, s.score, s.band), s.case_id).order_by(s.scored_on, s.id)):
        scores[row.case_id].append(ScoreFact(row.scored_on, row.score, row.band))
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
