"""Limitation: 3 or 10 years per claim, restarted by interruptions; JB 12:61 after a move-out."""
from __future__ import annotations

import pytest

from app.domain.arrears import capital_history
from app.domain.event import EventKind as K
from app.domain.facts import AllocationOrder
from app.domain.limitation import claim_years, limitation
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, ev, paid, reference_rates


def _limit(facts, as_of):
    money = capital_history(facts, AllocationOrder.CAPITAL_FIRST, reference_rates(), d(as_of))
    return limitation(facts, money, d(as_of))


@pytest.mark.parametrize(
    "tenure, kind, years",
    [
        (Tenure.BOSTADSRATT, ClaimKind.AVGIFT, 10),
        (Tenure.BOSTADSRATT, ClaimKind.OVRIGT, 3),
        (Tenure.HYRESRATT, ClaimKind.HYRA, 3),
        (Tenure.LOKAL, ClaimKind.HYRA, 10),
        (Tenure.OVRIGT, ClaimKind.HYRA, 3),
    ],
)
def test_claim_years(tenure, kind, years):
    assert claim_years(tenure, kind) == years


RENT = dict(kind=ClaimKind.HYRA)


@pytest.mark.parametrize(
    "events, payments, as_of, expected, counts_from",
    [
        ((), (), "2026-03-02", "2029-01-30", "förfallodagen"),
        ((ev(K.DEMAND_SENT, "2026-03-02"),), (), "2026-03-02", "2029-03-02", "inkassokrav skickat"),
        # a reminder before the claim fell due does not interrupt it
        ((ev(K.REMINDER_SENT, "2026-01-15"),), (), "2026-03-02", "2029-01-30", "förfallodagen"),
        # a part payment is an acknowledgement: counts from its payment-order date
        ((ev(K.DEMAND_SENT, "2026-03-02"),), (paid(1, "2026-05-04", 1000),), "2026-06-01", "2029-05-04", "betalning"),
        ((ev(K.FILED, "2026-03-16"),), (), "2026-06-01", "2029-03-16", "ansökan hos Kronofogden"),
        ((ev(K.LIMITATION_REMINDER_SENT, "2028-11-01"),), (), "2028-12-01", "2031-11-01", "preskriptionsavbrytande"),
        # an event after as_of is not counted yet
        ((ev(K.DEMAND_SENT, "2026-03-02"),), (), "2026-02-20", "2029-01-30", "förfallodagen"),
    ],
)
def test_consumer_rent_three_years_from_the_latest_interruption(events, payments, as_of, expected, counts_from):
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-01-30", 9000, **RENT)], events=events, payments=payments)
    result = _limit(facts, as_of)
    assert result.date == d(expected)
    assert counts_from in result.rule and "3 år" in result.rule
    assert not result.needs_filing


def test_the_earliest_unpaid_claim_sets_the_case_date_and_paid_claims_drop_out():
    facts = case(
        Tenure.HYRESRATT,
        claims=[claim(1, "2026-01-30", 9000, **RENT), claim(2, "2026-02-27", 9000, **RENT)],
        payments=(paid(1, "2026-02-10", 9000, claim_id=1),),
    )
    result = _limit(facts, "2026-03-02")
    # claim 1 is paid; the own-reference payment does not interrupt claim 2
    assert result.date == d("2029-02-27") and result.claim_id == 2


def test_bostadsratt_fee_ten_years_and_stays_after_filing():
    facts = case(Tenure.BOSTADSRATT, claims=[claim(1, "2026-02-27", 4500)], events=(ev(K.FILED, "2026-03-16"),))
    result = _limit(facts, "2026-04-01")
    assert result.date == d("2036-03-16") and "10 år" in result.rule


def test_consumer_claim_stays_three_years_after_kronofogden():
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-02-27", 9000, **RENT)], events=(ev(K.FILED, "2026-03-16"),))
    result = _limit(facts, "2026-04-01")
    assert result.date == d("2029-03-16") and "NJA 2022 s. 150" in result.rule


def test_paid_case_has_no_limitation_date():
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-02-27", 9000, **RENT)], payments=(paid(1, "2026-03-05", 9000),))
    assert _limit(facts, "2026-04-01").date is None


def test_interest_still_owed_keeps_a_paid_claim_watched():
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-02-27", 9000, **RENT)], payments=(paid(1, "2026-03-05", 9000),))
    money = capital_history(facts, AllocationOrder.CAPITAL_FIRST, reference_rates(), d("2026-04-01"))
    assert limitation(facts, money, d("2026-04-01"), extra_unpaid=[1]).date == d("2029-03-05")


@pytest.mark.parametrize("tenure", [Tenure.HYRESRATT, Tenure.LOKAL])
def test_lease_after_move_out_needs_a_filing_within_two_years(tenure):
    facts = case(
        tenure,
        claims=[claim(1, "2026-02-27", 9000, **RENT)],
        events=(ev(K.DEMAND_SENT, "2026-03-02"), ev(K.MOVED_OUT, "2026-05-31"), ev(K.LIMITATION_REMINDER_SENT, "2027-10-01")),
    )
    result = _limit(facts, "2027-11-01")
    # the letter on 2027-10-01 would give 2030 (or 2037) – but JB 12:61 ends on 2028-05-31
    assert result.date == d("2028-05-31")
    assert result.needs_filing and "12:61" in result.rule and "inte ett brev" in result.rule


def test_a_filing_satisfies_12_61():
    facts = case(
        Tenure.HYRESRATT,
        claims=[claim(1, "2026-02-27", 9000, **RENT)],
        events=(ev(K.DEMAND_SENT, "2026-03-02"), ev(K.FILED, "2026-03-16"), ev(K.MOVED_OUT, "2026-05-31")),
    )
    result = _limit(facts, "2026-06-01")
    assert result.date == d("2029-03-16") and not result.needs_filing


def test_12_61_does_not_apply_to_a_bostadsratt():
    facts = case(
        Tenure.BOSTADSRATT,
        claims=[claim(1, "2026-02-27", 4500)],
        events=(ev(K.DEMAND_SENT, "2026-03-02"), ev(K.MOVED_OUT, "2026-05-31")),
    )
    result = _limit(facts, "2026-06-01")
    assert result.date == d("2036-03-02") and not result.needs_filing


def test_12_61_gives_way_when_ordinary_limitation_comes_first():
    # consumer rent due 2024-01-31, never interrupted: 2027-01-31 comes before move-out + 2 years
    facts = case(
        Tenure.HYRESRATT, opened="2024-02-15",
        claims=[claim(1, "2024-01-31", 9000, **RENT)],
        events=(ev(K.MOVED_OUT, "2026-05-31"),),
    )
    result = _limit(facts, "2026-06-01")
    assert result.date == d("2027-01-31") and not result.needs_filing
