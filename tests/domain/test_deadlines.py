"""Statutory dates: payment deadline P, recovery period end E, the 3rd-vardag rule, forfeiture."""
from __future__ import annotations

import pytest

from app.domain.arrears import capital_history
from app.domain.deadlines import (
    ForfeitureState,
    earliest_eviction_decision,
    forfeiture_date,
    forfeiture_on,
    payment_deadline,
    recovery_period_end,
    timeline_day,
)
from app.domain.facts import AllocationOrder, ProcessSettings
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, paid, reference_rates, swedish_calendar

CAL = swedish_calendar()
SETTINGS = ProcessSettings()


@pytest.mark.parametrize(
    "sent, deadline, why",
    [
        ("2026-03-02", "2026-03-10", "K+8 is a Tuesday; 4 vardagar after receipt (4 March) is the same day"),
        ("2026-03-30", "2026-04-09", "K+8 = 7 April, but påsk eats two vardagar after receipt on 1 April"),
        ("2026-06-11", "2026-06-22", "K+8 is midsommarafton 19 June → Monday"),
        ("2025-06-12", "2025-06-23", "K+8 is midsommarafton 20 June 2025 → Monday"),
        ("2026-12-16", "2026-12-28", "K+8 is julafton → past juldagen and the weekend"),
        ("2026-12-23", "2027-01-04", "K+8 is nyårsafton → past nyårsdagen and the weekend"),
        ("2026-12-29", "2027-01-08", "K+8 is trettondagen (7 Jan), but receipt on nyårsafton needs 4 vardagar: 4, 5, 7, 8 Jan"),
        ("2026-03-06", "2026-03-16", "a Friday: K+8 is Saturday 14 March → Monday"),
    ],
)
def test_payment_deadline(sent, deadline, why):
    assert payment_deadline(d(sent), SETTINGS, CAL) == d(deadline), why


def test_payment_deadline_follows_a_longer_setting():
    assert payment_deadline(d("2026-03-02"), ProcessSettings(payment_days=14), CAL) == d("2026-03-16")


@pytest.mark.parametrize(
    "tenure, served, social, end",
    [
        (Tenure.BOSTADSRATT, "2026-05-29", "2026-05-29", "2026-06-22"),  # +3 weeks = midsommarafton
        (Tenure.HYRESRATT, "2026-05-20", "2026-05-29", "2026-06-22"),  # the later of the two counts
        (Tenure.HYRESRATT, "2026-06-01", "2026-05-25", "2026-06-22"),  # service after the notice
        (Tenure.BOSTADSRATT, "2026-12-03", "2026-12-01", "2026-12-28"),  # +3 weeks = julafton
        (Tenure.BOSTADSRATT, "2026-12-10", "2026-12-10", "2027-01-04"),  # +3 weeks = nyårsafton
        (Tenure.HYRESRATT, "2026-12-16", "2026-12-14", "2027-01-07"),  # +3 weeks = trettondagen
        (Tenure.LOKAL, "2026-03-20", None, "2026-04-07"),  # premises: 2 weeks, no social notice; påsk
        (Tenure.LOKAL, "2026-06-05", None, "2026-06-22"),  # 2 weeks = midsommarafton
        (Tenure.BOSTADSRATT, "2026-05-29", None, None),  # a home without the social notice: never starts
        (Tenure.BOSTADSRATT, None, "2026-05-29", None),  # not served: never starts
        (Tenure.OVRIGT, "2026-05-29", "2026-05-29", None),  # no eviction track
    ],
)
def test_recovery_period_end(tenure, served, social, end):
    got = recovery_period_end(tenure, served and d(served), social and d(social), CAL)
    assert got == (end and d(end))


@pytest.mark.parametrize(
    "end, earliest",
    [
        ("2026-06-22", "2026-06-25"),
        ("2026-04-07", "2026-04-10"),
        ("2026-04-01", "2026-04-08"),  # 2 April, then påsk, then 7 and 8 April
        ("2026-12-23", "2026-12-30"),
        ("2026-12-28", "2027-01-04"),  # 29, 30 Dec, then past nyår
        ("2027-01-04", "2027-01-08"),  # trettondagen skipped
        ("2026-06-17", "2026-06-23"),  # 18 June, then past midsommar: 22, 23
    ],
)
def test_eviction_decided_at_the_earliest_the_third_vardag_after_the_period(end, earliest):
    assert earliest_eviction_decision(d(end), CAL) == d(earliest)
    assert earliest_eviction_decision(None, CAL) is None


def test_timeline_day_moves_to_a_vardag():
    assert timeline_day(d("2026-06-08"), 11, CAL) == d("2026-06-22")  # K+11 = midsommarafton
    assert timeline_day(d("2026-03-02"), 9, CAL) == d("2026-03-11")


