"""Swedish formatting of values in letters."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.documents import formatting as fmt


@pytest.mark.parametrize(
    "ore, text",
    [(0, "0,00 kr"), (5, "0,05 kr"), (123_450, "1 234,50 kr"), (1_234_567_89, "1 234 567,89 kr"), (-18_000, "−180,00 kr")],
)
def test_amount(ore, text):
    assert fmt.amount(ore).replace("\u00a0", " ") == text


def test_dates_in_words_for_deadlines():
    # 10 March 2026 is a Tuesday; 24 December 2026 a Thursday
    assert fmt.date_long(date(2026, 3, 10)) == "10 mars 2026"
    assert fmt.date_weekday(date(2026, 3, 10)) == "tisdag 10 mars 2026"
    assert fmt.date_weekday(date(2026, 12, 24)) == "torsdag 24 december 2026"


@pytest.mark.parametrize("value, text", [(Decimal("2.00"), "2 %"), (Decimal("2.5"), "2,5 %"),
                                         (Decimal("10.25"), "10,25 %"), (Decimal("-0.50"), "-0,5 %"), (8, "8 %")])
def test_percent(value, text):
    assert fmt.percent(value).replace("\u00a0", " ") == text


def test_identity_numbers():
    assert fmt.personnummer("191212121212") == "19121212-1212"
    assert fmt.orgnr("7696123459") == "769612-3459"
    assert fmt.bankgiro("50501055") == "5050-1055"
    assert fmt.bankgiro("123-4566") == "123-4566"
    with pytest.raises(ValueError):
        fmt.personnummer("121212-1212")


def test_periods_in_words_when_whole_months():
    assert fmt.period(date(2026, 1, 1), date(2026, 1, 31)) == "januari 2026"
    assert fmt.period(date(2026, 1, 1), date(2026, 3, 31)) == "januari–mars 2026"
    assert fmt.period(date(2025, 12, 1), date(2026, 2, 28)) == "december 2025–februari 2026"
    assert fmt.period(date(2026, 1, 15), date(2026, 2, 14)) == "2026-01-15 – 2026-02-14"


def test_names_and_lists():
    assert fmt.joined(["A"]) == "A"
    assert fmt.joined(["A", "B", "C"]) == "A, B och C"
    assert fmt.area(Decimal("74.5")) == "74,5\u00a0m²"
    assert fmt.rooms(3, True) == "3 rum och kök"
