"""Dröjsmålsränta under räntelagen 3, 6 and 9 §§: exact accrual on capital, per claim and period.

Interest runs from the due date (3 §) at referensränta + 8 (6 §), changing with each half-year, on
actual days / 365 (the day count is not set by law; the demand says which one is used).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from app.domain.ids import ClaimId
from app.domain.money import round_half_up
from app.domain.rates import RateOnDay, RateTable, half_year_start, next_half_year

DAYS_IN_YEAR = 365


@dataclass(frozen=True)
class InterestLine:
    """Interest on one claim's capital for the days after `start` up to and including `end`."""

    claim_id: ClaimId
    start: date
    end: date
    capital_ore: int
    reference_percent: Decimal
    provisional: bool  # the half-year's referensränta is missing; the latest known one stands in
    interest_ore: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def interest_percent(self) -> Decimal:
        return self.reference_percent + Decimal(8)


def exact_interest(capital_ore: int, interest_percent: Decimal, days: int) -> Fraction:
    return Fraction(capital_ore) * Fraction(interest_percent) / 100 * days / DAYS_IN_YEAR


def interest_ore(capital_ore: int, interest_percent: Decimal, days: int) -> int:
    """`exact_interest` rounded half-up to whole öre, in integer arithmetic (it runs for every line).

    The rate has at most two decimals (referensränta in halves of a percent, + 8), so
    capital × rate × days / (100 × 365) is an exact fraction of integers.
    """
    hundredths = int(interest_percent * 100)
    if hundredths != interest_percent * 100:
        return round_half_up(exact_interest(capital_ore, interest_percent, days))
    numerator = capital_ore * hundredths * days
    denominator = 100 * 100 * DAYS_IN_YEAR
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def accrue(claim_id: ClaimId, capital_ore: int, start: date, end: date, rates: RateTable) -> list[InterestLine]:
    """Lines for `capital_ore` over (start, end], split where the referensränta changes.

    Each line is rounded half-up to öre once (LAW.md: once per claim and period shown); half-years with
    the same rate make one line, so a period shown as one row is rounded once.
    """
    lines: list[InterestLine] = []
    if capital_ore <= 0 or end <= start:
        return lines
    cursor = start
    while cursor < end:
        # the first interest day is cursor + 1; its half-year decides the rate
        first_day = cursor + timedelta(days=1)
        rate = rates.rate_on(first_day)
        segment_end = min(end, next_half_year(half_year_start(first_day)) - timedelta(days=1))
        while segment_end < end and rates.rate_on(segment_end + timedelta(days=1)) == _same_as(rate, segment_end):
            segment_end = min(end, next_half_year(segment_end + timedelta(days=1)) - timedelta(days=1))
        days = (segment_end - cursor).days
        amount = interest_ore(capital_ore, rate.interest_percent, days)
        lines.append(
            InterestLine(claim_id, cursor, segment_end, capital_ore, rate.reference_percent, rate.provisional, amount)
        )
        cursor = segment_end
    return lines


def _same_as(rate: RateOnDay, last_day: date) -> RateOnDay:
    """`rate` as the next half-year would carry it if nothing changed: the comparison for merging."""
    return RateOnDay(rate.reference_percent, next_half_year(half_year_start(last_day)), rate.provisional)
