"""Settling a case on a date: payments allocated to capital, interest and fees (PROCESS.md, Money).

A payment with a claim's own reference pays that claim's capital; the rest pays capital oldest claim
first, then interest, then fees – or fees, interest, capital when the setting says so. What is left
over is kept as a credit. Interest is accrued between payments on the capital outstanding each day.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.facts import AllocationOrder, ClaimFact, FeeFact, PaymentFact
from app.domain.ids import ClaimId, FeeId, PaymentId
from app.domain.interest import InterestLine, accrue
from app.domain.rates import RateTable


class Component(StrEnum):
    CAPITAL = "capital"
    INTEREST = "interest"
    FEE = "fee"
    CREDIT = "credit"


@dataclass(frozen=True)
class Allocation:
    payment_id: PaymentId
    component: Component
    amount_ore: int
    claim_id: ClaimId | None = None
    fee_id: FeeId | None = None


@dataclass(frozen=True)
class ClaimBalance:
    claim_id: ClaimId
    capital_ore: int
    interest_ore: int


@dataclass(frozen=True)
class Settlement:
    as_of: date
    claims: tuple[ClaimBalance, ...]
    fees: tuple[tuple[FeeId, int], ...]
    interest_lines: tuple[InterestLine, ...]
    allocations: tuple[Allocation, ...]
    credit_ore: int

    @property
    def capital_ore(self) -> int:
        return sum(c.capital_ore for c in self.claims)

    @property
    def interest_ore(self) -> int:
        return sum(c.interest_ore for c in self.claims)

    @property
    def fees_ore(self) -> int:
        return sum(amount for _, amount in self.fees)

    @property
    def total_ore(self) -> int:
        return self.capital_ore + self.interest_ore + self.fees_ore

    @property
    def provisional(self) -> bool:
        return any(line.provisional for line in self.interest_lines)


@dataclass
class _ClaimState:
    fact: ClaimFact
    capital: int
    accrued_from: date
    lines: list[InterestLine] = field(default_factory=list)
    interest_paid: int = 0

    def pending(self, until: date, rates: RateTable) -> list[InterestLine]:
        start = max(self.accrued_from, self.fact.due_date)
        return accrue(self.fact.claim_id, self.capital, start, until, rates)

    def commit(self, until: date, rates: RateTable) -> None:
        if until > self.accrued_from:
            self.lines.extend(self.pending(until, rates))
            self.accrued_from = until

    def interest_owed(self, until: date, rates: RateTable) -> int:
        accrued = sum(line.interest_ore for line in self.lines) + sum(
            line.interest_ore for line in self.pending(until, rates)
        )
        return accrued - self.interest_paid


class _Ledger:
    def __init__(self, claims: Iterable[ClaimFact], fees: Iterable[FeeFact], rates: RateTable):
        ordered = sorted(claims, key=lambda c: (c.due_date, c.claim_id))
        self.claims = [_ClaimState(c, c.amount_ore, c.due_date) for c in ordered]
        self.by_id = {state.fact.claim_id: state for state in self.claims}
        self.fees = sorted(fees, key=lambda f: (f.charged_on, f.fee_id))
        self.fee_paid: dict[FeeId, int] = {f.fee_id: 0 for f in self.fees}
        self.rates = rates
        self.allocations: list[Allocation] = []

    def pay_capital(self, state: _ClaimState, amount: int, payment: PaymentFact) -> int:
        take = min(amount, state.capital)
        if take > 0:
            state.commit(payment.order_date, self.rates)
            state.capital -= take
            self.allocations.append(Allocation(payment.payment_id, Component.CAPITAL, take, state.fact.claim_id))
        return amount - take

    def pay_interest(self, state: _ClaimState, amount: int, payment: PaymentFact) -> int:
        take = min(amount, max(0, state.interest_owed(payment.order_date, self.rates)))
        if take > 0:
            state.commit(payment.order_date, self.rates)
            state.interest_paid += take
            self.allocations.append(Allocation(payment.payment_id, Component.INTEREST, take, state.fact.claim_id))
        return amount - take

    def pay_fees(self, amount: int, payment: PaymentFact) -> int:
        for fee in self.fees:
            if fee.charged_on > payment.order_date or amount <= 0:
                continue
            take = min(amount, fee.amount_ore - self.fee_paid[fee.fee_id])
            if take > 0:
                self.fee_paid[fee.fee_id] += take
                amount -= take
                self.allocations.append(Allocation(payment.payment_id, Component.FEE, take, fee_id=fee.fee_id))
        return amount

    def apply(self, payment: PaymentFact, order: AllocationOrder) -> int:
        """Allocate one payment; returns what is left over (credit)."""
        amount = payment.amount_ore
        own = self.by_id.get(payment.claim_id) if payment.claim_id is not None else None
        if own is not None:
            amount = self.pay_capital(own, amount, payment)
        steps = ("capital", "interest", "fees")
        if order is AllocationOrder.FEES_FIRST:
            steps = ("fees", "interest", "capital")
        for step in steps:
            if step == "fees":
                amount = self.pay_fees(amount, payment)
                continue
            for state in self.claims:
                if amount <= 0:
                    break
                pay = self.pay_capital if step == "capital" else self.pay_interest
                amount = pay(state, amount, payment)
        if amount > 0:
            self.allocations.append(Allocation(payment.payment_id, Component.CREDIT, amount))
        return amount


def settle(
    claims: Iterable[ClaimFact],
    payments: Iterable[PaymentFact],
    fees: Iterable[FeeFact],
    as_of: date,
    rates: RateTable,
    order: AllocationOrder = AllocationOrder.CAPITAL_FIRST,
) -> Settlement:
    """The balance of a case on `as_of`, counting payments by their payment-order date."""
    ledger = _Ledger(claims, (f for f in fees if f.charged_on <= as_of), rates)
    credit = 0
    for payment in sorted(payments, key=lambda p: (p.order_date, p.payment_id)):
        if payment.order_date <= as_of:
            credit += ledger.apply(payment, order)
    for state in ledger.claims:
        state.commit(as_of, rates)
    return Settlement(
        as_of=as_of,
        claims=tuple(
            ClaimBalance(s.fact.claim_id, s.capital, sum(x.interest_ore for x in s.lines) - s.interest_paid)
            for s in ledger.claims
        ),
        fees=tuple((f.fee_id, f.amount_ore - ledger.fee_paid[f.fee_id]) for f in ledger.fees),
        interest_lines=tuple(line for s in ledger.claims for line in s.lines),
        allocations=tuple(ledger.allocations),
        credit_ore=credit,
    )


def capital_outstanding(
    claims: Iterable[ClaimFact],
    payments: Iterable[PaymentFact],
    fees: Iterable[FeeFact],
    on: date,
    rates: RateTable,
    order: AllocationOrder = AllocationOrder.CAPITAL_FIRST,
) -> int:
    """Unpaid capital on `on`. With capital first this needs no interest: a fast path for the engine."""
    if order is AllocationOrder.CAPITAL_FIRST:
        claims = tuple(claims)
        paid = sum(p.amount_ore for p in payments if p.order_date <= on)
        return max(0, sum(c.amount_ore for c in claims) - paid)
    return settle(claims, payments, fees, on, rates, order).capital_ore
