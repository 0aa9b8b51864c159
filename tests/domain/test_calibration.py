"""Calibration: how closed cases turned out per band – worked examples with counts and shares."""
from __future__ import annotations

from fractions import Fraction

import pytest

from app.domain.calibration import CalibrationTable, Outcome, calibrate
from app.domain.scoring_rules import Band

PAID, PLAN, EVICTED, WRITTEN_OFF = Outcome.PAID, Outcome.PAYMENT_PLAN, Outcome.EVICTED, Outcome.WRITTEN_OFF


def _cases(band: Band | str, paid: int, plan: int, evicted: int, written_off: int) -> list[tuple]:
    return ([(band, PAID)] * paid + [(band, PLAN)] * plan + [(band, EVICTED)] * evicted
            + [(band, WRITTEN_OFF)] * written_off)


def _percents(table: CalibrationTable, band: Band) -> tuple[int | None, ...]:
    row = table.row(band)
    return tuple(row.percent(o) for o in Outcome) + (row.collected_percent,)


def test_a_score_that_separates_the_cases():
    closed = (_cases(Band.LAG, 5, 2, 0, 1) + _cases(Band.MEDEL, 3, 3, 1, 2) + _cases(Band.HOG, 1, 1, 3, 2))
    table = calibrate(closed)
    assert [(r.band, r.counts, r.total) for r in table.rows] == [
        (Band.LAG, (5, 2, 0, 1), 8), (Band.MEDEL, (3, 3, 1, 2), 9), (Band.HOG, (1, 1, 3, 2), 7)]
    assert (table.total.counts, table.total.total) == ((9, 6, 4, 5), 24)
    # paid, plan, evicted, written off, collected – whole percent, half-up: 5/8 = 62,5 → 63
    assert _percents(table, Band.LAG) == (63, 25, 0, 13, 88)
    assert _percents(table, Band.MEDEL) == (33, 33, 11, 22, 67)
    assert _percents(table, Band.HOG) == (14, 14, 43, 29, 29)
    assert table.row("hog").share(EVICTED) == Fraction(3, 7)
    assert table.notes == ("Andelen betalda ärenden sjunker från låg till hög risk – poängen skiljer ärendena "
                           "åt hos er.",)


def test_a_score_that_does_not_separate_the_cases_says_so():
    closed = _cases("lag", 3, 0, 2, 0) + _cases("medel", 4, 1, 0, 0) + _cases("hog", 2, 1, 1, 1)
    table = calibrate(closed)
    assert [r.collected_percent for r in table.rows] == [60, 100, 60]
    assert table.notes == ("Andelen betalda ärenden sjunker inte från låg till hög risk – poängen säger lite "
                           "om era ärenden; se över vikterna.",)


def test_too_few_cases_are_named_per_band_instead_of_a_conclusion():
    table = calibrate(_cases(Band.LAG, 1, 0, 0, 0) + _cases(Band.HOG, 2, 0, 1, 1))
    assert table.notes == (
        "Bara 1 avslutat ärende i bandet låg – för få för att dra slutsatser.",
        "Inga avslutade ärenden i bandet medel.",
        "Bara 4 avslutade ärenden i bandet hög – för få för att dra slutsatser.",
    )
    assert table.row(Band.MEDEL).percent(PAID) is None
    assert table.row(Band.MEDEL).collected_share is None


def test_no_closed_cases_yet():
    table = calibrate([])
    assert [r.total for r in table.rows] == [0, 0, 0]
    assert table.notes == ("Inga avslutade ärenden med riskbedömning ännu.",)


def test_table_as_json_for_the_board_report():
    data = calibrate(_cases("medel", 1, 0, 0, 2)).to_json()
    assert data["bands"][1] == {
        "band": "medel", "band_label": "Medel", "total": 3,
        "counts": {"paid": 1, "payment-plan": 0, "evicted": 0, "written-off": 2},
        "percent": {"paid": 33, "payment-plan": 0, "evicted": 0, "written-off": 67},
        "collected_percent": 33,
    }
    assert data["bands"][0]["percent"]["paid"] is None
    assert data["total"]["band_label"] == "Alla"


def test_an_unknown_outcome_is_refused():
    with pytest.raises(ValueError):
        calibrate([(Band.LAG, "flyttat")])
