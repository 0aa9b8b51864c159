"""Fees: the caps of lag 1981:739 4 §, förordning 1992:1094 and lag 1990:746 48 §, and their conditions."""
import dataclasses
from pathlib import Path

import pytest

from app.domain.event import Event, EventKind, PaymentPlanTerms
from app.domain.facts import AllocationOrder, CaseFacts, ClaimFact, FeeFact, FeeKind, PaymentFact, ProcessSettings
from app.domain.fees import FeeCap, FeeSchedule, check_fee, check_setting_fee, fees_for_event, read_fee_caps
from app.domain.ids import CaseId, ClaimId, FeeId, PaymentId
from app.domain.tenure import Tenure
from tests.domain.helpers import d, reference_rates

DATA = Path(__file__).resolve().parents[2] / "resources" / "data" / "fee_caps.csv"
CAPS, _ = read_fee_caps(DATA.read_text(encoding="utf-8"))
SCHEDULE = FeeSchedule.of(CAPS)
AGREED = ProcessSettings(reminder_fee_agreed=True)
NOT_AGREED = ProcessSettings()

# March's årsavgift 4 512 kr, due Friday 2026-02-27 (the last vardag before March, BRL/JB 12:20).
MARCH = ClaimFact(ClaimId(1), d("2026-02-27"), 451_200)
APRIL = ClaimFact(ClaimId(2), d("2026-03-31"), 451_200)


def case(*events: Event, claims=(MARCH,), fees=(), payments=(), tenure=Tenure.BOSTADSRATT) -> CaseFacts:
    return CaseFacts(CaseId(1), tenure, d("2026-03-02"), claims=tuple(claims), payments=tuple(payments),
                     fees=tuple(fees), events=tuple(events))


def fee(kind: FeeKind, on: str, amount: int | None = None, fee_id: int = 1) -> FeeFact:
    return FeeFact(FeeId(fee_id), kind, amount if amount is not None else SCHEDULE.cap_on(kind, d(on)), d(on))


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_shipped_caps_are_the_figures_in_law_md():
    assert {c.kind: c.cap_ore for c in CAPS} == {
        FeeKind.REMINDER: 6_000,
        FeeKind.DEMAND: 18_000,
        FeeKind.PAYMENT_PLAN: 17_000,
        FeeKind.KFM_APPLICATION: 30_000,
        FeeKind.OWN_WORK_PAYMENT_ORDER: 38_000,
        FeeKind.OWN_WORK_EVICTION: 42_000,
        FeeKind.ENFORCEMENT: 60_000,
    }
    assert all(c.source for c in CAPS)  # the UI says where each figure comes from
    assert "1992:1094" in SCHEDULE.entry_on(FeeKind.KFM_APPLICATION, d("2026-01-01")).source


def test_caps_are_effective_dated():
    raised = FeeCap(FeeKind.DEMAND, d("2027-01-01"), 20_000, "hypothetical change")
    schedule = FeeSchedule.of([*CAPS, raised])
    assert schedule.cap_on(FeeKind.DEMAND, d("2026-12-31")) == 18_000
    assert schedule.cap_on(FeeKind.DEMAND, d("2027-01-01")) == 20_000
    assert schedule.cap_on(FeeKind.DEMAND, d("2013-03-15")) is None  # before the 2013 caps: nothing known


def test_read_fee_caps_names_bad_lines():
    caps, problems = read_fee_caps("kind,valid_from,cap_ore,source\ninkassokrav,2013-03-16,18000,x\nfoo,2013,1,y\n")
    assert [c.cap_ore for c in caps] == [18_000]
    assert [p.message for p in problems] == ["Avgiftstabellen, rad 3: ogiltig rad ”foo,2013,1,y”."]
    assert read_fee_caps("a,b\n")[1][0].code == "fee_caps.header"


# --- check_setting_fee: the settings page -------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "amount", "ok"),
    [
        (FeeKind.REMINDER, 6_000, True),
        (FeeKind.REMINDER, 6_001, False),
        (FeeKind.DEMAND, 18_000, True),
        (FeeKind.DEMAND, 20_000, False),
        (FeeKind.PAYMENT_PLAN, 17_000, True),
        (FeeKind.KFM_APPLICATION, 30_000, True),
        (FeeKind.OWN_WORK_EVICTION, 42_000, True),
        (FeeKind.OWN_WORK_PAYMENT_ORDER, 42_000, False),
        (FeeKind.ENFORCEMENT, 60_001, False),
        (FeeKind.DEMAND, 0, True),  # an association may charge nothing
    ],
)
def test_check_setting_fee(kind, amount, ok):
    problems = check_setting_fee(kind, amount, d("2026-01-01"), SCHEDULE)
    assert (problems == ()) is ok


