"""The transition table: stages derived from events and time, guards that refuse with the rule, offers."""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.assessment import assess
from app.domain.event import EventKind as K
from app.domain.event import PaymentPlanTerms, WithdrawalScope
from app.domain.stage import SideState, Stage
from app.domain.stages import TRANSITIONS, check_event, events_to_reach, offered_events, stage_path
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, ev, paid, recorded, rules

R = rules()

# A bostadsrätt fee of 4 500 kr due Thursday 30 April 2026; the demand goes out Monday 11 May.
# P = 20 May: K+8 is 19 May, but Kristi himmelsfärd (14 May) pushes the 4th vardag after receipt to 20 May.
FEE = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500)])
DEMAND = ev(K.DEMAND_SENT, "2026-05-11")
FILED = ev(K.FILED, "2026-05-22")
SOCIAL = ev(K.SOCIAL_NOTIFIED, "2026-05-22")
STARTED = ev(K.SERVICE_STARTED, "2026-05-26")
SERVED = ev(K.SERVED, "2026-05-29")  # + 3 weeks = midsommarafton 19 June → E = 22 June
BOARD_YES = ev(K.BOARD_DECISION, "2026-06-23", decision=True, minutes_ref="2026:7 § 4")
ENFORCE = ev(K.ENFORCEMENT_REQUESTED, "2026-06-24")
EVICTED = ev(K.EVICTED, "2026-07-10")


def _stage(facts, as_of):
    a = assess(facts, R, d(as_of))
    return a.stage, a.stage_since


@pytest.mark.parametrize(
    "events, as_of, stage, since",
    [
        ((), "2026-05-11", Stage.NY, "2026-05-11"),
        ((DEMAND,), "2026-05-20", Stage.INKASSOKRAV, "2026-05-11"),  # the deadline's last day
        ((DEMAND,), "2026-05-21", Stage.BEDOMNING, "2026-05-21"),  # the day after P
        ((DEMAND, FILED), "2026-05-22", Stage.ANSOKAN, "2026-05-22"),
        ((DEMAND, FILED, SOCIAL), "2026-05-25", Stage.ANSOKAN, "2026-05-22"),
        ((DEMAND, FILED, SOCIAL, STARTED), "2026-05-27", Stage.DELGIVNING, "2026-05-26"),
        ((DEMAND, FILED, STARTED, SERVED), "2026-06-01", Stage.DELGIVNING, "2026-05-26"),  # social not notified
        ((DEMAND, FILED, STARTED, SERVED, ev(K.SOCIAL_NOTIFIED, "2026-06-01")), "2026-06-01", Stage.ATERVINNINGSFRIST, "2026-06-01"),
        ((DEMAND, FILED, SOCIAL, SERVED), "2026-06-22", Stage.ATERVINNINGSFRIST, "2026-05-29"),  # E itself
        ((DEMAND, FILED, SOCIAL, SERVED), "2026-06-23", Stage.BESLUT, "2026-06-23"),
        ((DEMAND, FILED, SOCIAL, SERVED, BOARD_YES), "2026-06-23", Stage.BESLUT, "2026-06-23"),
        ((DEMAND, FILED, SOCIAL, SERVED, BOARD_YES, ENFORCE), "2026-06-24", Stage.VERKSTALLIGHET, "2026-06-24"),
        ((DEMAND, FILED, SOCIAL, SERVED, BOARD_YES, ENFORCE, EVICTED), "2026-07-10", Stage.EFTERBEVAKNING, "2026-07-10"),
        ((DEMAND, FILED, SOCIAL, SERVED, ev(K.MOVED_OUT, "2026-06-05")), "2026-06-05", Stage.EFTERBEVAKNING, "2026-06-05"),
        ((DEMAND, ev(K.MOVED_OUT, "2026-05-15")), "2026-05-25", Stage.BEDOMNING, "2026-05-21"),  # moving out before filing
        ((DEMAND, ev(K.WRITTEN_OFF, "2026-05-25")), "2026-05-25", Stage.AVSLUTAD, "2026-05-25"),
        ((DEMAND, FILED, ev(K.WITHDRAWN, "2026-05-25")), "2026-05-25", Stage.AVSLUTAD, "2026-05-25"),
        ((DEMAND, FILED), "2026-05-21", Stage.BEDOMNING, "2026-05-21"),  # an event after as_of does not count yet
    ],
)
def test_stage_follows_events_and_time(events, as_of, stage, since):
    assert _stage(recorded(FEE, *events), as_of) == (stage, d(since))


