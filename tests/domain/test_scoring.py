"""Debtor scoring: worked examples hand-computed from resources/data/scoring/v1.json, and properties."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.scoring import (
    Band,
    FactorCode,
    FlagCode,
    ScoreContext,
    ScoringInputs,
    band_dropped,
    inputs_from_json,
    inputs_to_json,
    result_from_json,
    score,
    validate_inputs,
)
from tests.domain.test_scoring_rules import load_rules

RULES = load_rules("v1")
CALL_FIRST = "Ring först och erbjud en amorteringsplan"
NO_CONTACT = "Försök nå gäldenären per telefon eller brev innan nästa steg"
CHECK_KFM = "Kontrollera gäldenärens skulder hos Kronofogden och gör om bedömningen"


def _explained(result) -> list[tuple[str, int, str]]:
    # Amounts use no-break spaces (kronor_text); compare with plain spaces for readability.
    return [(f.code.value, f.points, f.text.replace("\u00a0", " ")) for f in result.factors]


# --- worked examples -----------------------------------------------------------------------------

def test_day_9_high_risk_with_children_and_debts_at_kronofogden():
    # Demand sent 2026-03-02, deadline 2026-03-10, scored on day 9; Kronofogden asked on 2026-03-05.
    inputs = ScoringInputs(
        late_payments_12m=3, late_payments_24m=5, payment_plans_broken=1, months_lived=40,
        debt_ore=1_234_500, monthly_charge_ore=450_000, contact_made=True,
        kfm_checked_on=date(2026, 3, 5), kfm_debt_ore=2_500_000, kfm_cases=2, children_in_home=True,
        children_count=2,
    )
    result = score(inputs, RULES, date(2026, 3, 11))
    assert _explained(result) == [
        ("late_12m", 15, "3 sena betalningar de senaste 12 månaderna: +15 poäng"),
        ("late_24m", 10, "5 sena betalningar de senaste 24 månaderna: +10 poäng"),
        ("earlier_none", 0, "Inga tidigare inkassoärenden: 0 poäng"),
        ("plans_broken", 8, "1 amorteringsplan som bröts: +8 poäng"),
        ("contact", 0, "Kontakt med gäldenären är tagen: 0 poäng"),
        ("residence", 0, "Har bott här i 3 år och 4 månader: 0 poäng"),
        ("debt", 10, "Skulden är 12 345,00 kr, 2,7 gånger månadsbeloppet: +10 poäng"),
        ("kfm_debt", 10, "Skulder hos Kronofogden på 25 000,00 kr (kontrollerat 2026-03-05): +10 poäng"),
        ("kfm_cases", 8, "2 mål hos Kronofogden: +8 poäng"),
    ]
    assert (result.score, result.band, result.raw_points) == (61, Band.HOG, 61)
    assert [(f.code, f.text) for f in result.flags] == [
        (FlagCode.CHILDREN, "Barn i hemmet – kontakta socialtjänsten tidigt")]
    assert result.recommendations == ("Ansök hos Kronofogden på ansökningsdagen",)
    assert (result.rules_version, result.as_of, result.context) == ("v1", date(2026, 3, 11),
                                                                    ScoreContext.ASSESSMENT)


def test_the_same_debtor_without_children_gets_the_same_score_and_no_flag():
    with_children = ScoringInputs(late_payments_12m=3, late_payments_24m=5, children_in_home=True,
                                  children_count=1, contact_made=True)
    alone = replace(with_children, children_in_home=False, children_count=None)
    a, b = score(with_children, RULES, date(2026, 3, 11)), score(alone, RULES, date(2026, 3, 11))
    assert (a.score, a.factors, a.recommendations) == (b.score, b.factors, b.recommendations)
    assert [f.code for f in a.flags] == [FlagCode.CHILDREN] and b.flags == ()


def test_long_time_resident_with_a_first_slip_is_low_risk_after_midsommar():
    inputs = ScoringInputs(
        late_payments_12m=1, late_payments_24m=2, months_lived=96, debt_ore=675_000,
        monthly_charge_ore=450_000, contact_made=False, kfm_checked_on=date(2025, 6, 18),
    )
    result = score(inputs, RULES, date(2025, 6, 23))  # Monday after midsommarafton 2025-06-20
    assert _explained(result) == [
        ("late_12m", 5, "1 sen betalning de senaste 12 månaderna: +5 poäng"),
        ("late_24m", 4, "2 sena betalningar de senaste 24 månaderna: +4 poäng"),
        ("earlier_none", 0, "Inga tidigare inkassoärenden: 0 poäng"),
        ("no_contact", 10, "Ingen kontakt med gäldenären ännu: +10 poäng"),
        ("residence", -5, "Har bott här i 8 år: −5 poäng"),
        ("debt", 5, "Skulden är 6 750,00 kr, 1,5 gånger månadsbeloppet: +5 poäng"),
        ("kfm_clean", -5, "Inga skulder hos Kronofogden (kontrollerat 2025-06-18): −5 poäng"),
    ]
    assert (result.score, result.band) == (14, Band.LAG)
    assert result.recommendation == CALL_FIRST
    assert result.recommendations == (CALL_FIRST, NO_CONTACT)
    assert result.flags == ()


def test_kronofogden_not_checked_gives_zero_points_and_asks_to_check():
    inputs = ScoringInputs(
        late_payments_12m=2, late_payments_24m=4, earlier_cases_paid=1, months_lived=7,
        debt_ore=900_000, monthly_charge_ore=450_000,
    )
    result = score(inputs, RULES, date(2027, 1, 7))  # the day after trettondagen 2027
    assert _explained(result) == [
        ("late_12m", 10, "2 sena betalningar de senaste 12 månaderna: +10 poäng"),
        ("late_24m", 8, "4 sena betalningar de senaste 24 månaderna: +8 poäng"),
        ("earlier_paid", 2, "1 tidigare inkassoärende som slutade med full betalning: +2 poäng"),
        ("no_contact", 10, "Ingen kontakt med gäldenären ännu: +10 poäng"),
        ("residence", 5, "Har bott här i 7 månader: +5 poäng"),
        ("debt", 10, "Skulden är 9 000,00 kr, 2 gånger månadsbeloppet: +10 poäng"),
        ("kfm_not_checked", 0, "Uppgifterna hos Kronofogden är inte kontrollerade: 0 poäng"),
    ]
    assert (result.score, result.band) == (45, Band.MEDEL)
    assert result.recommendations == (
        "Ring och erbjud en amorteringsplan; ansök hos Kronofogden om ni inte är överens före ansökningsdagen",
        CHECK_KFM, NO_CONTACT)


def test_surveillance_with_debt_restructuring_caps_at_100_and_flags_old_kronofogden_data():
    inputs = ScoringInputs(
        late_payments_12m=6, late_payments_24m=10, earlier_cases_evicted=1, earlier_cases_written_off=1,
        payment_plans_broken=2, promises_broken=4, months_lived=5, debt_ore=3_000_000,
        monthly_charge_ore=450_000, kfm_checked_on=date(2025, 12, 1), kfm_debt_ore=25_000_000, kfm_cases=7,
        debt_restructuring=True,
    )
    result = score(inputs, RULES, date(2026, 6, 15), ScoreContext.SURVEILLANCE)
    assert _explained(result) == [
        ("late_12m", 20, "6 sena betalningar de senaste 12 månaderna: +20 poäng (högst 20 poäng)"),
        ("late_24m", 10, "10 sena betalningar de senaste 24 månaderna: +10 poäng (högst 10 poäng)"),
        ("earlier_evicted", 15, "1 tidigare inkassoärende som slutade med avhysning: +15 poäng"),
        ("earlier_written_off", 12, "1 tidigare inkassoärende där skulden skrevs av: +12 poäng"),
        ("plans_broken", 16, "2 amorteringsplaner som bröts: +16 poäng"),
        ("promises_broken", 15, "4 betalningslöften som bröts: +15 poäng (högst 15 poäng)"),
        ("no_contact", 10, "Ingen kontakt med gäldenären ännu: +10 poäng"),
        ("residence", 5, "Har bott här i 5 månader: +5 poäng"),
        # 30 000 / 4 500 = 6,67 months: shown cut to 6,6, scored on the 6-month step
        ("debt", 20, "Skulden är 30 000,00 kr, 6,6 gånger månadsbeloppet: +20 poäng"),
        ("kfm_debt", 20, "Skulder hos Kronofogden på 250 000,00 kr (kontrollerat 2025-12-01): +20 poäng"),
        ("kfm_cases", 20, "7 mål hos Kronofogden: +20 poäng (högst 20 poäng)"),
        ("debt_restructuring", 25, "Pågående skuldsanering: +25 poäng"),
    ]
    assert (result.score, result.band, result.raw_points) == (100, Band.HOG, 188)
    assert [(f.code, f.text) for f in result.flags] == [
        (FlagCode.KFM_STALE, "Uppgifterna från Kronofogden kontrollerades 2025-12-01, för mer än 90 dagar "
                             "sedan – kontrollera igen"),
        (FlagCode.CAPPED, "Faktorerna summerar till +188 poäng; poängen hålls inom 0–100 och blir 100"),
    ]
    assert result.recommendations == (
        "Pågående skuldsanering: ta reda på hos Kronofogden vilka skulder den omfattar innan ni går vidare",
        "Fortsätt bevaka skulden och gör en ny bedömning om sex månader",
        "Kontrollera uppgifterna hos Kronofogden igen och gör om bedömningen",
        NO_CONTACT,
    )


def test_good_history_is_held_at_zero_and_says_so():
    inputs = ScoringInputs(
        months_lived=120, debt_ore=200_000, monthly_charge_ore=450_000, contact_made=True,
        payment_plans_kept=1, promises_kept=2, kfm_checked_on=date(2026, 11, 30),
    )
    result = score(inputs, RULES, date(2026, 12, 1))
    assert _explained(result) == [
        ("late_12m", 0, "Inga sena betalningar de senaste 12 månaderna: 0 poäng"),
        ("late_24m", 0, "Inga sena betalningar de senaste 24 månaderna: 0 poäng"),
        ("earlier_none", 0, "Inga tidigare inkassoärenden: 0 poäng"),
        ("plans_kept", -4, "1 amorteringsplan som hölls: −4 poäng"),
        ("promises_kept", -6, "2 betalningslöften som hölls: −6 poäng"),
        ("contact", 0, "Kontakt med gäldenären är tagen: 0 poäng"),
        ("residence", -5, "Har bott här i 10 år: −5 poäng"),
        ("debt", 0, "Skulden är 2 000,00 kr, 0,4 gånger månadsbeloppet: 0 poäng"),
        ("kfm_clean", -5, "Inga skulder hos Kronofogden (kontrollerat 2026-11-30): −5 poäng"),
    ]
    assert (result.score, result.band, result.raw_points) == (0, Band.LAG, -20)
    assert [f.text for f in result.flags] == [
        "Faktorerna summerar till −20 poäng; poängen hålls inom 0–100 och blir 0"]
    assert result.recommendations == (CALL_FIRST,)


def test_unknown_monthly_amount_and_residence_give_zero_points_with_a_reason():
    result = score(ScoringInputs(debt_ore=1_000_000, contact_made=True), RULES, date(2026, 12, 1))
    texts = {f.code: f.text.replace("\u00a0", " ") for f in result.factors}
    assert texts[FactorCode.RESIDENCE] == "Boendetiden är okänd: 0 poäng"
    assert texts[FactorCode.DEBT] == ("Skulden är 10 000,00 kr; månadsbeloppet saknas, så skulden kan inte "
                                      "jämföras med det: 0 poäng")
    assert result.score == 0


def test_a_debtor_in_surveillance_whose_situation_improved_drops_a_band():
    before = ScoringInputs(late_payments_12m=4, late_payments_24m=8, months_lived=30, debt_ore=1_800_000,
                           monthly_charge_ore=450_000, kfm_checked_on=date(2025, 12, 15),
                           kfm_debt_ore=8_000_000, kfm_cases=4)
    first = score(before, RULES, date(2025, 12, 15), ScoreContext.SURVEILLANCE)
    after = replace(before, late_payments_12m=0, late_payments_24m=4, months_lived=36, contact_made=True,
                    kfm_checked_on=date(2026, 6, 10), kfm_debt_ore=0, kfm_cases=0)
    second = score(after, RULES, date(2026, 6, 15), ScoreContext.SURVEILLANCE)
    # late 20 + 10 (24 months, capped) + no contact 10 + debt 4 months 15 + 80 000 kr at KFM 15 + 4 cases 16
    # = 86 → hög; then late 0 + 8 + contact 0 + debt 15 + clean at KFM −5 = 18 → låg
    assert (first.score, first.band, second.score, second.band) == (86, Band.HOG, 18, Band.LAG)
    assert band_dropped(first.band, second.band)
    assert second.recommendation == ("Försök driva in skulden igen: erbjud en amorteringsplan eller begär "
                                     "ny utmätning hos Kronofogden")


@pytest.mark.parametrize(("previous", "new", "dropped"), [
    (Band.HOG, Band.MEDEL, True), (Band.MEDEL, Band.LAG, True), ("hog", "lag", True),
    (Band.LAG, Band.MEDEL, False), (Band.MEDEL, Band.MEDEL, False), (None, Band.LAG, False),
])
def test_band_dropped(previous, new, dropped):
    assert band_dropped(previous, new) is dropped


# --- validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("inputs", "code", "field"), [
    (ScoringInputs(promises_broken=-1), "scoring.negative", "promises_broken"),
    (ScoringInputs(kfm_checked_on=date(2026, 1, 2), kfm_debt_ore=-100), "scoring.negative", "kfm_debt_ore"),
    (ScoringInputs(late_payments_12m=3, late_payments_24m=2), "scoring.late_24m", "late_payments_24m"),
    (ScoringInputs(kfm_debt_ore=500_000), "scoring.kfm_date", "kfm_checked_on"),
    (ScoringInputs(kfm_cases=1), "scoring.kfm_date", "kfm_checked_on"),
    (ScoringInputs(kfm_checked_on=date(2026, 12, 2)), "scoring.kfm_future", "kfm_checked_on"),
    (ScoringInputs(children_count=2), "scoring.children", "children_in_home"),
])
def test_unusable_inputs_are_named_and_refused(inputs, code, field):
    problems = validate_inputs(inputs, date(2026, 12, 1))
    assert [(p.code, p.field) for p in problems] == [(code, field)]
    with pytest.raises(ValueError, match=problems[0].message):
        score(inputs, RULES, date(2026, 12, 1))


# --- snapshot data -------------------------------------------------------------------------------

def test_snapshot_json_round_trips_through_text():
    inputs = ScoringInputs(late_payments_12m=2, late_payments_24m=3, months_lived=14, debt_ore=912_345,
                           monthly_charge_ore=456_000, kfm_checked_on=date(2026, 4, 1), kfm_debt_ore=1_000_000,
                           kfm_cases=1, children_in_home=True)
    result = score(inputs, RULES, date(2026, 4, 7))
    stored_inputs, stored_result = json.dumps(inputs_to_json(inputs)), json.dumps(result.to_json())
    assert inputs_from_json(json.loads(stored_inputs)) == inputs
    assert result_from_json(json.loads(stored_result)) == result
    data = json.loads(stored_result)
    assert (data["score"], data["band"], data["rules_version"], data["as_of"]) == (
        result.score, "medel", "v1", "2026-04-07")
    assert data["factors"][0] == {"code": "late_12m", "points": 10,
                                  "text": "2 sena betalningar de senaste 12 månaderna: +10 poäng"}
    assert json.loads(stored_inputs)["kfm_checked_on"] == "2026-04-01"


def test_stored_inputs_with_unknown_fields_are_refused():
    with pytest.raises(ValueError, match="kfm_skuld"):
        inputs_from_json({"late_payments_12m": 1, "kfm_skuld": 5})


# --- properties ----------------------------------------------------------------------------------

AS_OF = date(2026, 12, 1)
few = st.integers(min_value=0, max_value=3)  # small counts keep most scores inside 0–100


@st.composite
def scoring_inputs(draw) -> ScoringInputs:
    late_12 = draw(st.integers(0, 6))
    checked = draw(st.none() | st.dates(min_value=date(2024, 1, 1), max_value=AS_OF))
    children = draw(st.booleans())
    monthly = draw(st.sampled_from([0, 350_000, 450_000, 812_300]))
    return ScoringInputs(
        late_payments_12m=late_12, late_payments_24m=late_12 + draw(st.integers(0, 6)),
        earlier_cases_paid=draw(few), earlier_cases_payment_plan=draw(few),
        earlier_cases_evicted=draw(st.integers(0, 1)), earlier_cases_written_off=draw(st.integers(0, 1)),
        payment_plans_kept=draw(few), payment_plans_broken=draw(few),
        months_lived=draw(st.none() | st.integers(0, 600)),
        debt_ore=draw(st.integers(0, 8 * max(monthly, 100_000))), monthly_charge_ore=monthly,
        contact_made=draw(st.booleans()), promises_kept=draw(few), promises_broken=draw(few),
        kfm_checked_on=checked,
        kfm_debt_ore=draw(st.integers(0, 3 * 10**7)) if checked else 0,
        kfm_cases=draw(st.integers(0, 6)) if checked else 0,
        debt_restructuring=draw(st.booleans()),
        children_in_home=children,
        children_count=draw(st.none() | st.integers(0, 6)) if children else None,
    )


def _at_least(more: ScoringInputs, base: ScoringInputs) -> bool:
    """More never lowers the risk: the factors' sum (before holding within 0–100) and the score."""
    a, b = score(more, RULES, AS_OF), score(base, RULES, AS_OF)
    return a.raw_points >= b.raw_points and a.score >= b.score and a.band.rank >= b.band.rank


