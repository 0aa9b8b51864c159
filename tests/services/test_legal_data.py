"""The shipped table of closed days is exactly what the law (via `holidays`) gives, and it is used."""
from __future__ import annotations

import csv
from datetime import date

from app.services import legal_data
from app.services.resources import data_file


def test_the_shipped_holiday_table_matches_the_holidays_package():
    with open(data_file(legal_data.HOLIDAY_TABLE), encoding="utf-8", newline="") as handle:
        shipped = {date.fromisoformat(r["datum"]): r["namn"] for r in csv.DictReader(handle)}
    years = range(min(d.year for d in shipped), max(d.year for d in shipped) + 1)
    assert shipped == legal_data.closed_days(years)


def test_vardagar_around_midsommar_jul_and_the_national_day_2026():
    calendar = legal_data.calendar_around(date(2026, 12, 1))
    assert not calendar.is_vardag(date(2026, 6, 19))  # midsommarafton (Friday)
    assert not calendar.is_vardag(date(2026, 12, 24)) and not calendar.is_vardag(date(2026, 12, 31))
    assert calendar.is_vardag(date(2026, 4, 30))  # valborgsmässoafton is a vardag
    assert calendar.is_vardag(date(2027, 1, 5))  # trettondagsafton is a vardag
    assert not calendar.is_vardag(date(2027, 1, 6))  # trettondedag jul
    assert calendar.next_vardag(date(2026, 12, 24)) == date(2026, 12, 28)


def test_years_beyond_the_shipped_table_are_computed():
    far = legal_data.business_calendar(2100, 2101)
    assert not far.is_vardag(date(2100, 12, 24))  # julafton 2100 is a Friday
