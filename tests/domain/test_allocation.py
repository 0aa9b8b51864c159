"""Settling a case: payments to capital, interest and fees (PROCESS.md, Money) – worked examples and properties."""
from collections import defaultdict
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.allocation import Component, capital_outstanding, settle
from app.domain.facts import AllocationOrder, ClaimFact, FeeFact, FeeKind, PaymentFact
from app.domain.ids import ClaimId, FeeId, PaymentId
from tests.domain.helpers import d, reference_rates

RATES = reference_rates()

# Two monthly fees of 4 500 kr: June's due Friday 2025-05-30, July's due Monday 2025-06-30 (JB 12:20:
# the last vardag before the month). A demand fee of 180 kr charged on 2025-06-10.
JUNE = ClaimFact(ClaimId(1), d("2025-05-30"), 450_000, avi_number="A-2025-06")
JULY = ClaimFact(ClaimId(2), d("2025-06-30"), 450_000, avi_number="A-2025-07")
DEMAND_FEE = FeeFact(FeeId(1), FeeKind.DEMAND, 18_000, d("2025-06-10"))
# 3 000 kr paid on Monday 2025-06-16, 6 300 kr on Friday 2025-08-15, neither with an avi's reference.
FIRST = PaymentFact(PaymentId(1), 300_000, d("2025-06-16"), booking_date=d("2025-06-17"))
SECOND = PaymentFact(PaymentId(2), 630_000, d("2025-08-15"), booking_date=d("2025-08-18"))


def by_payment(settlement):
    rows = defaultdict(list)
    for a in settlement.allocations:
        rows[a.payment_id].append((a.component, a.claim_id or a.fee_id, a.amount_ore))
    return dict(rows)


def test_capital_first_with_two_partial_payments_and_a_fee():
    # 2025-06-16, 3 000 kr: capital, oldest first -> June 450 000 -> 150 000 left.
    #   June's interest so far: (05-30, 06-16] 17 d at 3.00+8 = 11 %: 450 000 * 0.11 * 17/365 = 2 305.48 -> 2 305
    # 2025-08-15, 6 300 kr = 630 000 öre:
    #   capital: June 150 000, July 450 000                                  -> 30 000 left
    #   interest June: (06-16, 06-30] 14 d at 11 % on 150 000 = 632.88 -> 633
    #                  (06-30, 08-15] 46 d at 2.00+8 = 10 % on 150 000 = 1 890.41 -> 1 890
    #                  2 305 + 633 + 1 890 = 4 828                           -> 25 172 left
    #   interest July: (06-30, 08-15] 46 d at 10 % on 450 000 = 5 671.23 -> 5 671 -> 19 501 left
    #   fees: the demand fee 18 000                                          ->  1 501 left: a credit
    # 930 000 paid = 900 000 capital + 10 499 interest + 18 000 fee + 1 501 credit.
    s = settle([JULY, JUNE], [SECOND, FIRST], [DEMAND_FEE], d("2025-09-30"), RATES)
    assert by_payment(s) == {
        PaymentId(1): [(Component.CAPITAL, ClaimId(1), 300_000)],
        PaymentId(2): [
            (Component.CAPITAL, ClaimId(1), 150_000),
            (Component.CAPITAL, ClaimId(2), 450_000),
            (Component.INTEREST, ClaimId(1), 4_828),
            (Component.INTEREST, ClaimId(2), 5_671),
            (Component.FEE, FeeId(1), 18_000),
            (Component.CREDIT, None, 1_501),
        ],
    }
    assert (s.capital_ore, s.interest_ore, s.fees_ore, s.total_ore, s.credit_ore) == (0, 0, 0, 0, 1_501)
    assert not s.provisional


def test_the_balance_between_the_payments():
    # On 2025-07-31, after the first payment only:
    #   June: 150 000 capital; interest 2 305 + 633 + (06-30, 07-31] 31 d at 10 % on 150 000 = 1 273.97 -> 1 274
    #         = 4 212
    #   July: 450 000 capital; (06-30, 07-31] 31 d at 10 % on 450 000 = 3 821.92 -> 3 822
    #   fee 18 000.  Total 600 000 + 8 034 + 18 000 = 626 034 öre = 6 260,34 kr
    s = settle([JUNE, JULY], [FIRST, SECOND], [DEMAND_FEE], d("2025-07-31"), RATES)
    assert [(c.claim_id, c.capital_ore, c.interest_ore) for c in s.claims] == [
        (ClaimId(1), 150_000, 4_212),
        (ClaimId(2), 450_000, 3_822),
    ]
    assert (s.fees_ore, s.total_ore) == (18_000, 626_034)
    assert capital_outstanding([JUNE, JULY], [FIRST, SECOND], [DEMAND_FEE], d("2025-07-31"), RATES) == 600_000


