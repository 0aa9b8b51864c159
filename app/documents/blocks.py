"""Platypus flowables for the blocks of a document description (tables, forms, payment box, signatures)."""
from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from app.documents.description import (
    Block,
    DocumentDescription,
    Fields,
    PageBreak,
    Para,
    ParaStyle,
    PaymentSlip,
    Signatures,
    Table,
)
from app.documents.fonts import REGULAR
from app.documents.plaintext import PlainText, is_plain
from app.documents.styles import BOX_BACK, BOX_RULE, LIGHT, RULE
from app.documents.template import escape


def _style(commands: list) -> TableStyle:
    """A table style whose cell font is ours: ReportLab's default (Helvetica) would be set, unembedded,
    even for empty cells."""
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 9), *commands])


class Unbreakable(RLTable):
    """A table that moves to the next page whole instead of splitting (payment box, form, signature).

    Used instead of KeepTogether, which cannot be nested (ReportLab reports it as infinitely tall).
    """

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        return []


def closing(markup: str, sheet, width: float) -> Flowable:
    return Unbreakable([[Paragraph(markup, sheet["body"])]], colWidths=[width], spaceBefore=2,
                       style=_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))


def text(markup: str, style, bullet: str = "") -> Flowable:
    """Plain sentences as PlainText (fast), anything with markup or a frame as a Paragraph."""
    if is_plain(markup, style):
        return PlainText(markup, style, bullet)
    return Paragraph(markup, style, bulletText=bullet or None)


def flowables(block: Block, sheet, width: float) -> list[Flowable]:
    if isinstance(block, Para):
        if block.style is ParaStyle.CLOSING:
            return [closing(block.markup, sheet, width)]
        bullet = "•" if block.style is ParaStyle.BULLET else ""
        return [text(block.markup, sheet[block.style.value], bullet)]
    if isinstance(block, Table):
        return _table(block, sheet, width)
    if isinstance(block, Fields):
        return [_fields(block, sheet, width)]
    if isinstance(block, PaymentSlip):
        return [_slip(block, sheet, width)]
    if isinstance(block, Signatures):
        return [_signatures(block, sheet, width)]
    if isinstance(block, PageBreak):
        return [RLPageBreak()]
    raise TypeError(f"unknown block {block!r}")


PADDING = 3  # points, left and right in every cell


def _cell(text: str, sheet, style: str) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), sheet[style])


def _fast(text: str, sheet, style: str, room: float):
    """Plain text when it fits on one line (drawn directly, about ten times faster than a
    Paragraph), else a wrapping Paragraph. The cell's font comes from `_font_commands`."""
    st = sheet[style]
    if "\n" not in text and stringWidth(text, st.fontName, st.fontSize) <= room - 2 * PADDING:
        return text
    return _cell(text, sheet, style)


def _font_commands(sheet, style: str, start, stop) -> list:
    st = sheet[style]
    commands = [("FONT", start, stop, st.fontName, st.fontSize, st.leading), ("TEXTCOLOR", start, stop, st.textColor)]
    if st.alignment == TA_RIGHT:
        commands.append(("ALIGN", start, stop, "RIGHT"))
    return commands


def _table(block: Table, sheet, width: float) -> list[Flowable]:
    right = [a == "R" for a in block.align]
    widths = [w * width for w in block.widths]
    first_footer = 1 + len(block.rows)
    spans = {}
    for offset, cells in enumerate(block.footer):
        # a total's label spans the empty cells after it, so it never wraps in a narrow column
        spans[first_footer + offset] = next((i for i in range(1, len(cells)) if cells[i]), len(cells)) - 1

    def row(cells, number, bold=False):
        out = []
        for i, text in enumerate(cells):
            style = ("cell_bold" if bold else "cell") + ("_right" if right[i] else "")
            room = sum(widths[: spans[number] + 1]) if i == 0 and spans.get(number, 0) > 0 else widths[i]
            out.append(_fast(text, sheet, style, room))
        return out

    data = [row(block.header, 0, bold=True)] + [row(r, n) for n, r in enumerate(block.rows, start=1)]
    data += [row(r, first_footer + n, bold=True) for n, r in enumerate(block.footer)]
    commands = _font_commands(sheet, "cell", (0, 0), (-1, -1))
    commands += _font_commands(sheet, "cell_bold", (0, 0), (-1, 0))
    if block.footer:
        commands += _font_commands(sheet, "cell_bold", (0, first_footer), (-1, -1))
    commands += [("ALIGN", (i, 0), (i, -1), "RIGHT") for i in range(len(right)) if right[i]]
    commands += [
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if block.footer:
        commands.append(("LINEABOVE", (0, first_footer), (-1, first_footer), 0.9, "black"))
    commands += [("SPAN", (0, number), (last, number)) for number, last in spans.items() if last > 0]
    table = RLTable(data, colWidths=widths, repeatRows=1, style=_style(commands))
    out: list[Flowable] = [table]
    if block.note:
        out.append(Spacer(1, 1.5 * mm))
        out.append(text(escape(block.note), sheet["small"]))
    else:
        out.append(Spacer(1, 3 * mm))
    return out


def _fields(block: Fields, sheet, width: float) -> Flowable:
    data = []
    commands = [
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    widths = [0.34 * width, 0.66 * width]
    commands += _font_commands(sheet, "label", (0, 0), (0, -1)) + _font_commands(sheet, "cell", (1, 0), (1, -1))
    if block.title:
        data.append([_fast(block.title, sheet, "cell_bold", width), ""])
        commands += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), LIGHT)]
        commands += _font_commands(sheet, "cell_bold", (0, 0), (-1, 0))
    for label, value in block.rows:
        data.append([_fast(label, sheet, "label", widths[0]), _fast(value, sheet, "cell", widths[1])])
    kind = Unbreakable if len(data) < 14 else RLTable
    return kind(data, colWidths=widths, style=_style(commands), spaceAfter=3.5 * mm)


