"""Whole cases driven event by event: stage, deadlines, side states and due actions after each step."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from app.domain.action import ActionKind as A
from app.domain.allocation import settle
from app.domain.assessment import assess
from app.domain.event import Event
from app.domain.event import EventKind as K
from app.domain.event import PaymentPlanTerms, WithdrawalScope
from app.domain.facts import AllocationOrder, FeeFact, FeeKind, PaymentFact, ProcessSettings
from app.domain.ids import FeeId
from app.domain.rates import ReferenceRate
from app.domain.stage import SideState, Stage
from app.domain.stages import check_event
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, ev, paid, recorded, reference_rates, rules

R = rules()


@dataclass
class Step:
    on: str
    what: Event | PaymentFact | None
    stage: Stage
    due: dict[A, str]  # every due action except the limitation reminder, with its due date
    since: str | None = None
    deadlines: dict[str, str | None] = field(default_factory=dict)
    sides: frozenset[SideState] = frozenset()


def drive(facts, steps, rules_=R):
    """Record each step's event (it must be accepted), then check what the user sees that day."""
    for step in steps:
        as_of = d(step.on)
        if isinstance(step.what, PaymentFact):
            facts = replace(facts, payments=(*facts.payments, step.what))
        elif step.what is not None:
            assert check_event(facts, step.what, rules_, as_of) == (), step
            facts = recorded(facts, step.what)
        a = assess(facts, rules_, as_of)
        label = f"{step.on} {step.what.kind.value if isinstance(step.what, Event) else step.what}"
        assert a.stage is step.stage, label
        if step.since:
            assert a.stage_since == d(step.since), label
        due = {x.action: x.due_date.isoformat() for x in a.due_actions if x.action is not A.LIMITATION_REMINDER}
        assert due == {k: v for k, v in step.due.items()}, label
        for name, value in step.deadlines.items():
            expected = d(value) if isinstance(value, str) else value
            assert getattr(a.deadlines, name) == expected, f"{label}: {name}"
        assert a.side_states == step.sides, label
        assert list(a.due_actions) == sorted(a.due_actions, key=lambda x: x.due_date)
    return facts


