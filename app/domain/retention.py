"""Retention of a closed case's data: accounting records to the end of the 7th year after the
financial year (bokföringslagen 7:2), everything else until the claim can no longer be collected
(preskriptionslagen, LAW.md "Privacy and retention"). After that the data is anonymised.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.calendar import add_years
from app.domain.event import EventKind
from app.domain.facts import CaseFacts
from app.domain.limitation import LETTER_KINDS, claim_years

ACCOUNTING_YEARS = 7  # bokföringslagen 7:2: to the end of the 7th year after the financial year ended
_INTERRUPTING = LETTER_KINDS | {EventKind.FILED, EventKind.PAYMENT_PLAN}


@dataclass(frozen=True)
class Retention:
    closed_on: date
    personal_until: date  # the last day the claim could still be collected; data goes after it
    accounting_until: date | None  # the last day accounting records must be kept; None = none held
    rule: str  # Swedish: why these dates


def financial_year_end(day: date, year_end_month: int = 12) -> date:
    """The last day of the financial year that `day` falls in (calendar year unless told)."""
    year = day.year if day.month <= year_end_month else day.year + 1
    next_month = date(year + (year_end_month == 12), year_end_month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def accounting_until(booked: Iterable[date], year_end_month: int = 12) -> date | None:
    """Bokföringslagen 7:2: kept to the end of the 7th calendar year after the financial year ended."""
    ends = [financial_year_end(day, year_end_month) for day in booked]
    if not ends:
        return None
    last = max(ends)
    return date(last.year + ACCOUNTING_YEARS, 12, 31)


def collectable_until(facts: CaseFacts, closed_on: date) -> date:
    """The day the last of the case's claims would become time-barred, counted from its last
    interruption up to closing (a letter, a filing, a plan, a payment) as if it were still unpaid.

    Counting as if unpaid is deliberately the longer reading: a purge cannot be undone, and until
    then the debtor may still dispute what was paid or owed. The shorter JB 12:61 period is not used.
    """
    interruptions = [e.on for e in facts.events if e.kind in _INTERRUPTING and e.on <= closed_on]
    interruptions += [p.order_date for p in facts.payments if p.order_date <= closed_on]
    latest = max(interruptions, default=None)
    ends = []
    for claim in facts.claims:
        start = max(claim.due_date, latest) if latest is not None else claim.due_date
        ends.append(add_years(start, claim_years(facts.tenure, claim.kind)))
    return max(ends, default=closed_on)


def retention(facts: CaseFacts, closed_on: date, year_end_month: int = 12) -> Retention:
    personal = max(collectable_until(facts, closed_on), closed_on)
    booked = [p.booking_date for p in facts.payments] + [f.charged_on for f in facts.fees]
    accounting = accounting_until(booked, year_end_month)
    rule = (
        f"Personuppgifter sparas till och med {personal.isoformat()} (då fordran inte längre kan drivas in, "
        "preskriptionslagen 2 §)"
    )
    if accounting is not None:
        rule += f"; bokföringsposter till och med {accounting.isoformat()} (bokföringslagen 7 kap. 2 §)"
    return Retention(closed_on, personal, accounting, rule + ".")