def test_social_notice_recorded_late_counts_on_its_date():
    facts = recorded(FEE, DEMAND, FILED, SERVED, SOCIAL)  # social dated 22 May, recorded after service
    a = assess(facts, R, d("2026-06-01"))
    assert (a.stage, a.stage_since) == (Stage.ATERVINNINGSFRIST, d("2026-05-29"))
    assert a.deadlines.recovery_period_end == d("2026-06-22")


def test_paid_in_full_closes_the_case_on_the_payment_day():
    facts = replace(recorded(FEE, DEMAND), payments=(paid(1, "2026-05-15", 4500), paid(2, "2026-05-18", 6.17)))
    # 4 500 kr from 30 April to 15 May at 10 % = 18,49 kr; only 6,17 kr paid: still owed
    assert _stage(facts, "2026-05-25") == (Stage.BEDOMNING, d("2026-05-21"))
    facts = replace(facts, payments=(*facts.payments, paid(3, "2026-05-26", 12.32)))
    assert _stage(facts, "2026-05-27") == (Stage.AVSLUTAD, d("2026-05-26"))


def test_paid_before_the_deadline_closes_on_the_payment_day_not_on_the_deadline():
    facts = replace(recorded(FEE, DEMAND), payments=(paid(1, "2026-05-15", 4518.49),))  # 4 500 + 18,49 interest
    assert _stage(facts, "2026-05-25") == (Stage.AVSLUTAD, d("2026-05-15"))


def test_paid_in_full_while_eviction_pending_waits_for_the_withdrawal():
    facts = replace(recorded(FEE, DEMAND, FILED, SOCIAL, SERVED), payments=(paid(1, "2026-06-01", 5000),))
    a = assess(facts, R, d("2026-06-02"))
    assert a.stage is Stage.ATERVINNINGSFRIST and a.settlement.total_ore == 0
    assert [x.action.value for x in a.due_actions] == ["withdraw-eviction", "refund-credit"]
    closed = recorded(facts, ev(K.WITHDRAWN, "2026-06-03", scope=WithdrawalScope.EVICTION))
    assert _stage(closed, "2026-06-03") == (Stage.AVSLUTAD, d("2026-06-03"))


@pytest.mark.parametrize(
    "tenure, stage_after_service",
    [
        (Tenure.LOKAL, Stage.ATERVINNINGSFRIST),  # premises need no social notice
        (Tenure.OVRIGT, Stage.BESLUT),  # no eviction track: next is enforcement (utmätning)
        (Tenure.HYRESRATT, Stage.DELGIVNING),  # a home waits for the social notice
    ],
)
def test_what_service_leads_to_per_tenure(tenure, stage_after_service):
    facts = recorded(replace(FEE, tenure=tenure), DEMAND, FILED, SERVED)
    assert _stage(facts, "2026-05-29") == (stage_after_service, d("2026-05-29"))


def test_no_eviction_track_goes_to_enforcement_and_surveillance():
    facts = recorded(replace(FEE, tenure=Tenure.OVRIGT), DEMAND, FILED, SERVED, ev(K.ENFORCEMENT_REQUESTED, "2026-06-01"))
    assert _stage(facts, "2026-06-01") == (Stage.VERKSTALLIGHET, d("2026-06-01"))
    facts = recorded(facts, ev(K.ENFORCEMENT_CLOSED, "2026-08-03"))
    assert _stage(facts, "2026-08-03") == (Stage.EFTERBEVAKNING, d("2026-08-03"))


# --- guards ------------------------------------------------------------------------------------
def _codes(facts, event, as_of):
    problems = check_event(facts, event, R, d(as_of))
    return {p.code: p.message for p in problems}