def test_bostadsratt_to_eviction_and_surveillance_over_midsommar():
    facts = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500)], has_cohabitant=True, has_pledgee=True)
    drive(facts, [
        Step("2026-05-11", None, Stage.NY, {A.SEND_DEMAND: "2026-05-11"}),
        Step("2026-05-11", ev(K.DEMAND_SENT, "2026-05-11"), Stage.INKASSOKRAV,
             {A.SCORE: "2026-05-21", A.FILE_APPLICATION: "2026-05-22", A.NOTIFY_SOCIAL_SERVICES: "2026-05-22"},
             deadlines={"payment_deadline": "2026-05-20", "limitation_date": "2036-05-11"}),
        Step("2026-05-21", None, Stage.BEDOMNING,
             {A.SCORE: "2026-05-21", A.FILE_APPLICATION: "2026-05-22", A.NOTIFY_SOCIAL_SERVICES: "2026-05-22"}, since="2026-05-21"),
        Step("2026-05-22", ev(K.FILED, "2026-05-22"), Stage.ANSOKAN,
             {A.NOTIFY_SOCIAL_SERVICES: "2026-05-22", A.NOTIFY_PLEDGEE: "2026-05-22", A.INFORM_DEBTOR: "2026-05-25", A.FOLLOW_SERVICE: "2026-06-08"},
             deadlines={"forfeited_on": "2026-05-08", "recovery_amount_ore": 4500_00}),
        Step("2026-05-22", ev(K.SOCIAL_NOTIFIED, "2026-05-22"), Stage.ANSOKAN,
             {A.NOTIFY_PLEDGEE: "2026-05-22", A.INFORM_DEBTOR: "2026-05-25", A.FOLLOW_SERVICE: "2026-06-08"}),
        Step("2026-05-22", ev(K.PLEDGEE_NOTIFIED, "2026-05-22"), Stage.ANSOKAN, {A.INFORM_DEBTOR: "2026-05-25", A.FOLLOW_SERVICE: "2026-06-08"}),
        Step("2026-05-25", ev(K.DEBTOR_INFORMED, "2026-05-25"), Stage.ANSOKAN, {A.FOLLOW_SERVICE: "2026-06-08"}),
        Step("2026-05-26", ev(K.SERVICE_STARTED, "2026-05-26"), Stage.DELGIVNING, {A.FOLLOW_SERVICE: "2026-06-08"}, since="2026-05-26"),
        # served Friday 29 May: + 3 weeks is midsommarafton → E = Monday 22 June; Kronofogden from the 25th
        Step("2026-05-29", ev(K.SERVED, "2026-05-29"), Stage.ATERVINNINGSFRIST, {}, since="2026-05-29",
             deadlines={"recovery_period_end": "2026-06-22", "earliest_eviction_decision": "2026-06-25"}),
        Step("2026-06-22", None, Stage.ATERVINNINGSFRIST, {}),
        Step("2026-06-23", None, Stage.BESLUT, {A.BOARD_DECISION: "2026-06-23"}, since="2026-06-23"),
        Step("2026-06-23", ev(K.BOARD_DECISION, "2026-06-23", decision=True, minutes_ref="2026:7"), Stage.BESLUT,
             {A.NOTIFY_COHABITANT: "2026-06-23", A.REQUEST_ENFORCEMENT: "2026-06-23"}),
        Step("2026-06-24", ev(K.ENFORCEMENT_REQUESTED, "2026-06-24"), Stage.VERKSTALLIGHET, {A.NOTIFY_COHABITANT: "2026-06-23"}),
        Step("2026-06-24", ev(K.COHABITANT_NOTIFIED, "2026-06-24"), Stage.VERKSTALLIGHET, {}),
        Step("2026-07-10", ev(K.EVICTED, "2026-07-10"), Stage.EFTERBEVAKNING, {A.RESCORE: "2026-07-10"}, since="2026-07-10",
             deadlines={"limitation_date": "2036-05-22"}),
        Step("2026-08-03", paid(1, "2026-08-03", 1000), Stage.EFTERBEVAKNING, {A.RESCORE: "2026-07-10"},
             deadlines={"limitation_date": "2036-08-03"}),  # a part payment interrupts limitation
    ])


def test_hyresratt_paid_within_the_recovery_period_keeps_the_home():
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)])
    facts = drive(facts, [
        Step("2026-04-07", ev(K.DEMAND_SENT, "2026-04-07"), Stage.INKASSOKRAV,
             {A.SCORE: "2026-04-16", A.FILE_APPLICATION: "2026-04-20", A.NOTIFY_SOCIAL_SERVICES: "2026-04-20"},
             deadlines={"payment_deadline": "2026-04-15", "limitation_date": "2029-04-07"}),
        Step("2026-04-20", ev(K.FILED, "2026-04-20"), Stage.ANSOKAN,
             {A.NOTIFY_SOCIAL_SERVICES: "2026-04-20", A.INFORM_DEBTOR: "2026-04-21", A.FOLLOW_SERVICE: "2026-05-05"}),
        Step("2026-04-20", ev(K.SOCIAL_NOTIFIED, "2026-04-20"), Stage.ANSOKAN, {A.INFORM_DEBTOR: "2026-04-21", A.FOLLOW_SERVICE: "2026-05-05"},
             deadlines={"recovery_amount_ore": 9000_00}),
        Step("2026-04-21", ev(K.DEBTOR_INFORMED, "2026-04-21"), Stage.ANSOKAN, {A.FOLLOW_SERVICE: "2026-05-05"}),
        Step("2026-04-24", ev(K.SERVED, "2026-04-24"), Stage.ATERVINNINGSFRIST, {}, deadlines={"recovery_period_end": "2026-05-15"}),
        # the rent is paid on day 18 of 21: the tenant keeps the home; interest 103,56 kr is still owed
        Step("2026-05-12", paid(1, "2026-05-12", 9000), Stage.ATERVINNINGSFRIST, {A.WITHDRAW_EVICTION: "2026-05-12"}),
        Step("2026-05-18", None, Stage.ATERVINNINGSFRIST, {A.WITHDRAW_EVICTION: "2026-05-12"}),
        Step("2026-05-18", ev(K.WITHDRAWN, "2026-05-18", scope=WithdrawalScope.EVICTION), Stage.EFTERBEVAKNING,
             {A.RESCORE: "2026-05-18"}, since="2026-05-18"),
        Step("2026-05-25", paid(2, "2026-05-25", 103.56), Stage.AVSLUTAD, {A.CLOSE_CASE: "2026-05-25"}, since="2026-05-25"),
        Step("2026-05-26", ev(K.WITHDRAWN, "2026-05-26", scope=WithdrawalScope.ALL), Stage.AVSLUTAD, {}),
    ])
    a = assess(facts, R, d("2026-05-26"))
    assert a.settlement.total_ore == 0 and a.settlement.credit_ore == 0