def _slip(block: PaymentSlip, sheet, width: float) -> Flowable:
    """The payment box: amount and last day on top, bankgiro and OCR under them, in large type."""
    widths = [0.14 * width, 0.34 * width, 0.16 * width, 0.36 * width]
    rows = [
        [_fast(block.heading, sheet, "cell_bold", width), "", "", ""],
        ["Belopp", _fast(block.amount, sheet, "big", widths[1]), "Betala senast",
         _fast(block.deadline, sheet, "cell_bold", widths[3])],
        ["Bankgiro", _fast(block.bankgiro, sheet, "big", widths[1]), "OCR-nummer",
         _fast(block.ocr, sheet, "big", widths[3])],
        ["Mottagare", _fast(block.payee, sheet, "cell", sum(widths[1:])), "", ""],
    ]
    style = _style(
        [
            *_font_commands(sheet, "label", (0, 0), (-1, -1)),
            *_font_commands(sheet, "cell_bold", (0, 0), (-1, 0)),
            *_font_commands(sheet, "big", (1, 1), (1, 2)),
            *_font_commands(sheet, "big", (3, 2), (3, 2)),
            *_font_commands(sheet, "cell_bold", (3, 1), (3, 1)),
            *_font_commands(sheet, "cell", (1, 3), (1, 3)),
            ("SPAN", (0, 0), (-1, 0)),
            ("SPAN", (1, 3), (-1, 3)),
            ("BOX", (0, 0), (-1, -1), 1.2, BOX_RULE),
            ("BACKGROUND", (0, 0), (-1, -1), BOX_BACK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return Unbreakable(rows, colWidths=widths, style=style, hAlign="LEFT", spaceBefore=2 * mm, spaceAfter=4 * mm)


def _signature_cell(party, place_and_date: bool, sheet, width: float) -> RLTable:
    rows = [[_cell(party.heading, sheet, "cell_bold")]]
    if place_and_date:
        rows += [[Spacer(1, 7 * mm)], [_cell("Ort och datum", sheet, "label")]]
    rows += [[Spacer(1, 11 * mm)], [_cell("Underskrift", sheet, "label")]]
    printed = ", ".join(x for x in (party.name, party.title) if x)
    rows += [[_cell(printed, sheet, "cell") if printed else Spacer(1, 7 * mm)], [_cell("Namnförtydligande", sheet, "label")]]
    commands = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    line_rows = [i - 1 for i, r in enumerate(rows) if isinstance(r[0], Paragraph) and r[0].text in
                 ("Ort och datum", "Underskrift", "Namnförtydligande")]
    commands += [("LINEBELOW", (0, i), (0, i), 0.6, "black") for i in line_rows]
    return RLTable(rows, colWidths=[width], style=_style(commands))


def _signatures(block: Signatures, sheet, width: float) -> Flowable:
    column = (width - 10 * mm) / 2
    cells = [_signature_cell(p, block.place_and_date, sheet, column) for p in block.parties]
    grid = [cells[i:i + 2] + ([""] if len(cells[i:i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
    return Unbreakable(grid, colWidths=[column + 10 * mm, column], hAlign="LEFT", spaceBefore=3 * mm,
                       style=_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm)]))


def tail(desc: DocumentDescription, sheet) -> list[Flowable]:
    """Attachments and copies, at the end of the document."""
    out: list[Flowable] = []
    if desc.attachments:
        items = [Paragraph(escape(a), sheet["bullet"], bulletText="•") for a in desc.attachments]
        out.append(KeepTogether([Spacer(1, 4 * mm), Paragraph("<b>Bilagor</b>", sheet["body"]), *items]))
    if desc.copies:
        out.append(Spacer(1, 2 * mm))
        out.append(Paragraph("<b>Kopia till:</b> " + escape("; ".join(desc.copies)), sheet["body"]))
    if out:
        out.insert(0, CondPageBreak(25 * mm))
    return out