def test_fees_first_order():
    # Setting "avgifter-ranta-kapital".
    # 2025-06-16, 300 000: fee 18 000 -> 282 000; June's interest 2 305 -> 279 695; July not due yet;
    #   capital June 450 000 - 279 695 = 170 305 left.
    # 2025-08-15, 630 000: interest June (06-16, 06-30] 14 d at 11 % on 170 305 = 718.55 -> 719,
    #   (06-30, 08-15] 46 d at 10 % on 170 305 = 2 146.31 -> 2 146: 2 865; July 5 671 (as above)
    #   -> 630 000 - 8 536 = 621 464; capital June 170 305, July 450 000 -> 1 159 credit.
    # 930 000 = 900 000 + (2 305 + 2 865 + 5 671) + 18 000 + 1 159.
    s = settle([JUNE, JULY], [FIRST, SECOND], [DEMAND_FEE], d("2025-09-30"), RATES, AllocationOrder.FEES_FIRST)
    assert by_payment(s) == {
        PaymentId(1): [
            (Component.FEE, FeeId(1), 18_000),
            (Component.INTEREST, ClaimId(1), 2_305),
            (Component.CAPITAL, ClaimId(1), 279_695),
        ],
        PaymentId(2): [
            (Component.INTEREST, ClaimId(1), 2_865),
            (Component.INTEREST, ClaimId(2), 5_671),
            (Component.CAPITAL, ClaimId(1), 170_305),
            (Component.CAPITAL, ClaimId(2), 450_000),
            (Component.CREDIT, None, 1_159),
        ],
    }
    assert (s.total_ore, s.credit_ore) == (0, 1_159)


def test_a_payment_with_an_avis_own_reference_pays_that_avi_first():
    # 4 500 kr paid 2025-07-04 with July's own reference pays July's capital although June is older.
    # June keeps 450 000 and its interest (05-30, 07-31]: 31 d at 11 % = 4 204.11 -> 4 204, 31 d at 10 %
    #   = 3 821.92 -> 3 822: 8 026. July: (06-30, 07-04] 4 d at 10 % on 450 000 = 493.15 -> 493, unpaid.
    own = PaymentFact(PaymentId(3), 450_000, d("2025-07-04"), d("2025-07-07"), claim_id=ClaimId(2))
    s = settle([JUNE, JULY], [own], [], d("2025-07-31"), RATES)
    assert by_payment(s) == {PaymentId(3): [(Component.CAPITAL, ClaimId(2), 450_000)]}
    assert [(c.capital_ore, c.interest_ore) for c in s.claims] == [(450_000, 8_026), (0, 493)]


def test_a_payment_counts_from_the_day_the_bank_got_the_order():
    # JB 12:20: given 2025-06-30, booked 2025-07-02 -> on 2025-07-01 it is already paid.
    paid = PaymentFact(PaymentId(4), 450_000, d("2025-06-30"), booking_date=d("2025-07-02"))
    s = settle([JUNE], [paid], [], d("2025-07-01"), RATES)
    assert s.capital_ore == 0
    # June's interest (05-30, 06-30] 31 d at 11 % on 450 000 = 4 204.11 -> 4 204 is still owed
    assert s.interest_ore == 4_204


def test_interest_into_the_missing_half_year_is_provisional():
    s = settle([JUNE], [], [], d("2026-07-15"), RATES)
    assert s.provisional
    assert s.interest_lines[-1].provisional and s.interest_lines[-1].start == d("2026-06-30")


# --- properties ---------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 6, 30))


