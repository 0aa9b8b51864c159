"""Payment plans (amorteringsplaner): the instalment schedule, whether a plan is kept, and proposals.

A plan that is kept pauses the timeline; a missed instalment ends the pause (PROCESS.md, side
states). The plan fee needs a written plan covering the whole debt (lag 1981:739 4 §).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.allocation import settle
from app.domain.calendar import BusinessCalendar, add_months
from app.domain.event import PaymentPlanTerms
from app.domain.facts import AllocationOrder, CaseFacts, PaymentFact
from app.domain.money import ORE_PER_KRONA
from app.domain.rates import RateTable


@dataclass(frozen=True)
class Instalment:
    number: int  # 1 for the first
    due_date: date
    amount_ore: int


@dataclass(frozen=True)
class InstalmentStatus:
    instalment: Instalment
    deadline: date  # the due date, moved to the next vardag when a calendar was given (1930:173 2 §)
    paid_ore: int  # how much of this instalment is paid on as_of; payments fill instalments in order
    paid_on: date | None  # payment-order date on which it became fully paid
    missed: bool  # not fully paid by its deadline, and the deadline has passed

    @property
    def open_ore(self) -> int:
        return self.instalment.amount_ore - self.paid_ore


@dataclass(frozen=True)
class PlanStatus:
    kept: bool  # no instalment has been missed so far
    paid_ore: int  # paid towards the plan up to as_of
    due_ore: int  # instalments whose deadline is on or before as_of
    first_missed: date | None  # due date of the first missed instalment
    instalments: tuple[InstalmentStatus, ...]

    @property
    def arrears_ore(self) -> int:
        return max(0, self.due_ore - self.paid_ore)

    @property
    def completed(self) -> bool:
        return all(s.paid_on is not None for s in self.instalments)


def plan_total(terms: PaymentPlanTerms) -> int:
    return sum(i.amount_ore for i in schedule(terms))


def schedule(terms: PaymentPlanTerms) -> tuple[Instalment, ...]:
    """The instalments, due monthly (every `interval_months`) counted from the first due date."""
    if terms.count < 1 or terms.interval_months < 1:
        raise ValueError("a payment plan needs at least one instalment and a positive interval")
    last = terms.instalment_ore if terms.last_instalment_ore is None else terms.last_instalment_ore
    return tuple(
        Instalment(
            number=n + 1,
            # anchored on first_due so 31 January gives 28 February, then 31 March (1930:173 1 §)
            due_date=add_months(terms.first_due, n * terms.interval_months),
            amount_ore=last if n == terms.count - 1 else terms.instalment_ore,
        )
        for n in range(terms.count)
    )


def covers_whole_debt(terms: PaymentPlanTerms, debt_ore: int) -> bool:
    """Lag 1981:739 4 §: the plan fee needs a plan covering the whole debt."""
    return plan_total(terms) >= debt_ore


def debt_to_cover(
    facts: CaseFacts, on: date, order: AllocationOrder = AllocationOrder.CAPITAL_FIRST, rates: RateTable | None = None
) -> int:
    """What the debtor owes on `on` for claims due by then: capital, interest (when `rates` are given) and fees."""
    claims = tuple(c for c in facts.claims if c.due_date <= on)
    payments = tuple(p for p in facts.payments if p.order_date <= on)
    fees = tuple(f for f in facts.fees if f.charged_on <= on)
    if rates is None:
        owed = sum(c.amount_ore for c in claims) + sum(f.amount_ore for f in fees)
        return max(0, owed - sum(p.amount_ore for p in payments))
    settlement = settle(claims, payments, fees, on, rates, order)
    return max(0, settlement.total_ore - settlement.credit_ore)


def plan_status(
    terms: PaymentPlanTerms,
    payments: Iterable[PaymentFact],
    as_of: date,
    calendar: BusinessCalendar | None = None,
) -> PlanStatus:
    """How the plan stands on `as_of`, counting `payments` made towards it (by payment-order date).

    Pass only payments made since the plan was agreed. An instalment paid after its deadline was
    still missed: the plan was broken then.
    """
    made = sorted((p for p in payments if p.order_date <= as_of), key=lambda p: p.order_date)
    paid_total = sum(p.amount_ore for p in made)
    statuses: list[InstalmentStatus] = []
    due_before = 0
    for instalment in schedule(terms):
        deadline = calendar.next_vardag(instalment.due_date) if calendar else instalment.due_date
        due_through = due_before + instalment.amount_ore
        paid_on = _covered_on(made, due_through)
        missed = deadline < as_of and (paid_on is None or paid_on > deadline)
        paid = min(instalment.amount_ore, max(0, paid_total - due_before))
        statuses.append(InstalmentStatus(instalment, deadline, paid, paid_on, missed))
        due_before = due_through
    first_missed = next((s.instalment.due_date for s in statuses if s.missed), None)
    return PlanStatus(
        kept=first_missed is None,
        paid_ore=paid_total,
        due_ore=sum(s.instalment.amount_ore for s in statuses if s.deadline <= as_of),
        first_missed=first_missed,
        instalments=tuple(statuses),
    )


def _covered_on(payments: list[PaymentFact], amount_ore: int) -> date | None:
    """The date on which the payments, added up in order, first reach `amount_ore`."""
    running = 0
    for payment in payments:
        running += payment.amount_ore
        if running >= amount_ore:
            return payment.order_date
    return None


def propose_plan(debt_ore: int, months: int, first_due: date) -> PaymentPlanTerms:
    """Equal monthly instalments in whole kronor, the remainder (never less) on the last one."""
    if months < 1 or debt_ore < months:
        raise ValueError("a plan needs at least one month and at least one öre per instalment")
    share = debt_ore // months
    # whole kronor read better in a letter; fall back to öre for tiny debts
    instalment = share - share % ORE_PER_KRONA if share >= ORE_PER_KRONA else share
    last = debt_ore - instalment * (months - 1)
    return PaymentPlanTerms(
        first_due=first_due,
        instalment_ore=instalment,
        count=months,
        last_instalment_ore=None if last == instalment else last,
    )
