"""Calibration: how the association's closed cases turned out in each risk band.

A small table (counts and shares per band) so the board can see whether the score means anything for them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from app.domain.money import round_half_up
from app.domain.scoring_rules import Band

MIN_CASES = 5  # fewer closed cases in a band than this say little; the table says so


class Outcome(StrEnum):
    """How a closed case ended."""

    PAID = "paid"
    PAYMENT_PLAN = "payment-plan"  # paid through a payment plan that was kept
    EVICTED = "evicted"
    WRITTEN_OFF = "written-off"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @property
    def collected(self) -> bool:
        """The debt was paid, at once or by a plan."""
        return self in (Outcome.PAID, Outcome.PAYMENT_PLAN)


_OUTCOME_LABELS = {
    Outcome.PAID: "Betald",
    Outcome.PAYMENT_PLAN: "Amorteringsplan",
    Outcome.EVICTED: "Avhyst",
    Outcome.WRITTEN_OFF: "Avskriven",
}
_OUTCOMES = tuple(Outcome)
_BANDS = tuple(Band)


@dataclass(frozen=True)
class CalibrationRow:
    band: Band | None  # None = all bands together
    counts: tuple[int, ...]  # one per Outcome, in Outcome's order

    @property
    def total(self) -> int:
        return sum(self.counts)

    def count(self, outcome: Outcome) -> int:
        return self.counts[_OUTCOMES.index(outcome)]

    def share(self, outcome: Outcome) -> Fraction | None:
        """Exact share of the band's closed cases; None when the band has none."""
        return Fraction(self.count(outcome), self.total) if self.total else None

    def percent(self, outcome: Outcome) -> int | None:
        share = self.share(outcome)
        return None if share is None else round_half_up(share * 100)

    @property
    def collected_share(self) -> Fraction | None:
        collected = sum(self.count(o) for o in _OUTCOMES if o.collected)
        return Fraction(collected, self.total) if self.total else None

    @property
    def collected_percent(self) -> int | None:
        share = self.collected_share
        return None if share is None else round_half_up(share * 100)

    def to_json(self) -> dict[str, Any]:
        return {
            "band": self.band.value if self.band else None,
            "band_label": self.band.label if self.band else "Alla",
            "total": self.total,
            "counts": {o.value: self.count(o) for o in _OUTCOMES},
            "percent": {o.value: self.percent(o) for o in _OUTCOMES},
            "collected_percent": self.collected_percent,
        }


@dataclass(frozen=True)
class CalibrationTable:
    rows: tuple[CalibrationRow, ...]  # låg, medel, hög – always all three
    total: CalibrationRow
    notes: tuple[str, ...]  # plain Swedish conclusions and warnings for the board

    def row(self, band: Band | str) -> CalibrationRow:
        return self.rows[_BANDS.index(Band(band))]

    def to_json(self) -> dict[str, Any]:
        return {"bands": [r.to_json() for r in self.rows], "total": self.total.to_json(),
                "notes": list(self.notes)}


def calibrate(closed: Iterable[tuple[Band | str, Outcome | str]], min_cases: int = MIN_CASES) -> CalibrationTable:
    """Count closed cases per (band, outcome); `closed` holds each case's band when scored and how it ended."""
    counts = {(band, outcome): 0 for band in _BANDS for outcome in _OUTCOMES}
    for band, outcome in closed:
        counts[(Band(band), Outcome(outcome))] += 1
    rows = tuple(CalibrationRow(b, tuple(counts[(b, o)] for o in _OUTCOMES)) for b in _BANDS)
    total = CalibrationRow(None, tuple(sum(r.counts[i] for r in rows) for i in range(len(_OUTCOMES))))
    return CalibrationTable(rows, total, _notes(rows, total, min_cases))


def _notes(rows: tuple[CalibrationRow, ...], total: CalibrationRow, min_cases: int) -> tuple[str, ...]:
    if total.total == 0:
        return ("Inga avslutade ärenden med riskbedömning ännu.",)
    notes = []
    for band, row in zip(_BANDS, rows):
        label = band.label.lower()
        if row.total == 0:
            notes.append(f"Inga avslutade ärenden i bandet {label}.")
        elif row.total < min_cases:
            cases = "avslutat ärende" if row.total == 1 else "avslutade ärenden"
            notes.append(f"Bara {row.total} {cases} i bandet {label} – för få för att dra slutsatser.")
    if notes:
        return tuple(notes)
    shares = [row.collected_share for row in rows]
    if shares[0] > shares[1] > shares[2]:  # type: ignore[operator]  # every band has cases here
        return ("Andelen betalda ärenden sjunker från låg till hög risk – poängen skiljer ärendena åt "
                "hos er.",)
    return ("Andelen betalda ärenden sjunker inte från låg till hög risk – poängen säger lite om era "
            "ärenden; se över vikterna.",)
