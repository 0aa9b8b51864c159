"""Unpaid capital per claim over time – what forfeiture, recovery and limitation are judged on.

Payments count from the day the bank received the payment order (JB 12:20). With the default
capital-first order this is plain integer bookkeeping; otherwise it is read from `settle`'s allocations.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from app.domain.allocation import Component, Settlement, settle
from app.domain.facts import AllocationOrder, CaseFacts, ClaimFact, PaymentFact
from app.domain.ids import ClaimId
from app.domain.rates import RateTable

# (payment-order date, amount) of each payment of one claim's capital, in the order applied
Reductions = tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class CapitalHistory:
    """Each claim's capital and when payments reduced it, for payments up to `as_of`."""

    as_of: date
    claims: tuple[ClaimFact, ...]  # oldest first, as allocation pays them
    reductions: dict[ClaimId, Reductions] = field(compare=False)
    payment_dates: tuple[date, ...]  # order dates of the payments counted, ascending
    settlement: Settlement | None = field(default=None, compare=False)  # when one was needed anyway

    paid: dict[ClaimId, int] = field(default_factory=dict, compare=False)  # capital paid per claim by as_of

    def remaining(self, claim: ClaimFact, on: date) -> int:
        rows = self.reductions.get(claim.claim_id)
        if not rows:
            return claim.amount_ore
        if on >= rows[-1][0]:  # the usual question: after the last payment
            return claim.amount_ore - self.paid[claim.claim_id]
        return claim.amount_ore - sum(amount for day, amount in rows if day <= on)

    def outstanding(self, on: date, due_before: date | None = None) -> int:
        """Unpaid capital on `on`, of all claims or only those due before `due_before`."""
        return sum(self.remaining(c, on) for c in self.claims if due_before is None or c.due_date < due_before)

    def unpaid(self, on: date, due_by: date | None = None) -> tuple[ClaimFact, ...]:
        """Claims with capital left on `on` (only those due on or before `due_by` when given)."""
        return tuple(
            c for c in self.claims if (due_by is None or c.due_date <= due_by) and self.remaining(c, on) > 0
        )

    def cleared_on(self, claim: ClaimFact) -> date | None:
        """The payment-order date on which the claim's capital was paid in full, if it was."""
        left = claim.amount_ore
        if left <= 0:
            return claim.due_date
        for day, amount in self.reductions.get(claim.claim_id, ()):
            left -= amount
            if left <= 0:
                return day
        return None

    def all_cleared_on(self, claims: Iterable[ClaimFact]) -> date | None:
        """When the last of `claims` was paid in full; None while any is unpaid or none is given."""
        days = [self.cleared_on(c) for c in claims]
        if not days or any(day is None for day in days):
            return None
        return max(days)  # type: ignore[type-var]

    def last_payment_on(self, on: date) -> date | None:
        earlier = [day for day in self.payment_dates if day <= on]
        return earlier[-1] if earlier else None


def capital_history(facts: CaseFacts, order: AllocationOrder, rates: RateTable, as_of: date) -> CapitalHistory:
    """Build the history once per case; capital first needs no interest, so no `settle` call."""
    claims = tuple(sorted(facts.claims, key=lambda c: (c.due_date, c.claim_id)))
    counted = (p for p in facts.payments if p.order_date <= as_of)
    payments = tuple(sorted(counted, key=lambda p: (p.order_date, p.payment_id)))
    dates = tuple(p.order_date for p in payments)
    settlement = None
    if order is AllocationOrder.CAPITAL_FIRST:
        reductions = _capital_first(claims, payments)
    else:
        settlement = settle(facts.claims, facts.payments, facts.fees, as_of, rates, order)
        reductions = _from_allocations(settlement, payments)
    paid = {claim_id: sum(amount for _, amount in rows) for claim_id, rows in reductions.items()}
    return CapitalHistory(as_of, claims, reductions, dates, settlement, paid)


def rent_history(facts: CaseFacts, rates: RateTable, as_of: date) -> CapitalHistory:
    """The capital history the law looks at: payments count against the rent or fee itself first,
    whatever order the association books them in (JB 12:43–44, BRL 7:21–23 are judged on the rent
    alone – a member who pays the rent in time keeps the home even if fees are unpaid)."""
    return capital_history(facts, AllocationOrder.CAPITAL_FIRST, rates, as_of)


def owed_on(facts: CaseFacts, money: CapitalHistory, day: date, rates: RateTable, order: AllocationOrder) -> int:
    """Capital, interest and fees owed on `day`; settles only when no capital is left (capital > 0 is enough)."""
    capital = money.outstanding(day)
    if capital > 0:
        return capital
    if money.settlement is not None and money.settlement.as_of == day:
        return money.settlement.total_ore
    return settle(facts.claims, facts.payments, facts.fees, day, rates, order).total_ore


def _capital_first(claims: tuple[ClaimFact, ...], payments: tuple[PaymentFact, ...]) -> dict[ClaimId, Reductions]:
    """Mirror of `allocation._Ledger.apply` for capital only: own reference first, then oldest claim first."""
    left = {c.claim_id: c.amount_ore for c in claims}
    found: dict[ClaimId, list[tuple[date, int]]] = {c.claim_id: [] for c in claims}
    cursor = 0  # every claim before it is paid in full
    for payment in payments:
        amount = payment.amount_ore
        if payment.claim_id in left:
            amount = _take(left, found, payment.claim_id, amount, payment.order_date)
        while amount > 0 and cursor < len(claims):
            claim_id = claims[cursor].claim_id
            amount = _take(left, found, claim_id, amount, payment.order_date)
            if left[claim_id] <= 0:
                cursor += 1
    return {claim_id: tuple(rows) for claim_id, rows in found.items() if rows}


def _take(left: dict[ClaimId, int], found: dict, claim_id: ClaimId, amount: int, on: date) -> int:
    take = min(amount, max(0, left[claim_id]))
    if take > 0:
        left[claim_id] -= take
        found[claim_id].append((on, take))
    return amount - take


def _from_allocations(settlement: Settlement, payments: tuple[PaymentFact, ...]) -> dict[ClaimId, Reductions]:
    order_dates = {p.payment_id: p.order_date for p in payments}
    found: dict[ClaimId, list[tuple[date, int]]] = {}
    for allocation in settlement.allocations:
        if allocation.component is Component.CAPITAL and allocation.claim_id is not None:
            row = (order_dates[allocation.payment_id], allocation.amount_ore)
            found.setdefault(allocation.claim_id, []).append(row)
    return {claim_id: tuple(rows) for claim_id, rows in found.items()}