@st.composite
def cases(draw):
    claims = [
        ClaimFact(ClaimId(i + 1), draw(DAYS), draw(st.integers(min_value=1, max_value=5_000_000)))
        for i in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    fees = [
        FeeFact(FeeId(i + 1), draw(st.sampled_from(list(FeeKind))), draw(st.integers(1, 60_000)), draw(DAYS))
        for i in range(draw(st.integers(min_value=0, max_value=3)))
    ]
    claim_refs = st.one_of(st.none(), st.sampled_from([c.claim_id for c in claims] + [ClaimId(99)]))
    payments = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        order_date = draw(DAYS)
        amount = draw(st.integers(min_value=1, max_value=6_000_000))
        payments.append(PaymentFact(PaymentId(i + 1), amount, order_date, order_date + timedelta(days=2), draw(claim_refs)))
    return claims, payments, fees, draw(DAYS), draw(st.sampled_from(list(AllocationOrder)))


@settings(max_examples=300, deadline=None)
@given(cases())
def test_settle_never_loses_or_invents_an_ore(case):
    claims, payments, fees, as_of, order = case
    s = settle(claims, payments, fees, as_of, RATES, order)
    counted = [p for p in payments if p.order_date <= as_of]

    # every öre of every counted payment is allocated, and nothing else is
    allocated = defaultdict(int)
    for a in s.allocations:
        assert a.amount_ore > 0
        allocated[a.payment_id] += a.amount_ore
    assert dict(allocated) == {p.payment_id: p.amount_ore for p in counted}

    # capital: paid + outstanding == the claims
    for claim in claims:
        paid = sum(a.amount_ore for a in s.allocations if a.component is Component.CAPITAL and a.claim_id == claim.claim_id)
        (balance,) = [b for b in s.claims if b.claim_id == claim.claim_id]
        assert paid + balance.capital_ore == claim.amount_ore
        assert balance.capital_ore >= 0 and balance.interest_ore >= 0
        # interest: accrued == paid + outstanding
        accrued = sum(line.interest_ore for line in s.interest_lines if line.claim_id == claim.claim_id)
        paid_interest = sum(
            a.amount_ore for a in s.allocations if a.component is Component.INTEREST and a.claim_id == claim.claim_id
        )
        assert accrued == paid_interest + balance.interest_ore

    # fees: only those charged by as_of; paid + outstanding == charged
    charged = {f.fee_id: f.amount_ore for f in fees if f.charged_on <= as_of}
    assert {fee_id for fee_id, _ in s.fees} == set(charged)
    for fee_id, outstanding in s.fees:
        paid = sum(a.amount_ore for a in s.allocations if a.component is Component.FEE and a.fee_id == fee_id)
        assert outstanding >= 0 and paid + outstanding == charged[fee_id]

    credit = sum(a.amount_ore for a in s.allocations if a.component is Component.CREDIT)
    assert s.credit_ore == credit >= 0
    # a credit only arises when everything owed at that moment was paid; at the end it sits beside a debt only
    # if the debt arose later (interest or fees after the overpayment)
    assert s.total_ore == s.capital_ore + s.interest_ore + s.fees_ore >= 0


@settings(max_examples=300, deadline=None)
@given(cases())
def test_capital_first_fast_path_agrees_with_settle(case):
    claims, payments, fees, as_of, _ = case
    full = settle(claims, payments, fees, as_of, RATES, AllocationOrder.CAPITAL_FIRST)
    assert capital_outstanding(claims, payments, fees, as_of, RATES) == full.capital_ore


@settings(max_examples=200, deadline=None)
@given(cases())
def test_an_own_reference_pays_its_own_capital_first(case):
    claims, payments, fees, as_of, order = case
    s = settle(claims, payments, fees, as_of, RATES, order)
    known = {c.claim_id for c in claims}
    for payment in payments:
        if payment.order_date > as_of or payment.claim_id not in known:
            continue
        index, first = next((i, a) for i, a in enumerate(s.allocations) if a.payment_id == payment.payment_id)
        claim = next(c for c in claims if c.claim_id == payment.claim_id)
        paid_before = sum(
            a.amount_ore
            for a in s.allocations[:index]
            if a.component is Component.CAPITAL and a.claim_id == payment.claim_id
        )
        if paid_before < claim.amount_ore:
            # it pays its own avi's capital first, as much as is left of it
            assert (first.component, first.claim_id) == (Component.CAPITAL, payment.claim_id)
            assert first.amount_ore == min(payment.amount_ore, claim.amount_ore - paid_before)
        else:
            assert first.claim_id != payment.claim_id or first.component is not Component.CAPITAL


@settings(max_examples=100, deadline=None)
@given(cases())
def test_orders_differ_only_in_how_the_same_money_is_split(case):
    claims, payments, fees, as_of, _ = case
    a = settle(claims, payments, fees, as_of, RATES, AllocationOrder.CAPITAL_FIRST)
    b = settle(claims, payments, fees, as_of, RATES, AllocationOrder.FEES_FIRST)
    paid = sum(p.amount_ore for p in payments if p.order_date <= as_of)
    for s in (a, b):
        allocated = sum(x.amount_ore for x in s.allocations)
        assert allocated == paid
    # capital first never leaves more capital unpaid than fees first
    assert a.capital_ore <= b.capital_ore
