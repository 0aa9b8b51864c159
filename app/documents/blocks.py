"""Platypus flowables for the blocks of a document description (tables, forms, payment box, signatures)."""
from __future__ import annotations

from reportlab.lib.units import mm
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


def flowables(block: Block, sheet, width: float) -> list[Flowable]:
    if isinstance(block, Para):
        if block.style is ParaStyle.BULLET:
            return [Paragraph(block.markup, sheet["bullet"], bulletText="•")]
        if block.style is ParaStyle.CLOSING:
            return [closing(block.markup, sheet, width)]
        return [Paragraph(block.markup, sheet[block.style.value])]
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


def _cell(text: str, sheet, style: str) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), sheet[style])


def _table(block: Table, sheet, width: float) -> list[Flowable]:
    right = [a == "R" for a in block.align]

    def row(cells, bold=False):
        out = []
        for i, text in enumerate(cells):
            style = ("cell_bold" if bold else "cell") + ("_right" if right[i] else "")
            out.append(_cell(text, sheet, style))
        return out

    data = [row(block.header, bold=True)] + [row(r) for r in block.rows] + [row(r, bold=True) for r in block.footer]
    first_footer = 1 + len(block.rows)
    commands = [
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
    for offset, cells in enumerate(block.footer):
        # a total's label spans the empty cells after it, so it never wraps in a narrow column
        last = next((i for i in range(1, len(cells)) if cells[i]), len(cells)) - 1
        if last > 0:
            commands.append(("SPAN", (0, first_footer + offset), (last, first_footer + offset)))
    table = RLTable(data, colWidths=[w * width for w in block.widths], repeatRows=1, style=_style(commands))
    out: list[Flowable] = [table]
    if block.note:
        out.append(Spacer(1, 1.5 * mm))
        out.append(Paragraph(escape(block.note), sheet["small"]))
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
    if block.title:
        data.append([_cell(block.title, sheet, "cell_bold"), ""])
        commands += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (-1, 0), LIGHT)]
    for label, value in block.rows:
        data.append([_cell(label, sheet, "label"), _cell(value, sheet, "cell")])
    kind = Unbreakable if len(data) < 14 else RLTable
    return kind(data, colWidths=[0.34 * width, 0.66 * width], style=_style(commands), spaceAfter=3.5 * mm)


def _slip(block: PaymentSlip, sheet, width: float) -> Flowable:
    """The payment box: amount and last day on top, bankgiro and OCR under them, in large type."""

    def pair(label: str, value: str, style: str = "cell_bold") -> list:
        return [_cell(label, sheet, "label"), _cell(value, sheet, style)]

    rows = [
        [_cell(block.heading, sheet, "cell_bold"), "", "", ""],
        [_cell("Belopp", sheet, "label"), Paragraph(escape(block.amount), sheet["big"]),
         *pair("Betala senast", block.deadline)],
        [*pair("Bankgiro", block.bankgiro, "big"), *pair("OCR-nummer", block.ocr, "big")],
        [*pair("Mottagare", block.payee, "cell"), "", ""],
    ]
    style = _style(
        [
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
    widths = [0.14 * width, 0.34 * width, 0.16 * width, 0.36 * width]
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
