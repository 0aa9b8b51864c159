"""The legal and configured context every derivation takes: calendar, rates, fee caps, settings."""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.calendar import BusinessCalendar
from app.domain.facts import ProcessSettings
from app.domain.rates import RateTable


@dataclass(frozen=True)
class Rules:
    calendar: BusinessCalendar
    rates: RateTable
    settings: ProcessSettings
