"""Dröjsmålsränta (räntelagen 3, 6, 9 §§): worked examples checked by hand, to the öre."""
import csv
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.allocation import settle
from app.domain.facts import ClaimFact, FeeFact, FeeKind, PaymentFact
from app.domain.ids import ClaimId, FeeId, PaymentId
from app.domain.interest import accrue, exact_interest
from app.domain.money import round_half_up
from app.domain.rates import RateTable, ReferenceRate
from tests.domain.helpers import d, reference_rates

RATES = reference_rates()  # 2024-H1 4.00, 2024-H2 4.00, 2025-H1 3.00, 2025-H2 2.00, 2026-H1 2.00; 2026-H2 missing
DATA = Path(__file__).resolve().parents[2] / "resources" / "data" / "referensranta.csv"


def test_one_claim_over_four_rate_changes_and_a_missing_half_year():
    # 10 000 kr due Friday 2024-11-29 (December's rent, JB 12:20), unpaid until 2026-09-30.
    # (2024-11-29, 2024-12-31]  32 days at 4.00+8 = 12 %: 1 000 000 * 0.12 * 32/365  = 10 520.548 -> 10 521
    # (2024-12-31, 2025-06-30] 181 days at 3.00+8 = 11 %: 1 000 000 * 0.11 * 181/365 = 54 547.945 -> 54 548
    # (2025-06-30, 2026-06-30] 365 days at 2.00+8 = 10 % (2025-H2 and 2026-H1 have the same rate: one
    #                          period, rounded once): 1 000 000 * 0.10 * 365/365 = 100 000
    # (2026-06-30, 2026-09-30]  92 days, 2026-H2 missing, 2026-H1's 10 % stands in:  25 205.479 -> 25 205
    # total 10 521 + 54 548 + 100 000 + 25 205 = 190 274 öre = 1 902,74 kr
    lines = accrue(ClaimId(1), 1_000_000, d("2024-11-29"), d("2026-09-30"), RATES)
    assert [(line.start, line.end, line.days) for line in lines] == [
        (d("2024-11-29"), d("2024-12-31"), 32),
        (d("2024-12-31"), d("2025-06-30"), 181),
        (d("2025-06-30"), d("2026-06-30"), 365),
        (d("2026-06-30"), d("2026-09-30"), 92),
    ]
    assert [line.interest_percent for line in lines] == [Decimal(12), Decimal(11), Decimal(10), Decimal(10)]
    assert [line.interest_ore for line in lines] == [10521, 54548, 100000, 25205]
    assert sum(line.interest_ore for line in lines) == 190274
    assert [line.provisional for line in lines] == [False, False, False, True]
    assert RATES.missing_half_years(d("2024-11-29"), d("2026-09-30")) == (d("2026-07-01"),)


def test_interest_runs_from_the_due_date():
    # räntelagen 3 §: paid on the due date -> no interest; one day late -> one day of interest.
    # 4 512 kr at 11 % for 1 day: 451 200 * 0.11 / 365 = 135.978 -> 136 öre
    assert accrue(ClaimId(1), 451_200, d("2025-03-31"), d("2025-03-31"), RATES) == []
    (line,) = accrue(ClaimId(1), 451_200, d("2025-03-31"), d("2025-04-01"), RATES)
    assert (line.days, line.interest_ore) == (1, 136)


def test_a_period_ending_on_the_last_day_of_a_half_year_uses_that_half_years_rate():
    # (2025-06-29, 2025-06-30] is 2025-H1 (11 %); (2025-06-30, 2025-07-01] is 2025-H2 (10 %).
    # 3 650 000 öre * 0.11 / 365 = 1 100 öre; * 0.10 / 365 = 1 000 öre
    (june,) = accrue(ClaimId(1), 3_650_000, d("2025-06-29"), d("2025-06-30"), RATES)
    (july,) = accrue(ClaimId(1), 3_650_000, d("2025-06-30"), d("2025-07-01"), RATES)
    assert (june.interest_ore, july.interest_ore) == (1100, 1000)


def test_leap_year_still_counts_365():
    # Actual days / 365, also in 2028: 29 February is one more day, not a different divisor.
    # 365 000 öre at 10 % over (2028-02-28, 2028-03-01] = 2 days: 365 000 * 0.10 * 2/365 = 200
    rates = RateTable.of([ReferenceRate(d("2028-01-01"), Decimal("2.00"))])
    (line,) = accrue(ClaimId(1), 365_000, d("2028-02-28"), d("2028-03-01"), rates)
    assert (line.days, line.interest_ore) == (2, 200)


def test_negative_reference_rate_2019():
    # 2019-H1 referensränta -0.50: dröjsmålsränta 7.50 %. 100 000 öre for 73 days: 100 000 * 0.075 * 73/365 = 1 500
    rates = RateTable.of([ReferenceRate(d("2019-01-01"), Decimal("-0.50"))])
    (line,) = accrue(ClaimId(1), 100_000, d("2019-01-10"), d("2019-03-24"), rates)
    assert (line.interest_percent, line.days, line.interest_ore) == (Decimal("7.50"), 73, 1500)


