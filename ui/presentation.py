"""Presentation in one place: Swedish number/date formatting, colours and icons for the GUI."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency
from PySide6.QtGui import QColor

LOCALE = "sv_SE"


def kronor(ore: int) -> str:
    """'1 234,50 kr' (babel, Swedish locale) from integer öre – exact, no float."""
    return format_currency(Decimal(ore) / 100, "SEK", format="#,##0.00\u00a0¤", locale=LOCALE, currency_digits=False).replace("SEK", "kr")


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def long_day(value: date) -> str:
    return format_date(value, format="d MMMM y", locale=LOCALE)


URGENCY_COLOURS = {
    "overdue": QColor("#c62828"),
    "today": QColor("#ef6c00"),
    "week": QColor("#f9a825"),
    "later": QColor("#2e7d32"),
    "none": QColor("#757575"),
}


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
