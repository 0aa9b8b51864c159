"""The PDF as printed: fonts embedded, byte-identical re-rendering, page numbers, the window envelope,
and the personnummer only where identification is needed (never in the window)."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents import IDENTIFYING_KINDS, compose, render, render_document
from app.documents.fonts import REGULAR
from app.documents.layout import ADDRESS_LEFT
from app.domain.action import DocumentKind as K
from tests.documents.cases import CASES, all_cases, letter_context, pdf_text

MM = 72 / 25.4
CASE_KINDS = all_cases()
PERSONNUMMER = [p.personnummer for case in CASES.values() for p in (*case.debtors, *case.extra.get("cohabitants", ()))
                if len(p.personnummer) == 12]


def _fonts(pdf: bytes) -> list[tuple[str, object]]:
    """(BaseFont, font descriptor) of every font used on every page, descendant fonts included."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            found.append((str(font["/BaseFont"]), desc.get_object() if desc is not None else None))
    return found


@pytest.mark.parametrize("case, kind", CASE_KINDS)
def test_every_font_is_embedded(rendered, case, kind):
    fonts = _fonts(rendered[(case, kind)])
    assert fonts
    for name, descriptor in fonts:
        assert descriptor is not None and "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "DejaVuSans" in name


@pytest.mark.parametrize("case, kind", CASE_KINDS)
def test_rendering_twice_gives_identical_bytes(rendered, case, kind):
    assert render_document(kind, letter_context(case, kind)) == rendered[(case, kind)]


@pytest.mark.parametrize("case, kind", CASE_KINDS)
def test_every_page_is_numbered_sida_x_av_n(rendered, case, kind):
    pages = PdfReader(io.BytesIO(rendered[(case, kind)])).pages
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in page.extract_text()


def _window_text(pdf: bytes) -> list[tuple[float, float, str]]:
    """Text drawn inside the envelope window area of page 1: (mm from left, mm from top, text).

    The window is about 20 mm from the left, 50–55 mm from the top, 90 × 45 mm: everything in the
    union 20–110 mm × 50–100 mm can show through one of the standard envelopes; 5 mm more on every
    side allows for the sheet moving in the envelope.
    """
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        x = (tm[4] * cm[0] + cm[4]) / MM
        y = (height - (tm[5] * cm[3] + cm[5])) / MM
        if text.strip() and 15 <= x <= 115 and 45 <= y <= 105:
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("case, kind", CASE_KINDS)
def test_address_sits_in_the_window_and_shows_no_personnummer(rendered, case, kind):
    desc = compose(kind, letter_context(case, kind))
    window = _window_text(rendered[(case, kind)])
    if not desc.recipient:  # internal documents (board packet) leave the window area to the body
        return
    shown = [text for _, _, text in window]
    assert shown == [desc.return_address, *desc.recipient]
    for x, y, text in window:
        # inside both window heights (50–95 and 55–100 mm), with room for ascenders and descenders
        assert 57 <= y <= 93, (text, y)
        assert x >= 24
        assert x + stringWidth(text, REGULAR, 10) / MM <= 109 or text == desc.return_address
    joined = " ".join(shown)
    for number in PERSONNUMMER:
        assert number[2:8] not in joined.replace("-", "")
    assert not re.search(r"\d{6}-?\d{4}", joined)


@pytest.mark.parametrize("case, kind", CASE_KINDS)
def test_personnummer_only_in_documents_that_need_identification(rendered, case, kind):
    text = pdf_text(rendered[(case, kind)]).replace("-", "")
    numbers = [p.personnummer for p in letter_context(case, kind).debtors]
    shown = [n for n in numbers if n in text or n[2:] in text]
    if kind in IDENTIFYING_KINDS:
        assert shown == numbers
    else:
        assert shown == []


def test_the_identifying_documents_are_those_for_authorities_and_servers():
    assert IDENTIFYING_KINDS == {K.APPLICATION, K.SOCIAL_NOTICE, K.SERVICE_INSTRUCTION, K.ENFORCEMENT_REQUEST,
                                 K.FORCED_SALE, K.WITHDRAWAL}


def test_a_long_address_line_is_set_smaller_to_stay_inside_the_window():
    import dataclasses

    from app.documents import Address

    ctx = letter_context("bostadsratt", K.DEMAND)
    long = Address("Långa Gatan Med Mycket Långt Namn 123 lgh 1203 uppgång B", "123 45", "Exempelstad")
    debtor = dataclasses.replace(ctx.debtors[0], address=long)
    pdf = render(compose(K.DEMAND, dataclasses.replace(ctx, debtors=(debtor,))))
    street = [(x, text) for x, _, text in _window_text(pdf) if text.startswith("Långa")]
    assert street and ADDRESS_LEFT / MM == pytest.approx(street[0][0], abs=0.1)
    assert stringWidth(street[0][1], REGULAR, 10) / MM > 85  # too wide at 10 pt …
    assert "Långa Gatan Med Mycket Långt Namn 123 lgh 1203 uppgång B" in pdf_text(pdf)  # … so set smaller, whole
