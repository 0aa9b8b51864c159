"""The statutory dates of a case: payment deadline, forfeiture, recovery period and eviction decision.

Every period's last day moves to the next vardag (lag 1930:173 2 §). The timeline's own offsets
(PROCESS.md) count from the day the demand was sent (K).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from app.domain.arrears import CapitalHistory
from app.domain.calendar import BusinessCalendar
from app.domain.facts import ClaimFact, ProcessSettings
from app.domain.tenure import Tenure

PRESUMED_DELIVERY_DAYS = 2  # a letter is presumed received two days after sending
VARDAGAR_AFTER_RECEIPT = 4  # IMY: at least 4 bank days after presumed receipt
EVICTION_DECISION_VARDAG = 3  # JB 12:44 / BRL 7:23: at the earliest the 3rd vardag after the period
HOME_FORFEITURE_DAYS = 7  # JB 12:42 1 st. 1, BRL 7:18 1: more than one week late
PREMISES_FORFEITURE_VARDAGAR = 2  # JB 12:42 1 st. 1: premises more than two vardagar late


@dataclass(frozen=True)
class Deadlines:
    payment_deadline: date | None = None  # P, the last day to pay in the demand
    recovery_period_end: date | None = None  # E, the last day of the återvinningsfrist
    earliest_eviction_decision: date | None = None  # 3rd vardag after E
    limitation_date: date | None = None  # the earliest day a claim of the case becomes time-barred
    recovery_amount_ore: int | None = None  # the capital the debtor must pay by E to keep the home
    forfeited_on: date | None = None  # the first day the right of use/lease was förverkad
    limitation_rule: str = ""  # Swedish: which rule gives the limitation date and what interrupted it
    limitation_needs_filing: bool = False  # JB 12:61 binds: only a filing interrupts


@lru_cache(maxsize=8192)  # pure; start-up assesses thousands of cases sharing dates
def timeline_day(sent: date, offset_days: int, calendar: BusinessCalendar) -> date:
    """K + offset, moved to the next vardag."""
    return calendar.deadline_days(sent, offset_days)


@lru_cache(maxsize=8192)  # pure; start-up assesses thousands of cases sharing dates
def payment_deadline(sent: date, settings: ProcessSettings, calendar: BusinessCalendar) -> date:
    """P: at least `payment_days` from sending, and at least 4 vardagar after presumed receipt (IMY)."""
    by_days = calendar.deadline_days(sent, settings.payment_days)
    received = sent + timedelta(days=PRESUMED_DELIVERY_DAYS)
    by_receipt = calendar.nth_vardag_after(received, VARDAGAR_AFTER_RECEIPT)
    return max(by_days, by_receipt)


@lru_cache(maxsize=8192)  # pure; start-up assesses thousands of cases sharing dates
def recovery_period_end(
    tenure: Tenure, served: date | None, social: date | None, calendar: BusinessCalendar
) -> date | None:
    """E: 3 weeks (2 for premises) from when both the service and the social notice are done.

    JB 12:44 / BRL 7:23: the period starts only when both are done; premises need no social notice.
    """
    weeks = tenure.recovery_weeks
    if weeks is None or served is None:
        return None
    if tenure.needs_social_notice:
        if social is None:
            return None
        start = max(served, social)
    else:
        start = served
    return calendar.deadline_weeks(start, weeks)


@lru_cache(maxsize=8192)  # pure; start-up assesses thousands of cases sharing dates
def earliest_eviction_decision(end: date | None, calendar: BusinessCalendar) -> date | None:
    """JB 12:44 / BRL 7:23: Kronofogden may decide on eviction at the earliest the 3rd vardag after E."""
    if end is None:
        return None
    return calendar.nth_vardag_after(end, EVICTION_DECISION_VARDAG)


@lru_cache(maxsize=8192)  # pure; start-up assesses thousands of cases sharing dates
def forfeiture_date(tenure: Tenure, due: date, calendar: BusinessCalendar) -> date | None:
    """The first day an unpaid claim makes the home or premises förverkad; None without eviction track.

    A home: more than one week late (JB 12:42 1 st. 1, BRL 7:18 1), i.e. from the day after the week's
    last day, which moves to the next vardag (1930:173 2 §: paying then is still in time). Premises: more
    than two vardagar late, i.e. from the day after the 2nd vardag.
    """
    if not tenure.has_eviction_track:
        return None
    if tenure.is_home:
        return calendar.deadline_days(due, HOME_FORFEITURE_DAYS) + timedelta(days=1)
    return calendar.nth_vardag_after(due, PREMISES_FORFEITURE_VARDAGAR) + timedelta(days=1)


def forfeiture_due_date(tenure: Tenure, claim: ClaimFact, calendar: BusinessCalendar) -> date:
    """The due date forfeiture counts from. JB 12:20: rent for a home is due at the latest on the last
    vardag before the month it is for, and an earlier agreed date may not be used to forfeit a home –
    so for a rented home the later of the agreed date and that statutory date counts."""
    if tenure is not Tenure.HYRESRATT or claim.period_from is None or claim.period_from.day != 1:
        return claim.due_date
    statutory = claim.period_from - timedelta(days=1)
    while not calendar.is_vardag(statutory):
        statutory -= timedelta(days=1)
    return max(claim.due_date, statutory)


class ForfeitureState(StrEnum):
    FORFEITED = "forfeited"  # an unpaid claim is late enough: eviction may be sought
    CURED = "cured"  # late claims were paid before the termination (JB 12:43, BRL 7:21)
    NOT_YET = "not-yet"  # capital is unpaid but not late enough yet
    NOTHING_DUE = "nothing-due"  # no unpaid capital was ever late
    NO_TRACK = "no-track"  # this tenure has no eviction track


@dataclass(frozen=True)
class Forfeiture:
    state: ForfeitureState
    forfeited_on: date | None = None  # the earliest day a still-unpaid claim made it förverkad
    earliest: date | None = None  # NOT_YET: the day the oldest unpaid claim makes it förverkad


def forfeiture_on(
    tenure: Tenure, money: CapitalHistory, termination: date, calendar: BusinessCalendar
) -> Forfeiture:
    """Is the home förverkad on the termination date, and not cured by payment before it?

    Cure: the late capital paid (payment-order date) before the termination (JB 12:43, BRL 7:21).
    """
    if not tenure.has_eviction_track:
        return Forfeiture(ForfeitureState.NO_TRACK)
    before = termination - timedelta(days=1)
    forfeited: list[date] = []
    upcoming: list[date] = []
    was_late = False
    for claim in money.claims:
        if claim.due_date >= termination:
            continue
        start = forfeiture_date(tenure, forfeiture_due_date(tenure, claim, calendar), calendar)
        assert start is not None
        unpaid = money.remaining(claim, before) > 0
        if start <= termination:
            was_late = was_late or _late_at_some_point(money, claim, start)
            if unpaid:
                forfeited.append(start)
        elif unpaid:
            upcoming.append(start)
    if forfeited:
        return Forfeiture(ForfeitureState.FORFEITED, forfeited_on=min(forfeited))
    if upcoming:
        return Forfeiture(ForfeitureState.NOT_YET, earliest=min(upcoming))
    return Forfeiture(ForfeitureState.CURED if was_late else ForfeitureState.NOTHING_DUE)


def _late_at_some_point(money: CapitalHistory, claim: ClaimFact, start: date) -> bool:
    cleared = money.cleared_on(claim)
    return cleared is None or cleared >= start
