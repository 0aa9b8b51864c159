"""The amount tables of a letter: claims, interest lines, fees, totals and the payment box.

Inkassolagen 5 §: capital, interest and costs stated separately; for interest the amount, the rate,
the period and the capital it was computed on.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.documents import formatting as fmt
from app.documents.context import LetterContext
from app.documents.description import Block, Para, ParaStyle, PaymentSlip, Table
from app.documents.template import escape
from app.documents.values import rate_text, unpaid_claims
from app.domain.fees import FEE_RULES
from app.domain.rates import half_year_start, next_half_year


def claims_table(ctx: LetterContext, only_unpaid: bool = True) -> Table:
    balance = {b.claim_id: b.capital_ore for b in ctx.settlement.claims}
    claims = (unpaid_claims(ctx) if only_unpaid else ()) or ctx.claims
    rows = tuple(
        (
            c.avi_number or "–",
            f"{c.kind.label} {fmt.period(c.period_from, c.period_to)}".strip(),
            fmt.date_iso(c.due_date),
            fmt.amount(c.amount_ore),
            fmt.amount(balance.get(c.claim_id, 0)),
        )
        for c in claims
    )
    total = sum(balance.get(c.claim_id, 0) for c in claims)
    return Table(
        header=("Avi", "Avser", "Förfallodag", "Belopp", "Obetalt"),
        rows=rows,
        widths=(0.17, 0.33, 0.16, 0.17, 0.17),
        align="LLLRR",
        footer=(("Obetalt kapital", "", "", "", fmt.amount(total)),),
    )


@dataclass(frozen=True)
class InterestRow:
    """Interest lines of one claim run together while capital and rate stay the same (fewer rows for the
    reader; the amount is the sum of the lines as the settlement rounded them)."""

    claim_id: int
    start: date  # exclusive, as InterestLine
    end: date
    capital_ore: int
    interest_percent: Decimal
    provisional: bool
    interest_ore: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def interest_rows(lines) -> tuple[InterestRow, ...]:
    rows: list[InterestRow] = []
    for line in lines:
        last = rows[-1] if rows else None
        if (
            last is not None and last.claim_id == line.claim_id and last.end == line.start
            and last.capital_ore == line.capital_ore and last.interest_percent == line.interest_percent
            and last.provisional == line.provisional
        ):
            rows[-1] = dataclasses.replace(last, end=line.end, interest_ore=last.interest_ore + line.interest_ore)
        else:
            rows.append(InterestRow(line.claim_id, line.start, line.end, line.capital_ore, line.interest_percent,
                                    line.provisional, line.interest_ore))
    return tuple(rows)


def interest_table(ctx: LetterContext) -> Table:
    avi = {c.claim_id: c.avi_number or str(c.claim_id) for c in ctx.claims}
    lines = interest_rows(ctx.settlement.interest_lines)
    rows = tuple(
        (
            avi.get(line.claim_id, str(line.claim_id)),
            fmt.amount(line.capital_ore),
            f"{fmt.date_iso(line.start + timedelta(days=1))} – {fmt.date_iso(line.end)}",
            str(line.days),
            fmt.percent(line.interest_percent) + (" *" if line.provisional else ""),
            fmt.amount(line.interest_ore),
        )
        for line in lines
    )
    accrued = sum(line.interest_ore for line in lines)
    footer: tuple[tuple[str, ...], ...] = (("Upplupen ränta", "", "", "", "", fmt.amount(accrued)),)
    paid = accrued - ctx.settlement.interest_ore
    if paid > 0:
        footer += (
            ("Avgår: betald ränta", "", "", "", "", fmt.amount(-paid)),
            ("Obetald ränta", "", "", "", "", fmt.amount(ctx.settlement.interest_ore)),
        )
    return Table(
        header=("Avi", "Kapital", "Period (fr.o.m. – t.o.m.)", "Dagar", "Räntesats", "Ränta"),
        rows=rows,
        widths=(0.16, 0.16, 0.29, 0.08, 0.14, 0.17),
        align="LRLRRR",
        footer=footer,
        note="Räntan är dröjsmålsränta enligt 6 § räntelagen (1975:635), räknad på verkligt antal dagar/365."
        + (" * = preliminär räntesats." if ctx.settlement.provisional else ""),
    )


def rate_notes(ctx: LetterContext) -> tuple[Para, ...]:
    """The rate of each half-year: '2026-01-01 – 2026-06-30: referensränta 2 % + 8 procentenheter = 10 %';
    following half-years with the same rate share a line."""
    seen: dict = {}
    for line in ctx.settlement.interest_lines:
        start = half_year_start(line.start + timedelta(days=1))
        seen.setdefault(start, (line.reference_percent, line.provisional))
    spans: list[list] = []  # [first half-year, last half-year, rate]
    for start, rate in sorted(seen.items()):
        if spans and spans[-1][2] == rate and next_half_year(spans[-1][1]) == start:
            spans[-1][1] = start
        else:
            spans.append([start, start, rate])
    notes = []
    for first, last, (reference, provisional) in spans:
        end = next_half_year(last) - timedelta(days=1)
        text = f"{fmt.date_iso(first)} – {fmt.date_iso(end)}: {rate_text(reference, provisional)}"
        notes.append(Para(escape(text), ParaStyle.BULLET))
    return tuple(notes)


def fees_table(ctx: LetterContext) -> Table:
    rows = tuple((f.kind.label, fmt.date_iso(f.charged_on), fmt.amount(f.amount_ore)) for f in ctx.open_fees)
    return Table(
        header=("Avgift", "Debiterad", "Belopp"),
        rows=rows,
        widths=(0.6, 0.2, 0.2),
        align="LLR",
        footer=(("Summa avgifter", "", fmt.amount(ctx.settlement.fees_ore)),),
    )


def totals_table(ctx: LetterContext) -> Table:
    """Capital, interest and each fee on its own line (IkL 5 §: stated separately), then the total."""
    s = ctx.settlement
    fees = tuple(
        (f"{f.kind.label} (debiterad {fmt.date_iso(f.charged_on)})", fmt.amount(f.amount_ore)) for f in ctx.open_fees
    )
    return Table(
        header=("Specifikation", "Belopp"),
        rows=(
            ("Obetalt kapital", fmt.amount(s.capital_ore)),
            (f"Ränta till och med {fmt.date_iso(s.as_of)}", fmt.amount(s.interest_ore)),
            *fees,
        ),
        widths=(0.75, 0.25),
        align="LR",
        footer=(("Att betala", fmt.amount(s.total_ore)),),
        note=fee_rules_note(ctx),
    )


def fee_rules_note(ctx: LetterContext) -> str:
    """Which rule each outstanding fee rests on (app.domain.fees.FEE_RULES), once each."""
    rules = list(dict.fromkeys(FEE_RULES[f.kind] for f in ctx.open_fees))
    return f"Avgifterna tas ut enligt {fmt.joined(rules)}." if rules else ""


def amount_blocks(ctx: LetterContext) -> tuple[Block, ...]:
    """Claims, interest (with the rates) and the total with each fee – each stated separately (IkL 5 §)."""
    blocks: list[Block] = [Para("Kapital", ParaStyle.HEADING), claims_table(ctx)]
    if ctx.settlement.interest_lines:
        blocks += [Para("Ränta", ParaStyle.HEADING), interest_table(ctx), *rate_notes(ctx)]
    heading = "Avgifter och summa" if ctx.open_fees else "Summa"
    blocks += [Para(heading, ParaStyle.HEADING), totals_table(ctx)]
    return tuple(blocks)


def payment_slip(ctx: LetterContext, amount_ore: int, deadline, heading: str = "Så här betalar du") -> PaymentSlip:
    return PaymentSlip(
        amount=fmt.amount(amount_ore),
        deadline=fmt.date_weekday(deadline),
        bankgiro=fmt.bankgiro(ctx.creditor.bankgiro),
        ocr=ctx.ocr,
        payee=ctx.creditor.name,
        heading=heading,
    )


def creditor_signature(ctx: LetterContext) -> Para:
    """The letter's closing: the association and who signs for it (letters are not signed by hand)."""
    c = ctx.creditor
    who = ", ".join(x for x in (c.signatory or c.contact_person, c.signatory_title.lower()) if x)
    lines = ["Med vänliga hälsningar", "", f"<b>{escape(c.name)}</b>"] + ([escape(who)] if who else [])
    return Para("<br/>".join(lines), ParaStyle.CLOSING)


def note_blocks(ctx: LetterContext) -> tuple[Block, ...]:
    note = ctx.texts.note.strip()
    return tuple(Para(escape(p.strip())) for p in note.split("\n\n") if p.strip()) if note else ()
