"""Scoring rules: the v1 data file loads, and broken or non-monotone rules are refused."""
from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from app.domain.scoring_rules import Band, FactorCode, Linear, RulesError, ScoringRules, Steps, rules_from_dict

SCORING_DATA = Path(__file__).resolve().parents[2] / "resources" / "data" / "scoring"


def load_rules_dict(version: str = "v1") -> dict[str, Any]:
    """What the services layer does: read resources/data/scoring/<version>.json as a plain dict."""
    return json.loads((SCORING_DATA / f"{version}.json").read_text(encoding="utf-8"))


def load_rules(version: str = "v1") -> ScoringRules:
    return rules_from_dict(load_rules_dict(version))


def test_v1_loads_with_its_version_and_thresholds():
    rules = load_rules()
    assert rules.version == "v1"
    assert (rules.medel_from, rules.hog_from) == (30, 60)
    assert rules.linear[FactorCode.LATE_12M] == Linear(5, 20)
    assert rules.steps[FactorCode.DEBT].points(Fraction(29, 10)) == 10
    assert rules.steps[FactorCode.KFM_DEBT].points(1_000_000) == 10  # 10 000 kr: from and including


@pytest.mark.parametrize(("score", "band"), [(0, Band.LAG), (29, Band.LAG), (30, Band.MEDEL), (59, Band.MEDEL),
                                             (60, Band.HOG), (100, Band.HOG)])
def test_band_thresholds_of_v1(score, band):
    assert load_rules().band_for(score) is band


@pytest.mark.parametrize(("count", "points", "capped"), [(0, 0, False), (1, 5, False), (4, 20, False),
                                                         (5, 20, True), (40, 20, True)])
def test_linear_weight_stops_at_its_cap(count, points, capped):
    weight = Linear(5, 20)
    assert (weight.points(count), weight.is_capped(count)) == (points, capped)


def test_negative_linear_weight_stops_at_its_negative_cap():
    assert [Linear(-4, -8).points(n) for n in range(4)] == [0, -4, -8, -8]


def test_steps_hold_from_their_value_and_give_nothing_below_the_first():
    steps = Steps(((Fraction(1), 5), (Fraction(3), 15)))
    assert [steps.points(v) for v in (0, Fraction(99, 100), 1, 2, 3, 10)] == [0, 0, 5, 5, 15, 15]


def _broken(path: tuple[str, ...], value: object) -> dict[str, Any]:
    data = copy.deepcopy(load_rules_dict())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(("path", "value", "message"), [
    (("weights", "late_12m", "per_item"), -1, "late_12m: fler ska aldrig sänka risken"),
    (("weights", "kfm_cases", "per_item"), -2, "kfm_cases: fler ska aldrig sänka risken"),
    (("weights", "plans_broken", "cap"), -16, "plans_broken: per_item och cap ska ha samma tecken"),
    (("weights", "kfm_debt", "steps"), [[0, 0], [1, 10], [1000000, 5]], "kfm_debt: större skuld"),
    (("weights", "debt", "steps"), [[0, 0], [1, -5]], "debt: större skuld"),
    (("weights", "residence", "steps"), [[12, 0], [0, 5]], "residence: trappstegen"),
    (("weights", "kfm_clean", "points"), 3, "kfm_clean får inte ge pluspoäng"),
    (("bands", "medel_from"), 60, "0 < medel_from < hog_from ≤ 100"),
    (("bands", "hog_from"), 101, "0 < medel_from < hog_from ≤ 100"),
    (("version",), "", "versionen ska vara 1–20 tecken"),
    (("sentences", "late_12m", "one"), "1 sen betalning: {poang}", "okänd platshållare"),
])
def test_rules_that_break_promises_are_refused(path, value, message):
    with pytest.raises(RulesError, match=message):
        rules_from_dict(_broken(path, value))


@pytest.mark.parametrize("path", [("weights", "late_24m"), ("sentences", "kfm_cases", "other"),
                                  ("recommendations", "efterbevakning", "hog"), ("advice", "no_contact"),
                                  ("flags", "children")])
def test_missing_entries_are_refused_by_name(path):
    with pytest.raises(RulesError, match=path[-1]):
        rules_from_dict(_broken(path, _DELETE))