@given(scoring_inputs())
def test_score_is_the_factors_sum_held_within_0_to_100_and_the_band_follows_the_thresholds(inputs):
    result = score(inputs, RULES, AS_OF)
    assert result.raw_points == sum(f.points for f in result.factors)
    assert 0 <= result.score <= 100
    assert result.score == max(0, min(100, result.raw_points))
    expected = Band.HOG if result.score >= 60 else Band.MEDEL if result.score >= 30 else Band.LAG
    assert result.band is expected
    assert (FlagCode.CAPPED in {f.code for f in result.flags}) == (result.raw_points != result.score)


@given(scoring_inputs(), st.integers(1, 6), st.integers(0, 6))
def test_more_late_payments_never_lower_the_score(inputs, recent, older):
    more = replace(inputs, late_payments_12m=inputs.late_payments_12m + recent,
                   late_payments_24m=inputs.late_payments_24m + recent + older)
    only_older = replace(inputs, late_payments_24m=inputs.late_payments_24m + older)
    assert _at_least(more, inputs)
    assert _at_least(only_older, inputs)


@given(scoring_inputs(), st.integers(1, 3 * 10**7), st.integers(1, 6),
       st.dates(min_value=date(2024, 1, 1), max_value=AS_OF))
def test_more_debt_or_cases_at_kronofogden_never_lower_the_score(inputs, debt, cases, checked_on):
    checked = replace(inputs, kfm_checked_on=inputs.kfm_checked_on or checked_on)
    assert _at_least(replace(checked, kfm_debt_ore=checked.kfm_debt_ore + debt), checked)
    assert _at_least(replace(checked, kfm_cases=checked.kfm_cases + cases), checked)


