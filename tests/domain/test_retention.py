"""Retention worked examples: bokföringslagen 7:2 for accounting records, limitation for the rest."""
from __future__ import annotations

import pytest

from app.domain.event import EventKind
from app.domain.retention import accounting_until, collectable_until, financial_year_end, retention
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, ev, paid


@pytest.mark.parametrize(
    ("day", "year_end_month", "end"),
    [
        ("2026-03-15", 12, "2026-12-31"),  # calendar financial year
        ("2026-12-31", 12, "2026-12-31"),
        ("2026-03-15", 6, "2026-06-30"),  # brf with a July–June year
        ("2026-07-01", 6, "2027-06-30"),
        ("2028-02-29", 2, "2028-02-29"),  # a leap-year February end
    ],
)
def test_financial_year_end(day, year_end_month, end):
    assert financial_year_end(d(day), year_end_month) == d(end)


@pytest.mark.parametrize(
    ("booked", "year_end_month", "until"),
    [
        (["2026-10-19"], 12, "2033-12-31"),  # kept to the end of the 7th year after 2026
        (["2025-01-02", "2026-12-31"], 12, "2033-12-31"),  # the latest record decides
        (["2027-01-04"], 12, "2034-12-31"),
        (["2026-08-01"], 6, "2034-12-31"),  # financial year ends 2027-06-30: 7 years after the calendar year 2027
        ([], 12, None),
    ],
)
def test_accounting_records_are_kept_to_the_end_of_the_seventh_year(booked, year_end_month, until):
    assert accounting_until([d(x) for x in booked], year_end_month) == (d(until) if until else None)


def test_arsavgift_is_collectable_ten_years_from_the_last_demand():
    facts = case(Tenure.BOSTADSRATT, "2025-10-26", [claim(1, "2025-09-30", 4000)],
                 events=(ev(EventKind.DEMAND_SENT, "2025-10-27"), ev(EventKind.WRITTEN_OFF, "2026-08-23")))
    assert collectable_until(facts, d("2026-08-23")) == d("2035-10-27")


def test_rent_for_a_home_is_collectable_three_years_from_the_demand():
    facts = case(Tenure.HYRESRATT, "2026-09-11", [claim(1, "2026-08-31", 9000, ClaimKind.HYRA)],
                 events=(ev(EventKind.DEMAND_SENT, "2026-09-12"), ev(EventKind.WITHDRAWN, "2026-10-02")))
    assert collectable_until(facts, d("2026-10-02")) == d("2029-09-12")


def test_a_payment_restarts_the_period_as_an_acknowledgement():
    facts = case(Tenure.BOSTADSRATT, "2026-10-11", [claim(1, "2026-09-30", 4000)],
                 events=(ev(EventKind.DEMAND_SENT, "2026-10-12"),), payments=(paid(1, "2026-10-18", 4200),))
    result = retention(facts, d("2026-10-18"))
    assert result.personal_until == d("2036-10-18")
    assert result.accounting_until == d("2033-12-31")
    assert "preskriptionslagen" in result.rule and "bokföringslagen 7 kap. 2 §" in result.rule


def test_events_after_closing_do_not_stretch_the_period_and_no_record_means_no_accounting_date():
    facts = case(Tenure.LOKAL, "2026-01-05", [claim(1, "2025-12-30", 12000, ClaimKind.HYRA)],
                 events=(ev(EventKind.DEMAND_SENT, "2026-01-07"), ev(EventKind.WRITTEN_OFF, "2026-06-01"),
                         ev(EventKind.LIMITATION_REMINDER_SENT, "2027-01-01")))
    result = retention(facts, d("2026-06-01"))
    assert result.personal_until == d("2036-01-07")  # premises: 10 years (preskriptionslagen 2 § 1 st.)
    assert result.accounting_until is None