def test_a_setting_over_the_cap_names_the_cap_and_the_rule():
    (problem,) = check_setting_fee(FeeKind.DEMAND, 20_000, d("2026-01-01"), SCHEDULE)
    assert problem.message == (
        "Inkassoavgift får vara högst 180,00\u00a0kr (lag (1981:739) om ersättning för inkassokostnader 4 §); "
        "200,00\u00a0kr är för mycket."
    )
    assert check_setting_fee(FeeKind.DEMAND, -1, d("2026-01-01"), SCHEDULE)[0].code == "fee.negative"


# --- check_fee: charging on a case --------------------------------------------------------------


def test_demand_fee_needs_a_demand():
    assert codes(check_fee(FeeKind.DEMAND, 18_000, d("2026-03-02"), SCHEDULE, case(), AGREED)) == ["fee.no_event"]
    # the demand is sent on Monday 2026-03-02: the fee may be charged that day, not the day before
    facts = case(Event(EventKind.DEMAND_SENT, d("2026-03-02")))
    assert check_fee(FeeKind.DEMAND, 18_000, d("2026-03-02"), SCHEDULE, facts, AGREED) == ()
    assert codes(check_fee(FeeKind.DEMAND, 18_000, d("2026-03-01"), SCHEDULE, facts, AGREED)) == ["fee.no_event"]


def test_over_the_cap_is_refused_even_when_the_condition_holds():
    facts = case(Event(EventKind.DEMAND_SENT, d("2026-03-02")))
    (problem,) = check_fee(FeeKind.DEMAND, 18_001, d("2026-03-02"), SCHEDULE, facts, AGREED)
    assert problem.code == "fee.over_cap" and "180,00" in problem.message and "1981:739" in problem.message


def test_reminder_fee_only_if_agreed_when_the_debt_arose():
    facts = case(Event(EventKind.REMINDER_SENT, d("2026-03-02")))
    (problem,) = check_fee(FeeKind.REMINDER, 6_000, d("2026-03-02"), SCHEDULE, facts, NOT_AGREED)
    assert problem.code == "fee.not_agreed"
    assert problem.message.startswith("Påminnelseavgift kan inte tas ut: den får bara tas ut om den avtalades")
    assert check_fee(FeeKind.REMINDER, 6_000, d("2026-03-02"), SCHEDULE, facts, AGREED) == ()


def test_a_second_demand_for_the_same_debt_earns_no_second_fee():
    # 2026-03-02 demand with fee; 2026-03-16 a new demand for the same March fee: no new fee.
    first, second = Event(EventKind.DEMAND_SENT, d("2026-03-02")), Event(EventKind.DEMAND_SENT, d("2026-03-16"))
    facts = case(first, second, fees=[fee(FeeKind.DEMAND, "2026-03-02")])
    (problem,) = check_fee(FeeKind.DEMAND, 18_000, d("2026-03-16"), SCHEDULE, facts, AGREED)
    assert problem.code == "fee.already_charged"


def test_a_demand_that_also_asks_for_a_newly_due_claim_earns_a_new_fee():
    # April's fee falls due 2026-03-31, after the first demand's fee: the 2026-04-13 demand asks for new debt.
    facts = case(
        Event(EventKind.DEMAND_SENT, d("2026-03-02")),
        Event(EventKind.DEMAND_SENT, d("2026-04-13")),
        claims=(MARCH, APRIL),
        fees=[fee(FeeKind.DEMAND, "2026-03-02")],
    )
    assert check_fee(FeeKind.DEMAND, 18_000, d("2026-04-13"), SCHEDULE, facts, AGREED) == ()


def test_one_kronofogden_application_fee_for_payment_order_and_eviction_together():
    filed = Event(EventKind.FILED, d("2026-03-13"))
    facts = case(Event(EventKind.DEMAND_SENT, d("2026-03-02")), filed)
    assert check_fee(FeeKind.KFM_APPLICATION, 30_000, d("2026-03-13"), SCHEDULE, facts, AGREED) == ()
    charged = dataclasses.replace(facts, fees=(fee(FeeKind.KFM_APPLICATION, "2026-03-13"),))
    (problem,) = check_fee(FeeKind.KFM_APPLICATION, 30_000, d("2026-03-20"), SCHEDULE, charged, AGREED)
    assert problem.code == "fee.already_charged" and "en enda avgift" in problem.message


