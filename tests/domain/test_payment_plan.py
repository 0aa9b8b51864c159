"""Payment plans: schedules, whether a plan is kept (PROCESS.md, Amorteringsplan) and proposals."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.event import PaymentPlanTerms
from app.domain.facts import AllocationOrder, CaseFacts, ClaimFact, FeeFact, FeeKind, PaymentFact
from app.domain.ids import CaseId, ClaimId, FeeId, PaymentId
from app.domain.payment_plan import (
    Instalment,
    covers_whole_debt,
    debt_to_cover,
    plan_status,
    plan_total,
    propose_plan,
    schedule,
)
from app.domain.tenure import Tenure
from tests.domain.helpers import d, reference_rates, swedish_calendar

CALENDAR = swedish_calendar()


def paid(amount: int, on: str, payment_id: int = 1) -> PaymentFact:
    return PaymentFact(PaymentId(payment_id), amount, d(on), d(on) + timedelta(days=1))


def test_proposal_whole_kronor_with_the_remainder_last():
    # 10 000 kr over 3 months: 3 333 kr, 3 333 kr, 3 334 kr
    terms = propose_plan(1_000_000, 3, d("2026-01-31"))
    assert (terms.instalment_ore, terms.count, terms.last_instalment_ore) == (333_300, 3, 333_400)
    assert schedule(terms) == (
        Instalment(1, d("2026-01-31"), 333_300),
        Instalment(2, d("2026-02-28"), 333_300),  # no 31 February: the month's last day (1930:173 1 §)
        Instalment(3, d("2026-03-31"), 333_400),  # back on the 31st, counted from the first due date
    )
    assert plan_total(terms) == 1_000_000


def test_proposal_edge_cases():
    assert propose_plan(450_000, 3, d("2026-01-31")).last_instalment_ore is None  # divides evenly
    # 10 000,50 kr over 4: 2 500 kr × 3 and 2 500,50 kr
    terms = propose_plan(1_000_050, 4, d("2026-01-31"))
    assert (terms.instalment_ore, terms.last_instalment_ore) == (250_000, 250_050)
    assert [i.amount_ore for i in schedule(propose_plan(50, 3, d("2026-01-31")))] == [16, 16, 18]  # tiny: öre
    assert schedule(propose_plan(1_000, 1, d("2026-01-31"))) == (Instalment(1, d("2026-01-31"), 1_000),)
    for debt, months in ((0, 1), (2, 3), (100, 0)):
        with pytest.raises(ValueError):
            propose_plan(debt, months, d("2026-01-31"))


def test_schedule_every_other_month():
    terms = PaymentPlanTerms(d("2025-12-31"), 100_000, 3, interval_months=2)
    assert [i.due_date for i in schedule(terms)] == [d("2025-12-31"), d("2026-02-28"), d("2026-04-30")]
    with pytest.raises(ValueError):
        schedule(PaymentPlanTerms(d("2025-12-31"), 100_000, 0))


def test_covers_whole_debt():
    terms = propose_plan(1_000_000, 3, d("2026-01-31"))
    assert covers_whole_debt(terms, 1_000_000)
    assert not covers_whole_debt(terms, 1_000_001)


# --- plan_status ------------------------------------------------------------------------------------

# 4 500 kr in three instalments of 1 500 kr: Saturday 2026-01-31, Saturday 2026-02-28, Tuesday 2026-03-31.
PLAN = propose_plan(450_000, 3, d("2026-01-31"))


def test_a_plan_kept_to_the_day_with_weekend_due_dates_moved():
    # Saturday due dates move to Monday (1930:173 2 §): 2026-02-02 and 2026-03-02.
    payments = [paid(150_000, "2026-02-02", 1), paid(150_000, "2026-03-02", 2)]
    status = plan_status(PLAN, payments, d("2026-03-15"), CALENDAR)
    assert status.kept and status.first_missed is None
    assert (status.paid_ore, status.due_ore, status.arrears_ore) == (300_000, 300_000, 0)
    assert [(s.deadline, s.paid_ore, s.paid_on, s.missed) for s in status.instalments] == [
        (d("2026-02-02"), 150_000, d("2026-02-02"), False),
        (d("2026-03-02"), 150_000, d("2026-03-02"), False),
        (d("2026-03-31"), 0, None, False),
    ]
    assert not status.completed
    # without the calendar the due date itself is the deadline: paid two days late -> missed
    strict = plan_status(PLAN, payments, d("2026-03-15"))
    assert not strict.kept and strict.first_missed == d("2026-01-31")


def test_a_missed_instalment_breaks_the_plan_even_if_paid_later():
    # 1 000 kr on 2026-02-02 (short by 500 kr), 2 000 kr on 2026-02-20 catches up.
    payments = [paid(100_000, "2026-02-02", 1), paid(200_000, "2026-02-20", 2)]
    status = plan_status(PLAN, payments, d("2026-03-05"), CALENDAR)
    assert not status.kept and status.first_missed == d("2026-01-31")
    assert [(s.paid_on, s.missed) for s in status.instalments] == [
        (d("2026-02-20"), True),
        (d("2026-02-20"), False),
        (None, False),
    ]


def test_not_missed_until_the_deadline_has_passed():
    on_deadline = plan_status(PLAN, [], d("2026-02-02"), CALENDAR)
    assert on_deadline.kept and on_deadline.due_ore == 150_000 and on_deadline.arrears_ore == 150_000
    day_after = plan_status(PLAN, [], d("2026-02-03"), CALENDAR)
    assert not day_after.kept and day_after.first_missed == d("2026-01-31")


def test_payments_after_as_of_do_not_count():
    status = plan_status(PLAN, [paid(450_000, "2026-04-01")], d("2026-03-31"), CALENDAR)
    assert status.paid_ore == 0 and status.kept is False


def test_paid_in_full_in_advance():
    status = plan_status(PLAN, [paid(450_000, "2026-01-20")], d("2026-04-30"), CALENDAR)
    assert status.kept and status.completed and status.arrears_ore == 0
    assert all(s.paid_on == d("2026-01-20") for s in status.instalments)


def test_midsommarafton_and_julafton_deadlines():
    # 2026-06-19 is midsommarafton (a Friday, not a vardag) -> Monday 2026-06-22;
    # 2026-12-24 julafton, 25th juldagen, 26th a Saturday -> Monday 2026-12-28.
    summer = PaymentPlanTerms(d("2026-05-19"), 100_000, 2)
    status = plan_status(summer, [paid(100_000, "2026-05-19"), paid(100_000, "2026-06-22", 2)], d("2026-06-30"), CALENDAR)
    assert [s.deadline for s in status.instalments] == [d("2026-05-19"), d("2026-06-22")] and status.kept
    winter = PaymentPlanTerms(d("2026-11-24"), 100_000, 2)
    status = plan_status(winter, [paid(200_000, "2026-11-24")], d("2026-12-28"), CALENDAR)
    assert status.instalments[1].deadline == d("2026-12-28") and status.completed


# --- debt_to_cover --------------------------------------------------------------------------------


def test_debt_to_cover():
    # March 4 512 kr due 2026-02-27, April due 2026-03-31; demand fee 180 kr on 2026-03-02; 1 000 kr paid 2026-03-10.
    facts = CaseFacts(
        CaseId(1), Tenure.BOSTADSRATT, d("2026-03-02"),
        claims=(ClaimFact(ClaimId(1), d("2026-02-27"), 451_200), ClaimFact(ClaimId(2), d("2026-03-31"), 451_200)),
        payments=(paid(100_000, "2026-03-10"),),
        fees=(FeeFact(FeeId(1), FeeKind.DEMAND, 18_000, d("2026-03-02")),),
    )
    # on 2026-03-20 April is not yet due: 451 200 + 18 000 - 100 000 = 369 200
    assert debt_to_cover(facts, d("2026-03-20")) == 369_200
    # with interest: 451 200 from 2026-02-27 to 03-10 (11 days at 10 %) = 1 359.78 -> 1 360;
    # then 351 200 to 03-20 (10 days) = 962.19 -> 962.  369 200 + 1 360 + 962 = 371 522
    assert debt_to_cover(facts, d("2026-03-20"), AllocationOrder.CAPITAL_FIRST, reference_rates()) == 371_522


# --- properties ------------------------------------------------------------------------------------


@given(
    debt=st.integers(min_value=1, max_value=10**9),
    months=st.integers(min_value=1, max_value=36),
    first_due=st.dates(date(2025, 1, 1), date(2030, 12, 31)),
)
def test_proposals_add_up_to_the_debt(debt, months, first_due):
    if debt < months:
        with pytest.raises(ValueError):
            propose_plan(debt, months, first_due)
        return
    terms = propose_plan(debt, months, first_due)
    instalments = schedule(terms)
    assert sum(i.amount_ore for i in instalments) == debt and covers_whole_debt(terms, debt)
    assert len({i.amount_ore for i in instalments[:-1]}) <= 1
    assert instalments[-1].amount_ore >= instalments[0].amount_ore > 0
    assert [i.due_date for i in instalments] == sorted({i.due_date for i in instalments})
    assert all(i.due_date.day == min(first_due.day, 28) or i.due_date.day >= 28 for i in instalments)


@given(
    terms=st.builds(
        PaymentPlanTerms,
        first_due=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
        instalment_ore=st.integers(1, 10**6),
        count=st.integers(1, 12),
        interval_months=st.integers(1, 3),
        last_instalment_ore=st.one_of(st.none(), st.integers(1, 2 * 10**6)),
    ),
    payments=st.lists(st.tuples(st.integers(1, 10**6), st.dates(date(2025, 1, 1), date(2029, 12, 31))), max_size=8),
    as_of=st.dates(date(2025, 1, 1), date(2029, 12, 31)),
)
def test_status_accounts_for_every_ore(terms, payments, as_of):
    facts = [paid(amount, on.isoformat(), i) for i, (amount, on) in enumerate(payments)]
    status = plan_status(terms, facts, as_of, CALENDAR)
    counted = sum(p.amount_ore for p in facts if p.order_date <= as_of)
    assert status.paid_ore == counted
    assert sum(s.paid_ore for s in status.instalments) == min(counted, plan_total(terms))
    assert all(0 <= s.paid_ore <= s.instalment.amount_ore for s in status.instalments)
    assert status.kept == (status.first_missed is None) == (not any(s.missed for s in status.instalments))
    # a missed instalment's deadline has passed
    assert all(s.deadline < as_of for s in status.instalments if s.missed)
