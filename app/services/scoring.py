"""Scoring a debtor: gathering the inputs from the association's own data, storing snapshots, and
the calibration table over closed cases. The rules themselves are versioned data (resources/data/scoring)."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes

from app.domain.assessment import assess
from app.domain.calibration import CalibrationTable, Outcome, calibrate
from app.domain.event import EventKind
from app.domain.problem import Refused
from app.domain.scoring import ScoreContext, ScoreResult, ScoringInputs, ScoringRules, inputs_to_json, rules_from_dict, score, validate_inputs
from app.domain.stage import Stage
from app.persistence import models as m
from app.services import settings as settings_service
from app.services.case_facts import load_facts
from app.services.clock import now_utc
from app.services.context import AppContext
from app.services.resources import data_file

RULES_VERSION = "v1"


@lru_cache(maxsize=4)
def scoring_rules(version: str = RULES_VERSION) -> ScoringRules:
    with open(data_file(f"scoring/{version}.json"), encoding="utf-8") as handle:
        return rules_from_dict(json.load(handle))


@dataclass(frozen=True)
class KronofogdenCheck:
    """What Kronofogden said when asked (entered by hand)."""

    checked_on: date
    debt_ore: int = 0
    cases: int = 0
    debt_restructuring: bool = False


def _months_between(start: date, end: date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0))


def _outcome(session: Session, case_id: int, as_of: date) -> Outcome | None:
    """How a closed case ended, for the history factors and for calibration."""
    facts = load_facts(session, [case_id]).get(case_id)
    if facts is None:
        return None
    result = assess(facts, settings_service.rules(session, as_of), as_of)
    if result.stage is not Stage.AVSLUTAD:
        return None
    kinds = {e.kind for e in facts.events}
    if EventKind.EVICTED in kinds:
        return Outcome.EVICTED
    if EventKind.WRITTEN_OFF in kinds:
        return Outcome.WRITTEN_OFF
    if EventKind.PAYMENT_PLAN in kinds and EventKind.PAYMENT_PLAN_BROKEN not in kinds:
        return Outcome.PAYMENT_PLAN
    if EventKind.WITHDRAWN in kinds and result.settlement.total_ore > 0:
        return None  # withdrawn for another reason: tells nothing about paying
    return Outcome.PAID


def gather_inputs(session: Session, case_id: int, as_of: date) -> ScoringInputs:
    """The association's own data about the case's debtors (Kronofogden's part is added by hand)."""
    case = session.get(m.Case, case_id)
    if case is None:
        raise Refused(f"Ärende {case_id} finns inte.")
    person_ids = [p.id for p in case.debtors]
    claims = session.execute(
        sa.select(m.Claim.id, m.Claim.due_date, m.Claim.case_id).where(m.Claim.person_id.in_(person_ids))
    ).all()
    late_claims = [c for c in claims if c.case_id is not None and c.due_date <= as_of]

    def within(months: int) -> int:
        limit = date(as_of.year - months // 12, as_of.month, min(as_of.day, 28))
        return sum(1 for c in late_claims if c.due_date > limit)

    other_cases = sorted({c.case_id for c in claims if c.case_id not in (None, case_id)})
    outcomes = [_outcome(session, other, as_of) for other in other_cases]
    plan_events = session.execute(
        sa.select(m.Event.kind).where(m.Event.case_id.in_([*other_cases, case_id]), m.Event.reverses_event_id.is_(None),
                                      m.Event.kind.in_([EventKind.PAYMENT_PLAN, EventKind.PAYMENT_PLAN_BROKEN]))
    ).scalars().all()
    plans, broken = plan_events.count(EventKind.PAYMENT_PLAN), plan_events.count(EventKind.PAYMENT_PLAN_BROKEN)
    moved_in = session.scalar(
        sa.select(sa.func.min(m.Occupancy.moved_in)).where(m.Occupancy.unit_id == case.unit_id, m.Occupancy.person_id.in_(person_ids))
    )
    facts = load_facts(session, [case_id])[case_id]
    debt = assess(facts, settings_service.rules(session, as_of), as_of).settlement.total_ore
    return ScoringInputs(
        late_payments_12m=within(12),
        late_payments_24m=within(24),
        earlier_cases_paid=outcomes.count(Outcome.PAID),
        earlier_cases_payment_plan=outcomes.count(Outcome.PAYMENT_PLAN),
        earlier_cases_evicted=outcomes.count(Outcome.EVICTED),
        earlier_cases_written_off=outcomes.count(Outcome.WRITTEN_OFF),
        payment_plans_kept=max(0, plans - broken),
        payment_plans_broken=broken,
        months_lived=_months_between(moved_in, as_of) if moved_in else None,
        debt_ore=debt,
        monthly_charge_ore=case.unit.monthly_charge_ore,
        children_in_home=case.household_children > 0,
        children_count=case.household_children or None,
    )


def prefilled_inputs(ctx: AppContext, case_id: int, as_of: date) -> ScoringInputs:
    with ctx.reading() as session:
        return gather_inputs(session, case_id, as_of)


def _context(session: Session, case_id: int, as_of: date) -> ScoreContext:
    facts = load_facts(session, [case_id])[case_id]
    stage = assess(facts, settings_service.rules(session, as_of), as_of).stage
    return ScoreContext.SURVEILLANCE if stage is Stage.EFTERBEVAKNING else ScoreContext.ASSESSMENT


def score_case(
    ctx: AppContext, case_id: int, as_of: date, kfm: KronofogdenCheck | None = None, inputs: ScoringInputs | None = None
) -> ScoreResult:
    """Score the case's debtors and store the snapshot with its inputs, date and rules version."""
    with ctx.transaction() as session:
        base = inputs or gather_inputs(session, case_id, as_of)
        if kfm is not None:
            base = replace(base, kfm_checked_on=kfm.checked_on, kfm_debt_ore=kfm.debt_ore, kfm_cases=kfm.cases,
                           debt_restructuring=kfm.debt_restructuring)
        problems = validate_inputs(base, as_of)
        if problems:
            raise Refused(problems)
        rules = scoring_rules()
        result = score(base, rules, as_of, _context(session, case_id, as_of))
        session.add(m.ScoreSnapshot(
            case_id=case_id, scored_on=as_of, score=result.score, band=result.band.value,
            factors=json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True),
            inputs=json.dumps(inputs_to_json(base), ensure_ascii=False, sort_keys=True),
            rules_version=result.rules_version, recorded_by=ctx.user, created_at=now_utc(),
        ))
        attributes.flag_modified(session.get(m.Case, case_id), "note")
        return result


def calibration(ctx: AppContext, as_of: date) -> CalibrationTable:
    """How each band (of the first score in a case) turned out over the closed cases."""
    with ctx.reading() as session:
        first_bands = {}
        for case_id, band in session.execute(
            sa.select(m.ScoreSnapshot.case_id, m.ScoreSnapshot.band).order_by(m.ScoreSnapshot.scored_on, m.ScoreSnapshot.id)
        ):
            first_bands.setdefault(case_id, band)
        pairs = []
        for case_id, band in first_bands.items():
            outcome = _outcome(session, case_id, as_of)
            if outcome is not None:
                pairs.append((band, outcome))
        return calibrate(pairs)