@pytest.mark.parametrize(
    "tenure, due, first_day",
    [
        (Tenure.BOSTADSRATT, "2026-02-27", "2026-03-07"),  # more than one week: from the 8th day
        (Tenure.HYRESRATT, "2026-03-31", "2026-04-08"),
        # the week's last day moves to the next vardag (1930:173 2 §): the rent may still be paid then
        (Tenure.HYRESRATT, "2026-12-30", "2027-01-08"),  # +1 week = trettondedag jul → 7 Jan still in time
        (Tenure.BOSTADSRATT, "2026-06-12", "2026-06-23"),  # +1 week = midsommarafton → Monday 22 June in time
        (Tenure.BOSTADSRATT, "2025-12-17", "2025-12-30"),  # +1 week = julafton → Monday 29 Dec in time
        (Tenure.HYRESRATT, "2027-03-19", "2027-03-31"),  # +1 week = långfredag → annandag påsk → 30 March in time
        (Tenure.LOKAL, "2026-03-31", "2026-04-03"),  # 2 vardagar: 1 and 2 April; förverkad from 3 April
        (Tenure.LOKAL, "2026-04-01", "2026-04-08"),  # 2 April, then 7 April (påsk); from 8 April
        (Tenure.LOKAL, "2026-06-17", "2026-06-23"),  # 18 June, 22 June (midsommar); from 23 June
        (Tenure.OVRIGT, "2026-03-31", None),
    ],
)
def test_forfeiture_date(tenure, due, first_day):
    assert forfeiture_date(tenure, d(due), CAL) == (first_day and d(first_day))


def _money(facts, as_of="2026-12-31"):
    return capital_history(facts, AllocationOrder.CAPITAL_FIRST, reference_rates(), d(as_of))


@pytest.mark.parametrize(
    "payments, termination, state, forfeited_on",
    [
        ((), "2026-03-07", ForfeitureState.FORFEITED, "2026-03-07"),
        ((), "2026-03-06", ForfeitureState.NOT_YET, None),  # only one week late: not yet
        ((paid(1, "2026-03-05", 4500),), "2026-03-16", ForfeitureState.NOTHING_DUE, None),  # paid within the week
        ((paid(1, "2026-03-10", 4500),), "2026-03-16", ForfeitureState.CURED, None),  # late, then paid before the termination
        ((paid(1, "2026-03-16", 4500),), "2026-03-16", ForfeitureState.FORFEITED, "2026-03-07"),  # paid on the day: not before it
        ((paid(1, "2026-03-10", 4000),), "2026-03-16", ForfeitureState.FORFEITED, "2026-03-07"),  # part payment cures nothing
    ],
)
def test_forfeiture_on_the_termination_day(payments, termination, state, forfeited_on):
    facts = case(Tenure.BOSTADSRATT, claims=[claim(1, "2026-02-27", 4500)], payments=tuple(payments))
    result = forfeiture_on(facts.tenure, _money(facts), d(termination), CAL)
    assert result.state is state
    assert result.forfeited_on == (forfeited_on and d(forfeited_on))


def test_a_termination_on_the_moved_last_day_of_the_week_is_too_early():
    # rent for January 2027 due 30 Dec 2026; the week ends on trettondedag jul, so 7 Jan is still in time
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-12-30", 9000)])
    result = forfeiture_on(facts.tenure, _money(facts, "2027-01-31"), d("2027-01-07"), CAL)
    assert result.state is ForfeitureState.NOT_YET and result.earliest == d("2027-01-08")
    later = forfeiture_on(facts.tenure, _money(facts, "2027-01-31"), d("2027-01-08"), CAL)
    assert later.state is ForfeitureState.FORFEITED and later.forfeited_on == d("2027-01-08")


def test_not_yet_forfeited_tells_the_earliest_day():
    facts = case(Tenure.HYRESRATT, claims=[claim(1, "2026-03-31", 9000, )])
    result = forfeiture_on(facts.tenure, _money(facts), d("2026-04-07"), CAL)
    assert result.state is ForfeitureState.NOT_YET and result.earliest == d("2026-04-08")


def test_payment_with_a_newer_claims_reference_does_not_cure_the_old_one():
    facts = case(
        Tenure.BOSTADSRATT,
        claims=[claim(1, "2026-02-27", 4500), claim(2, "2026-03-31", 4500)],
        payments=(paid(1, "2026-04-02", 4500, claim_id=2),),
    )
    result = forfeiture_on(facts.tenure, _money(facts), d("2026-04-09"), CAL)
    assert result.state is ForfeitureState.FORFEITED and result.forfeited_on == d("2026-03-07")


def test_an_earlier_agreed_due_date_does_not_forfeit_a_rented_home_sooner():
    # JB 12:20: April 2026 rent agreed due 20 March; the statutory date is Tuesday 31 March, so the home is
    # förverkad only from 8 April (more than a week after 31 March) – not from 28 March.
    from app.domain.arrears import rent_history
    from app.domain.deadlines import ForfeitureState, forfeiture_due_date, forfeiture_on
    from app.domain.facts import ClaimFact
    from app.domain.ids import ClaimId
    from tests.domain.helpers import case, d, reference_rates, swedish_calendar

    april = ClaimFact(ClaimId(1), d("2026-03-20"), 900000, "A1", ClaimKind.HYRA, d("2026-04-01"), d("2026-04-30"))
    calendar = swedish_calendar()
    assert forfeiture_due_date(Tenure.HYRESRATT, april, calendar) == d("2026-03-31")
    assert forfeiture_due_date(Tenure.LOKAL, april, calendar) == d("2026-03-20")  # premises: the agreed date stands
    facts = case(Tenure.HYRESRATT, opened="2026-03-23", claims=[april])
    money = rent_history(facts, reference_rates(), d("2026-04-10"))
    assert forfeiture_on(Tenure.HYRESRATT, money, d("2026-04-07"), calendar).state is ForfeitureState.NOT_YET
    assert forfeiture_on(Tenure.HYRESRATT, money, d("2026-04-08"), calendar).forfeited_on == d("2026-04-08")
