"""Payments: registered by hand or imported, matched to a case, and undone only by new entries.

Every correction is append-only: an undo is a compensating row with the opposite amount, and moving
a payment to another case is an undo plus a new row – so the history of what was done stays.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes

from app.domain.ocr import case_id_from_ocr
from app.domain.problem import Problem, Refused
from app.persistence import models as m
from app.services.clock import now_utc
from app.services.context import AppContext


MAX_PAYMENT_ORE = 10**13  # 100 miljarder kronor: anything above is a typing error (and nears the 64-bit column)
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class UnmatchedRow:
    payment_id: int
    amount_ore: int
    order_date: date
    booking_date: date
    reference: str
    payer_name: str
    source: str
    note: str


def check_payment(amount_ore: int, order_date: date, booking_date: date, as_of: date) -> list[Problem]:
    problems = []
    if amount_ore <= 0:
        problems.append(Problem("payment.amount", "Beloppet måste vara större än noll.", "belopp"))
    elif amount_ore > MAX_PAYMENT_ORE:
        problems.append(Problem("payment.amount_too_large", "Beloppet är orimligt stort – kontrollera det.", "belopp"))
    if order_date > as_of:
        problems.append(Problem("payment.future", f"Betalningsdagen {order_date.isoformat()} ligger i framtiden.", "datum"))
    if booking_date < order_date:
        problems.append(Problem("payment.booking_order", "Bokföringsdagen kan inte vara före dagen då betalningsuppdraget gavs.", "bokföringsdag"))
    return problems


def resolve_reference(session: Session, reference: str) -> tuple[int | None, int | None]:
    """(case id, claim id) a payment reference points to: a case's OCR, or an avi's own reference."""
    ref = "".join(reference.split())
    if not ref:
        return None, None
    case_id = session.scalar(sa.select(m.Case.id).where(m.Case.ocr == ref))
    if case_id is None:
        guessed = case_id_from_ocr(ref)
        if guessed is not None and session.get(m.Case, guessed) is not None:
            case_id = guessed
    if case_id is not None:
        return case_id, None
    claim = session.execute(sa.select(m.Claim.id, m.Claim.case_id).where(m.Claim.reference == ref)).first()
    if claim is not None:
        return claim.case_id, claim.id
    return None, None


def touch_case(session: Session, case_id: int | None) -> None:
    if case_id is not None:
        case = session.get(m.Case, case_id)
        if case is not None:
            attributes.flag_modified(case, "note")  # a payment changes the case: bump its version


def register_payment(
    ctx: AppContext,
    case_id: int,
    amount_ore: int,
    order_date: date,
    as_of: date,
    booking_date: date | None = None,
    reference: str = "",
    note: str = "",
) -> int:
    """Register a payment by hand on a case. The payment-order date is what the law looks at."""
    booking_date = booking_date or order_date
    problems = check_payment(amount_ore, order_date, booking_date, as_of)
    if problems:
        raise Refused(problems)
    if not 0 < case_id <= MAX_ID:  # beyond SQLite's 64-bit integers no case can exist (and binding it overflows)
        raise Refused(f"Ärende {case_id} finns inte.")
    with ctx.transaction() as session:
        if session.get(m.Case, case_id) is None:
            raise Refused(f"Ärende {case_id} finns inte.")
        _ref_case, claim_id = resolve_reference(session, reference)
        if claim_id is not None and session.get(m.Claim, claim_id).case_id != case_id:
            claim_id = None  # the reference belongs to another case's avi: do not tie it there
        row = m.Payment(
            case_id=case_id, claim_id=claim_id, amount_ore=amount_ore, order_date=order_date, booking_date=booking_date,
            reference=reference.strip(), source="manual", note=note, recorded_by=ctx.user, recorded_at=now_utc(),
        )
        session.add(row)
        touch_case(session, case_id)
        session.flush()
        return row.id


def _standing_payment(session: Session, payment_id: int) -> m.Payment:
    row = session.get(m.Payment, payment_id)
    if row is None:
        raise Refused(f"Inbetalning {payment_id} finns inte.")
    if row.reverses_payment_id is not None:
        raise Refused("En motbokning kan inte ångras; registrera inbetalningen på nytt i stället.")
    if session.scalar(sa.select(m.Payment.id).where(m.Payment.reverses_payment_id == payment_id)) is not None:
        raise Refused(f"Inbetalning {payment_id} är redan ångrad.")
    return row


def _reverse(session: Session, row: m.Payment, user: str, note: str) -> m.Payment:
    reversal = m.Payment(
        case_id=row.case_id, claim_id=row.claim_id, amount_ore=-row.amount_ore, order_date=row.order_date,
        booking_date=row.booking_date, reference=row.reference, source="reversal", import_id=row.import_id,
        payer_name=row.payer_name, note=note, reverses_payment_id=row.id, recorded_by=user, recorded_at=now_utc(),
    )
    session.add(reversal)
    touch_case(session, row.case_id)
    return reversal


def undo_payment(ctx: AppContext, payment_id: int, note: str = "") -> int:
    """Undo a payment with a compensating entry (never a deletion)."""
    with ctx.transaction() as session:
        row = _standing_payment(session, payment_id)
        reversal = _reverse(session, row, ctx.user, note or f"Ångrar inbetalning {row.id}")
        session.flush()
        return reversal.id


def move_payment(ctx: AppContext, payment_id: int, case_id: int | None, claim_id: int | None = None) -> int:
    """Match an unmatched payment to a case (or move a wrongly matched one; None = back to unmatched)."""
    with ctx.transaction() as session:
        row = _standing_payment(session, payment_id)
        if case_id is not None and session.get(m.Case, case_id) is None:
            raise Refused(f"Ärende {case_id} finns inte.")
        if claim_id is not None:
            claim = session.get(m.Claim, claim_id)
            if claim is None or claim.case_id != case_id:
                raise Refused(f"Avi {claim_id} hör inte till ärende {case_id}.")
        if row.case_id == case_id and row.claim_id == claim_id:
            raise Refused("Inbetalningen är redan kopplad dit.")
        where = f"ärende {case_id}" if case_id is not None else "omatchade inbetalningar"
        _reverse(session, row, ctx.user, f"Flyttad till {where}")
        moved = m.Payment(
            case_id=case_id, claim_id=claim_id, amount_ore=row.amount_ore, order_date=row.order_date,
            booking_date=row.booking_date, reference=row.reference, source=row.source, import_id=row.import_id,
            payer_name=row.payer_name, note=f"Flyttad från inbetalning {row.id}", recorded_by=ctx.user, recorded_at=now_utc(),
        )
        session.add(moved)
        touch_case(session, case_id)
        session.flush()
        return moved.id


def unmatched(ctx: AppContext) -> list[UnmatchedRow]:
    """Payments that belong to no case yet, waiting for the treasurer."""
    with ctx.reading() as session:
        reversed_ids = set(session.scalars(sa.select(m.Payment.reverses_payment_id).where(m.Payment.reverses_payment_id.is_not(None))))
        rows = session.scalars(
            sa.select(m.Payment).where(m.Payment.case_id.is_(None), m.Payment.claim_id.is_(None), m.Payment.reverses_payment_id.is_(None))
            .order_by(m.Payment.order_date, m.Payment.id)
        ).all()
        return [
            UnmatchedRow(p.id, p.amount_ore, p.order_date, p.booking_date, p.reference, p.payer_name, p.source, p.note)
            for p in rows if p.id not in reversed_ids
        ]
