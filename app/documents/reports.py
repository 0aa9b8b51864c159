"""Reports: the board report (cases by stage, amounts, next deadlines; a masked variant with unit numbers
and initials only) and the complete case file (timeline, balance specification, documents list).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.documents import formatting as fmt
from app.domain.masking import initials
from app.documents.addressing import footer, letterhead
from app.documents.context import Creditor, LetterContext
from app.documents.description import Block, DocumentDescription, Fields, Para, ParaStyle, Table
from app.documents.forms import identity_number, unit_fields
from app.documents.tables import claims_table, interest_table, rate_notes, totals_table
from app.documents.template import escape
from app.domain.stage import SideState, Stage
from app.domain.tenure import Tenure


@dataclass(frozen=True)
class BoardRow:
    """One case on the board report."""

    case_id: int
    unit_number: str
    debtor_names: tuple[str, ...]
    tenure: Tenure
    stage: Stage
    capital_ore: int
    interest_ore: int
    fees_ore: int
    side_states: tuple[SideState, ...] = ()
    next_action: str = ""  # the Swedish label of the next due action (ActionKind.label)
    next_deadline: date | None = None

    @property
    def total_ore(self) -> int:
        return self.capital_ore + self.interest_ore + self.fees_ore


def _names(names: Sequence[str], masked: bool) -> str:
    return ", ".join(initials(n) if masked else n for n in names)


def _board_table(rows: Sequence[BoardRow], masked: bool) -> Table:
    body = tuple(
        (
            r.unit_number,
            _names(r.debtor_names, masked),
            r.tenure.label,
            ", ".join(s.label for s in r.side_states),
            fmt.amount(r.capital_ore),
            fmt.amount(r.interest_ore),
            fmt.amount(r.fees_ore),
            fmt.amount(r.total_ore),
            r.next_action,
            fmt.date_iso(r.next_deadline) if r.next_deadline else "",
        )
        for r in sorted(rows, key=lambda r: (r.next_deadline or date.max, r.unit_number))
    )
    total = (
        "Summa", "", "", "",
        *(fmt.amount(sum(getattr(r, f) for r in rows)) for f in ("capital_ore", "interest_ore", "fees_ore", "total_ore")),
        "", "",
    )
    return Table(
        header=("Lgh", "Gäldenär", "Upplåtelse", "Status", "Kapital", "Ränta", "Avgifter", "Totalt", "Nästa åtgärd", "Senast"),
        rows=body,
        widths=(0.06, 0.17, 0.09, 0.09, 0.09, 0.08, 0.08, 0.09, 0.16, 0.09),
        align="LLLLRRRRLL",
        footer=(total,),
    )


def compose_board_report(
    rows: Sequence[BoardRow], masked: bool, as_of: date, association: Creditor
) -> DocumentDescription:
    """Cases grouped by stage in the board's column order; `masked` shows initials instead of names."""
    blocks: list[Block] = []
    total = sum(r.total_ore for r in rows)
    summary = f"{len(rows)} ärenden, sammanlagt {fmt.amount(total)} obetalt per {fmt.date_long(as_of)}."
    blocks.append(Para(escape(summary), ParaStyle.BOX))
    if masked:
        blocks.append(Para("Maskerad rapport: gäldenärer visas bara med initialer.", ParaStyle.SMALL))
    for stage in Stage:
        in_stage = [r for r in rows if r.stage is stage]
        if not in_stage:
            continue
        blocks.append(Para(escape(f"{stage.label} ({len(in_stage)})"), ParaStyle.HEADING))
        blocks.append(_board_table(in_stage, masked))
    if not rows:
        blocks.append(Para("Inga ärenden."))
    title = f"Styrelserapport – inkassoärenden {fmt.date_iso(as_of)}" + (" (maskerad)" if masked else "")
    return DocumentDescription(
        kind="board-report",
        title=title,
        letterhead=letterhead(association),
        footer=footer(association),
        reference=(("Datum", fmt.date_iso(as_of)), ("Ärenden", str(len(rows)))),
        blocks=tuple(blocks),
        landscape=True,
    )


@dataclass(frozen=True)
class TimelineRow:
    """An event of the case, as recorded."""

    on: date
    label: str  # EventKind.label
    method: str = ""  # how it was sent or served
    note: str = ""


@dataclass(frozen=True)
class PaymentRow:
    order_date: date  # when the bank received the payment order (what the law looks at)
    booking_date: date
    amount_ore: int
    reference: str = ""
    allocation: str = ""  # "kapital 3 850,00 kr, ränta …" in Swedish


