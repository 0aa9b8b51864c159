"""Who a document is from and to: letterhead, footer, the address block for the window, reference lines.

The address block holds names and postal addresses only – never a personnummer (IMY: nothing that
identifies a person beyond the address may show through the envelope window).
"""
from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.context import Creditor, LetterContext, Organisation, Person
from app.documents.values import addressees
from app.domain.tenure import Tenure

MAX_ADDRESS_LINES = 6  # what fits the 45 mm window at 10 pt


def letterhead(creditor: Creditor) -> tuple[str, ...]:
    return (creditor.name, *creditor.address.lines())


def footer(creditor: Creditor) -> tuple[str, ...]:
    first = [creditor.name, creditor.address.one_line(), f"Org.nr {fmt.orgnr(creditor.orgnr)}"]
    second = [f"Bankgiro {fmt.bankgiro(creditor.bankgiro)}"]
    second += [f"Tel {creditor.phone}" if creditor.phone else "", creditor.email, creditor.website]
    return (" · ".join(first), " · ".join(x for x in second if x))


def return_address(creditor: Creditor) -> str:
    return f"{creditor.name}, {creditor.address.one_line()}"


def person_block(people: tuple[Person, ...]) -> tuple[str, ...]:
    """Names of the people at one address, then that address (the first person's)."""
    lines = [p.name for p in people] + list(people[0].address.lines())
    return _fit(tuple(lines))


def organisation_block(org: Organisation) -> tuple[str, ...]:
    lines = [org.name] + ([org.attention] if org.attention else []) + list(org.address.lines())
    return _fit(tuple(lines))


def debtor_block(ctx: LetterContext) -> tuple[str, ...]:
    return person_block(addressees(ctx))


def _fit(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Keep the address inside the window: extra names are merged onto one line."""
    if len(lines) <= MAX_ADDRESS_LINES:
        return lines
    overflow = len(lines) - MAX_ADDRESS_LINES + 1
    return (", ".join(lines[:overflow]),) + lines[overflow:]


def reference_lines(ctx: LetterContext, *, ocr: bool, their_reference: str = "") -> tuple[tuple[str, str], ...]:
    rows = [("Datum", fmt.date_iso(ctx.dates.letter_date)), ("Vår referens", ctx.case_reference)]
    if their_reference:
        rows.append(("Er referens", their_reference))
    unit_word = "Lokal" if ctx.unit.tenure is Tenure.LOKAL else "Lägenhet"
    rows.append((unit_word, ctx.unit.number))
    if ocr:
        rows.append(("OCR-nummer", ctx.ocr))
    if ctx.creditor.contact_person:
        rows.append(("Handläggare", ctx.creditor.contact_person))
    return tuple(rows)
