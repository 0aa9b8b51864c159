"""Capital per claim over time: the fast capital-first path agrees with `settle`, cleared dates are right."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.allocation import settle
from app.domain.arrears import capital_history, owed_on
from app.domain.facts import AllocationOrder, ClaimFact, FeeFact, FeeKind, PaymentFact
from app.domain.ids import ClaimId, FeeId, PaymentId
from tests.domain.helpers import case, claim, d, paid, reference_rates

RATES = reference_rates()
START = date(2025, 1, 1)


def test_cleared_on_and_remaining():
    facts = case(
        claims=[claim(1, "2026-01-30", 4500), claim(2, "2026-02-27", 4500)],
        payments=(paid(1, "2026-03-05", 3000), paid(2, "2026-03-20", 3000), paid(3, "2026-04-01", 3000)),
    )
    money = capital_history(facts, AllocationOrder.CAPITAL_FIRST, RATES, d("2026-04-30"))
    first, second = money.claims
    assert money.cleared_on(first) == d("2026-03-20")
    assert money.remaining(second, d("2026-03-20")) == 3000_00
    assert money.cleared_on(second) == d("2026-04-01")
    assert money.all_cleared_on(money.claims) == d("2026-04-01")
    assert money.outstanding(d("2026-03-04")) == 9000_00
    assert money.outstanding(d("2026-03-05"), due_before=d("2026-02-27")) == 1500_00
    assert money.last_payment_on(d("2026-03-31")) == d("2026-03-20")


def test_payments_after_as_of_are_not_counted():
    facts = case(claims=[claim(1, "2026-01-30", 4500)], payments=(paid(1, "2026-05-05", 4500),))
    money = capital_history(facts, AllocationOrder.CAPITAL_FIRST, RATES, d("2026-05-04"))
    assert money.outstanding(d("2026-05-31")) == 4500_00 and money.cleared_on(money.claims[0]) is None


def test_owed_on_settles_only_when_the_capital_is_paid():
    facts = case(claims=[claim(1, "2026-01-30", 4500)], payments=(paid(1, "2026-03-02", 4500),))
    money = capital_history(facts, AllocationOrder.CAPITAL_FIRST, RATES, d("2026-03-31"))
    assert owed_on(facts, money, d("2026-03-01"), RATES, AllocationOrder.CAPITAL_FIRST) == 4500_00
    # 4500 kr for 31 days at 2 + 8 % = 38,22 kr interest left after the capital was paid
    assert owed_on(facts, money, d("2026-03-31"), RATES, AllocationOrder.CAPITAL_FIRST) == 3822


claims_st = st.lists(
    st.tuples(st.integers(0, 400), st.integers(1, 20_000_00)), min_size=1, max_size=5
)
payments_st = st.lists(
    st.tuples(st.integers(0, 500), st.integers(1, 15_000_00), st.one_of(st.none(), st.integers(0, 4))), max_size=6
)


@settings(max_examples=60, deadline=None)
@given(claims_st, payments_st, st.sampled_from(list(AllocationOrder)), st.integers(0, 500))
def test_capital_per_claim_agrees_with_settle(claim_rows, payment_rows, order, probe_day):
    claims = tuple(ClaimFact(ClaimId(i + 1), START + timedelta(days=day), amount) for i, (day, amount) in enumerate(claim_rows))
    payments = tuple(
        PaymentFact(PaymentId(i + 1), amount, START + timedelta(days=day), START + timedelta(days=day),
                    None if ref is None or ref >= len(claims) else ClaimId(ref + 1))
        for i, (day, amount, ref) in enumerate(payment_rows)
    )
    fees = (FeeFact(FeeId(1), FeeKind.DEMAND, 180_00, START + timedelta(days=30)),)
    facts = case(claims=claims, payments=payments, fees=fees)
    as_of = START + timedelta(days=500)
    money = capital_history(facts, order, RATES, as_of)
    on = START + timedelta(days=probe_day)
    expected = settle(claims, payments, fees, on, RATES, order)
    for balance in expected.claims:
        fact = next(c for c in claims if c.claim_id == balance.claim_id)
        assert money.remaining(fact, on) == balance.capital_ore
    assert money.outstanding(on) == expected.capital_ore
