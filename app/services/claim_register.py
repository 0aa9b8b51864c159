"""The register of claims (avier): listed, added and corrected by hand while no case holds them.

A claim that a case holds is part of that case's history (letters cite it): it is never changed or
deleted here – the case withdraws it instead.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.money import parse_kronor
from app.domain.ocr import check_ocr
from app.domain.problem import Problem, Refused
from app.domain.tenure import ClaimKind
from app.persistence import models as m
from app.services.clock import now_utc
from app.services.context import AppContext


@dataclass(frozen=True)
class ClaimForm:
    """What the claim form holds: the amount is still text (kronor, Swedish format)."""

    unit_id: int | None
    person_id: int | None
    avi_number: str
    kind: ClaimKind
    period_from: date | None
    period_to: date | None
    due_date: date | None
    amount: str
    reference: str = ""


@dataclass(frozen=True)
class ClaimRecord:
    claim_id: int
    avi_number: str
    unit_id: int
    unit_number: str
    person_id: int
    person_name: str
    kind: ClaimKind
    period_from: date
    period_to: date
    due_date: date
    amount_ore: int
    reference: str | None
    case_id: int | None


def _values(form: ClaimForm) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    if form.unit_id is None:
        problems.append(Problem("unit.missing", "Välj objektet avin gäller.", "unit_id"))
    if form.person_id is None:
        problems.append(Problem("person.missing", "Välj vem avin är ställd till.", "person_id"))
    avi = form.avi_number.strip()
    if not avi:
        problems.append(Problem("avi.missing", "Avinumret saknas.", "avi_number"))
    for name, label in (("period_from", "Periodens början"), ("period_to", "Periodens slut"), ("due_date", "Förfallodagen")):
        if getattr(form, name) is None:
            problems.append(Problem(f"{name}.missing", f"{label} saknas.", name))
    if form.period_from and form.period_to and form.period_to < form.period_from:
        problems.append(Problem("period.order", "Periodens slut kan inte vara före dess början.", "period_to"))
    amount = parse_kronor(form.amount, "beloppet")
    if isinstance(amount, Problem):
        problems.append(replace(amount, field="amount"))
        amount = 0
    elif amount <= 0:
        problems.append(Problem("amount.positive", "Beloppet måste vara större än noll.", "amount"))
    reference = "".join(form.reference.split())
    if reference:
        problems += [replace(p, field="reference") for p in check_ocr(reference)]
    values = {
        "unit_id": form.unit_id, "person_id": form.person_id, "avi_number": avi, "kind": form.kind,
        "period_from": form.period_from, "period_to": form.period_to, "due_date": form.due_date,
        "amount_ore": amount, "reference": reference or None,
    }
    return values, problems


def validate_claim(form: ClaimForm) -> list[Problem]:
    return _values(form)[1]


def _checked(session: Session, values: dict, claim_id: int | None) -> list[Problem]:
    problems = []
    if session.get(m.Unit, values["unit_id"]) is None:
        problems.append(Problem("unit.unknown", "Objektet finns inte.", "unit_id"))
    if session.get(m.Person, values["person_id"]) is None:
        problems.append(Problem("person.unknown", "Personen finns inte.", "person_id"))
    other = session.scalar(sa.select(m.Claim.id).where(m.Claim.avi_number == values["avi_number"]))
    if other is not None and other != claim_id:
        problems.append(Problem("avi.duplicate", f"Avi {values['avi_number']} finns redan.", "avi_number"))
    if values["reference"]:
        taken = session.scalar(sa.select(m.Claim.id).where(m.Claim.reference == values["reference"]))
        if taken is not None and taken != claim_id:
            problems.append(Problem("reference.duplicate", "En annan avi har redan detta OCR-nummer.", "reference"))
    return problems


def create_claim(ctx: AppContext, form: ClaimForm) -> int:
    values, problems = _values(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        problems = _checked(session, values, None)
        if problems:
            raise Refused(problems)
        row = m.Claim(**values, created_at=now_utc())
        session.add(row)
        session.flush()
        return row.id


def update_claim(ctx: AppContext, claim_id: int, form: ClaimForm) -> None:
    values, problems = _values(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        row = _open_claim(session, claim_id, "ändras")
        problems = _checked(session, values, claim_id)
        if problems:
            raise Refused(problems)
        for key, value in values.items():
            setattr(row, key, value)


def delete_claim(ctx: AppContext, claim_id: int) -> None:
    with ctx.transaction() as session:
        row = _open_claim(session, claim_id, "tas bort")
        if session.scalar(sa.select(m.Payment.id).where(m.Payment.claim_id == claim_id).limit(1)) is not None:
            raise Refused(f"Avi {row.avi_number} har inbetalningar kopplade till sig och kan inte tas bort.")
        session.delete(row)


def _open_claim(session: Session, claim_id: int, verb: str) -> m.Claim:
    row = session.get(m.Claim, claim_id)
    if row is None:
        raise Refused(f"Avi {claim_id} finns inte.")
    if row.case_id is not None:
        raise Refused(Problem(
            "claim.in_case",
            f"Avi {row.avi_number} ingår i ärende {row.case_id} och kan inte {verb} här – den är en del av ärendets "
            "historik. Återkalla den i ärendet om den är felaktig.",
        ))
    return row


def list_claims(ctx: AppContext, unit_id: int | None = None) -> list[ClaimRecord]:
    stmt = (
        sa.select(m.Claim, m.Unit.number, m.Person.name)
        .join(m.Unit, m.Unit.id == m.Claim.unit_id)
        .join(m.Person, m.Person.id == m.Claim.person_id)
        .order_by(m.Claim.due_date.desc(), m.Unit.number, m.Claim.id)
    )
    if unit_id is not None:
        stmt = stmt.where(m.Claim.unit_id == unit_id)
    with ctx.reading() as session:
        return [
            ClaimRecord(c.id, c.avi_number, c.unit_id, number, c.person_id, name, c.kind, c.period_from, c.period_to,
                        c.due_date, c.amount_ore, c.reference, c.case_id)
            for c, number, name in session.execute(stmt)
        ]
