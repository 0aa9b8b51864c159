"""The legal calendar: vardagar and periods per lag (1930:173) om beräkning av lagstadgad tid.

A `BusinessCalendar` is built by the services from the public holidays (lag 1989:253) and the three
eves the law also excludes; it holds no I/O itself.
"""
from __future__ import annotations

import calendar as _stdcal
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


def midsummer_eve(year: int) -> date:
    """Midsommarafton: the Friday between 19 and 25 June."""
    day = date(year, 6, 19)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def statutory_eves(year: int) -> tuple[date, date, date]:
    """Midsommarafton, julafton and nyårsafton – not vardagar under lag 1930:173 2 §."""
    return (midsummer_eve(year), date(year, 12, 24), date(year, 12, 31))


def add_months(start: date, months: int) -> date:
    """Same date `months` later, or the month's last day when it has no such date (1930:173 1 §)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = _stdcal.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def add_years(start: date, years: int) -> date:
    """Same date `years` later; 29 February becomes 28 February in a common year (as add_months)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February → the month's last day
        return date(start.year + years, 2, 28)


def add_weeks(start: date, weeks: int) -> date:
    """A period in weeks ends on the same weekday (1930:173 1 §)."""
    return start + timedelta(weeks=weeks)


@dataclass(frozen=True)
class BusinessCalendar:
    """Which days are vardagar. `closed_days` holds every non-weekend day that is not a vardag."""

    closed_days: frozenset[date]

    @classmethod
    def from_days(cls, days: Iterable[date]) -> "BusinessCalendar":
        return cls(frozenset(days))

    def is_vardag(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed_days

    def next_vardag(self, day: date) -> date:
        """`day` itself if it is a vardag, else the next one (1930:173 2 §: the last day moves)."""
        while not self.is_vardag(day):
            day += timedelta(days=1)
        return day

    def nth_vardag_after(self, day: date, n: int) -> date:
        """The n-th vardag strictly after `day` (n=1: the first vardag after it)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        count = 0
        while count < n:
            day += timedelta(days=1)
            if self.is_vardag(day):
                count += 1
        return day

    def vardagar_between(self, start: date, end: date) -> int:
        """Vardagar in the half-open interval (start, end]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_vardag(day):
                count += 1
        return count

    def deadline_days(self, start: date, days: int) -> date:
        """A period of `days` days from `start`, its last day moved to the next vardag."""
        return self.next_vardag(start + timedelta(days=days))

    def deadline_weeks(self, start: date, weeks: int) -> date:
        return self.next_vardag(add_weeks(start, weeks))

    def deadline_months(self, start: date, months: int) -> date:
        return self.next_vardag(add_months(start, months))
