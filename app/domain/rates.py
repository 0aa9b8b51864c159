"""Reference rates (referensränta, räntelagen 9 §) by half-year, and the dröjsmålsränta they give (6 §)."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

PENALTY_POINTS = Decimal(8)  # räntelagen 6 §: referensränta + 8 procentenheter


def half_year_start(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def next_half_year(start: date) -> date:
    return date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)


@dataclass(frozen=True)
class ReferenceRate:
    valid_from: date  # 1 January or 1 July
    percent: Decimal
    source: str = ""
    verified: bool = True


@dataclass(frozen=True)
class RateOnDay:
    reference_percent: Decimal
    valid_from: date  # the half-year this rate belongs to
    provisional: bool  # the half-year's own rate is missing; the latest known one stands in

    @property
    def interest_percent(self) -> Decimal:
        return self.reference_percent + PENALTY_POINTS


@dataclass(frozen=True)
class RateTable:
    rates: tuple[ReferenceRate, ...]

    @classmethod
    def of(cls, rates: Iterable[ReferenceRate]) -> "RateTable":
        return cls(tuple(sorted(rates, key=lambda r: r.valid_from)))

    def rate_on(self, day: date) -> RateOnDay:
        """The rate in force on `day`. A missing half-year is never silently filled: it is flagged."""
        start = half_year_start(day)
        starts = [r.valid_from for r in self.rates]
        index = bisect_right(starts, start) - 1
        if index < 0:
            raise LookupError(f"Referensränta saknas för {start.isoformat()} och alla tidigare halvår.")
        rate = self.rates[index]
        return RateOnDay(rate.percent, start, provisional=rate.valid_from != start)

    def missing_half_years(self, start: date, end: date) -> tuple[date, ...]:
        """Half-years touching [start, end] that have no rate of their own."""
        known = {r.valid_from for r in self.rates}
        missing, current = [], half_year_start(start)
        while current <= end:
            if current not in known:
                missing.append(current)
            current = next_half_year(current)
        return tuple(missing)
