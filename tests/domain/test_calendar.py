"""The legal calendar (lag 1930:173): vardagar around midsommar, påsk, jul/nyår and trettondagen."""
from __future__ import annotations

import pytest

from app.domain.calendar import add_months, add_weeks, add_years, midsummer_eve, statutory_eves
from tests.domain.helpers import d, swedish_calendar

CAL = swedish_calendar()


@pytest.mark.parametrize(
    "year, eve",
    [(2025, "2025-06-20"), (2026, "2026-06-19"), (2027, "2027-06-25"), (2028, "2028-06-23")],
)
def test_midsummer_eve_is_the_friday_between_19_and_25_june(year, eve):
    assert midsummer_eve(year) == d(eve)


def test_statutory_eves_2026():
    assert statutory_eves(2026) == (d("2026-06-19"), d("2026-12-24"), d("2026-12-31"))


@pytest.mark.parametrize(
    "day, vardag, why",
    [
        ("2026-06-19", False, "midsommarafton"),
        ("2025-06-20", False, "midsommarafton 2025"),
        ("2026-06-18", True, "dagen före midsommarafton är vardag"),
        ("2026-04-02", True, "skärtorsdagen är vardag"),
        ("2026-04-03", False, "långfredagen"),
        ("2026-04-06", False, "annandag påsk"),
        ("2026-04-07", True, "tisdagen efter påsk"),
        ("2026-04-30", True, "valborgsmässoafton är vardag"),
        ("2026-05-01", False, "första maj"),
        ("2026-05-14", False, "Kristi himmelsfärdsdag"),
        ("2026-05-15", True, "klämdag är vardag"),
        ("2026-12-23", True, "dagen före julafton"),
        ("2026-12-24", False, "julafton"),
        ("2026-12-25", False, "juldagen"),
        ("2026-12-28", True, "måndag mellan jul och nyår"),
        ("2026-12-31", False, "nyårsafton"),
        ("2027-01-01", False, "nyårsdagen"),
        ("2027-01-05", True, "trettondagsafton är vardag"),
        ("2027-01-06", False, "trettondagen"),
        ("2026-06-06", False, "nationaldagen (lördag)"),
        ("2026-03-07", False, "lördag"),
    ],
)
def test_is_vardag(day, vardag, why):
    assert CAL.is_vardag(d(day)) is vardag, why


@pytest.mark.parametrize(
    "day, expected",
    [
        ("2026-06-19", "2026-06-22"),  # midsommarafton → måndag
        ("2026-04-03", "2026-04-07"),  # långfredag → över påsk
        ("2026-12-24", "2026-12-28"),  # julafton, juldagen, helg
        ("2026-12-31", "2027-01-04"),  # nyårsafton, nyårsdagen, helg
        ("2027-01-06", "2027-01-07"),  # trettondagen
        ("2026-03-10", "2026-03-10"),  # already a vardag
    ],
)
def test_next_vardag(day, expected):
    assert CAL.next_vardag(d(day)) == d(expected)


@pytest.mark.parametrize(
    "day, n, expected",
    [
        ("2026-06-22", 3, "2026-06-25"),
        ("2026-06-17", 2, "2026-06-22"),  # 18 June, then over midsommar
        ("2026-04-01", 2, "2026-04-07"),  # skärtorsdag, then over påsk
        ("2026-12-23", 3, "2026-12-30"),
        ("2026-12-28", 3, "2027-01-04"),  # 29, 30, then past nyår
        ("2027-01-04", 3, "2027-01-08"),  # trettondagen skipped
    ],
)
def test_nth_vardag_after(day, n, expected):
    assert CAL.nth_vardag_after(d(day), n) == d(expected)


def test_nth_vardag_after_needs_a_positive_n():
    with pytest.raises(ValueError):
        CAL.nth_vardag_after(d("2026-01-02"), 0)


def test_vardagar_between_is_half_open():
    assert CAL.vardagar_between(d("2026-12-23"), d("2027-01-08")) == 7  # 28, 29, 30 dec; 4, 5, 7, 8 jan
    assert CAL.vardagar_between(d("2026-04-02"), d("2026-04-07")) == 1
    assert CAL.vardagar_between(d("2026-04-07"), d("2026-04-07")) == 0


@pytest.mark.parametrize(
    "start, months, expected",
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2027-12-31", 2, "2028-02-29"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -1, "2025-12-15"),
        ("2026-11-30", 3, "2027-02-28"),
    ],
)
def test_add_months_keeps_the_date_or_takes_the_last_day(start, months, expected):
    assert add_months(d(start), months) == d(expected)


def test_add_years_and_weeks():
    assert add_years(d("2028-02-29"), 1) == d("2029-02-28")
    assert add_years(d("2026-03-02"), 3) == d("2029-03-02")
    assert add_weeks(d("2026-05-29"), 3) == d("2026-06-19")  # same weekday (Friday)


@pytest.mark.parametrize(
    "method, start, amount, expected",
    [
        ("deadline_days", "2026-06-11", 8, "2026-06-22"),  # K+8 on midsommarafton
        ("deadline_days", "2026-12-16", 8, "2026-12-28"),  # julafton
        ("deadline_days", "2026-12-29", 8, "2027-01-07"),  # trettondagen
        ("deadline_weeks", "2026-05-29", 3, "2026-06-22"),
        ("deadline_weeks", "2026-03-20", 2, "2026-04-07"),  # långfredag → annandag → tisdag
        ("deadline_months", "2026-11-24", 1, "2026-12-28"),
    ],
)
def test_deadlines_move_to_the_next_vardag(method, start, amount, expected):
    assert getattr(CAL, method)(d(start), amount) == d(expected)
