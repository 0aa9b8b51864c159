"""The amount tables of a letter: claims, interest lines, fees, totals and the payment box.

Inkassolagen 5 §: capital, interest and costs stated separately; for interest the amount, the rate,
the period and the capital it was computed on.
"""
from __future__ import annotations

from datetime import timedelta

from app.documents import formatting as fmt
from app.documents.context import LetterContext
from app.documents.description import Block, Para, ParaStyle, PaymentSlip, Table
from app.documents.template import escape
from app.documents.values import rate_text, unpaid_claims
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


def interest_table(ctx: LetterContext) -> Table:
    avi = {c.claim_id: c.avi_number or str(c.claim_id) for c in ctx.claims}
    lines = ctx.settlement.interest_lines
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
    """One line per half-year: 'referensränta 2 % + 8 procentenheter = 10 %'."""
    seen: dict = {}
    for line in ctx.settlement.interest_lines:
        start = half_year_start(line.start + timedelta(days=1))
        seen.setdefault(start, (line.reference_percent, line.provisional))
    notes = []
    for start, (reference, provisional) in sorted(seen.items()):
        end = next_half_year(start) - timedelta(days=1)
        text = f"{fmt.date_iso(start)} – {fmt.date_iso(end)}: {rate_text(reference, provisional)}"
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
        note="Avgifterna följer lagen (1981:739) om ersättning för inkassokostnader m.m." if fees else "",
    )


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
