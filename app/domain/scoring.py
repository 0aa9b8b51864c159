"""Debtor scoring: an explainable 0–100 risk score with its band, reasons, flags and next step.

Supports a human decision and never moves a case (issue 8). Weights and texts come from ScoringRules.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from fractions import Fraction
from typing import Any

from app.domain.money import kronor_text
from app.domain.problem import Problem
from app.domain.scoring_rules import (
    AdviceCode,
    Band,
    FactorCode,
    FlagCode,
    ScoreContext,
    ScoringRules,
    rules_from_dict,
)

__all__ = [
    "Band", "FactorCode", "FlagCode", "ScoreContext", "ScoringRules", "rules_from_dict",
    "ScoringInputs", "Factor", "Flag", "ScoreResult", "validate_inputs", "score", "band_dropped",
    "inputs_to_json", "inputs_from_json", "result_from_json",
]

MIN_SCORE, MAX_SCORE = 0, 100


@dataclass(frozen=True)
class ScoringInputs:
    """What the scoring looks at. Counts are whole numbers ≥ 0; money is öre."""

    # The association's own data
    late_payments_12m: int = 0
    late_payments_24m: int = 0  # the last 24 months, *including* the last 12
    earlier_cases_paid: int = 0  # earlier collection cases, by how they ended
    earlier_cases_payment_plan: int = 0  # … with a payment plan that was kept
    earlier_cases_evicted: int = 0
    earlier_cases_written_off: int = 0
    payment_plans_kept: int = 0
    payment_plans_broken: int = 0
    months_lived: int | None = None  # None = not known
    debt_ore: int = 0  # what is owed now
    monthly_charge_ore: int = 0  # the monthly fee or rent; 0 = not known
    contact_made: bool = False
    promises_kept: int = 0
    promises_broken: int = 0
    # Kronofogden, entered by hand after asking Kronofogden
    kfm_checked_on: date | None = None  # None = not checked
    kfm_debt_ore: int = 0
    kfm_cases: int = 0
    debt_restructuring: bool = False  # ongoing skuldsanering
    # Household: raises a flag, never the risk
    children_in_home: bool = False
    children_count: int | None = None  # None = not known

    @property
    def debt_months(self) -> Fraction | None:
        """The debt in months of fee/rent, or None when the monthly amount is not known."""
        if self.monthly_charge_ore <= 0:
            return None
        return Fraction(self.debt_ore, self.monthly_charge_ore)

    @property
    def earlier_cases(self) -> int:
        return (self.earlier_cases_paid + self.earlier_cases_payment_plan + self.earlier_cases_evicted
                + self.earlier_cases_written_off)


FIELD_LABELS: dict[str, str] = {
    "late_payments_12m": "Sena betalningar senaste 12 månaderna",
    "late_payments_24m": "Sena betalningar senaste 24 månaderna",
    "earlier_cases_paid": "Tidigare ärenden som slutade med betalning",
    "earlier_cases_payment_plan": "Tidigare ärenden som slutade med amorteringsplan",
    "earlier_cases_evicted": "Tidigare ärenden som slutade med avhysning",
    "earlier_cases_written_off": "Tidigare ärenden som skrevs av",
    "payment_plans_kept": "Amorteringsplaner som hölls",
    "payment_plans_broken": "Amorteringsplaner som bröts",
    "months_lived": "Boendetid i månader",
    "debt_ore": "Skuld",
    "monthly_charge_ore": "Månadsbelopp",
    "promises_kept": "Betalningslöften som hölls",
    "promises_broken": "Betalningslöften som bröts",
    "kfm_checked_on": "Kontrollerat hos Kronofogden",
    "kfm_debt_ore": "Skulder hos Kronofogden",
    "kfm_cases": "Antal mål hos Kronofogden",
    "children_count": "Antal barn",
}


def validate_inputs(inputs: ScoringInputs, as_of: date) -> tuple[Problem, ...]:
    """Problems (Swedish) that make the inputs unusable; empty when they can be scored."""
    problems = [
        Problem("scoring.negative", f"{FIELD_LABELS[name]} kan inte vara negativt.", name)
        for name in FIELD_LABELS
        if isinstance(value := getattr(inputs, name), int) and not isinstance(value, bool) and value < 0
    ]
    if inputs.late_payments_24m < inputs.late_payments_12m:
        problems.append(Problem("scoring.late_24m", "Sena betalningar de senaste 24 månaderna ska räkna "
                                "med dem de senaste 12 månaderna och kan inte vara färre.", "late_payments_24m"))
    if inputs.kfm_checked_on is None and (inputs.kfm_debt_ore or inputs.kfm_cases):
        problems.append(Problem("scoring.kfm_date", "Ange vilket datum uppgifterna hos Kronofogden "
                                "kontrollerades.", "kfm_checked_on"))
    if inputs.kfm_checked_on is not None and inputs.kfm_checked_on > as_of:
        problems.append(Problem("scoring.kfm_future", "Datumet för kontrollen hos Kronofogden ligger efter "
                                f"bedömningsdagen {as_of.isoformat()}.", "kfm_checked_on"))
    if inputs.children_in_home is False and (inputs.children_count or 0) > 0:
        problems.append(Problem("scoring.children", "Antal barn är angivet men inte att barn bor i hemmet.",
                                "children_in_home"))
    return tuple(problems)


@dataclass(frozen=True)
class Factor:
    code: FactorCode
    points: int
    text: str  # plain Swedish, e.g. "3 sena betalningar de senaste 12 månaderna: +15 poäng"


@dataclass(frozen=True)
class Flag:
    code: FlagCode
    text: str


@dataclass(frozen=True)
class ScoreResult:
    score: int  # 0–100, higher = higher risk
    band: Band
    factors: tuple[Factor, ...]
    flags: tuple[Flag, ...]
    recommendations: tuple[str, ...]  # the first is the recommended next step
    rules_version: str
    as_of: date
    context: ScoreContext
    raw_points: int  # the factors' sum before it is held within 0–100

    @property
    def recommendation(self) -> str:
        return self.recommendations[0]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band.value,
            "band_label": self.band.label,
            "raw_points": self.raw_points,
            "factors": [{"code": f.code.value, "points": f.points, "text": f.text} for f in self.factors],
            "flags": [{"code": f.code.value, "text": f.text} for f in self.flags],
            "recommendation": self.recommendation,
            "recommendations": list(self.recommendations),
            "rules_version": self.rules_version,
            "as_of": self.as_of.isoformat(),
            "context": self.context.value,
        }


def score(inputs: ScoringInputs, rules: ScoringRules, as_of: date,
          context: ScoreContext = ScoreContext.ASSESSMENT) -> ScoreResult:
    """Score the debtor as of a date. Raises ValueError for inputs that validate_inputs refuses."""
    problems = validate_inputs(inputs, as_of)
    if problems:
        raise ValueError("; ".join(p.message for p in problems))
    factors = (*_history_factors(inputs, rules), *_situation_factors(inputs, rules),
               *_kfm_factors(inputs, rules))
    raw = sum(f.points for f in factors)
    value = max(MIN_SCORE, min(MAX_SCORE, raw))
    band = rules.band_for(value)
    return ScoreResult(
        score=value, band=band, factors=factors, flags=_flags(inputs, rules, as_of, raw, value),
        recommendations=_recommendations(inputs, rules, as_of, band, context),
        rules_version=rules.version, as_of=as_of, context=context, raw_points=raw,
    )


def band_dropped(previous: Band | str | None, new: Band | str) -> bool:
    """True when the band moved down (lower risk) – in surveillance: time to try collecting again."""
    return previous is not None and Band(new).rank < Band(previous).rank


# --- factors -------------------------------------------------------------------------------------

_EARLIER = (
    (FactorCode.EARLIER_PAID, "earlier_cases_paid"),
    (FactorCode.EARLIER_PAYMENT_PLAN, "earlier_cases_payment_plan"),
    (FactorCode.EARLIER_EVICTED, "earlier_cases_evicted"),
    (FactorCode.EARLIER_WRITTEN_OFF, "earlier_cases_written_off"),
)


def _history_factors(inputs: ScoringInputs, rules: ScoringRules) -> list[Factor]:
    factors = [_counted(rules, FactorCode.LATE_12M, inputs.late_payments_12m, always=True),
               _counted(rules, FactorCode.LATE_24M, inputs.late_payments_24m, always=True)]
    if inputs.earlier_cases == 0:
        factors.append(_fixed(rules, FactorCode.EARLIER_NONE))
    factors += [_counted(rules, code, getattr(inputs, name)) for code, name in _EARLIER]
    factors += [_counted(rules, FactorCode.PLANS_KEPT, inputs.payment_plans_kept),
                _counted(rules, FactorCode.PLANS_BROKEN, inputs.payment_plans_broken),
                _counted(rules, FactorCode.PROMISES_KEPT, inputs.promises_kept),
                _counted(rules, FactorCode.PROMISES_BROKEN, inputs.promises_broken)]
    return [f for f in factors if f is not None]


def _situation_factors(inputs: ScoringInputs, rules: ScoringRules) -> list[Factor]:
    factors = [_fixed(rules, FactorCode.CONTACT if inputs.contact_made else FactorCode.NO_CONTACT)]
    if inputs.months_lived is None:
        factors.append(_fixed(rules, FactorCode.RESIDENCE, "unknown", points=0))
    else:
        points = rules.steps[FactorCode.RESIDENCE].points(inputs.months_lived)
        factors.append(_fixed(rules, FactorCode.RESIDENCE, "known", points=points,
                              duration=_duration_text(inputs.months_lived)))
    months = inputs.debt_months
    amount = kronor_text(inputs.debt_ore)
    if months is None:
        factors.append(_fixed(rules, FactorCode.DEBT, "unknown", points=0, amount=amount))
    else:
        factors.append(_fixed(rules, FactorCode.DEBT, "known", points=rules.steps[FactorCode.DEBT].points(months),
                              amount=amount, months=_months_text(months)))
    return factors


def _kfm_factors(inputs: ScoringInputs, rules: ScoringRules) -> list[Factor]:
    checked = inputs.kfm_checked_on
    if checked is None:
        factors = [_fixed(rules, FactorCode.KFM_NOT_CHECKED)]
    elif inputs.kfm_debt_ore == 0 and inputs.kfm_cases == 0:
        factors = [_fixed(rules, FactorCode.KFM_CLEAN, date=checked.isoformat())]
    else:
        factors = [_counted(rules, FactorCode.KFM_CASES, inputs.kfm_cases)]
        if inputs.kfm_debt_ore > 0:
            points = rules.steps[FactorCode.KFM_DEBT].points(inputs.kfm_debt_ore)
            factors.insert(0, _fixed(rules, FactorCode.KFM_DEBT, points=points,
                                     amount=kronor_text(inputs.kfm_debt_ore), date=checked.isoformat()))
    if inputs.debt_restructuring:
        factors.append(_fixed(rules, FactorCode.DEBT_RESTRUCTURING))
    return [f for f in factors if f is not None]


def _counted(rules: ScoringRules, code: FactorCode, count: int, *, always: bool = False) -> Factor | None:
    """A factor that counts things; left out when there are none unless it is always shown."""
    if count == 0 and not always:
        return None
    weight = rules.linear[code]
    points = weight.points(count)
    variant = "zero" if count == 0 else "one" if count == 1 else "other"
    text = _sentence(rules, code, variant, points, count=count)
    if weight.is_capped(count):
        text += rules.cap_note.format(cap=abs(weight.cap))
    return Factor(code, points, text)


def _fixed(rules: ScoringRules, code: FactorCode, variant: str = "text", *, points: int | None = None,
           **values: object) -> Factor:
    """A factor with its points given (or the rules' fixed points for the code)."""
    points = rules.fixed[code] if points is None else points
    return Factor(code, points, _sentence(rules, code, variant, points, **values))


def _sentence(rules: ScoringRules, code: FactorCode, variant: str, points: int, **values: object) -> str:
    return rules.sentences[code][variant].format(points=_points_text(rules, points), **values)


def _points_text(rules: ScoringRules, points: int) -> str:
    key = "positive" if points > 0 else "negative" if points < 0 else "zero"
    return rules.points_texts[key].format(n=abs(points))


def _duration_text(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years} år"] if years else []) + ([f"{rest} månad" + ("er" if rest != 1 else "")] if rest else [])
    return " och ".join(parts) or "mindre än en månad"


def _months_text(months: Fraction) -> str:
    # Cut (not round) to one decimal, so "2,9" never shows as "3" while scoring below the 3-month step.
    tenths = int(months * 10)
    whole, tenth = divmod(tenths, 10)
    return f"{whole},{tenth}" if tenth else str(whole)


# --- flags and recommendations -------------------------------------------------------------------

def _kfm_stale(inputs: ScoringInputs, rules: ScoringRules, as_of: date) -> bool:
    checked = inputs.kfm_checked_on
    return checked is not None and (as_of - checked).days > rules.kfm_stale_days


def _flags(inputs: ScoringInputs, rules: ScoringRules, as_of: date, raw: int, value: int) -> tuple[Flag, ...]:
    flags = []
    if inputs.children_in_home or (inputs.children_count or 0) > 0:
        # Issue 8: children in the home call for social services early; a flag only, never risk points.
        flags.append(Flag(FlagCode.CHILDREN, rules.flags[FlagCode.CHILDREN]))
    checked = inputs.kfm_checked_on
    if checked is not None and _kfm_stale(inputs, rules, as_of):
        text = rules.flags[FlagCode.KFM_STALE].format(date=checked.isoformat(), days=rules.kfm_stale_days)
        flags.append(Flag(FlagCode.KFM_STALE, text))
    if raw != value:
        text = rules.flags[FlagCode.CAPPED].format(raw=_points_text(rules, raw), score=value)
        flags.append(Flag(FlagCode.CAPPED, text))
    return tuple(flags)


def _recommendations(inputs: ScoringInputs, rules: ScoringRules, as_of: date, band: Band,
                     context: ScoreContext) -> tuple[str, ...]:
    steps = []
    if inputs.debt_restructuring:
        # Skuldsaneringslagen (2016:675): debts it covers are settled by its plan – find out which first.
        steps.append(rules.advice[AdviceCode.DEBT_RESTRUCTURING])
    steps.append(rules.recommendations[(context, band)])
    if inputs.kfm_checked_on is None:
        steps.append(rules.advice[AdviceCode.KFM_NOT_CHECKED])
    elif _kfm_stale(inputs, rules, as_of):
        steps.append(rules.advice[AdviceCode.KFM_STALE])
    if not inputs.contact_made:
        steps.append(rules.advice[AdviceCode.NO_CONTACT])
    return tuple(steps)


# --- snapshot data -------------------------------------------------------------------------------

def inputs_to_json(inputs: ScoringInputs) -> dict[str, Any]:
    """Plain dict with the field names as keys; dates as ISO strings."""
    return {f.name: _to_plain(getattr(inputs, f.name)) for f in fields(ScoringInputs)}


def inputs_from_json(data: Mapping[str, Any]) -> ScoringInputs:
    """The inverse of inputs_to_json; missing keys take their defaults, unknown keys are refused."""
    names = {f.name for f in fields(ScoringInputs)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"Okända fält i bedömningens indata: {', '.join(sorted(unknown))}")
    values = dict(data)
    if values.get("kfm_checked_on") is not None:
        values["kfm_checked_on"] = date.fromisoformat(values["kfm_checked_on"])
    return ScoringInputs(**values)


def result_from_json(data: Mapping[str, Any]) -> ScoreResult:
    """Read back a stored ScoreResult.to_json() for the score history."""
    return ScoreResult(
        score=int(data["score"]),
        band=Band(data["band"]),
        factors=tuple(Factor(FactorCode(f["code"]), int(f["points"]), f["text"]) for f in data["factors"]),
        flags=tuple(Flag(FlagCode(f["code"]), f["text"]) for f in data["flags"]),
        recommendations=tuple(data["recommendations"]),
        rules_version=data["rules_version"],
        as_of=date.fromisoformat(data["as_of"]),
        context=ScoreContext(data["context"]),
        raw_points=int(data["raw_points"]),
    )


def _to_plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