@dataclass(frozen=True)
class DocumentRow:
    """A document produced for the case, as stored (the exact bytes' SHA-256)."""

    created_on: date
    title: str
    version: int
    sha256: str
    sent_on: date | None = None
    sent_how: str = ""


def _case_fields(ctx: LetterContext, stage: Stage, masked: bool) -> tuple[Fields, ...]:
    case = Fields(
        (
            ("Vår referens", ctx.case_reference),
            ("OCR-nummer", ctx.ocr),
            ("Stadie", stage.label),
            ("Borgenär", f"{ctx.creditor.name} ({fmt.orgnr(ctx.creditor.orgnr)})"),
        ),
        "Ärendet",
    )
    people: list[tuple[str, str]] = []
    for person in ctx.debtors:
        people.append(("Namn", initials(person.name) if masked else person.name))
        if not masked:
            people.append(identity_number(person.personnummer))
            people.append(("Adress", person.address.one_line()))
    if ctx.household:
        people.append(("Hushåll", fmt.household(ctx.household.adults, ctx.household.children)))
    d = ctx.dates
    deadlines = tuple(
        (label, fmt.date_iso(day) if day else "–")
        for label, day in (
            ("Sista betalningsdag (inkassokrav)", d.payment_deadline),
            ("Återvinningsfristen går ut", d.recovery_period_end),
            ("Tidigast beslut om avhysning", d.earliest_eviction_decision),
            ("Preskriptionsdag", d.limitation_date),
        )
    )
    return case, Fields(tuple(people), "Gäldenär"), unit_fields(ctx, "Objektet"), Fields(deadlines, "Frister")


def _hash_text(sha256: str) -> str:
    return " ".join(sha256[i:i + 16] for i in range(0, len(sha256), 16))


def compose_case_file(
    ctx: LetterContext,
    stage: Stage,
    timeline: Sequence[TimelineRow],
    payments: Sequence[PaymentRow],
    documents: Sequence[DocumentRow],
    masked: bool = False,
) -> DocumentDescription:
    """The complete case file on ctx.dates.letter_date; `masked` hides names and personnummer."""
    blocks: list[Block] = list(_case_fields(ctx, stage, masked))
    blocks.append(Para("Tidslinje", ParaStyle.HEADING))
    blocks.append(
        Table(("Datum", "Händelse", "Sätt", "Anteckning"),
              tuple((fmt.date_iso(t.on), t.label, t.method, t.note) for t in timeline) or (("–", "", "", ""),),
              (0.14, 0.38, 0.16, 0.32), "LLLL")
    )
    blocks.append(Para("Fordringar", ParaStyle.HEADING))
    blocks.append(claims_table(ctx, only_unpaid=False))
    blocks.append(Para("Betalningar", ParaStyle.HEADING))
    blocks.append(
        Table(("Betalningsdag", "Bokförd", "Belopp", "Referens", "Avräknad mot"),
              tuple((fmt.date_iso(p.order_date), fmt.date_iso(p.booking_date), fmt.amount(p.amount_ore), p.reference,
                     p.allocation) for p in payments) or (("–", "", "", "", ""),),
              (0.15, 0.13, 0.16, 0.18, 0.38), "LLRLL",
              footer=(("Summa", "", fmt.amount(sum(p.amount_ore for p in payments)), "", ""),),
              note="Betalningsdag = den dag banken tog emot betalningsuppdraget (JB 12:20).")
    )
    if ctx.settlement.interest_lines:
        blocks += [Para("Ränta", ParaStyle.HEADING), interest_table(ctx), *rate_notes(ctx)]
    blocks += [Para("Saldo", ParaStyle.HEADING), totals_table(ctx)]
    blocks.append(Para("Handlingar", ParaStyle.HEADING))
    blocks.append(
        Table(("Skapad", "Handling", "Version", "Skickad", "SHA-256"),
              tuple((fmt.date_iso(doc.created_on), doc.title, str(doc.version),
                     f"{fmt.date_iso(doc.sent_on)} {doc.sent_how}".strip() if doc.sent_on else "ej skickad",
                     _hash_text(doc.sha256)) for doc in documents) or (("–", "", "", "", ""),),
              (0.11, 0.27, 0.08, 0.17, 0.37), "LLRLL")
    )
    title = f"Ärendeakt – {ctx.case_reference}" + (" (maskerad)" if masked else "")
    return DocumentDescription(
        kind="case-file",
        title=title,
        letterhead=letterhead(ctx.creditor),
        footer=footer(ctx.creditor),
        reference=(("Datum", fmt.date_iso(ctx.dates.letter_date)), ("Vår referens", ctx.case_reference),
                   ("Lägenhet", ctx.unit.number)),
        blocks=tuple(blocks),
    )
