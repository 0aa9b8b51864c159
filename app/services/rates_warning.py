"""The referensränta table as the treasurer checks it, and the warning when the current half-year's
rate is missing.

Riksbanken fixes the referensränta for each half-year (räntelagen 9 §); until the treasurer enters
it, interest is computed with the latest known rate and marked as provisional.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from app.domain.rates import PENALTY_POINTS, half_year_start
from app.persistence.models import ReferenceRateRow
from app.services.context import AppContext

MONTHS = {1: "januari", 7: "juli"}


@dataclass(frozen=True)
class RateRow:
    valid_from: date
    hundredths: int  # percent × 100
    source: str
    verified: bool

    @property
    def percent_text(self) -> str:
        return _percent(self.hundredths)

    @property
    def interest_text(self) -> str:
        """Dröjsmålsränta for the half-year: referensränta + 8 procentenheter (räntelagen 6 §)."""
        return _percent(self.hundredths + int(PENALTY_POINTS) * 100)


def list_rates(ctx: AppContext) -> list[RateRow]:
    """Every half-year's referensränta, newest first, with its source and whether it is verified."""
    with ctx.reading() as session:
        rows = session.scalars(sa.select(ReferenceRateRow).order_by(ReferenceRateRow.valid_from.desc())).all()
        return [RateRow(r.valid_from, r.hundredths, r.source, r.verified) for r in rows]


def missing_current_rate(ctx: AppContext, as_of: date) -> str | None:
    """A Swedish warning when the half-year containing as_of has no referensränta; else None."""
    start = half_year_start(as_of)
    with ctx.reading() as session:
        if session.get(ReferenceRateRow, start) is not None:
            return None
        latest = session.scalars(
            sa.select(ReferenceRateRow).where(ReferenceRateRow.valid_from < start).order_by(ReferenceRateRow.valid_from.desc()).limit(1)
        ).first()
    stand_in = (
        f" Räntan beräknas tills vidare preliminärt med den senast kända referensräntan, {_percent(latest.hundredths)} % "
        f"(från {latest.valid_from.day} {MONTHS[latest.valid_from.month]} {latest.valid_from.year})."
        if latest is not None else " Ingen tidigare referensränta finns heller, så ingen ränta kan beräknas."
    )
    return (
        f"Referensräntan för halvåret från {start.day} {MONTHS[start.month]} {start.year} saknas (räntelagen 9 §).{stand_in} "
        "För in Riksbankens referensränta under Inställningar → Referensränta."
    )


def _percent(hundredths: int) -> str:
    sign = "−" if hundredths < 0 else ""
    whole, rest = divmod(abs(hundredths), 100)
    return f"{sign}{whole},{rest:02d}"