def test_own_work_after_filing_and_for_eviction_only_with_an_eviction_track():
    filed = Event(EventKind.FILED, d("2026-03-13"))
    assert codes(check_fee(FeeKind.OWN_WORK_PAYMENT_ORDER, 38_000, d("2026-03-12"), SCHEDULE, case(filed), AGREED)) == [
        "fee.no_event"
    ]
    assert check_fee(FeeKind.OWN_WORK_PAYMENT_ORDER, 38_000, d("2026-03-13"), SCHEDULE, case(filed), AGREED) == ()
    assert check_fee(FeeKind.OWN_WORK_EVICTION, 42_000, d("2026-03-13"), SCHEDULE, case(filed), AGREED) == ()
    parking = case(filed, tenure=Tenure.OVRIGT)
    assert codes(check_fee(FeeKind.OWN_WORK_EVICTION, 42_000, d("2026-03-13"), SCHEDULE, parking, AGREED)) == [
        "fee.no_eviction"
    ]


def test_enforcement_fee_needs_a_request():
    requested = Event(EventKind.ENFORCEMENT_REQUESTED, d("2026-05-11"))
    assert codes(check_fee(FeeKind.ENFORCEMENT, 60_000, d("2026-05-11"), SCHEDULE, case(), AGREED)) == ["fee.no_event"]
    assert check_fee(FeeKind.ENFORCEMENT, 60_000, d("2026-05-11"), SCHEDULE, case(requested), AGREED) == ()


def test_plan_fee_needs_a_plan_covering_the_whole_debt():
    # Debt on 2026-03-20: March 4 512 kr + demand fee 180 kr - 1 000 kr paid = 3 692 kr (interest left out).
    paid = PaymentFact(PaymentId(1), 100_000, d("2026-03-10"), d("2026-03-11"))
    whole = PaymentPlanTerms(d("2026-04-30"), instalment_ore=123_100, count=3)  # 3 693 kr >= 3 692 kr
    partial = PaymentPlanTerms(d("2026-04-30"), instalment_ore=100_000, count=3)  # 3 000 kr
    for terms, expected in ((whole, []), (partial, ["fee.plan_partial"])):
        facts = case(
            Event(EventKind.DEMAND_SENT, d("2026-03-02")),
            Event(EventKind.PAYMENT_PLAN, d("2026-03-20"), plan=terms),
            fees=[fee(FeeKind.DEMAND, "2026-03-02")],
            payments=[paid],
        )
        assert codes(check_fee(FeeKind.PAYMENT_PLAN, 17_000, d("2026-03-20"), SCHEDULE, facts, AGREED)) == expected
    (problem,) = check_fee(FeeKind.PAYMENT_PLAN, 17_000, d("2026-03-20"), SCHEDULE, facts, AGREED)
    assert "3\u00a0000,00\u00a0kr" in problem.message and "3\u00a0692,00\u00a0kr" in problem.message


def test_plan_fee_with_rates_counts_interest_in_the_debt():
    # With rates the debt includes interest: March 451 200 öre from 2026-02-27 to 2026-03-20 = 21 days at
    # 2.00 + 8 = 10 %: 451 200 * 0.10 * 21/365 = 2 595.95 -> 2 596 öre. Debt 451 200 + 2 596 = 453 796.
    exact = PaymentPlanTerms(d("2026-04-30"), instalment_ore=151_265, count=3, last_instalment_ore=151_266)
    short = PaymentPlanTerms(d("2026-04-30"), instalment_ore=151_265, count=3, last_instalment_ore=151_265)
    for terms, expected in ((exact, []), (short, ["fee.plan_partial"])):
        facts = case(Event(EventKind.PAYMENT_PLAN, d("2026-03-20"), plan=terms))
        problems = check_fee(FeeKind.PAYMENT_PLAN, 17_000, d("2026-03-20"), SCHEDULE, facts, AGREED, rates=reference_rates())
        assert codes(problems) == expected
        # without rates interest is left out: both plans cover the capital
        assert check_fee(FeeKind.PAYMENT_PLAN, 17_000, d("2026-03-20"), SCHEDULE, facts, AGREED) == ()


def test_plan_fee_once_per_plan():
    terms = PaymentPlanTerms(d("2026-04-30"), instalment_ore=160_000, count=3)
    plan = Event(EventKind.PAYMENT_PLAN, d("2026-03-20"), plan=terms)
    facts = case(plan, fees=[fee(FeeKind.PAYMENT_PLAN, "2026-03-20")])
    assert codes(check_fee(FeeKind.PAYMENT_PLAN, 17_000, d("2026-03-25"), SCHEDULE, facts, AGREED)) == [
        "fee.already_charged"
    ]


def test_no_cap_known_no_fee():
    facts = case(Event(EventKind.DEMAND_SENT, d("2012-05-02")), claims=(ClaimFact(ClaimId(1), d("2012-04-30"), 100),))
    assert codes(check_fee(FeeKind.DEMAND, 18_000, d("2012-05-02"), SCHEDULE, facts, AGREED)) == ["fee.no_cap"]


def test_a_fee_must_be_positive():
    facts = case(Event(EventKind.DEMAND_SENT, d("2026-03-02")))
    assert codes(check_fee(FeeKind.DEMAND, 0, d("2026-03-02"), SCHEDULE, facts, AGREED)) == ["fee.amount"]


