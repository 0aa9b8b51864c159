"""Board report (plain and masked), the complete case file, and the merged print PDF."""
from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from app.documents import (
    BoardRow,
    DocumentRow,
    PaymentRow,
    TimelineRow,
    compose_board_report,
    compose_case_file,
    merge,
    render,
)
from app.domain.action import DocumentKind as K
from app.domain.stage import SideState, Stage
from app.domain.tenure import Tenure
from tests.documents.cases import BRF, flat, letter_context, pdf_text

AS_OF = date(2026, 4, 24)
ROWS = (
    BoardRow(12, "1203", ("Tolvan Tolvansson", "Tolva Tolvansson"), Tenure.BOSTADSRATT, Stage.BESLUT,
             1_355_000, 31_884, 128_000, next_action="Styrelsen beslutar om avhysning", next_deadline=date(2026, 4, 24)),
    BoardRow(13, "0804", ("Sven Svensson",), Tenure.BOSTADSRATT, Stage.INKASSOKRAV, 485_000, 1_200, 18_000,
             next_action="Gör riskbedömning", next_deadline=date(2026, 4, 29)),
    BoardRow(14, "0102", ("Anna-Karin af Klint",), Tenure.BOSTADSRATT, Stage.INKASSOKRAV, 970_000, 3_500, 18_000,
             side_states=(SideState.BESTRIDD,)),
)


def test_board_report_groups_cases_by_stage_with_totals():
    text = flat(pdf_text(render(compose_board_report(ROWS, masked=False, as_of=AS_OF, association=BRF))))
    # 1 355 000 + 31 884 + 128 000 = 1 514 884; 485 000 + 1 200 + 18 000 = 504 200; 970 000 + 3 500 + 18 000 = 991 500
    assert "3 ärenden, sammanlagt 30 105,84 kr obetalt per 24 april 2026" in text
    assert text.index("Inkassokrav (2)") < text.index("Beslut (1)")
    assert "1203 Tolvan Tolvansson, Tolva Tolvansson Bostadsrätt 13 550,00 kr 318,84 kr 1 280,00 kr 15 148,84 kr" in text
    assert "Bestridd" in text
    # the stage subtotal: 504 200 + 991 500 = 1 495 700
    assert "Summa 14 550,00 kr 47,00 kr 360,00 kr 14 957,00 kr" in text
    # the next deadline first
    assert text.index("0804 Sven") < text.index("0102 Anna")


def test_masked_board_report_shows_unit_numbers_and_initials_only():
    text = flat(pdf_text(render(compose_board_report(ROWS, masked=True, as_of=AS_OF, association=BRF))))
    assert "(maskerad)" in text and "1203 T.T., T.T." in text and "0102 A.K.A.K." in text
    for name in ("Tolvan", "Svensson", "Klint"):
        assert name not in text


def test_board_report_is_landscape_with_no_address_window():
    desc = compose_board_report(ROWS, masked=True, as_of=AS_OF, association=BRF)
    page = PdfReader(io.BytesIO(render(desc))).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert desc.recipient == ()


def _case_file(masked: bool) -> str:
    ctx = letter_context("bostadsratt", K.BOARD_DECISION)
    timeline = (
        TimelineRow(date(2026, 3, 2), "Inkassokrav skickat", "post"),
        TimelineRow(date(2026, 4, 2), "Delgiven", "stämningsman", "Personlig delgivning kl. 18.10"),
    )
    payments = (PaymentRow(date(2026, 2, 10), date(2026, 2, 11), 100_000, "700001290", "kapital avi 10231"),)
    documents = (
        DocumentRow(date(2026, 3, 2), "Inkassokrav", 1, "ab" * 32, date(2026, 3, 2), "post"),
        DocumentRow(date(2026, 3, 13), "Ansökan om betalningsföreläggande och handräckning", 1, "cd" * 32),
    )
    return flat(pdf_text(render(compose_case_file(ctx, Stage.BESLUT, timeline, payments, documents, masked))))


def test_case_file_holds_timeline_balance_and_documents():
    text = _case_file(masked=False)
    assert "Ärendeakt – Ärende 2026-0012" in text
    assert "Stadie Beslut" in text
    assert "Personnummer 19121212-1212" in text
    assert "2026-04-02 Delgiven stämningsman Personlig delgivning kl. 18.10" in text
    assert "2026-02-10 2026-02-11 1 000,00 kr 700001290 kapital avi 10231" in text
    assert "10257 Årsavgift mars 2026 2026-02-27 4 850,00 kr 4 850,00 kr" in text
    assert "Att betala 15 148,84 kr" in text
    assert "Återvinningsfristen går ut 2026-04-23" in text
    assert "2026-03-02 Inkassokrav 1 2026-03-02 post " + " ".join(["ab" * 8] * 4) in text
    assert "ej skickad" in text


def test_masked_case_file_hides_names_and_personnummer():
    text = _case_file(masked=True)
    assert "(maskerad)" in text and "T.T." in text
    assert "19121212" not in text and "Tolvansson" not in text


def test_merge_keeps_every_page_in_order():
    demand = render(compose_board_report(ROWS[:1], masked=True, as_of=AS_OF, association=BRF))
    from app.documents import render_document

    letter = render_document(K.DEMAND, letter_context("bostadsratt", K.DEMAND))
    merged = merge([letter, demand])
    pages = PdfReader(io.BytesIO(merged)).pages
    counts = [len(PdfReader(io.BytesIO(p)).pages) for p in (letter, demand)]
    assert len(pages) == sum(counts)
    assert "Inkassokrav" in pages[0].extract_text()
    assert "Styrelserapport" in pages[counts[0]].extract_text()
    assert merge([letter, demand]) == merged
