"""The versioned rules of debtor scoring: weights, caps, band thresholds and Swedish texts.

Loaded from a plain dict (the JSON in resources/data/scoring/) – the domain itself reads no files.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any


class Band(StrEnum):
    """Risk band; higher band = higher risk that the debt is not paid."""

    LAG = "lag"
    MEDEL = "medel"
    HOG = "hog"

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]

    @property
    def rank(self) -> int:
        return _BAND_ORDER.index(self)


_BAND_ORDER = (Band.LAG, Band.MEDEL, Band.HOG)
_BAND_LABELS = {Band.LAG: "Låg", Band.MEDEL: "Medel", Band.HOG: "Hög"}


class ScoreContext(StrEnum):
    """Why the debtor is scored: on day 9 before filing, or again in surveillance (PROCESS.md)."""

    ASSESSMENT = "bedomning"
    SURVEILLANCE = "efterbevakning"


class FactorCode(StrEnum):
    """One reason in the explanation; also the key of its weight and sentences in the rules."""

    LATE_12M = "late_12m"
    LATE_24M = "late_24m"
    EARLIER_NONE = "earlier_none"
    EARLIER_PAID = "earlier_paid"
    EARLIER_PAYMENT_PLAN = "earlier_payment_plan"
    EARLIER_EVICTED = "earlier_evicted"
    EARLIER_WRITTEN_OFF = "earlier_written_off"
    PLANS_KEPT = "plans_kept"
    PLANS_BROKEN = "plans_broken"
    PROMISES_KEPT = "promises_kept"
    PROMISES_BROKEN = "promises_broken"
    CONTACT = "contact"
    NO_CONTACT = "no_contact"
    RESIDENCE = "residence"
    DEBT = "debt"
    KFM_NOT_CHECKED = "kfm_not_checked"
    KFM_CLEAN = "kfm_clean"
    KFM_DEBT = "kfm_debt"
    KFM_CASES = "kfm_cases"
    DEBT_RESTRUCTURING = "debt_restructuring"


class FlagCode(StrEnum):
    """A note for the people deciding; a flag never adds points."""

    CHILDREN = "children"
    KFM_STALE = "kfm_stale"
    CAPPED = "capped"


class AdviceCode(StrEnum):
    DEBT_RESTRUCTURING = "debt_restructuring"
    KFM_NOT_CHECKED = "kfm_not_checked"
    KFM_STALE = "kfm_stale"
    NO_CONTACT = "no_contact"


@dataclass(frozen=True)
class Linear:
    """`per_item` points per counted thing, never beyond `cap` (same sign as per_item)."""

    per_item: int
    cap: int

    def points(self, count: int) -> int:
        raw = self.per_item * count
        return min(raw, self.cap) if self.per_item >= 0 else max(raw, self.cap)

    def is_capped(self, count: int) -> bool:
        return self.points(count) != self.per_item * count


@dataclass(frozen=True)
class Steps:
    """Points by value: each (from, points) holds from its value up to the next step; below all, 0."""

    steps: tuple[tuple[Fraction, int], ...]

    def points(self, value: Fraction | int) -> int:
        result = 0
        for start, points in self.steps:
            if value >= start:
                result = points
        return result


LINEAR = frozenset({
    FactorCode.LATE_12M, FactorCode.LATE_24M, FactorCode.EARLIER_PAID, FactorCode.EARLIER_PAYMENT_PLAN,
    FactorCode.EARLIER_EVICTED, FactorCode.EARLIER_WRITTEN_OFF, FactorCode.PLANS_KEPT,
    FactorCode.PLANS_BROKEN, FactorCode.PROMISES_KEPT, FactorCode.PROMISES_BROKEN, FactorCode.KFM_CASES,
})
STEPPED = frozenset({FactorCode.RESIDENCE, FactorCode.DEBT, FactorCode.KFM_DEBT})
FIXED = frozenset(set(FactorCode) - LINEAR - STEPPED)

# Monotonicity promised by issue 8: more late payments or more debt (own or at Kronofogden) never
# lowers the risk. The loader refuses rules that would break it.
_RISING_LINEAR = (FactorCode.LATE_12M, FactorCode.LATE_24M, FactorCode.KFM_CASES)
_RISING_STEPS = (FactorCode.DEBT, FactorCode.KFM_DEBT)

# Which sentence variants each factor needs (count factors: one/other, and zero when always shown).
SENTENCE_VARIANTS: dict[FactorCode, tuple[str, ...]] = {
    **{code: ("one", "other") for code in LINEAR},
    FactorCode.LATE_12M: ("zero", "one", "other"),
    FactorCode.LATE_24M: ("zero", "one", "other"),
    FactorCode.RESIDENCE: ("known", "unknown"),
    FactorCode.DEBT: ("known", "unknown"),
    FactorCode.KFM_DEBT: ("text",),
    **{code: ("text",) for code in FIXED},
}
# Every placeholder a template may use; a template with any other placeholder is refused on load.
_SAMPLE_VALUES = {"points": "+1 poäng", "count": 2, "duration": "1 år", "amount": "1 kr", "months": "1,5",
                  "date": "2026-01-02", "days": 90, "raw": 101, "score": 100, "cap": 10, "n": 1}


@dataclass(frozen=True)
class ScoringRules:
    version: str
    description: str
    medel_from: int  # a score at or above this is band medel
    hog_from: int  # a score at or above this is band hög
    kfm_stale_days: int  # Kronofogden data older than this is flagged
    linear: Mapping[FactorCode, Linear]
    steps: Mapping[FactorCode, Steps]
    fixed: Mapping[FactorCode, int]
    sentences: Mapping[FactorCode, Mapping[str, str]]
    points_texts: Mapping[str, str]  # positive / negative / zero
    cap_note: str
    flags: Mapping[FlagCode, str]
    recommendations: Mapping[tuple[ScoreContext, Band], str]
    advice: Mapping[AdviceCode, str]

    def band_for(self, score: int) -> Band:
        if score >= self.hog_from:
            return Band.HOG
        if score >= self.medel_from:
            return Band.MEDEL
        return Band.LAG


class RulesError(ValueError):
    """The scoring rules file is broken; the message (Swedish) says where."""


def rules_from_dict(data: Mapping[str, Any]) -> ScoringRules:
    """Build and check the rules; raises RulesError naming the first broken entry."""
    try:
        rules = _build(data)
    except (KeyError, TypeError, ValueError) as error:
        raise RulesError(f"Poängreglerna är ofullständiga eller felaktiga: {error!r}") from error
    _check(rules)
    return rules


def _build(data: Mapping[str, Any]) -> ScoringRules:
    weights, sentences = data["weights"], data["sentences"]
    return ScoringRules(
        version=str(data["version"]),
        description=str(data.get("description", "")),
        medel_from=int(data["bands"]["medel_from"]),
        hog_from=int(data["bands"]["hog_from"]),
        kfm_stale_days=int(data["kfm_stale_days"]),
        linear={c: Linear(int(weights[c]["per_item"]), int(weights[c]["cap"])) for c in LINEAR},
        steps={c: Steps(tuple((Fraction(str(f)), int(p)) for f, p in weights[c]["steps"])) for c in STEPPED},
        fixed={c: int(weights[c]["points"]) for c in FIXED},
        sentences={c: {v: str(sentences[c][v]) for v in SENTENCE_VARIANTS[c]} for c in FactorCode},
        points_texts={k: str(sentences["points"][k]) for k in ("positive", "negative", "zero")},
        cap_note=str(sentences["cap_note"]),
        flags={c: str(data["flags"][c]) for c in FlagCode},
        recommendations={(x, b): str(data["recommendations"][x][b]) for x in ScoreContext for b in Band},
        advice={c: str(data["advice"][c]) for c in AdviceCode},
    )


def _check(rules: ScoringRules) -> None:
    problems = [*_check_bands(rules), *_check_weights(rules), *_check_texts(rules)]
    if problems:
        raise RulesError("Poängreglerna (version " + rules.version + ") är felaktiga: " + "; ".join(problems))


def _check_bands(rules: ScoringRules) -> list[str]:
    problems = []
    if not 0 < len(rules.version) <= 20:  # stored with every snapshot (score_snapshots.rules_version)
        problems.append("versionen ska vara 1–20 tecken")
    if not 0 < rules.medel_from < rules.hog_from <= 100:
        problems.append("gränserna ska uppfylla 0 < medel_from < hog_from ≤ 100")
    if rules.kfm_stale_days < 1:
        problems.append("kfm_stale_days ska vara minst 1")
    return problems


def _check_weights(rules: ScoringRules) -> list[str]:
    problems = []
    for code, weight in rules.linear.items():
        if weight.per_item * weight.cap < 0:
            problems.append(f"{code}: per_item och cap ska ha samma tecken")
    for code in _RISING_LINEAR:
        if rules.linear[code].per_item < 0:
            problems.append(f"{code}: fler ska aldrig sänka risken (per_item ≥ 0)")
    for code, steps in rules.steps.items():
        starts = [start for start, _ in steps.steps]
        if not starts or starts != sorted(set(starts)) or starts[0] < 0:
            problems.append(f"{code}: trappstegen ska börja på 0 eller mer och öka")
    for code in _RISING_STEPS:
        points = [0, *(p for _, p in rules.steps[code].steps)]
        if points != sorted(points):
            problems.append(f"{code}: större skuld ska aldrig sänka risken (poängen får inte minska)")
    if rules.fixed[FactorCode.KFM_CLEAN] > 0:
        # a clean record must never score above any record with debts (monotonicity)
        problems.append("kfm_clean får inte ge pluspoäng")
    return problems


def _check_texts(rules: ScoringRules) -> list[str]:
    texts = [*(t for v in rules.sentences.values() for t in v.values()), *rules.points_texts.values(),
             rules.cap_note, *rules.flags.values(), *rules.recommendations.values(), *rules.advice.values()]
    problems = []
    for text in texts:
        try:
            text.format(**_SAMPLE_VALUES)
        except (KeyError, IndexError, ValueError) as error:
            problems.append(f"okänd platshållare {error} i ”{text}”")
    return problems