@pytest.mark.parametrize(
    "facts, event, as_of, code, rule",
    [
        (FEE, ev(K.DEMAND_SENT, "2026-04-30"), "2026-05-11", "demand.nothing-due", "inkassolagen (1974:182) 5 §"),
        (FEE, ev(K.DEMAND_SENT, "2026-04-30"), "2026-05-11", "event.before-opened", "2026-05-11"),
        (recorded(FEE, DEMAND), ev(K.FILED, "2026-05-20"), "2026-05-20", "filed.before-deadline", "inkassolagen (1974:182) 6 §"),
        (recorded(FEE, DEMAND), ev(K.FILED, "2026-05-20"), "2026-05-20", "stage.not-allowed", "Inkassokrav"),
        (FEE, ev(K.FILED, "2026-05-22"), "2026-05-22", "filed.no-demand", "6 §"),
        (recorded(FEE, DEMAND), ev(K.FILED, "2026-05-26"), "2026-05-25", "event.future", "framtida datum"),
        (recorded(FEE, DEMAND, FILED), ev(K.SERVED, "2026-05-21"), "2026-05-25", "served.needs-filed", "registrerad först 2026-05-22"),
        (recorded(FEE, DEMAND, FILED), ev(K.SERVED, "2026-05-21"), "2026-05-25", "event.out-of-order", "2026-05-22"),
        (recorded(FEE, DEMAND, FILED, SOCIAL, SERVED), ev(K.BOARD_DECISION, "2026-06-22", decision=True), "2026-06-22", "board-decision.before-end", "7 kap. 23 § bostadsrättslagen"),
        (recorded(FEE, DEMAND, FILED, SOCIAL, SERVED), ev(K.BOARD_DECISION, "2026-06-23"), "2026-06-23", "board-decision.missing", "ja"),
        (recorded(FEE, DEMAND, FILED, SOCIAL, SERVED, BOARD_YES), ev(K.EVICTED, "2026-06-24"), "2026-06-24", "evicted.needs-enforcement-requested", "verkställighet"),
        (recorded(FEE, DEMAND, FILED, SOCIAL, SERVED, BOARD_YES, ev(K.ENFORCEMENT_REQUESTED, "2026-06-23")), ev(K.EVICTED, "2026-06-24"), "2026-06-24", "evicted.too-early", "2026-06-25"),
        (recorded(FEE, DEMAND, FILED, SOCIAL, SERVED), ev(K.ENFORCEMENT_REQUESTED, "2026-06-23"), "2026-06-23", "enforcement-requested.no-board-yes", "styrelsen"),
        (recorded(replace(FEE, tenure=Tenure.HYRESRATT), DEMAND, FILED, SOCIAL, SERVED, BOARD_YES), ev(K.FORCED_SALE_REQUESTED, "2026-06-24"), "2026-06-24", "forced-sale-requested.not-bostadsratt", "8 kap. bostadsrättslagen"),
        (recorded(replace(FEE, tenure=Tenure.LOKAL), DEMAND, FILED), ev(K.SOCIAL_NOTIFIED, "2026-05-22"), "2026-05-22", "social-notified.not-needed", "jordabalken"),
        (recorded(FEE, DEMAND), ev(K.SOCIAL_NOTIFIED, "2026-05-21"), "2026-05-21", "social-notified.needs-filed", "ansökan"),
        (recorded(FEE, DEMAND, FILED), ev(K.WITHDRAWN, "2026-05-25", scope=WithdrawalScope.EVICTION), "2026-05-25", "", ""),
        (recorded(FEE, DEMAND), ev(K.WITHDRAWN, "2026-05-25", scope=WithdrawalScope.EVICTION), "2026-05-25", "withdrawn.no-eviction", "avhysning"),
        (recorded(FEE, DEMAND), ev(K.OBJECTION_RESOLVED, "2026-05-25"), "2026-05-25", "objection-resolved.none-open", "Finansinspektionens"),
        (recorded(FEE, DEMAND, ev(K.WRITTEN_OFF, "2026-05-25")), ev(K.FILED, "2026-05-26"), "2026-05-26", "stage.not-allowed", "Avslutad"),
    ],
)
def test_guards_refuse_with_the_rule(facts, event, as_of, code, rule):
    found = _codes(facts, event, as_of)
    if not code:
        assert found == {}
        return
    assert code in found, found
    assert rule in found[code]


def test_a_consistent_event_is_accepted():
    assert check_event(recorded(FEE, DEMAND), FILED, R, d("2026-05-22")) == ()
    assert check_event(recorded(FEE, DEMAND, FILED, SOCIAL, SERVED), BOARD_YES, R, d("2026-06-23")) == ()
    facts = recorded(FEE, DEMAND, FILED, SOCIAL, SERVED, BOARD_YES, ev(K.ENFORCEMENT_REQUESTED, "2026-06-23"))
    assert check_event(facts, ev(K.EVICTED, "2026-06-25"), R, d("2026-06-25")) == ()


def test_eviction_refused_before_forfeiture():
    # The April fee was paid late (cured); the May fee, due 15 May, is only förverkad from 23 May.
    facts = replace(
        FEE,
        claims=(claim(1, "2026-04-30", 4500), claim(2, "2026-05-15", 4500)),
        payments=(paid(1, "2026-05-12", 4500),),
        events=(DEMAND,),
    )
    found = _codes(facts, ev(K.FILED, "2026-05-21"), "2026-05-21")
    assert "filed.not-forfeited" in found
    assert "2026-05-23" in found["filed.not-forfeited"] and "7 kap. 18 § bostadsrättslagen" in found["filed.not-forfeited"]
    assert check_event(facts, ev(K.FILED, "2026-05-25"), R, d("2026-05-25")) == ()


