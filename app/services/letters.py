"""Producing documents: every PDF is kept with its SHA-256 (a new version each time, never
overwritten), previewed, and marked sent – which records the event the document completes."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, attributes

from app.documents import DocumentError, merge, render_document
from app.domain.action import DOCUMENT_EVENT, DocumentKind
from app.domain.deadlines import payment_deadline
from app.domain.event import Event, PaymentPlanTerms, WithdrawalScope
from app.domain.problem import Refused
from app.persistence import models as m
from app.services.cases import assess_cases, record_event_in
from app.services.clock import now_utc
from app.services.context import AppContext
from app.services import settings as settings_service
from app.services.letter_context import OWN_DEADLINE, LetterInputs, build_context


@dataclass(frozen=True)
class StoredDocument:
    document_id: int
    case_id: int
    kind: DocumentKind
    version: int
    letter_date: date
    sha256: str
    pdf: bytes = field(repr=False)


@dataclass(frozen=True)
class BatchResult:
    documents: tuple[StoredDocument, ...]
    paths: tuple[Path, ...]
    merged_path: Path | None
    skipped: tuple[str, ...]  # Swedish: which due action got no document, and why
    cancelled: bool = False


def _render(session: Session, case_id: int, kind: DocumentKind, as_of: date, inputs: LetterInputs) -> tuple[bytes, dict]:
    context = build_context(session, case_id, kind, as_of, inputs)
    try:
        pdf = render_document(kind, context)
    except DocumentError as error:
        raise Refused(str(error)) from error
    details = {"inputs": json.loads(inputs.to_json())}
    if context.payment_plan is not None and kind is DocumentKind.PAYMENT_PLAN:
        terms = context.payment_plan.terms
        details["plan"] = {"first_due": terms.first_due.isoformat(), "instalment_ore": terms.instalment_ore, "count": terms.count,
                           "interval_months": terms.interval_months, "last_instalment_ore": terms.last_instalment_ore}
    if context.withdrawal is not None:
        details["scope"] = context.withdrawal.scope.value
    if kind in OWN_DEADLINE and context.dates.payment_deadline is not None:
        details["payment_deadline"] = context.dates.payment_deadline.isoformat()
    return pdf, details


def produce(ctx: AppContext, case_id: int, kind: DocumentKind, as_of: date, inputs: LetterInputs | None = None) -> StoredDocument:
    """Render document `kind` for the case on `as_of` and keep it as a new version."""
    kind = DocumentKind(kind)
    inputs = inputs or LetterInputs()
    with ctx.transaction() as session:
        pdf, details = _render(session, case_id, kind, as_of, inputs)
        version = (session.scalar(sa.select(sa.func.max(m.Document.version)).where(m.Document.case_id == case_id, m.Document.kind == kind)) or 0) + 1
        digest = hashlib.sha256(pdf).hexdigest()
        row = m.Document(
            case_id=case_id, kind=kind, version=version, letter_date=as_of, pdf=pdf, sha256=digest,
            details=json.dumps(details, ensure_ascii=False, sort_keys=True), recorded_by=ctx.user, created_at=now_utc(),
        )
        session.add(row)
        session.flush()
        return StoredDocument(row.id, case_id, kind, version, as_of, digest, pdf)


def document_pdf(ctx: AppContext, document_id: int) -> bytes:
    """The exact bytes that were produced (and, once marked, sent)."""
    with ctx.reading() as session:
        row = session.get(m.Document, document_id)
        if row is None:
            raise Refused(f"Dokument {document_id} finns inte.")
        if hashlib.sha256(row.pdf).hexdigest() != row.sha256:
            raise Refused(f"Dokument {document_id} stämmer inte med sin kontrollsumma – filen har ändrats i databasen.")
        return row.pdf


def _completing_event(row: m.Document, sent_on: date, method: str) -> Event | None:
    event_kind = DOCUMENT_EVENT[DocumentKind(row.kind)]
    if event_kind is None:
        return None
    details = json.loads(row.details or "{}")
    plan = details.get("plan")
    terms = PaymentPlanTerms(
        first_due=date.fromisoformat(plan["first_due"]), instalment_ore=plan["instalment_ore"], count=plan["count"],
        interval_months=plan.get("interval_months", 1), last_instalment_ore=plan.get("last_instalment_ore"),
    ) if plan else None
    scope = WithdrawalScope(details["scope"]) if details.get("scope") else None
    return Event(kind=event_kind, on=sent_on, method=method, note=f"{DocumentKind(row.kind).label}, dokument {row.id} v{row.version}",
                 plan=terms, scope=scope)


def _check_time_to_pay(session: Session, row: m.Document, sent_on: date, as_of: date) -> None:
    """A letter sent later than its date must still give the full time to pay from sending (IkL 5 §)."""
    printed = json.loads(row.details or "{}").get("payment_deadline")
    if printed is None:
        return
    rules = settings_service.rules(session, as_of)
    needed = payment_deadline(sent_on, rules.settings, rules.calendar)
    if needed > date.fromisoformat(printed):
        raise Refused(
            f"{DocumentKind(row.kind).label} anger sista betalningsdag {printed}, men skickat {sent_on.isoformat()} måste "
            f"betalningstiden räcka till minst {needed.isoformat()} (inkassolagen 5 §: minst 8 dagar från avsändandet). "
            "Skapa en ny version daterad i dag och skicka den i stället."
        )


def mark_sent(ctx: AppContext, document_id: int, sent_on: date, method: str, as_of: date) -> int | None:
    """Mark a document sent and record the event it completes (one transaction). Returns the event id."""
    with ctx.transaction() as session:
        row = session.get(m.Document, document_id)
        if row is None:
            raise Refused(f"Dokument {document_id} finns inte.")
        if row.sent_on is not None:
            raise Refused(f"Dokumentet är redan markerat som skickat {row.sent_on.isoformat()}. Skapa en ny version om det ska skickas igen.")
        if sent_on < row.letter_date:
            raise Refused("Ett dokument kan inte skickas före sitt eget datum.")
        _check_time_to_pay(session, row, sent_on, as_of)
        event = _completing_event(row, sent_on, method)
        event_id = record_event_in(session, ctx.user, row.case_id, event, as_of) if event else None
        row.sent_on, row.sent_method, row.event_id = sent_on, method, event_id
        attributes.flag_modified(session.get(m.Case, row.case_id), "note")
        return event_id


def produce_due(
    ctx: AppContext,
    as_of: date,
    out_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BatchResult:
    """Every document today's due actions ask for, one PDF each plus one merged PDF for printing."""
    with ctx.reading() as session:
        assessed = assess_cases(session, as_of)
    wanted = [(case_id, action) for case_id, (_f, result) in sorted(assessed.items())
              for action in result.due_actions if action.due_date <= as_of and action.document is not None]
    out_dir.mkdir(parents=True, exist_ok=True)
    produced: list[StoredDocument] = []
    paths: list[Path] = []
    skipped: list[str] = []
    for index, (case_id, action) in enumerate(wanted):
        if cancelled and cancelled():
            return BatchResult(tuple(produced), tuple(paths), None, tuple(skipped), cancelled=True)
        if progress:
            progress(index, len(wanted))
        try:
            document = produce(ctx, case_id, action.document, as_of)
        except Refused as refused:
            skipped.append(f"Ärende {case_id}: {'; '.join(p.message for p in refused.problems)}")
            continue
        path = out_dir / f"arende-{case_id:05d}-{document.kind.value}-v{document.version}.pdf"
        path.write_bytes(document.pdf)
        produced.append(document)
        paths.append(path)
    if progress:
        progress(len(wanted), len(wanted))
    merged = None
    if produced:
        merged = out_dir / f"att-skriva-ut-{as_of.isoformat()}.pdf"
        merged.write_bytes(merge([d.pdf for d in produced]))
    return BatchResult(tuple(produced), tuple(paths), merged, tuple(skipped))

