"""Legal data: the calendar's closed days, reference rates and fee caps, loaded and passed in.

Shipped tables live in resources/data/ and are copied into the database when it is created, where
the treasurer can correct them (LAW.md marks several figures as 'verify').
"""
from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import holidays
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.calendar import BusinessCalendar, statutory_eves
from app.domain.facts import FeeKind
from app.domain.rates import RateTable, ReferenceRate
from app.persistence.models import FeeCapRow, ReferenceRateRow
from app.services.resources import data_file

CALENDAR_YEARS_BACK = 15
CALENDAR_YEARS_AHEAD = 15


@lru_cache(maxsize=4)
def business_calendar(first_year: int, last_year: int) -> BusinessCalendar:
    """Public holidays (lag 1989:253, via `holidays`) plus midsommar-, jul- and nyårsafton.

    Only the public category is taken: the package's bank list holds half days that are vardagar.
    """
    years = range(first_year, last_year + 1)
    public = holidays.country_holidays("SE", years=years, categories=("public",))
    closed = {day for day in public if day.weekday() < 5}
    for year in years:
        closed.update(day for day in statutory_eves(year) if day.weekday() < 5)
    return BusinessCalendar.from_days(closed)


def calendar_around(as_of: date) -> BusinessCalendar:
    # limitation dates lie up to 10 years (plus interruptions) ahead; claims lie years back
    return business_calendar(as_of.year - CALENDAR_YEARS_BACK, as_of.year + CALENDAR_YEARS_AHEAD)


def shipped_rates(path: Path | None = None) -> list[ReferenceRateRow]:
    rows = []
    with open(path or data_file("referensranta.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                ReferenceRateRow(
                    valid_from=date.fromisoformat(row["valid_from"]),
                    hundredths=int(Decimal(row["referensranta_percent"]) * 100),
                    source=row.get("source", ""),
                    verified=row.get("verified", "").strip().lower() == "yes",
                )
            )
    return rows


def shipped_fee_caps(path: Path | None = None) -> list[FeeCapRow]:
    rows = []
    with open(path or data_file("fee_caps.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                FeeCapRow(
                    kind=FeeKind(row["kind"]),
                    valid_from=date.fromisoformat(row["valid_from"]),
                    cap_ore=int(row["cap_ore"]),
                    source=row.get("source", ""),
                )
            )
    return rows


def seed_legal_tables(session: Session) -> None:
    """Copy the shipped tables into a new database (existing rows are the treasurer's and stay)."""
    have_rates = {d for (d,) in session.execute(sa.select(ReferenceRateRow.valid_from))}
    session.add_all(r for r in shipped_rates() if r.valid_from not in have_rates)
    have_caps = set(session.execute(sa.select(FeeCapRow.kind, FeeCapRow.valid_from)).all())
    session.add_all(c for c in shipped_fee_caps() if (c.kind, c.valid_from) not in have_caps)


def rate_table(session: Session) -> RateTable:
    rows = session.scalars(sa.select(ReferenceRateRow)).all()
    return RateTable.of(
        ReferenceRate(r.valid_from, Decimal(r.hundredths) / 100, r.source, r.verified) for r in rows
    )