def test_premises_forfeited_after_two_vardagar():
    premises = case(Tenure.LOKAL, opened="2026-04-01", claims=[claim(1, "2026-03-31", 20000, ClaimKind.HYRA), claim(2, "2026-04-01", 500, ClaimKind.HYRA)],
                    payments=(paid(1, "2026-04-02", 20000),), events=(ev(K.DEMAND_SENT, "2026-04-02"),))
    # P = 14 April (K+8 = 10 April, receipt 4 April + 4 vardagar over påsk = 10 April); claim 2 late from 8 April
    assert check_event(premises, ev(K.FILED, "2026-04-15"), R, d("2026-04-15")) == ()


@pytest.mark.parametrize(
    "objection, allowed",
    [
        (ev(K.OBJECTION, "2026-05-13", grounded=True), False),
        (ev(K.OBJECTION, "2026-05-13", grounded=True, disputed_ore=4500_00), False),
        (ev(K.OBJECTION, "2026-05-13", grounded=True, disputed_ore=1000_00), True),  # only the undisputed part goes on
        (ev(K.OBJECTION, "2026-05-13", grounded=False, note="kan inte betala"), True),  # inability to pay is no objection
        (ev(K.OBJECTION, "2026-05-13"), True),
    ],
)
def test_filing_a_disputed_claim(objection, allowed):
    found = _codes(recorded(FEE, DEMAND, objection), FILED, "2026-05-22")
    assert ("filed.disputed" not in found) is allowed
    if not allowed:
        assert "Finansinspektionens" in found["filed.disputed"]


def test_payment_plan_must_cover_the_whole_debt():
    facts = recorded(FEE, DEMAND)
    short = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1500_00, 3))
    found = _codes(facts, short, "2026-05-25")
    assert "payment-plan.not-whole-debt" in found and "lag (1981:739)" in found["payment-plan.not-whole-debt"]
    # 4 500 kr + 30,82 kr interest (30 April – 25 May at 10 %) is covered by 3 × 1 520 kr
    whole = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1520_00, 3))
    assert check_event(facts, whole, R, d("2026-05-25")) == ()
    assert "payment-plan.terms" in _codes(facts, ev(K.PAYMENT_PLAN, "2026-05-25"), "2026-05-25")


def test_filing_refused_while_a_plan_is_kept():
    plan = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1600_00, 3))
    facts = replace(recorded(FEE, DEMAND, plan), payments=(paid(1, "2026-05-29", 1600),))
    assert "filed.payment-plan" in _codes(facts, ev(K.FILED, "2026-06-15"), "2026-06-15")
    # the second instalment (29 June) is missed: the pause ends and the filing may go ahead
    assert "filed.payment-plan" not in _codes(facts, ev(K.FILED, "2026-06-30"), "2026-06-30")


# --- side states -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "events, as_of, sides",
    [
        ((DEMAND, ev(K.OBJECTION, "2026-05-13", grounded=True)), "2026-05-25", {SideState.BESTRIDD}),
        ((DEMAND, ev(K.OBJECTION, "2026-05-13", grounded=False)), "2026-05-25", set()),
        ((DEMAND, ev(K.OBJECTION, "2026-05-13", grounded=True), ev(K.OBJECTION_RESOLVED, "2026-05-20")), "2026-05-25", set()),
        ((DEMAND, FILED, ev(K.OBJECTION, "2026-06-01")), "2026-06-02", {SideState.TVIST}),
        ((DEMAND, FILED, ev(K.OBJECTION, "2026-06-01"), ev(K.OBJECTION_RESOLVED, "2026-07-01")), "2026-07-02", set()),
        ((DEMAND, ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1600_00, 3))), "2026-05-29", {SideState.AMORTERINGSPLAN}),
        ((DEMAND, ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1600_00, 3))), "2026-06-01", set()),  # first instalment missed
    ],
)
def test_side_states(events, as_of, sides):
    assert set(assess(recorded(FEE, *events), R, d(as_of)).side_states) == sides


# --- offers and drag and drop ------------------------------------------------------------------
def test_offered_events_explain_the_refusals():
    offered = dict(offered_events(recorded(FEE, DEMAND), R, d("2026-05-22")))
    assert set(offered) == set(K)
    assert offered[K.FILED] == ()
    assert offered[K.OBJECTION] == ()
    served = {p.code for p in offered[K.SERVED]}
    assert {"stage.not-allowed", "served.needs-filed"} <= served
    assert all(p.message for problems in offered.values() for p in problems)


