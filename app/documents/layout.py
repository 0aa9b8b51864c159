"""render(description) -> PDF bytes: A4 with letterhead, the address in the window-envelope position,
a footer on every page and "Sida x av N". Byte-identical for identical input (invariant=1).

Window envelope (C5/C4, window on the left, SIS standard): window about 20 mm from the left edge,
50–55 mm from the top, 90 × 45 mm. The address is printed inside the part both window heights share.
"""
from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, NextPageTemplate, PageTemplate, Paragraph

from app.documents.blocks import flowables, tail, text
from app.documents.description import DocumentDescription, Para, ParaStyle, Table
from app.documents.fonts import BOLD, REGULAR, register_fonts
from app.documents.plaintext import PlainText
from app.documents.styles import GREY, RULE, styles
from app.documents.template import escape

MARGIN = 20 * mm
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH, WINDOW_HEIGHT = 20 * mm, 50 * mm, 90 * mm, 45 * mm
ADDRESS_LEFT = WINDOW_LEFT + 5 * mm
RETURN_TOP = 58.5 * mm  # baseline of the sender line: inside the window whether it starts at 50 or 55 mm
ADDRESS_TOP = 65 * mm  # first baseline of the address; six lines end above 90 mm
ADDRESS_WIDTH = 82 * mm  # what fits between the text start and the window's right edge, with a margin
BODY_TOP_LETTER = 105 * mm  # 5 mm below the lowest window edge: no title may show through (IkL 4 §)
BODY_TOP_INTERNAL = 50 * mm
BODY_TOP_LATER = 24 * mm
BOTTOM = 26 * mm
REFERENCE_LEFT = 118 * mm
LONG_TABLE = 12  # rows


