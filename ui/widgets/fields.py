"""Form fields in Swedish: a date field with a calendar, an amount field in Swedish format, an error label."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QWidget

from app.domain.money import parse_kronor
from app.domain.problem import Problem
from ui import presentation

SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """yyyy-MM-dd with a Swedish calendar popup."""

    def __init__(self, value: date, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(qdate(value), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setLocale(SWEDISH)
        self.calendarWidget().setLocale(SWEDISH)
        self.calendarWidget().setFirstDayOfWeek(SWEDISH.firstDayOfWeek())
        self.setAccessibleName(accessible_name)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt API
        # Tab leaves the field, as in every other field (QDateEdit's own Tab walks year → month → day, so a
        # date accepted as proposed took three presses); typing and the arrow keys still move between them.
        return QWidget.focusNextPrevChild(self, next)

    def value(self) -> date:
        return pydate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(qdate(value))


class MoneyField(QLineEdit):
    """An amount in kronor, written the Swedish way ('1 234,50'); `ore()` gives öre or a Problem."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None, optional: bool = False) -> None:
        super().__init__(parent)
        self.optional = optional
        self.field_name = accessible_name.lower()
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText("t.ex. 1 234,50" if not optional else "tomt = hela beloppet")

    def ore(self) -> int | None | Problem:
        text = self.text().strip()
        if not text:
            return None if self.optional else Problem("amount.missing", f"Ange {self.field_name}.", self.field_name)
        return parse_kronor(text, self.field_name)

    def set_ore(self, ore: int) -> None:
        self.setText(presentation.kronor(ore).removesuffix("\u00a0kr"))


class ErrorLabel(QLabel):
    """The form's validation messages, in red, beside the fields; empty when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #d32f2f; font-weight: bold;")
        self.setAccessibleName("Felmeddelanden")
        self.hide()

    def show_problems(self, messages: list[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))