@given(scoring_inputs(), st.integers(1, 5_000_000))
def test_more_own_debt_never_lowers_the_score(inputs, extra):
    assert _at_least(replace(inputs, debt_ore=inputs.debt_ore + extra), inputs)


@given(scoring_inputs(), st.none() | st.integers(0, 6))
def test_children_never_raise_the_score_and_always_raise_the_flag(inputs, count):
    without = replace(inputs, children_in_home=False, children_count=None)
    with_children = replace(inputs, children_in_home=True, children_count=count)
    a, b = score(without, RULES, AS_OF), score(with_children, RULES, AS_OF)
    assert (b.score, b.band, b.factors, b.recommendations) == (a.score, a.band, a.factors, a.recommendations)
    assert FlagCode.CHILDREN in {f.code for f in b.flags} and FlagCode.CHILDREN not in {f.code for f in a.flags}


@settings(max_examples=50)
@given(scoring_inputs(), st.sampled_from(list(ScoreContext)), st.integers(0, 400))
def test_snapshots_round_trip_for_any_inputs(inputs, context, days_later):
    as_of = AS_OF + timedelta(days=days_later)
    result = score(inputs, RULES, as_of, context)
    assert inputs_from_json(json.loads(json.dumps(inputs_to_json(inputs)))) == inputs
    assert result_from_json(json.loads(json.dumps(result.to_json()))) == result