class NumberedCanvas(rl_canvas.Canvas):
    """Holds pages until the end so each can say 'Sida x av N'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(GREY)
            self.drawRightString(self._pagesize[0] - MARGIN, 11 * mm, f"Sida {number} av {total}")
            super().showPage()
        super().save()


def _text_top(c: rl_canvas.Canvas, from_top: float) -> float:
    return c._pagesize[1] - from_top


def _draw_lines(c, lines, x, top, font, size, leading):
    c.setFont(font, size)
    y = top
    for line in lines:
        c.drawString(x, y, line)
        y -= leading


def _draw_name(c, name: str, top: float, max_width: float) -> None:
    """The association's name in the letterhead, set smaller (never below 9 pt) so it never runs
    into the reference column; long names are common ("Bostadsrättsföreningen …")."""
    size = 12.5
    while size > 9 and stringWidth(name, BOLD, size) > max_width:
        size -= 0.5
    _draw_lines(c, (name,), MARGIN, top, BOLD, size, 5 * mm)


def _draw_address(c, lines, top: float) -> None:
    """The address block at 10 pt; a line too long for the window is set smaller (never below 7 pt)."""
    y = top
    for line in lines:
        size = 10.0
        while size > 7 and stringWidth(line, REGULAR, size) > ADDRESS_WIDTH:
            size -= 0.5
        c.setFont(REGULAR, size)
        c.drawString(ADDRESS_LEFT, y, line)
        y -= 12.5


def _draw_footer(c, desc: DocumentDescription) -> None:
    width = c._pagesize[0]
    c.setStrokeColor(RULE)
    c.setLineWidth(0.4)
    c.line(MARGIN, 19 * mm, width - MARGIN, 19 * mm)
    c.setFillColor(GREY)
    _draw_lines(c, desc.footer, MARGIN, 15 * mm, REGULAR, 7, 3.4 * mm)


def _draw_reference(c, desc: DocumentDescription) -> None:
    top = _text_top(c, 16 * mm)
    left = c._pagesize[0] - MARGIN - 72 * mm if desc.landscape else REFERENCE_LEFT
    for label, value in desc.reference:
        c.setFillColor(GREY)
        c.setFont(REGULAR, 7.5)
        c.drawString(left, top, label)
        c.setFillColor("black")
        c.setFont(REGULAR, 9)
        c.drawString(left + 26 * mm, top, value)
        top -= 4.6 * mm


def _first_page(desc: DocumentDescription):
    def draw(c, doc):
        c.saveState()
        height = c._pagesize[1]
        c.setFillColor("black")
        reference_left = c._pagesize[0] - MARGIN - 72 * mm if desc.landscape else REFERENCE_LEFT
        _draw_name(c, desc.letterhead[0], height - 18 * mm, reference_left - MARGIN - 4 * mm)
        c.setFillColor(GREY)
        _draw_lines(c, desc.letterhead[1:], MARGIN, height - 23 * mm, REGULAR, 8.5, 3.8 * mm)
        _draw_reference(c, desc)
        if desc.recipient:
            c.setFillColor(GREY)
            c.setFont(REGULAR, 6.5)
            c.drawString(ADDRESS_LEFT, height - RETURN_TOP, desc.return_address)
            c.setFillColor("black")
            _draw_address(c, desc.recipient, height - ADDRESS_TOP)
        _draw_footer(c, desc)
        c.restoreState()

    return draw


def _later_page(desc: DocumentDescription):
    def draw(c, doc):
        c.saveState()
        width, height = c._pagesize
        c.setFillColor(GREY)
        c.setFont(REGULAR, 7.5)
        c.drawString(MARGIN, height - 14 * mm, f"{desc.letterhead[0]} – {desc.title}")
        date = dict(desc.reference).get("Datum", "")
        c.drawRightString(width - MARGIN, height - 14 * mm, date)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(MARGIN, height - 16 * mm, width - MARGIN, height - 16 * mm)
        _draw_footer(c, desc)
        c.restoreState()

    return draw


def _frame(pagesize, top: float, name: str) -> Frame:
    width, height = pagesize
    return Frame(
        MARGIN, BOTTOM, width - 2 * MARGIN, height - top - BOTTOM, id=name,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )


def render(desc: DocumentDescription, compact: bool | None = None) -> bytes:
    """PDF bytes of the description. `compact` (default: board packet and reports) uses smaller type."""
    register_fonts()
    if compact is None:
        compact = desc.kind in ("board-decision", "board-report", "case-file")
    pagesize = landscape(A4) if desc.landscape else A4
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=BODY_TOP_LATER,
        bottomMargin=BOTTOM, title=desc.title, author=desc.letterhead[0], subject=desc.kind,
        creator="Bostadsinkasso", invariant=1, initialFontName=REGULAR, initialFontSize=10, initialLeading=12,
    )
    first_top = BODY_TOP_LETTER if desc.recipient else BODY_TOP_INTERNAL
    doc.addPageTemplates(
        [
            PageTemplate("first", [_frame(pagesize, first_top, "first")], onPage=_first_page(desc)),
            PageTemplate("later", [_frame(pagesize, BODY_TOP_LATER, "later")], onPage=_later_page(desc)),
        ]
    )
    sheet = styles(compact)
    width = pagesize[0] - 2 * MARGIN
    story = [NextPageTemplate("later"), text(escape(desc.title), sheet["title"])]
    for block in desc.blocks:
        if isinstance(block, Para) and block.style is ParaStyle.CLOSING and isinstance(story[-1], (Paragraph, PlainText)):
            # the greeting never stands alone on a page: the paragraph before it comes along
            story[-1].keepWithNext = 1
        made = flowables(block, sheet, width)
        if isinstance(block, Table) and len(block.rows) > LONG_TABLE and story[-1].getKeepWithNext():
            # a long table may start on this page: its heading goes along only if a few rows fit too
            story[-1].keepWithNext = 0
            story.insert(len(story) - 1, CondPageBreak(30 * mm))
        if isinstance(block, Para) and block.markup.rstrip().endswith(":"):
            made[-1].keepWithNext = 1  # a lead-in ("… för det som är obetalt:") stays with what it introduces
        story.extend(made)
    story.extend(tail(desc, sheet))
    doc.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