def test_hyresratt_paid_after_the_recovery_period_goes_to_the_board():
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)],
                 events=(ev(K.DEMAND_SENT, "2026-04-07"), ev(K.FILED, "2026-04-20"), ev(K.SOCIAL_NOTIFIED, "2026-04-20"),
                         ev(K.DEBTOR_INFORMED, "2026-04-21"), ev(K.SERVED, "2026-04-24")))
    drive(facts, [
        Step("2026-05-18", paid(1, "2026-05-18", 9000), Stage.BESLUT, {A.BOARD_DECISION: "2026-05-18"}, since="2026-05-16"),
        Step("2026-05-18", ev(K.BOARD_DECISION, "2026-05-18", decision=True), Stage.BESLUT, {A.REQUEST_ENFORCEMENT: "2026-05-18"}),
    ])
    notes = assess(facts, R, d("2026-05-18")).notes
    assert not any("Återvunnen" in n for n in notes)


def test_premises_two_weeks_over_easter_without_social_notice():
    facts = case(Tenure.LOKAL, opened="2026-03-09", claims=[claim(1, "2026-03-02", 20000, ClaimKind.HYRA)])
    drive(facts, [
        Step("2026-03-09", ev(K.DEMAND_SENT, "2026-03-09"), Stage.INKASSOKRAV, {A.SCORE: "2026-03-18", A.FILE_APPLICATION: "2026-03-20"},
             deadlines={"payment_deadline": "2026-03-17", "limitation_date": "2036-03-09"}),
        Step("2026-03-20", ev(K.FILED, "2026-03-20"), Stage.ANSOKAN, {A.INFORM_DEBTOR: "2026-03-23", A.FOLLOW_SERVICE: "2026-04-07"},
             deadlines={"forfeited_on": "2026-03-05"}),  # more than two vardagar: 3 and 4 March, then förverkad
        Step("2026-03-20", ev(K.DEBTOR_INFORMED, "2026-03-20"), Stage.ANSOKAN, {A.FOLLOW_SERVICE: "2026-04-07"}),
        # served the same day: + 2 weeks is långfredag → past annandag påsk to Tuesday 7 April
        Step("2026-03-20", ev(K.SERVED, "2026-03-20"), Stage.ATERVINNINGSFRIST, {},
             deadlines={"recovery_period_end": "2026-04-07", "earliest_eviction_decision": "2026-04-10"}),
        Step("2026-04-07", None, Stage.ATERVINNINGSFRIST, {}),
        Step("2026-04-08", None, Stage.BESLUT, {A.BOARD_DECISION: "2026-04-08"}, since="2026-04-08"),
    ])


