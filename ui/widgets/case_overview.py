"""The case at a glance: parties, unit, household, the deadlines and the engine's warnings (as text).

Masked mode (projection at a board meeting) shows the unit and initials only: no names, no
personnummer, no addresses or contact details.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.services.case_view import CaseView, PersonRow
from app.domain.masking import initials
from ui import presentation


def _row(label: str, value: str) -> str:
    return f"<tr><td style='padding-right:14px; color:#777'>{escape(label)}</td><td>{value}</td></tr>"


def _table(rows: list[str]) -> str:
    return "<table cellspacing='2'>" + "".join(rows) + "</table>"


def _person(p: PersonRow, masked: bool) -> str:
    if masked:
        return f"<b>{escape(initials(p.name))}</b>"
    lines = [f"<b>{escape(p.name)}</b>"]
    if p.personnummer:
        lines.append(escape(presentation.personnummer(p.personnummer)))
    address = ", ".join(x for x in (p.address, f"{p.postcode} {p.city}".strip()) if x)
    if address:
        lines.append(escape(address))
    contact = " · ".join(x for x in (p.email, p.phone) if x)
    if contact:
        lines.append(escape(contact))
    return "<br>".join(lines)


def overview_html(view: CaseView, masked: bool) -> str:
    a, d, u = view.assessment, view.assessment.deadlines, view.unit
    parts = ["<h3>Gäldenär</h3>", "<br><br>".join(_person(p, masked) for p in view.debtors) or "–"]
    if view.cohabitants:
        parts += ["<h3>Boende i lägenheten</h3>", "<br>".join(_person(p, masked) for p in view.cohabitants)]
    adults = "1 vuxen" if view.household_adults == 1 else f"{view.household_adults} vuxna"
    household = f"{adults}, {view.household_children} barn"
    unit_rows = [_row("Objekt", f"<b>{escape(u.number)}</b> ({escape(u.tenure.label)})")]
    if not masked:
        unit_rows.append(_row("Adress", escape(", ".join(x for x in (u.address, f"{u.postcode} {u.city}".strip()) if x))))
    unit_rows += [
        _row("Storlek", " · ".join(x for x in (f"{u.rooms} rum" if u.rooms else "", f"{u.area_m2} m²" if u.area_m2 else "") if x) or "–"),
        _row("Avgift/hyra per månad", presentation.kronor(u.monthly_charge_ore) if u.monthly_charge_ore else "–"),
        _row("Hushåll", household),
    ]
    if u.pledgee_name and not masked:
        unit_rows.append(_row("Panthavare", escape(u.pledgee_name)))
    parts += ["<h3>Objekt</h3>", _table(unit_rows)]
    case_rows = [
        _row("Ärende", f"{view.case_id} · OCR {escape(view.ocr)}"),
        _row("Öppnat", view.opened_on.isoformat()),
        _row("Steg", f"{a.stage.label} sedan {a.stage_since.isoformat()} ({presentation.days(a.days_in_stage)})"),
    ]
    if a.side_states:
        case_rows.append(_row("Särskilt", ", ".join(s.label for s in sorted(a.side_states, key=lambda s: s.value))))
    if a.paused:
        case_rows.append(_row("Tidslinjen", "vilar (bestridande, amorteringsplan eller tvist)"))
    parts += ["<h3>Ärendet</h3>", _table(case_rows), "<h3>Frister</h3>", _table(_deadline_rows(d))]
    if a.notes:
        parts += ["<h3>Observera</h3>", "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in a.notes) + "</ul>"]
    return "".join(parts)


def _deadline_rows(d) -> list[str]:  # noqa: ANN001 - Deadlines
    rows = []
    if d.payment_deadline:
        rows.append(_row("Sista betalningsdag i kravet", d.payment_deadline.isoformat()))
    if d.forfeited_on:
        rows.append(_row("Nyttjanderätten förverkad från", d.forfeited_on.isoformat()))
    if d.recovery_period_end:
        amount = f" – {presentation.kronor(d.recovery_amount_ore)} ska vara betalt" if d.recovery_amount_ore else ""
        rows.append(_row("Återvinningsfristen löper ut", d.recovery_period_end.isoformat() + amount))
    if d.earliest_eviction_decision:
        rows.append(_row("Avhysning kan beslutas tidigast", d.earliest_eviction_decision.isoformat()))
    if d.limitation_date:
        rows.append(_row("Preskription", f"{d.limitation_date.isoformat()}<br><small>{escape(d.limitation_rule)}</small>"))
    return rows or [_row("", "Inga frister löper ännu.")]


class CaseOverview(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Översikt över ärendet")
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setWidget(inner)

    def show_view(self, view: CaseView, masked: bool) -> None:
        self.text.setText(overview_html(view, masked))