# --- fees_for_event: what recording an event charges ------------------------------------------


def test_reminder_sent_charges_the_reminder_fee_only_if_agreed():
    reminder = Event(EventKind.REMINDER_SENT, d("2026-03-02"))
    assert fees_for_event(reminder, case(), SCHEDULE, AGREED) == ((FeeKind.REMINDER, 6_000),)
    assert fees_for_event(reminder, case(), SCHEDULE, NOT_AGREED) == ()


def test_demand_sent_charges_the_demand_fee_once_per_debt():
    first = Event(EventKind.DEMAND_SENT, d("2026-03-02"))
    assert fees_for_event(first, case(), SCHEDULE, NOT_AGREED) == ((FeeKind.DEMAND, 18_000),)
    # the event may already be among the facts (recorded in the same transaction)
    assert fees_for_event(first, case(first), SCHEDULE, NOT_AGREED) == ((FeeKind.DEMAND, 18_000),)
    again = Event(EventKind.DEMAND_SENT, d("2026-03-16"))
    charged = case(first, fees=[fee(FeeKind.DEMAND, "2026-03-02")])
    assert fees_for_event(again, charged, SCHEDULE, NOT_AGREED) == ()
    later = Event(EventKind.DEMAND_SENT, d("2026-04-13"))
    with_april = case(first, claims=(MARCH, APRIL), fees=[fee(FeeKind.DEMAND, "2026-03-02")])
    assert fees_for_event(later, with_april, SCHEDULE, NOT_AGREED) == ((FeeKind.DEMAND, 18_000),)


def test_filed_charges_one_application_fee():
    filed = Event(EventKind.FILED, d("2026-03-13"))
    assert fees_for_event(filed, case(), SCHEDULE, NOT_AGREED) == ((FeeKind.KFM_APPLICATION, 30_000),)
    charged = case(filed, fees=[fee(FeeKind.KFM_APPLICATION, "2026-03-13")])
    assert fees_for_event(filed, charged, SCHEDULE, NOT_AGREED) == ()


def test_payment_plan_charges_the_plan_fee_when_it_covers_the_debt():
    covering = Event(EventKind.PAYMENT_PLAN, d("2026-03-20"), plan=PaymentPlanTerms(d("2026-04-30"), 150_400, 3))
    assert fees_for_event(covering, case(), SCHEDULE, NOT_AGREED) == ((FeeKind.PAYMENT_PLAN, 17_000),)
    partial = Event(EventKind.PAYMENT_PLAN, d("2026-03-20"), plan=PaymentPlanTerms(d("2026-04-30"), 150_000, 3))
    assert fees_for_event(partial, case(), SCHEDULE, NOT_AGREED) == ()
    no_terms = Event(EventKind.PAYMENT_PLAN, d("2026-03-20"))
    assert fees_for_event(no_terms, case(), SCHEDULE, NOT_AGREED) == ()


def test_enforcement_requested_charges_the_base_fee():
    requested = Event(EventKind.ENFORCEMENT_REQUESTED, d("2026-05-11"))
    assert fees_for_event(requested, case(), SCHEDULE, NOT_AGREED) == ((FeeKind.ENFORCEMENT, 60_000),)


def test_configured_amounts_are_used_but_never_above_the_cap():
    demand = Event(EventKind.DEMAND_SENT, d("2026-03-02"))
    assert fees_for_event(demand, case(), SCHEDULE, NOT_AGREED, amounts={FeeKind.DEMAND: 15_000}) == (
        (FeeKind.DEMAND, 15_000),
    )
    assert fees_for_event(demand, case(), SCHEDULE, NOT_AGREED, amounts={FeeKind.DEMAND: 25_000}) == (
        (FeeKind.DEMAND, 18_000),
    )
    assert fees_for_event(demand, case(), SCHEDULE, NOT_AGREED, amounts={FeeKind.DEMAND: 0}) == ()


@pytest.mark.parametrize(
    "kind",
    [k for k in EventKind if k not in (EventKind.REMINDER_SENT, EventKind.DEMAND_SENT, EventKind.FILED,
                                       EventKind.PAYMENT_PLAN, EventKind.ENFORCEMENT_REQUESTED)],
)
def test_other_events_charge_nothing(kind):
    assert fees_for_event(Event(kind, d("2026-03-02")), case(), SCHEDULE, AGREED) == ()


def test_fees_first_setting_does_not_change_which_fees_are_charged():
    settings = ProcessSettings(allocation_order=AllocationOrder.FEES_FIRST)
    assert fees_for_event(Event(EventKind.DEMAND_SENT, d("2026-03-02")), case(), SCHEDULE, settings) == (
        (FeeKind.DEMAND, 18_000),
    )