def test_grounded_objection_then_the_undisputed_part_is_filed():
    facts = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500), claim(2, "2026-05-05", 900, ClaimKind.OVRIGT)])
    objection = ev(K.OBJECTION, "2026-05-13", grounded=True, disputed_ore=900_00, note="tvättstugeavgiften är redan betald")
    bestridd = frozenset({SideState.BESTRIDD})
    drive(facts, [
        Step("2026-05-11", ev(K.DEMAND_SENT, "2026-05-11"), Stage.INKASSOKRAV,
             {A.SCORE: "2026-05-21", A.FILE_APPLICATION: "2026-05-22", A.NOTIFY_SOCIAL_SERVICES: "2026-05-22"}),
        Step("2026-05-13", objection, Stage.INKASSOKRAV, {A.REPLY_OBJECTION: "2026-05-27"}, sides=bestridd),
        Step("2026-05-22", None, Stage.BEDOMNING, {A.REPLY_OBJECTION: "2026-05-27"}, sides=bestridd),
        # the board files for the undisputed fee anyway (disputed 900 kr < 5 400 kr owed)
        Step("2026-05-22", ev(K.FILED, "2026-05-22"), Stage.ANSOKAN,
             {A.NOTIFY_SOCIAL_SERVICES: "2026-05-22", A.INFORM_DEBTOR: "2026-05-25", A.FOLLOW_SERVICE: "2026-06-08", A.REPLY_OBJECTION: "2026-05-27"},
             sides=bestridd),
        Step("2026-05-27", ev(K.OBJECTION_RESOLVED, "2026-05-27"), Stage.ANSOKAN,
             {A.NOTIFY_SOCIAL_SERVICES: "2026-05-22", A.INFORM_DEBTOR: "2026-05-25", A.FOLLOW_SERVICE: "2026-06-08"}),
    ])


def test_payment_plan_kept_then_missed_then_filed():
    facts = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500)],
                 fees=(FeeFact(FeeId(1), FeeKind.DEMAND, 180_00, d("2026-05-11")),))
    plan = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1600_00, 3))
    kept = frozenset({SideState.AMORTERINGSPLAN})
    drive(facts, [
        Step("2026-05-11", ev(K.DEMAND_SENT, "2026-05-11"), Stage.INKASSOKRAV,
             {A.SCORE: "2026-05-21", A.FILE_APPLICATION: "2026-05-22", A.NOTIFY_SOCIAL_SERVICES: "2026-05-22"}),
        Step("2026-05-25", plan, Stage.BEDOMNING, {}, sides=kept),  # 4 800 kr covers 4 500 + 180 + interest
        Step("2026-05-29", paid(1, "2026-05-29", 1600), Stage.BEDOMNING, {}, sides=kept),
        Step("2026-06-29", paid(2, "2026-06-29", 1600), Stage.BEDOMNING, {}, sides=kept),
        Step("2026-07-29", None, Stage.BEDOMNING, {}, sides=kept),  # due today, payable all day
        Step("2026-07-30", None, Stage.BEDOMNING,
             {A.CHECK_PAYMENT_PLAN: "2026-07-30", A.SCORE: "2026-07-30", A.FILE_APPLICATION: "2026-07-30", A.NOTIFY_SOCIAL_SERVICES: "2026-07-30"}),
        Step("2026-07-31", ev(K.PAYMENT_PLAN_BROKEN, "2026-07-31"), Stage.BEDOMNING,
             {A.SCORE: "2026-07-30", A.FILE_APPLICATION: "2026-07-30", A.NOTIFY_SOCIAL_SERVICES: "2026-07-30"}),
        # 1 300 kr of the fee is still unpaid; it was förverkad from 8 May, never cured
        Step("2026-07-31", ev(K.FILED, "2026-07-31"), Stage.ANSOKAN,
             {A.NOTIFY_SOCIAL_SERVICES: "2026-07-31", A.INFORM_DEBTOR: "2026-08-03", A.FOLLOW_SERVICE: "2026-08-17"},
             deadlines={"forfeited_on": "2026-05-08"}),
    ])