def test_no_rate_before_the_table_is_refused_not_guessed():
    with pytest.raises(LookupError, match="Referensränta saknas"):
        accrue(ClaimId(1), 100_000, d("2023-06-01"), d("2023-08-01"), RATES)


def test_nothing_accrues_on_nothing():
    assert accrue(ClaimId(1), 0, d("2025-01-01"), d("2025-12-31"), RATES) == []
    assert accrue(ClaimId(1), 100, d("2025-02-01"), d("2025-01-01"), RATES) == []


@given(
    capital=st.integers(min_value=1, max_value=10**9),
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    days=st.integers(min_value=1, max_value=900),
)
def test_lines_cover_the_period_exactly_and_each_rounds_once(capital, start, days):
    end = date.fromordinal(start.toordinal() + days)
    lines = accrue(ClaimId(7), capital, start, end, RATES)
    assert lines[0].start == start and lines[-1].end == end
    assert all(a.end == b.start for a, b in zip(lines, lines[1:]))
    assert sum(line.days for line in lines) == days
    for line in lines:
        assert line.interest_ore == round_half_up(exact_interest(capital, line.interest_percent, line.days))
    # rounding once per line: the total is within half an öre per line of the exact sum
    exact = sum(exact_interest(capital, line.interest_percent, line.days) for line in lines)
    assert abs(sum(line.interest_ore for line in lines) - exact) <= Fraction(len(lines), 2)


def test_shipped_referensranta_matches_the_shared_table_and_lacks_2026_h2():
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["valid_from", "referensranta_percent", "source", "verified"]
    by_day = {row["valid_from"]: Decimal(row["referensranta_percent"]) for row in rows}
    for rate in RATES.rates:
        assert by_day[rate.valid_from.isoformat()] == rate.percent
    assert "2026-07-01" not in by_day  # LAW.md: not found; the app asks the user instead of guessing
    assert by_day["2023-07-01"] == Decimal("3.50")


def test_rate_changes_partial_payments_and_a_fee_on_one_claim():
    # 10 000 kr due 2024-11-29; demand fee 180 kr on 2024-12-10; 4 000 kr paid 2025-03-14, 3 000 kr 2025-09-15
    # (capital first). Balance on 2026-09-30:
    #   1 000 000 öre (2024-11-29, 2024-12-31]  32 d at 12 %: 120 000 * 32/365 = 10 520.55 -> 10 521
    #   1 000 000 öre (2024-12-31, 2025-03-14]  73 d at 11 %: 110 000 * 73/365 = 22 000.00 -> 22 000
    #     600 000 öre (2025-03-14, 2025-06-30] 108 d at 11 %:  66 000 * 108/365 = 19 528.77 -> 19 529
    #     600 000 öre (2025-06-30, 2025-09-15]  77 d at 10 %:  60 000 * 77/365 = 12 657.53 -> 12 658
    #     300 000 öre (2025-09-15, 2026-06-30] 288 d at 10 % (2025-H2 and 2026-H1 share 2,00 %: one period,
    #                 rounded once):  30 000 * 288/365 = 23 671.23 -> 23 671
    #     300 000 öre (2026-06-30, 2026-09-30]  92 d at 10 % (provisional): 2 760 000/365 = 7 561.64 -> 7 562
    #   interest 95 941; capital 300 000; fee 18 000 -> 413 941 öre = 4 139,41 kr, provisional
    claim = ClaimFact(ClaimId(1), d("2024-11-29"), 1_000_000)
    payments = [
        PaymentFact(PaymentId(1), 400_000, d("2025-03-14"), d("2025-03-17")),
        PaymentFact(PaymentId(2), 300_000, d("2025-09-15"), d("2025-09-16")),
    ]
    fee = FeeFact(FeeId(1), FeeKind.DEMAND, 18_000, d("2024-12-10"))
    s = settle([claim], payments, [fee], d("2026-09-30"), RATES)
    assert [(line.capital_ore, line.days, line.interest_ore) for line in s.interest_lines] == [
        (1_000_000, 32, 10_521),
        (1_000_000, 73, 22_000),
        (600_000, 108, 19_529),
        (600_000, 77, 12_658),
        (300_000, 288, 23_671),
        (300_000, 92, 7_562),
    ]
    assert (s.capital_ore, s.interest_ore, s.fees_ore, s.total_ore) == (300_000, 95_941, 18_000, 413_941)
    assert s.provisional


@given(st.integers(-10**9, 10**9), st.integers(-100, 3000), st.integers(0, 400))
def test_integer_rounding_agrees_with_the_exact_fraction(capital, hundredths, days):
    from app.domain.interest import exact_interest, interest_ore
    from app.domain.money import round_half_up

    percent = Decimal(hundredths) / 100
    assert interest_ore(capital, percent, days) == round_half_up(exact_interest(capital, percent, days))
