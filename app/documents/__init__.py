"""Letters and filing documents: compose(kind, ctx) -> description (pure), render(description) -> PDF.

Uses the domain and ReportLab only. See context.py for the input, description.py for the output
of compose(), and resources/templates/ for the letter texts.
"""
from __future__ import annotations

from app.documents.compose import IDENTIFYING_KINDS, SPECS, compose
from app.documents.context import (
    KRONOFOGDEN,
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
from app.documents.description import DocumentDescription
from app.documents.layout import render
from app.documents.merge import merge
from app.documents.reports import BoardRow, DocumentRow, PaymentRow, TimelineRow, compose_board_report, compose_case_file
from app.documents.resources import resources_dir
from app.documents.template import DocumentError, MissingField, TemplateError
from app.domain.action import DocumentKind


def render_document(kind: DocumentKind, ctx: LetterContext) -> bytes:
    """compose + render: the PDF bytes of document `kind` for the case in `ctx`."""
    return render(compose(kind, ctx))


__all__ = [
    "KRONOFOGDEN", "Address", "BoardInfo", "BoardRow", "DocumentRow", "PaymentRow", "TimelineRow",
    "compose_board_report", "compose_case_file", "merge", "CaseDates", "Creditor", "DocumentDescription", "DocumentError",
    "DocumentKind", "FeeLine", "Household", "IDENTIFYING_KINDS", "KronofogdenInfo", "LetterContext",
    "LetterTexts", "MissingField", "ObjectionInfo", "Organisation", "PaymentPlanInfo", "Person", "SPECS",
    "ServiceInfo", "TemplateError", "Unit", "WithdrawalInfo", "compose", "render", "render_document",
    "resources_dir",
]
