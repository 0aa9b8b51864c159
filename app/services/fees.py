"""Charging statutory fees when an event is recorded: which fees (domain rules), how much (the
association's setting, never above the effective cap)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.event import Event
from app.domain.facts import CaseFacts, FeeKind
from app.domain.fees import FeeCap, FeeSchedule, fees_for_event
from app.domain.rules import Rules
from app.persistence import models as m
from app.services import settings as settings_service
from app.services.clock import now_utc


def fee_schedule(session: Session) -> FeeSchedule:
    return FeeSchedule.of(FeeCap(r.kind, r.valid_from, r.cap_ore, r.source) for r in session.scalars(sa.select(m.FeeCapRow)))


def fees_to_charge(session: Session, facts: CaseFacts, event: Event, rules: Rules) -> tuple[tuple[FeeKind, int], ...]:
    """The fees recording `event` would charge: their conditions hold, the amount is the configured one."""
    amounts = {kind: settings_service.fee_amount(session, kind, event.on) for kind in FeeKind}
    return tuple(
        (kind, amount)
        for kind, amount in fees_for_event(event, facts, fee_schedule(session), rules.settings, amounts=amounts, rates=rules.rates)
        if amount > 0
    )


def charge_fees_for_event(session: Session, user: str, facts: CaseFacts, event: Event, event_id: int, rules: Rules) -> list[m.Fee]:
    charged = []
    for kind, amount in fees_to_charge(session, facts, event, rules):
        fee = m.Fee(
            case_id=facts.case_id, event_id=event_id, kind=kind, amount_ore=amount, charged_on=event.on,
            recorded_by=user, recorded_at=now_utc(),
        )
        session.add(fee)
        charged.append(fee)
    return charged
