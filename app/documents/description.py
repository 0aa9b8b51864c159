"""A document description: what a letter or report says, as plain data, before any PDF exists.

`compose()` builds one; `render()` lays it out. Text in `Para.markup` is already escaped ReportLab
markup (only <b> and <br/> are produced); every other string is plain text the renderer escapes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ParaStyle(StrEnum):
    BODY = "body"
    HEADING = "heading"
    BOX = "box"  # a framed paragraph: what to do and by when
    SMALL = "small"
    BULLET = "bullet"
    CLOSING = "closing"  # greeting and signer: never split over two pages


@dataclass(frozen=True)
class Para:
    markup: str
    style: ParaStyle = ParaStyle.BODY


@dataclass(frozen=True)
class Table:
    """A table of amounts or dates. `align` has one letter per column: L or R."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths
    align: str
    footer: tuple[tuple[str, ...], ...] = ()  # totals, printed bold under a rule
    note: str = ""  # a small line under the table


@dataclass(frozen=True)
class Fields:
    """A form: label/value rows in a grid (Kronofogden's application, formulär 3)."""

    rows: tuple[tuple[str, str], ...]
    title: str = ""


@dataclass(frozen=True)
class PaymentSlip:
    """The payment box: amount, last day, bankgiro, OCR, payee."""

    amount: str
    deadline: str
    bankgiro: str
    ocr: str
    payee: str
    heading: str = "Så här betalar du"


@dataclass(frozen=True)
class SignatureParty:
    heading: str  # "För Brf Solrosen", "Gäldenär"
    name: str = ""  # printed under the line (namnförtydligande); empty = a blank line to fill in
    title: str = ""


@dataclass(frozen=True)
class Signatures:
    parties: tuple[SignatureParty, ...]
    place_and_date: bool = True  # print "Ort och datum" lines (agreements and forms)


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Para | Table | Fields | PaymentSlip | Signatures | PageBreak


@dataclass(frozen=True)
class DocumentDescription:
    kind: str  # a DocumentKind value, "board-report" or "case-file"
    title: str
    letterhead: tuple[str, ...]  # association name first, then address lines
    footer: tuple[str, ...]  # one or two short lines: name, address, org.nr, bankgiro, contact
    reference: tuple[tuple[str, str], ...]  # top right: ("Datum", "2026-03-02"), ("Vår referens", …)
    blocks: tuple[Block, ...]
    recipient: tuple[str, ...] = ()  # address lines for the envelope window; empty = internal document
    return_address: str = ""  # small sender line at the top of the window
    attachments: tuple[str, ...] = ()
    copies: tuple[str, ...] = ()  # "Kopia till"
    landscape: bool = False

    def plain_text(self) -> str:
        """All the words of the document without markup – for search, logs and tests."""
        parts: list[str] = [*self.recipient, self.title]
        for block in self.blocks:
            parts.extend(_block_text(block))
        parts.extend(self.attachments)
        parts.extend(self.copies)
        return "\n".join(parts)


_TAG = re.compile(r"<[^>]+>")


def strip_markup(markup: str) -> str:
    text = _TAG.sub("", markup.replace("<br/>", "\n"))
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&#42;", "*").replace("&amp;", "&")


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [strip_markup(block.markup)]
    if isinstance(block, Table):
        rows = (block.header, *block.rows, *block.footer)
        return [" | ".join(row) for row in rows] + ([block.note] if block.note else [])
    if isinstance(block, Fields):
        return [block.title] + [f"{label}: {value}" for label, value in block.rows]
    if isinstance(block, PaymentSlip):
        return [block.heading, block.amount, block.deadline, block.bankgiro, block.ocr, block.payee]
    if isinstance(block, Signatures):
        return [f"{p.heading} {p.name} {p.title}".strip() for p in block.parties]
    return []
