"""The board's decision packet: one page with the timeline, the amounts, the deadlines, the options with
their costs and consequences, and a suggested wording for the minutes (PROCESS.md, Beslut).
"""
from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.context import BoardInfo, LetterContext
from app.documents.description import Table
from app.documents.spec import Parts, Spec
from app.documents.values import TENURE_WORDS
from app.domain.action import DocumentKind
from app.domain.tenure import Tenure


def timeline_rows(ctx: LetterContext) -> tuple[tuple[str, str, str], ...]:
    d = ctx.dates
    words = TENURE_WORDS[ctx.tenure]
    events = [
        (d.demand_sent, "Inkassokrav skickat", "IkL 5 §"),
        (d.payment_deadline, "Sista betalningsdag i inkassokravet", "minst 8 dagar"),
        (d.filed, "Ansökan hos Kronofogden (betalningsföreläggande, avhysning)", "lag 1990:746"),
        (d.termination_date, "Uppsägning med underrättelse om återvinning", words["forfeiture_short"]),
        (d.social_notice, "Socialnämnden underrättad", words["recovery_short"]),
        (d.served, "Uppsägningen delgiven", "DelgL"),
        (d.recovery_period_end, "Återvinningsfristen gick ut utan full betalning", words["recovery_short"]),
        (d.decision, "Kronofogdens utslag", ""),
        (d.earliest_eviction_decision, "Tidigast möjliga beslut om avhysning", "3:e vardagen efter"),
        (d.letter_date, "Detta underlag", ""),
    ]
    known = sorted((e for e in events if e[0] is not None), key=lambda e: e[0])
    return tuple((fmt.date_iso(day), what, rule) for day, what, rule in known)


def options_rows(ctx: LetterContext) -> tuple[tuple[str, str, str], ...]:
    k = ctx.kfm
    who, stays = ("Hushållet", "bor kvar") if ctx.tenure.is_home else ("Hyresgästen", "har kvar lokalen")
    plan_cap = ctx.board.plan_fee_cap_ore if ctx.board else BoardInfo().plan_fee_cap_ore
    rows = [
        (
            "1. Begär verkställighet av avhysningen",
            f"Grundavgift {fmt.amount(k.enforcement_fee_ore)} (krävs av gäldenären); kostnader för "
            "avhysningen, t.ex. magasinering, kan tillkomma.",
            f"{who} måste flytta. Skulden kvarstår och drivs vidare genom utmätning."
            + (" Bostadsrätten ska sedan tvångsförsäljas (BRL 8 kap.)." if ctx.tenure is Tenure.BOSTADSRATT else ""),
        ),
        (
            "2. Erbjud en skriftlig amorteringsplan",
            f"Avgift högst {fmt.amount(plan_cap)} (lag 1981:739 4 §), betalas av gäldenären.",
            f"{who} {stays} så länge planen, som ska omfatta hela skulden, följs. Bryts den kan "
            "verkställighet begäras.",
        ),
        (
            "3. Avstå från avhysning",
            "Inga ytterligare kostnader.",
            f"{who} {stays}. Pengafordran drivs vidare hos Kronofogden. Skulden kan växa.",
        ),
    ]
    if ctx.tenure is Tenure.BOSTADSRATT:
        rows.append(
            (
                "4. Tvångsförsäljning (efter avhysning)",
                "Kronofogdens kostnader för försäljningen.",
                "Kronofogden säljer bostadsrätten; fordran kan betalas ur köpeskillingen. Panthavaren underrättas.",
            )
        )
    return tuple(rows)


def amount_row(ctx: LetterContext) -> Table:
    """The debt on one line: capital, interest, fees, total (the board needs the figures, not the avier)."""
    s = ctx.settlement
    return Table(
        ("Obetalt kapital", f"Ränta t.o.m. {fmt.date_iso(s.as_of)}", "Avgifter", "Att betala"),
        ((fmt.amount(s.capital_ore), fmt.amount(s.interest_ore), fmt.amount(s.fees_ore), fmt.amount(s.total_ore)),),
        (0.25, 0.25, 0.25, 0.25),
        "RRRR",
    )


def _board(parts: Parts) -> None:
    ctx = parts.ctx
    board = ctx.board
    parts.flags["risk"] = bool(board and board.risk_summary)
    parts.flags["board_notes"] = bool(board and board.notes)
    parts.flags["recovery_amount"] = ctx.recovery_amount_ore is not None
    parts.values.set("risk_summary", board.risk_summary if board else "", "board.risk_summary")
    parts.values.set("board_notes", board.notes if board else "", "board.notes")
    parts.values.date("meeting_date", board.meeting_date if board else None, "board.meeting_date")
    parts.block(
        "timeline",
        lambda: (Table(("Datum", "Händelse", "Regel"), timeline_rows(ctx), (0.14, 0.64, 0.22), "LLL"),),
    )
    parts.block("amount_row", lambda: (amount_row(ctx),))
    parts.block(
        "options",
        lambda: (Table(("Alternativ", "Kostnad", "Följder"), options_rows(ctx), (0.27, 0.30, 0.43), "LLL"),),
    )


def _board_refuse(ctx: LetterContext) -> str | None:
    if not ctx.tenure.has_eviction_track:
        return "beslut om avhysning gäller inte för denna upplåtelseform."
    return None


BOARD_SPECS: dict[DocumentKind, Spec] = {
    DocumentKind.BOARD_DECISION: Spec(lambda ctx: (), prepare=_board, refuse=_board_refuse),
}