@pytest.mark.parametrize(
    "events, as_of, target, kinds",
    [
        ((DEMAND,), "2026-05-22", Stage.ANSOKAN, {K.FILED}),
        ((DEMAND,), "2026-05-22", Stage.AVSLUTAD, {K.WITHDRAWN, K.WRITTEN_OFF}),
        ((), "2026-05-11", Stage.INKASSOKRAV, {K.DEMAND_SENT}),
        ((DEMAND, FILED, SOCIAL), "2026-05-26", Stage.DELGIVNING, {K.SERVICE_STARTED, K.SERVICE_FAILED}),
        ((DEMAND, FILED, SOCIAL), "2026-05-26", Stage.ATERVINNINGSFRIST, {K.SERVED}),
        ((DEMAND, FILED, SERVED), "2026-06-01", Stage.ATERVINNINGSFRIST, {K.SOCIAL_NOTIFIED}),
        ((DEMAND, FILED, SOCIAL, SERVED), "2026-06-10", Stage.EFTERBEVAKNING, {K.MOVED_OUT, K.WITHDRAWN}),
        ((DEMAND, FILED, SOCIAL, SERVED, BOARD_YES), "2026-06-24", Stage.VERKSTALLIGHET, {K.ENFORCEMENT_REQUESTED, K.FORCED_SALE_REQUESTED}),
        ((DEMAND,), "2026-05-22", Stage.VERKSTALLIGHET, set()),
    ],
)
def test_events_to_reach_a_stage(events, as_of, target, kinds):
    assert set(events_to_reach(recorded(FEE, *events), R, d(as_of), target)) == kinds


def test_every_event_kind_has_exactly_one_row():
    assert set(TRANSITIONS) == set(K)
    assert all(t.kind is kind for kind, t in TRANSITIONS.items())


RULE_MARKERS = ("§", "kap.", "lag", "ärendeflödet", "Finansinspektionens", "NJA")


@pytest.mark.parametrize(
    "events, as_of",
    [
        ((), "2026-05-11"),
        ((DEMAND,), "2026-05-15"),
        ((DEMAND, FILED, SERVED), "2026-06-01"),
        ((DEMAND, FILED, SOCIAL, SERVED, BOARD_YES, ENFORCE, EVICTED), "2026-07-10"),
        ((DEMAND, ev(K.WRITTEN_OFF, "2026-05-25")), "2026-05-26"),
    ],
)
def test_every_refusal_names_its_rule(events, as_of):
    for tenure in (Tenure.BOSTADSRATT, Tenure.LOKAL, Tenure.OVRIGT):
        facts = recorded(replace(FEE, tenure=tenure), *events)
        for kind, problems in offered_events(facts, R, d(as_of)):
            for problem in problems:
                assert any(marker in problem.message for marker in RULE_MARKERS), (kind, problem)
        for event in (ev(K.BOARD_DECISION, as_of), ev(K.PAYMENT_PLAN, as_of), ev(K.OBJECTION, as_of, disputed_ore=0),
                      ev(K.FILED, "2027-01-01")):
            for problem in check_event(facts, event, R, d(as_of)):
                assert any(marker in problem.message for marker in RULE_MARKERS), (event.kind, problem)


def test_stage_path_lists_every_stage_with_its_day():
    facts = recorded(FEE, DEMAND, FILED, SOCIAL, STARTED, SERVED, BOARD_YES, ENFORCE, EVICTED)
    assert stage_path(facts, R, d("2026-08-01")) == (
        (Stage.NY, d("2026-05-11")),
        (Stage.INKASSOKRAV, d("2026-05-11")),
        (Stage.BEDOMNING, d("2026-05-21")),
        (Stage.ANSOKAN, d("2026-05-22")),
        (Stage.DELGIVNING, d("2026-05-26")),
        (Stage.ATERVINNINGSFRIST, d("2026-05-29")),
        (Stage.BESLUT, d("2026-06-23")),
        (Stage.VERKSTALLIGHET, d("2026-06-24")),
        (Stage.EFTERBEVAKNING, d("2026-07-10")),
    )


def test_stage_path_of_a_case_paid_before_its_deadline():
    facts = replace(recorded(FEE, DEMAND), payments=(paid(1, "2026-05-15", 4518.49),))
    assert stage_path(facts, R, d("2026-06-01")) == (
        (Stage.NY, d("2026-05-11")),
        (Stage.INKASSOKRAV, d("2026-05-11")),
        (Stage.AVSLUTAD, d("2026-05-15")),
    )
