"""Test helpers for the domain: the Swedish legal calendar built from the `holidays` package.

The services build the real calendar from data files; tests build the same thing here once: public
holidays (lag 1989:253) plus midsommarafton, julafton and nyårsafton (lag 1930:173 2 §).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

import holidays

from app.domain.calendar import BusinessCalendar, statutory_eves
from app.domain.event import Event, EventKind
from app.domain.facts import CaseFacts, ClaimFact, PaymentFact, ProcessSettings
from app.domain.ids import CaseId, ClaimId, PaymentId
from app.domain.rates import RateTable, ReferenceRate
from app.domain.rules import Rules
from app.domain.tenure import ClaimKind, Tenure

YEARS = range(2024, 2033)


@lru_cache(maxsize=1)
def swedish_calendar() -> BusinessCalendar:
    """Weekdays that are not vardagar, 2024–2032: public holidays and the three statutory eves."""
    public = holidays.Sweden(years=YEARS, include_sundays=False)
    days = {day for day in public if day.weekday() < 5}
    for year in YEARS:
        days.update(eve for eve in statutory_eves(year) if eve.weekday() < 5)
    return BusinessCalendar.from_days(days)


def reference_rates(until: date = date(2026, 1, 1)) -> RateTable:
    """The referensränta per half-year as in resources/data/referensranta.csv, up to `until`.

    2026-07-01 onwards is missing there too: interest after it is provisional.
    """
    known = {
        date(2024, 1, 1): "4.0",
        date(2024, 7, 1): "4.0",
        date(2025, 1, 1): "3.0",
        date(2025, 7, 1): "2.0",
        date(2026, 1, 1): "2.0",
    }
    return RateTable.of(ReferenceRate(day, Decimal(pct)) for day, pct in known.items() if day <= until)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- building cases ----------------------------------------------------------------------------
def rules(settings: ProcessSettings | None = None, rates: RateTable | None = None) -> Rules:
    return Rules(swedish_calendar(), rates or reference_rates(), settings or ProcessSettings())


def claim(number: int, due: str, kronor: int, kind: ClaimKind = ClaimKind.AVGIFT) -> ClaimFact:
    return ClaimFact(ClaimId(number), d(due), kronor * 100, avi_number=f"A{number}", kind=kind)


def paid(number: int, order_date: str, kronor: int | float, claim_id: int | None = None) -> PaymentFact:
    day = d(order_date)
    return PaymentFact(PaymentId(number), round(kronor * 100), day, day, None if claim_id is None else ClaimId(claim_id))


def ev(kind: EventKind, on: str, **details) -> Event:
    return Event(kind, d(on), **details)


def case(tenure: Tenure = Tenure.BOSTADSRATT, opened: str = "2026-03-02", claims=(), **fields) -> CaseFacts:
    return CaseFacts(CaseId(1), tenure, d(opened), tuple(claims), **fields)


def recorded(facts: CaseFacts, *events: Event) -> CaseFacts:
    return replace(facts, events=(*facts.events, *events))
