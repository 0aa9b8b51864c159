"""Presentation in one place: Swedish number/date formatting, colours, badges and the light/dark palette."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.stage import SideState, Stage

LOCALE = "sv_SE"


# --- numbers and dates ---------------------------------------------------------------------------
def kronor(ore: int) -> str:
    """'1 234,50 kr' (babel, Swedish locale) from integer öre – exact, no float."""
    text = format_currency(Decimal(ore) / 100, "SEK", format="#,##0.00\u00a0¤", locale=LOCALE, currency_digits=False)
    return text.replace("SEK", "kr")


def whole_kronor(ore: int) -> str:
    """'12 345 kr' rounded to whole kronor, for cards and column sums read from a distance."""
    text = format_currency(Decimal(round(ore / 100)), "SEK", format="#,##0\u00a0¤", locale=LOCALE, currency_digits=False)
    return text.replace("SEK", "kr")


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def long_day(value: date) -> str:
    return format_date(value, format="d MMMM y", locale=LOCALE)


def weekday_day(value: date) -> str:
    """'tisdag 1 december 2026' for the window's date line."""
    return format_date(value, format="EEEE d MMMM y", locale=LOCALE)


def personnummer(value: str) -> str:
    """'191212121212' → '19121212-1212' (as Skatteverket writes it); anything else unchanged."""
    digits = value.replace("-", "").replace("+", "")
    return f"{digits[:8]}-{digits[8:]}" if len(digits) == 12 and digits.isdigit() else value


def days(n: int) -> str:
    return f"{n} dag" if n == 1 else f"{n} dagar"


def relative_due(due: date, as_of: date) -> str:
    """How the due date reads beside today's date: 'i dag', 'om 3 dagar', '5 dagar sen'."""
    delta = (due - as_of).days
    if delta == 0:
        return "i dag"
    if delta == 1:
        return "i morgon"
    if delta > 0:
        return f"om {days(delta)}"
    return f"{days(-delta)} sen"


def due_text_short(due: date, as_of: date) -> str:
    """The card's form: '2026-12-07 · om 6 d', '2026-11-30 · 1 d sen' (full words in the tooltip)."""
    delta = (due - as_of).days
    if abs(delta) > 60:
        return due.isoformat()
    if delta == 0:
        return f"{due.isoformat()} · i dag"
    if delta == 1:
        return f"{due.isoformat()} · i morgon"
    return f"{due.isoformat()} · om {delta} d" if delta > 0 else f"{due.isoformat()} · {-delta} d sen"


def due_text(due: date, as_of: date) -> str:
    """'2026-12-01 (i dag)'; a date more than two months away stands alone ('om 3 562 dagar' says nothing)."""
    if abs((due - as_of).days) > 60:
        return due.isoformat()
    return f"{due.isoformat()} ({relative_due(due, as_of)})"


# --- urgency ------------------------------------------------------------------------------------
URGENCY_COLOURS = {
    "overdue": QColor("#c62828"),
    "today": QColor("#e65100"),
    "week": QColor("#9a6a00"),
    "later": QColor("#2e7d32"),
    "none": QColor("#757575"),
}
# Brighter variants that keep contrast on a dark background.
URGENCY_COLOURS_DARK = {
    "overdue": QColor("#ff7961"),
    "today": QColor("#ffb74d"),
    "week": QColor("#ffe082"),
    "later": QColor("#81c784"),
    "none": QColor("#bdbdbd"),
}
URGENCY_LABELS = {"overdue": "Försenat", "today": "I dag", "week": "Denna vecka", "later": "Senare", "none": ""}


def urgency(due: date | None, as_of: date) -> str:
    if due is None:
        return "none"
    if due < as_of:
        return "overdue"
    if due == as_of:
        return "today"
    if (due - as_of).days <= 7:
        return "week"
    return "later"


def urgency_colour(key: str) -> QColor:
    return (URGENCY_COLOURS_DARK if is_dark() else URGENCY_COLOURS)[key]


# --- badges -------------------------------------------------------------------------------------
SIDE_STATE_COLOURS = {
    SideState.BESTRIDD: QColor("#ad1457"),
    SideState.AMORTERINGSPLAN: QColor("#1565c0"),
    SideState.TVIST: QColor("#6a1b9a"),
}
BAND_TEXT = {"lag": "Låg risk", "medel": "Medelrisk", "hog": "Hög risk"}
BAND_SHORT = {"lag": "Låg", "medel": "Medel", "hog": "Hög"}
BAND_COLOURS = {"lag": QColor("#2e7d32"), "medel": QColor("#ef6c00"), "hog": QColor("#c62828")}
STAGE_ACCENT = QColor("#37474f")
CLOSED_STAGES = frozenset({Stage.AVSLUTAD})

METHOD_LABELS = {
    "post": "Brev",
    "rekommenderat": "Rekommenderat brev",
    "e-post": "E-post",
    "hand": "Lämnat personligen",
    "e-tjanst": "Kronofogdens e-tjänst",
    "kronofogden": "Kronofogden",
    "stamningsman": "Stämningsman",
    "personlig": "Personlig delgivning",
    "rekommenderat-och-kopia": "Rekommenderat brev och kopia i bostaden",
}


def method_label(method: str | None) -> str:
    return METHOD_LABELS.get(method or "", method or "–")


# --- fonts and palette ----------------------------------------------------------------------------
def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#e8e8e8")
    for role, colour in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor("#26282b")),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, QColor("#3a3d41")),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.ToolTipBase, QColor("#3a3d41")),
        (QPalette.ColorRole.ToolTipText, text), (QPalette.ColorRole.Highlight, QColor("#3d6fb6")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")), (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a")), (QPalette.ColorRole.Mid, QColor("#44474b")),
    ):
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def apply_theme(app: QApplication) -> None:
    """Fusion with a light or dark palette following the system's colour scheme (and its changes)."""
    app.setStyle("Fusion")

    def follow() -> None:
        dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        app.setPalette(_dark_palette() if dark else app.style().standardPalette())

    follow()
    if not getattr(app, "_bostadsinkasso_theme", False):
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: follow())
        app._bostadsinkasso_theme = True  # noqa: SLF001 - connect once per application