def test_tenant_moved_out_before_filing_needs_a_filing_within_two_years():
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)])
    facts = drive(facts, [
        Step("2026-04-07", ev(K.DEMAND_SENT, "2026-04-07"), Stage.INKASSOKRAV,
             {A.SCORE: "2026-04-16", A.FILE_APPLICATION: "2026-04-20", A.NOTIFY_SOCIAL_SERVICES: "2026-04-20"}),
        Step("2026-04-10", ev(K.MOVED_OUT, "2026-04-10"), Stage.INKASSOKRAV, {A.SCORE: "2026-04-16", A.FILE_APPLICATION: "2026-04-20"},
             deadlines={"limitation_date": "2028-04-10", "limitation_needs_filing": True}),
        Step("2026-04-20", ev(K.FILED, "2026-04-20"), Stage.ANSOKAN, {A.INFORM_DEBTOR: "2026-04-21", A.FOLLOW_SERVICE: "2026-05-05"},
             deadlines={"limitation_date": "2029-04-20", "limitation_needs_filing": False}),
    ])
    a = assess(facts, R, d("2026-04-20"))
    assert not a.eviction_track and any("flyttade före ansökan" in n for n in a.notes)


def test_surveillance_watches_limitation_and_closes_a_time_barred_claim():
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)],
                 events=(ev(K.DEMAND_SENT, "2026-04-07"), ev(K.FILED, "2026-04-20"), ev(K.SOCIAL_NOTIFIED, "2026-04-20"),
                         ev(K.DEBTOR_INFORMED, "2026-04-21"), ev(K.SERVED, "2026-04-24"),
                         ev(K.MOVED_OUT, "2026-05-29")))
    a = assess(facts, R, d("2029-01-19"))
    assert a.stage is Stage.EFTERBEVAKNING and a.stage_since == d("2026-05-29")
    # 3 years from the filing (NJA 2022 s. 150 keeps the consumer claim at 3 years)
    assert a.deadlines.limitation_date == d("2029-04-20")
    reminder = next(x for x in a.due_actions if x.action is A.LIMITATION_REMINDER)
    assert reminder.due_date == d("2029-01-22")  # 90 days before is Saturday 20 January
    sent = recorded(facts, ev(K.LIMITATION_REMINDER_SENT, "2029-01-22"))
    assert assess(sent, R, d("2029-01-22")).deadlines.limitation_date == d("2032-01-22")
    late = assess(facts, R, d("2029-04-23"))
    close = next(x for x in late.due_actions if x.action is A.CLOSE_CASE)
    assert close.due_date == d("2029-04-20") and close.completes_with is K.WRITTEN_OFF


def test_private_letting_is_out_of_scope_and_has_no_eviction_track():
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)],
                 private_letting=True, events=(ev(K.DEMAND_SENT, "2026-04-07"),))
    a = assess(facts, R, d("2026-04-16"))
    assert any("privatuthyrningslagen (2026:772)" in n for n in a.notes)
    assert {x.action for x in a.due_actions} == {A.SCORE, A.FILE_APPLICATION, A.LIMITATION_REMINDER}
    assert "ingen avhysning" in next(x for x in a.due_actions if x.action is A.FILE_APPLICATION).reason
    filed = recorded(facts, ev(K.FILED, "2026-04-20"), ev(K.SERVED, "2026-04-24"))
    a = assess(filed, R, d("2026-04-24"))
    assert a.stage is Stage.BESLUT and not a.eviction_track
    assert A.REQUEST_ENFORCEMENT in {x.action for x in a.due_actions}


