"""How far a case has come: the process facts its recorded events establish, read by stages and actions.

Built by replaying the events in date order (recorded order within a day). Derived dates (the payment
deadline P, the recovery period end E) are fixed when the event that sets them is recorded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from app.domain.arrears import CapitalHistory
from app.domain.deadlines import (
    Forfeiture,
    ForfeitureState,
    earliest_eviction_decision,
    forfeiture_on,
    payment_deadline,
    recovery_period_end,
)
from app.domain.event import Event, EventKind, WithdrawalScope
from app.domain.facts import CaseFacts, ClaimFact
from app.domain.payment_plan import PlanStatus, plan_status
from app.domain.rules import Rules

# Events of the main line: they must be recorded in the order they happened.
MAIN_LINE = frozenset(
    {
        EventKind.DEMAND_SENT,
        EventKind.FILED,
        EventKind.SERVED,
        EventKind.BOARD_DECISION,
        EventKind.ENFORCEMENT_REQUESTED,
        EventKind.FORCED_SALE_REQUESTED,
        EventKind.EVICTED,
        EventKind.ENFORCEMENT_CLOSED,
        EventKind.WITHDRAWN,
        EventKind.WRITTEN_OFF,
    }
)


@dataclass
class Progress:
    """Mutable while replaying; read-only once the replay is done."""

    facts: CaseFacts
    rules: Rules
    money: CapitalHistory
    demand: date | None = None  # K, the latest demand sent
    payment_deadline: date | None = None  # P of that demand
    filed: date | None = None  # the application (BF + eviction) and termination
    forfeiture: Forfeiture | None = None  # judged on the filing date
    moved_out: date | None = None
    social: date | None = None  # social-services notice, on or after the filing
    informed: date | None = None
    service_started: date | None = None
    service_failed: date | None = None  # the latest failed attempt
    served: date | None = None
    board_on: date | None = None
    board_yes: bool | None = None
    cohabitant: date | None = None
    enforcement: date | None = None
    forced_sale: date | None = None
    evicted: date | None = None
    enforcement_closed: date | None = None
    pledgee: date | None = None
    withdrawn_eviction: date | None = None
    withdrawn_all: date | None = None
    written_off: date | None = None
    objection: Event | None = None  # the open objection, if any
    objection_at_kfm: bool = False  # it came after the filing: contested at Kronofogden (Tvist)
    objection_resolved: date | None = None  # the latest resolution
    objection_pause_ended: date | None = None  # the latest resolution of an objection that paused the case
    plan: Event | None = None  # the latest payment plan
    plan_broken: date | None = None  # recorded broken after the latest plan
    last_main: date | None = None
    _memo: dict[str, object] = field(default_factory=dict, repr=False)  # derived values, cleared on record

    # --- recording -------------------------------------------------------------------------------
    def record(self, event: Event) -> None:
        self._memo.clear()
        handler = _HANDLERS.get(event.kind)
        if handler is not None:
            handler(self, event)
        else:
            attribute = _FIRST_DATE.get(event.kind)
            if attribute is not None and (getattr(self, attribute) is None or event.kind in _LATEST):
                setattr(self, attribute, event.on)
        if event.kind is EventKind.ENFORCEMENT_REQUESTED:
            self.enforcement_closed = None  # a new request (from surveillance) reopens enforcement
        if event.kind in MAIN_LINE:
            self.last_main = event.on

    def _demand(self, event: Event) -> None:
        self.demand = event.on
        self.payment_deadline = payment_deadline(event.on, self.rules.settings, self.rules.calendar)

    def _filed(self, event: Event) -> None:
        if self.filed is None:
            self.filed = event.on
            self.forfeiture = forfeiture_on(self.facts.tenure, self.money, event.on, self.rules.calendar)

    def _social(self, event: Event) -> None:
        if self.social is None and self.filed is not None and event.on >= self.filed:
            self.social = event.on

    def _served(self, event: Event) -> None:
        if self.served is None:
            self.served = event.on

    def _objection(self, event: Event) -> None:
        self.objection = event
        self.objection_at_kfm = self.filed is not None

    def _resolved(self, event: Event) -> None:
        if self.objection is not None and self.objection_at_kfm:
            self.objection_pause_ended = event.on
        elif self.objection is not None and self.objection.grounded:
            # Bestridd holds only the steps before the filing; a filing on the undisputed part ended it
            self.objection_pause_ended = min(event.on, self.filed) if self.filed else event.on
        self.objection = None
        self.objection_at_kfm = False
        self.objection_resolved = event.on

    def _board(self, event: Event) -> None:
        self.board_on = event.on
        self.board_yes = bool(event.decision)

    def _plan(self, event: Event) -> None:
        self.plan = event
        self.plan_broken = None

    def _withdrawn(self, event: Event) -> None:
        if event.scope is WithdrawalScope.EVICTION:
            self.withdrawn_eviction = self.withdrawn_eviction or event.on
        else:
            self.withdrawn_all = self.withdrawn_all or event.on

    # --- what it adds up to ----------------------------------------------------------------------
    @property
    def eviction(self) -> bool:
        """The filing carries an eviction track: förverkad, not cured, a lease we handle, not moved out."""
        if self.filed is None or self.forfeiture is None or self.facts.private_letting:
            return False
        if self.moved_out is not None and self.moved_out <= self.filed:
            return False
        return self.forfeiture.state is ForfeitureState.FORFEITED

    @property
    def eviction_pending(self) -> bool:
        """The eviction part is still before Kronofogden: not withdrawn, not carried out or closed."""
        return (
            self.eviction
            and self.withdrawn_eviction is None
            and self.withdrawn_all is None
            and self.evicted is None
            and self.enforcement_closed is None
        )

    @property
    def social_done(self) -> bool:
        """The social notice is given, or not needed (premises; JB 12:44)."""
        return self.social is not None or not self.facts.tenure.needs_social_notice

    @property
    def recovery_end(self) -> date | None:
        """E, once service and the social notice are both done (eviction track only)."""
        if "end" not in self._memo:
            end = None
            if self.eviction:
                end = recovery_period_end(self.facts.tenure, self.served, self.social, self.rules.calendar)
            self._memo["end"] = end
        return self._memo["end"]  # type: ignore[return-value]

    @property
    def eviction_decision_from(self) -> date | None:
        return earliest_eviction_decision(self.recovery_end, self.rules.calendar)

    @property
    def notice_date(self) -> date | None:
        """The day the amount to pay for recovery was named: the social notice, else the termination."""
        if self.social is not None:
            return self.social
        return self.filed

    @property
    def notice_claims(self) -> tuple[ClaimFact, ...]:
        """The late claims still unpaid when the notice named them (JB 12:44: the amount to recover)."""
        if "notice_claims" not in self._memo:
            named = self.notice_date
            found = () if named is None else tuple(c for c in self.money.unpaid(named) if c.due_date < named)
            self._memo["notice_claims"] = found
        return self._memo["notice_claims"]  # type: ignore[return-value]

    @property
    def recovery_amount(self) -> int | None:
        named = self.notice_date
        if named is None or not self.eviction:
            return None
        return sum(self.money.remaining(c, named) for c in self.notice_claims)

    @property
    def recovered_on(self) -> date | None:
        """The day the named capital was paid, if that was within the recovery period (JB 12:44, BRL 7:23)."""
        if "recovered" not in self._memo:
            self._memo["recovered"] = self._recovered_on()
        return self._memo["recovered"]  # type: ignore[return-value]

    def _recovered_on(self) -> date | None:
        if not self.eviction:
            return None
        claims = self.notice_claims
        paid = self.money.all_cleared_on(claims) if claims else self.notice_date
        end = self.recovery_end
        if paid is None or (end is not None and paid > end):
            return None
        return paid

    def plan_status(self, on: date, even_if_broken: bool = False) -> PlanStatus | None:
        """The latest plan's standing on `on`, counting payments made from the plan's date; None if broken."""
        if self.plan is None or self.plan.plan is None or (self.plan_broken is not None and not even_if_broken):
            return None
        payments = [p for p in self.facts.payments if p.order_date >= self.plan.on]
        return plan_status(self.plan.plan, payments, on, self.rules.calendar)

    def plan_kept(self, on: date) -> bool:
        """Amorteringsplan as a side state: kept so far and not yet fully paid."""
        status = self.plan_status(on)
        return status is not None and status.kept and not status.completed

    @property
    def grounded_objection(self) -> Event | None:
        """An open grounded objection made before the filing: Bestridd (inkassolagen, FI)."""
        if self.objection is not None and self.objection.grounded and not self.objection_at_kfm:
            return self.objection
        return None


_HANDLERS: dict[EventKind, Callable[[Progress, Event], None]] = {
    EventKind.DEMAND_SENT: Progress._demand,
    EventKind.FILED: Progress._filed,
    EventKind.SOCIAL_NOTIFIED: Progress._social,
    EventKind.SERVED: Progress._served,
    EventKind.OBJECTION: Progress._objection,
    EventKind.OBJECTION_RESOLVED: Progress._resolved,
    EventKind.BOARD_DECISION: Progress._board,
    EventKind.PAYMENT_PLAN: Progress._plan,
    EventKind.WITHDRAWN: Progress._withdrawn,
}

# Events that only set a date: the first one counts, or the latest for the kinds in _LATEST.
_FIRST_DATE: dict[EventKind, str] = {
    EventKind.DEBTOR_INFORMED: "informed",
    EventKind.SERVICE_STARTED: "service_started",
    EventKind.SERVICE_FAILED: "service_failed",
    EventKind.COHABITANT_NOTIFIED: "cohabitant",
    EventKind.ENFORCEMENT_REQUESTED: "enforcement",
    EventKind.FORCED_SALE_REQUESTED: "forced_sale",
    EventKind.EVICTED: "evicted",
    EventKind.ENFORCEMENT_CLOSED: "enforcement_closed",
    EventKind.PLEDGEE_NOTIFIED: "pledgee",
    EventKind.MOVED_OUT: "moved_out",
    EventKind.WRITTEN_OFF: "written_off",
    EventKind.PAYMENT_PLAN_BROKEN: "plan_broken",
}
_LATEST = frozenset({EventKind.SERVICE_FAILED, EventKind.ENFORCEMENT_REQUESTED, EventKind.ENFORCEMENT_CLOSED})
