"""The columns of the case detail's tables (claims, payments, fees, events, documents, scores, interest)."""
from __future__ import annotations

from app.domain.action import DocumentKind
from app.domain.facts import FeeKind
from app.services.case_view import EventRow
from ui import presentation
from ui.tables.row_model import Column

SOURCE_LABELS = {"manual": "Manuell", "bgmax": "Bankgiro (BgMax)", "reversal": "Ångrad", "demo": "Demo"}


def _kind_label(value: str) -> str:
    try:
        return DocumentKind(value).label
    except ValueError:
        return value


def _fee_label(kind: FeeKind | str) -> str:
    try:
        return FeeKind(kind).label
    except ValueError:
        return str(kind)


def _event_details(e: EventRow, masked: bool = False) -> str:
    parts = []
    d = e.details
    if "grounded" in d:
        parts.append("sakligt grundat" if d["grounded"] else "inte sakligt grundat")
    if d.get("disputed_ore"):
        parts.append(f"bestritt {presentation.kronor(d['disputed_ore'])}")
    if "decision" in d:
        parts.append("beslut: ja" if d["decision"] else "beslut: nej")
    if d.get("minutes_ref"):
        parts.append(d["minutes_ref"])
    if d.get("scope"):
        parts.append("bara avhysningen" if d["scope"] == "avhysning" else "hela ärendet")
    if d.get("plan"):
        plan = d["plan"]
        parts.append(f"{plan['count']} × {presentation.kronor(plan['instalment_ore'])} från {plan['first_due']}")
    if e.reverses:
        parts.append(f"ångrar händelse {e.reverses}")
    if e.note:
        # free text may name people: hidden when the board is projected
        parts.append("(anteckning dold)" if masked else e.note)
    return "; ".join(parts)


CLAIM_COLUMNS = (
    Column("Avi", lambda c, _m: c.avi_number),
    Column("Slag", lambda c, _m: c.kind.label),
    Column("Period", lambda c, _m: f"{c.period_from.isoformat()} – {c.period_to.isoformat()}"),
    Column("Förfallodag", lambda c, _m: c.due_date.isoformat()),
    Column("Belopp", lambda c, _m: presentation.kronor(c.amount_ore), right=True, sort=lambda c: c.amount_ore),
)

PAYMENT_COLUMNS = (
    Column("Betalningsdag", lambda p, _m: p.order_date.isoformat()),
    Column("Bokförd", lambda p, _m: p.booking_date.isoformat()),
    Column("Belopp", lambda p, _m: presentation.kronor(p.amount_ore), right=True, sort=lambda p: p.amount_ore),
    Column("Referens", lambda p, _m: p.reference or "–"),
    Column("Källa", lambda p, _m: SOURCE_LABELS.get(p.source, p.source)),
    Column("Status", lambda p, _m: "Ångrad" if p.undone else ""),
)

FEE_COLUMNS = (
    Column("Datum", lambda f, _m: f.charged_on.isoformat()),
    Column("Avgift", lambda f, _m: _fee_label(f.kind)),
    Column("Belopp", lambda f, _m: presentation.kronor(f.amount_ore), right=True, sort=lambda f: f.amount_ore),
    Column("Status", lambda f, _m: "Ångrad" if f.undone else ""),
)

def event_columns(masked: bool) -> tuple[Column, ...]:
    def details(e: EventRow) -> str:
        return _event_details(e, masked)

    return (
        Column("Datum", lambda e, _m: e.on.isoformat()),
        Column("Händelse", lambda e, _m: ("Ångrat: " if e.reverses else "") + e.kind.label, tooltip=lambda e: e.kind.label),
        Column("Sätt", lambda e, _m: presentation.method_label(e.method) if e.method else "–"),
        Column("Uppgifter", lambda e, _m: details(e), tooltip=details),
        Column("Registrerad", lambda e, _m: f"{e.recorded_at:%Y-%m-%d %H:%M} av {e.recorded_by}"),
    )


EVENT_COLUMNS = event_columns(masked=False)

DOCUMENT_COLUMNS = (
    Column("Dokument", lambda d, _m: _kind_label(d.kind)),
    Column("Version", lambda d, _m: str(d.version), right=True),
    Column("Daterat", lambda d, _m: d.letter_date.isoformat()),
    Column("Skickat", lambda d, _m: f"{d.sent_on.isoformat()} ({presentation.method_label(d.sent_method)})" if d.sent_on else "Inte skickat",
           colour=lambda d: None if d.sent_on else presentation.urgency_colour("today")),
)

SCORE_COLUMNS = (
    Column("Datum", lambda s, _m: s.scored_on.isoformat()),
    Column("Poäng", lambda s, _m: str(s.score), right=True, sort=lambda s: s.score),
    Column("Risk", lambda s, _m: presentation.BAND_TEXT.get(s.band, s.band), colour=lambda s: presentation.BAND_COLOURS.get(s.band)),
    Column("Rekommendation", lambda s, _m: s.factors.get("recommendation", "") if isinstance(s.factors, dict) else ""),
    Column("Regler", lambda s, _m: s.rules_version),
)

INTEREST_COLUMNS = (
    Column("Avi", lambda line, _m: line[0]),
    Column("Från", lambda line, _m: line[1].start.isoformat()),
    Column("Till och med", lambda line, _m: line[1].end.isoformat()),
    Column("Dagar", lambda line, _m: str(line[1].days), right=True),
    Column("Kapital", lambda line, _m: presentation.kronor(line[1].capital_ore), right=True),
    Column("Referensränta", lambda line, _m: f"{line[1].reference_percent:.2f} %".replace(".", ",") + (" (prel.)" if line[1].provisional else ""), right=True),
    Column("Räntesats", lambda line, _m: f"{line[1].interest_percent:.2f} %".replace(".", ","), right=True),
    Column("Ränta", lambda line, _m: presentation.kronor(line[1].interest_ore), right=True),
)