def test_interest_is_provisional_without_the_half_years_rate():
    facts = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500)])
    assert not any("preliminär" in n for n in assess(facts, R, d("2026-06-30")).notes)
    a = assess(facts, R, d("2026-07-01"))
    assert any("preliminär" in n and "2026-07-01" in n for n in a.notes)
    assert a.settlement.provisional
    with_rate = rules(rates=reference_rates().of((*reference_rates().rates, ReferenceRate(date(2026, 7, 1), Decimal("1.75")))))
    assert not any("preliminär" in n for n in assess(facts, with_rate, d("2026-07-01")).notes)


def test_settlement_is_settle_on_as_of():
    facts = case(Tenure.BOSTADSRATT, opened="2026-05-11", claims=[claim(1, "2026-04-30", 4500), claim(2, "2026-05-31", 4500)],
                 payments=(paid(1, "2026-06-10", 2000),), fees=(FeeFact(FeeId(1), FeeKind.DEMAND, 180_00, d("2026-05-11")),))
    a = assess(facts, R, d("2026-06-30"))
    assert a.settlement == settle(facts.claims, facts.payments, facts.fees, d("2026-06-30"), R.rates)
    assert a.capital_ore == 7000_00 and a.days_in_stage == (d("2026-06-30") - a.stage_since).days


def test_recovery_is_judged_on_the_rent_whatever_order_the_books_use():
    # JB 12:44: the tenant keeps the home by paying the rent within the period – interest and fees need not
    # be paid (the termination says so). Booking payments fees → interest → capital must not change that.
    events = (ev(K.DEMAND_SENT, "2026-04-07"), ev(K.FILED, "2026-04-20"), ev(K.SOCIAL_NOTIFIED, "2026-04-20"),
              ev(K.DEBTOR_INFORMED, "2026-04-21"), ev(K.SERVED, "2026-04-24"))
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)], events=events,
                 payments=(paid(1, "2026-05-12", 9000),), fees=(FeeFact(FeeId(1), FeeKind.DEMAND, 180_00, d("2026-04-07")),))
    capital_first = assess(facts, R, d("2026-05-18"))
    fees_first = assess(facts, rules(ProcessSettings(allocation_order=AllocationOrder.FEES_FIRST)), d("2026-05-18"))
    for result in (capital_first, fees_first):
        assert result.stage is Stage.ATERVINNINGSFRIST and result.capital_ore == 0
        assert A.WITHDRAW_EVICTION in {x.action for x in result.due_actions}
        assert A.BOARD_DECISION not in {x.action for x in result.due_actions}
    # the books still differ: fees first leaves the fee and interest's worth of rent on the claim
    assert capital_first.settlement.capital_ore == 0
    assert fees_first.settlement.capital_ore == 180_00 + 10356



def test_a_payment_booked_just_after_the_recovery_period_is_flagged_for_checking():
    # served Friday 24 April 2026, social notice 20 April: E = 15 May. Paid in full, booked Monday 18 May –
    # the first vardag after: the order may have been given in time (JB 12:44 looks at the order date).
    events = (ev(K.DEMAND_SENT, "2026-04-07"), ev(K.FILED, "2026-04-20"), ev(K.SOCIAL_NOTIFIED, "2026-04-20"),
              ev(K.DEBTOR_INFORMED, "2026-04-21"), ev(K.SERVED, "2026-04-24"))
    facts = case(Tenure.HYRESRATT, opened="2026-04-07", claims=[claim(1, "2026-03-31", 9000, ClaimKind.HYRA)], events=events,
                 payments=(paid(1, "2026-05-18", 9000),))
    result = assess(facts, R, d("2026-05-19"))
    assert result.deadlines.recovery_period_end == d("2026-05-15")
    assert any("strax efter återvinningsfristen" in note for note in result.notes)
    in_time = replace(facts, payments=(paid(1, "2026-05-15", 9000),))
    assert not any("strax efter" in note for note in assess(in_time, R, d("2026-05-19")).notes)
    much_later = replace(facts, payments=(paid(1, "2026-05-26", 9000),))
    assert not any("strax efter" in note for note in assess(much_later, R, d("2026-05-27")).notes)
