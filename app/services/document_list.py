"""The association's produced documents across all cases, newest first (for the GUI's Dokument page)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.domain.action import DocumentKind
from app.persistence import models as m
from app.domain.masking import initials
from app.services.context import AppContext


@dataclass(frozen=True)
class DocumentListRow:
    document_id: int
    case_id: int
    unit: str
    debtor: str
    debtor_initials: str
    kind: DocumentKind
    version: int
    letter_date: date
    sent_on: date | None
    sent_method: str | None


def list_documents(ctx: AppContext, unsent_only: bool = False) -> list[DocumentListRow]:
    """Every stored document (the PDF bytes are not loaded), newest first."""
    with ctx.reading() as session:
        stmt = (
            sa.select(m.Document.id, m.Document.case_id, m.Unit.number, m.Document.kind, m.Document.version,
                      m.Document.letter_date, m.Document.sent_on, m.Document.sent_method)
            .join(m.Case, m.Case.id == m.Document.case_id)
            .join(m.Unit, m.Unit.id == m.Case.unit_id)
            .order_by(m.Document.id.desc())
        )
        if unsent_only:
            stmt = stmt.where(m.Document.sent_on.is_(None))
        rows = session.execute(stmt).all()
        names: dict[int, list[str]] = {}
        for case_id, name in session.execute(
            sa.select(m.CaseDebtor.case_id, m.Person.name).join(m.Person, m.Person.id == m.CaseDebtor.person_id)
            .order_by(m.CaseDebtor.case_id, m.Person.id)
        ):
            names.setdefault(case_id, []).append(name)
    return [
        DocumentListRow(doc_id, case_id, unit, ", ".join(names.get(case_id, [])) or "–",
                        " ".join(initials(n) for n in names.get(case_id, [])) or "–",
                        DocumentKind(kind), version, letter_date, sent_on, sent_method)
        for doc_id, case_id, unit, kind, version, letter_date, sent_on, sent_method in rows
    ]
