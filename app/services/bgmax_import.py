"""Importing a Bankgirot BgMax file: whole or not at all, never twice, matched on OCR references."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes

from app.domain.bgmax import BgMaxError, BgMaxFile, BgPayment, parse_bgmax
from app.domain.problem import Refused
from app.persistence import models as m
from app.services import backups
from app.services.clock import now_utc
from app.services.context import AppContext


@dataclass(frozen=True)
class ImportedPayment:
    line_number: int
    amount_ore: int  # negative for a deduction (TK21)
    reference: str
    payer_name: str
    case_id: int | None
    claim_id: int | None

    @property
    def matched(self) -> bool:
        return self.case_id is not None or self.claim_id is not None


@dataclass(frozen=True)
class ImportSummary:
    filename: str
    payments: int
    matched: int
    unmatched: int
    total_ore: int
    rows: tuple[ImportedPayment, ...]
    committed: bool

    def as_json(self) -> dict:
        return {"payments": self.payments, "matched": self.matched, "unmatched": self.unmatched, "total_ore": self.total_ore}


class _References:
    """The file's references looked up in two queries (not two per payment)."""

    def __init__(self, session: Session, parsed: BgMaxFile):
        wanted = {ref for p in parsed.payments for ref in p.references}
        self.cases = dict(session.execute(sa.select(m.Case.ocr, m.Case.id).where(m.Case.ocr.in_(wanted))).all())
        self.claims = {row.reference: (row.case_id, row.id) for row in session.execute(
            sa.select(m.Claim.reference, m.Claim.case_id, m.Claim.id).where(m.Claim.reference.in_(wanted)))}

    def match(self, payment: BgPayment) -> tuple[int | None, int | None]:
        for reference in payment.references:
            if reference in self.cases:
                return self.cases[reference], None
            if reference in self.claims:
                return self.claims[reference]
        return None, None


def _preview(session: Session, parsed: BgMaxFile, filename: str) -> list[ImportedPayment]:
    rows = []
    references = _References(session, parsed)
    for deposit in parsed.deposits:
        for payment in deposit.payments:
            case_id, claim_id = references.match(payment)
            rows.append(ImportedPayment(payment.line_number, payment.amount_ore, payment.reference, payment.payer_name, case_id, claim_id))
        for deduction in deposit.deductions:
            # a deduction (avdrag) is never booked against a case automatically: the treasurer decides
            rows.append(ImportedPayment(deduction.line_number, -deduction.amount_ore, deduction.reference, deduction.payer_name, None, None))
    return rows


def import_bgmax(ctx: AppContext, data: bytes, filename: str, dry_run: bool = False) -> ImportSummary:
    """Parse, check and (unless dry_run) book every payment of the file in one transaction."""
    try:
        parsed = parse_bgmax(data)
    except BgMaxError as error:
        raise Refused(error.problem) from error
    digest = hashlib.sha256(data).hexdigest()
    if not dry_run:
        backups.backup_before(ctx, backups.BEFORE_IMPORT)
    session_scope = ctx.reading() if dry_run else ctx.transaction()
    with session_scope as session:
        earlier = session.scalars(
            sa.select(m.BgMaxImport).where(sa.or_(m.BgMaxImport.sha256 == digest, m.BgMaxImport.file_identity == parsed.identity))
        ).first()
        if earlier is not None:
            raise Refused(
                f"Filen {filename} är redan inläst ({earlier.imported_at:%Y-%m-%d %H:%M}, {earlier.filename}). "
                "En BgMax-fil läses bara in en gång."
            )
        rows = _preview(session, parsed, filename)
        total = sum(r.amount_ore for r in rows)
        if not dry_run:
            _book(session, ctx.user, parsed, digest, filename, rows, total)
    matched = sum(1 for r in rows if r.matched)
    return ImportSummary(filename, len(rows), matched, len(rows) - matched, total, tuple(rows), committed=not dry_run)


def _book(session: Session, user: str, parsed: BgMaxFile, digest: str, filename: str, rows: list[ImportedPayment], total: int) -> None:
    record = m.BgMaxImport(
        sha256=digest, filename=filename, file_identity=parsed.identity, payment_count=len(rows), total_ore=total,
        imported_at=now_utc(), recorded_by=user,
    )
    session.add(record)
    session.flush()
    dates = {p.line_number: d.payment_date for d in parsed.deposits for p in (*d.payments, *d.deductions)}
    for row in rows:
        paid_on = dates[row.line_number]
        session.add(m.Payment(
            case_id=row.case_id, claim_id=row.claim_id, amount_ore=row.amount_ore, order_date=paid_on, booking_date=paid_on,
            reference=row.reference, source="bgmax", import_id=record.id, payer_name=row.payer_name,
            note=f"BgMax {filename}, rad {row.line_number}", recorded_by=user, recorded_at=now_utc(),
        ))
    touched = {row.case_id for row in rows if row.case_id is not None}
    with session.no_autoflush:
        for case in session.scalars(sa.select(m.Case).where(m.Case.id.in_(touched))):
            attributes.flag_modified(case, "note")  # a payment changes the case: bump its version


def import_bgmax_file(ctx: AppContext, path: Path, dry_run: bool = False) -> ImportSummary:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"Filen {path} kunde inte läsas: {exc.strerror or exc}.") from exc
    return import_bgmax(ctx, data, path.name, dry_run)
