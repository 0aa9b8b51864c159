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

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.calendar import BusinessCalendar, statutory_eves
from app.domain.facts import FeeKind
from app.domain.rates import RateTable, ReferenceRate
from app.persistence.models import FeeCapRow, ReferenceRateRow
from app.services.resources import data_file

CALENDAR_YEARS_BACK = 15
CALENDAR_YEARS_AHEAD = 15


HOLIDAY_TABLE = "helgdagar.csv"


def closed_days(years: range) -> dict[date, str]:
    """Weekdays that are not vardagar: public holidays (lag 1989:253, from `holidays`) plus
    midsommar-, jul- and nyårsafton (lag 1930:173 2 §), with their names.

    Only the public category is taken: the package's bank list holds half days that are vardagar.
    """
    import holidays  # imports every country's module: only when the shipped table does not reach

    public = holidays.country_holidays("SE", years=years, categories=("public",), language="sv")
    days = {day: name for day, name in public.items() if day.weekday() < 5}
    for year in years:
        for day, name in zip(statutory_eves(year), ("Midsommarafton", "Julafton", "Nyårsafton")):
            if day.weekday() < 5:
                days.setdefault(day, name)
    return dict(sorted(days.items()))


def write_holiday_table(path: Path, years: range) -> None:
    """Write the shipped table of closed days (resources/data/helgdagar.csv) from `closed_days`."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["datum", "namn"])
        writer.writerows((day.isoformat(), name) for day, name in closed_days(years).items())


@lru_cache(maxsize=1)
def _shipped_closed_days() -> tuple[frozenset[date], int, int]:
    with open(data_file(HOLIDAY_TABLE), encoding="utf-8", newline="") as handle:
        days = frozenset(date.fromisoformat(row["datum"]) for row in csv.DictReader(handle))
    return days, min(d.year for d in days), max(d.year for d in days)


@lru_cache(maxsize=4)
def business_calendar(first_year: int, last_year: int) -> BusinessCalendar:
    """The vardagar of those years: from the shipped table when it reaches, else computed."""
    shipped, first, last = _shipped_closed_days()
    if first <= first_year and last_year <= last:
        return BusinessCalendar.from_days(d for d in shipped if first_year <= d.year <= last_year)
    return BusinessCalendar.from_days(closed_days(range(first_year, last_year + 1)))


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
