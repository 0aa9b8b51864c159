"""Due actions: the timeline's due dates around holidays, pauses, and what each situation asks for."""
from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.action import ActionKind as A
from app.domain.action import DocumentKind
from app.domain.assessment import assess
from app.domain.event import EventKind as K
from app.domain.event import PaymentPlanTerms, WithdrawalScope
from app.domain.facts import ScoreFact
from app.domain.stage import Stage
from app.domain.tenure import ClaimKind, Tenure
from tests.domain.helpers import case, claim, d, ev, paid, recorded, rules

R = rules()


def _due(facts, as_of, *, with_limitation=False):
    a = assess(facts, R, d(as_of))
    return {x.action: x.due_date for x in a.due_actions if with_limitation or x.action is not A.LIMITATION_REMINDER}


def _action(facts, as_of, kind):
    return next(x for x in assess(facts, R, d(as_of)).due_actions if x.action is kind)


def _fee(due: str, opened: str, tenure=Tenure.BOSTADSRATT, **fields):
    return case(tenure, opened=opened, claims=[claim(1, due, 4500)], **fields)


@pytest.mark.parametrize(
    "sent, score, file",
    [
        ("2026-05-11", "2026-05-21", "2026-05-22"),  # P = 20 May (Kristi himmelsfärd)
        ("2026-06-08", "2026-06-17", "2026-06-22"),  # K+11 is midsommarafton
        ("2026-12-14", "2026-12-23", "2026-12-28"),  # K+11 is juldagen
        ("2026-03-27", "2026-04-08", "2026-04-08"),  # P = 7 April after påsk; both wait for P + 1
        ("2026-12-28", "2027-01-11", "2027-01-11"),  # P = 8 Jan (trettondagen); P + 1 is a Saturday
    ],
)
def test_score_and_filing_are_due_after_the_deadline(sent, score, file):
    facts = recorded(_fee("2026-02-27", "2026-03-02"), ev(K.DEMAND_SENT, sent))
    due = _due(facts, sent)
    assert due[A.SCORE] == d(score)
    assert due[A.FILE_APPLICATION] == d(file)
    assert due[A.NOTIFY_SOCIAL_SERVICES] == d(file)  # a home: the social notice goes with the termination
    assert A.SEND_DEMAND not in due


def test_send_demand_on_opening_for_a_due_claim():
    facts = _fee("2026-04-30", "2026-05-04")
    action = _action(facts, "2026-05-04", A.SEND_DEMAND)
    assert action.due_date == d("2026-05-04")
    assert action.document is DocumentKind.DEMAND and action.completes_with is K.DEMAND_SENT
    # opened on the due date itself: the demand is due the day after (a Friday holiday → Monday 4 May)
    assert _due(_fee("2026-04-30", "2026-04-30"), "2026-04-30")[A.SEND_DEMAND] == d("2026-05-04")


def test_score_done_when_a_score_exists_after_the_deadline():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), ev(K.DEMAND_SENT, "2026-05-11"))
    assert A.SCORE in _due(replace(facts, scores=(ScoreFact(d("2026-05-19"), 60, "medel"),)), "2026-05-21")
    assert A.SCORE not in _due(replace(facts, scores=(ScoreFact(d("2026-05-20"), 60, "medel"),)), "2026-05-21")


K_MAY = ev(K.DEMAND_SENT, "2026-05-11")


@pytest.mark.parametrize(
    "filed, inform, follow, pledgee",
    [
        ("2026-05-22", "2026-05-25", "2026-06-08", "2026-05-22"),  # K+12 Saturday; K+26 is nationaldagen (Sat)
        ("2026-06-15", "2026-06-16", "2026-06-30", "2026-06-15"),  # a late filing keeps the gaps
    ],
)
def test_steps_after_filing(filed, inform, follow, pledgee):
    facts = recorded(_fee("2026-04-30", "2026-05-11", has_pledgee=True), K_MAY, ev(K.FILED, filed), ev(K.SOCIAL_NOTIFIED, filed))
    due = _due(facts, filed)
    assert due == {A.INFORM_DEBTOR: d(inform), A.FOLLOW_SERVICE: d(follow), A.NOTIFY_PLEDGEE: d(pledgee)}


def test_follow_service_repeats_a_week_after_a_failed_attempt():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.SERVICE_STARTED, "2026-06-01"), ev(K.SERVICE_FAILED, "2026-06-12"))
    action = _action(facts, "2026-06-12", A.FOLLOW_SERVICE)
    assert action.due_date == d("2026-06-22")  # + 7 days is midsommarafton
    assert "2026-06-12" in action.reason and action.completes_with is K.SERVED


def test_social_notice_due_when_served_without_it():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SERVED, "2026-05-29"))
    a = assess(facts, R, d("2026-06-01"))
    assert a.stage is Stage.DELGIVNING and a.deadlines.recovery_period_end is None
    social = next(x for x in a.due_actions if x.action is A.NOTIFY_SOCIAL_SERVICES)
    assert social.due_date == d("2026-05-22") and "Delgiven 2026-05-29" in social.reason
    assert "förordning (2003:37) formulär 3" in social.reason


@pytest.mark.parametrize(
    "served, end, board, earliest",
    [
        ("2026-05-29", "2026-06-22", "2026-06-23", "2026-06-25"),  # + 3 weeks = midsommarafton
        ("2026-12-02", "2026-12-23", "2026-12-28", "2026-12-30"),  # board after jul
        ("2026-12-07", "2026-12-28", "2026-12-29", "2027-01-04"),  # 3rd vardag past nyår
        ("2026-12-14", "2027-01-04", "2027-01-05", "2027-01-08"),  # + 3 weeks = nyårsdagen; trettondagen skipped
    ],
)
def test_board_decision_first_vardag_after_the_recovery_period(served, end, board, earliest):
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.DEBTOR_INFORMED, "2026-05-25"), ev(K.SERVED, served))
    a = assess(facts, R, d(board))
    assert a.deadlines.recovery_period_end == d(end)
    assert a.deadlines.earliest_eviction_decision == d(earliest)
    assert a.stage is Stage.BESLUT
    action = next(x for x in a.due_actions if x.action is A.BOARD_DECISION)
    assert action.due_date == d(board) and earliest in action.reason and "4\u00a0500,00\u00a0kr" in action.reason


def test_after_a_yes_cohabitant_and_enforcement():
    facts = recorded(_fee("2026-04-30", "2026-05-11", has_cohabitant=True), K_MAY, ev(K.FILED, "2026-05-22"),
                     ev(K.SOCIAL_NOTIFIED, "2026-05-22"), ev(K.DEBTOR_INFORMED, "2026-05-25"), ev(K.SERVED, "2026-05-29"),
                     ev(K.BOARD_DECISION, "2026-06-26", decision=True))  # a Friday
    assert _due(facts, "2026-06-26") == {A.NOTIFY_COHABITANT: d("2026-06-26"), A.REQUEST_ENFORCEMENT: d("2026-06-26")}
    facts = recorded(facts, ev(K.ENFORCEMENT_REQUESTED, "2026-06-29"), ev(K.COHABITANT_NOTIFIED, "2026-06-29"))
    assert _due(facts, "2026-06-29") == {}


def test_board_says_no_withdraw_the_eviction():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.DEBTOR_INFORMED, "2026-05-25"), ev(K.SERVED, "2026-05-29"), ev(K.BOARD_DECISION, "2026-06-23", decision=False))
    action = _action(facts, "2026-06-23", A.WITHDRAW_EVICTION)
    assert action.due_date == d("2026-06-23") and action.document is DocumentKind.WITHDRAWAL
    assert A.REQUEST_ENFORCEMENT not in _due(facts, "2026-06-23")


@pytest.mark.parametrize(
    "objection_on, reply",
    [("2026-12-10", "2026-12-28"), ("2026-06-05", "2026-06-22"), ("2026-03-20", "2026-04-07")],
)
def test_reply_objection_due_after_the_reply_days(objection_on, reply):
    facts = recorded(_fee("2026-02-27", "2026-03-02"), ev(K.DEMAND_SENT, "2026-03-02"), ev(K.OBJECTION, objection_on, grounded=False))
    assert _due(facts, objection_on)[A.REPLY_OBJECTION] == d(reply)


def test_grounded_objection_pauses_the_timeline_until_resolved():
    base = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.OBJECTION, "2026-05-13", grounded=True))
    assert _due(base, "2026-05-25") == {A.REPLY_OBJECTION: d("2026-05-27")}
    assert A.LIMITATION_REMINDER in _due(base, "2026-05-25", with_limitation=True)
    resolved = recorded(base, ev(K.OBJECTION_RESOLVED, "2026-06-03"))
    due = _due(resolved, "2026-06-03")
    # filing was due on 22 May; after the pause it is due on the day the pause ended
    assert due[A.FILE_APPLICATION] == d("2026-06-03") and due[A.SCORE] == d("2026-06-03")


def test_ungrounded_objection_does_not_pause():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.OBJECTION, "2026-05-13", grounded=False))
    due = _due(facts, "2026-05-25")
    assert due[A.FILE_APPLICATION] == d("2026-05-22") and A.REPLY_OBJECTION in due
    reply = _action(facts, "2026-05-25", A.REPLY_OBJECTION)
    assert "indrivningen fortsätter" in reply.reason


def test_contested_at_kronofogden_pauses_service_follow_up():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.DEBTOR_INFORMED, "2026-05-25"), ev(K.OBJECTION, "2026-06-01"))
    assert _due(facts, "2026-06-10") == {A.REPLY_OBJECTION: d("2026-06-15")}
    assert "tingsrätten" in _action(facts, "2026-06-10", A.REPLY_OBJECTION).reason


def test_payment_plan_missed_instalment():
    plan = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-06-19"), 1600_00, 3))
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, plan)
    assert _due(facts, "2026-06-22") == {}  # 19 June is midsommarafton: the instalment may be paid on the 22nd
    due = _due(facts, "2026-06-23")
    assert due[A.CHECK_PAYMENT_PLAN] == d("2026-06-23")
    assert due[A.FILE_APPLICATION] == d("2026-06-23")  # the timeline resumes the day after the missed instalment
    broken = recorded(facts, ev(K.PAYMENT_PLAN_BROKEN, "2026-06-24"))
    assert A.CHECK_PAYMENT_PLAN not in _due(broken, "2026-06-24")
    assert _due(broken, "2026-06-24")[A.FILE_APPLICATION] == d("2026-06-23")


def test_kept_plan_pays_instalments_by_order_date():
    plan = ev(K.PAYMENT_PLAN, "2026-05-25", plan=PaymentPlanTerms(d("2026-05-29"), 1600_00, 3))
    facts = replace(recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, plan),
                    payments=(paid(1, "2026-05-29", 1600), paid(2, "2026-06-29", 1600)))
    assert _due(facts, "2026-07-15") == {}
    assert _due(facts, "2026-07-30")[A.CHECK_PAYMENT_PLAN] == d("2026-07-30")


def test_rescore_every_six_months_in_surveillance():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.SERVED, "2026-05-29"), ev(K.BOARD_DECISION, "2026-06-23", decision=True),
                     ev(K.ENFORCEMENT_REQUESTED, "2026-06-24"), ev(K.EVICTED, "2026-07-10"))
    assert _due(facts, "2026-07-10") == {A.RESCORE: d("2026-07-10")}
    scored = replace(facts, scores=(ScoreFact(d("2026-05-21"), 40, "hog"), ScoreFact(d("2026-07-13"), 35, "hog")))
    assert _due(scored, "2026-07-13") == {A.RESCORE: d("2027-01-13")}
    scored = replace(facts, scores=(ScoreFact(d("2026-06-24"), 40, "hog"),))
    assert _due(scored, "2026-07-13") == {A.RESCORE: d("2026-12-28")}  # six months on is julafton → 28 Dec


def test_a_lower_band_in_surveillance_asks_to_try_collecting_again():
    facts = recorded(_fee("2026-04-30", "2026-05-11"), K_MAY, ev(K.FILED, "2026-05-22"), ev(K.SOCIAL_NOTIFIED, "2026-05-22"),
                     ev(K.SERVED, "2026-05-29"), ev(K.BOARD_DECISION, "2026-06-23", decision=True),
                     ev(K.ENFORCEMENT_REQUESTED, "2026-06-24"), ev(K.EVICTED, "2026-07-10"))
    same = replace(facts, scores=(ScoreFact(d("2026-05-21"), 70, "hog"), ScoreFact(d("2027-01-13"), 65, "hog")))
    assert A.RETRY_COLLECTION not in _due(same, "2027-01-13")
    # re-scored on a Saturday (23 January 2027): risk medel after hög – due the next vardag, Monday 25 January
    dropped = replace(facts, scores=(ScoreFact(d("2026-05-21"), 70, "hog"), ScoreFact(d("2027-01-23"), 45, "medel")))
    action = _action(dropped, "2027-01-23", A.RETRY_COLLECTION)
    assert action.due_date == d("2027-01-25")
    assert action.document is DocumentKind.LIMITATION_REMINDER and "hög" in action.reason
    tried = recorded(dropped, ev(K.LIMITATION_REMINDER_SENT, "2027-01-26"))
    assert A.RETRY_COLLECTION not in _due(tried, "2027-01-26")
    risen = replace(facts, scores=(ScoreFact(d("2026-05-21"), 20, "lag"), ScoreFact(d("2027-01-23"), 45, "medel")))
    assert A.RETRY_COLLECTION not in _due(risen, "2027-01-23")


def test_limitation_reminder_90_days_before():
    facts = recorded(
        case(Tenure.HYRESRATT, opened="2026-03-02", claims=[claim(1, "2026-02-27", 9000, ClaimKind.HYRA)]),
        ev(K.DEMAND_SENT, "2026-03-02"),
    )
    action = _action(facts, "2026-03-02", A.LIMITATION_REMINDER)
    # 3 years from 2 March 2026 is 2 March 2029; 90 days earlier is Sunday 2 December 2028
    assert action.due_date == d("2028-12-04")
    assert action.document is DocumentKind.LIMITATION_REMINDER and action.completes_with is K.LIMITATION_REMINDER_SENT


def test_limitation_after_move_out_asks_for_a_filing():
    facts = recorded(
        case(Tenure.HYRESRATT, opened="2026-03-02", claims=[claim(1, "2026-02-27", 9000, ClaimKind.HYRA)]),
        ev(K.DEMAND_SENT, "2026-03-02"), ev(K.MOVED_OUT, "2026-03-06"),
    )
    action = _action(facts, "2026-03-09", A.LIMITATION_REMINDER)
    # JB 12:61: moved out 6 March 2026 → filed by 6 March 2028; 90 days before (a leap year) is Tuesday 7 Dec 2027
    assert assess(facts, R, d("2026-03-09")).deadlines.limitation_date == d("2028-03-06")
    assert action.due_date == d("2027-12-07")
    assert action.document is DocumentKind.APPLICATION and action.completes_with is K.FILED
    assert "ett brev räcker inte" in action.reason and "12:61" in action.reason


def test_refund_and_close_after_paying_a_bf_only_case():
    # OVRIGT (a parking space): no eviction; paid in full after the filing
    facts = replace(
        recorded(_fee("2026-04-30", "2026-05-11", tenure=Tenure.OVRIGT), K_MAY, ev(K.FILED, "2026-05-22")),
        payments=(paid(1, "2026-06-05", 5000),),
    )
    a = assess(facts, R, d("2026-06-08"))
    assert a.stage is Stage.AVSLUTAD and a.stage_since == d("2026-06-05")
    due = {x.action: x for x in a.due_actions}
    assert set(due) == {A.REFUND_CREDIT, A.CLOSE_CASE}
    assert due[A.REFUND_CREDIT].due_date == d("2026-06-05")
    assert due[A.CLOSE_CASE].completes_with is K.WITHDRAWN
    closed = recorded(facts, ev(K.WITHDRAWN, "2026-06-08", scope=WithdrawalScope.ALL))
    assert check_ok(facts, ev(K.WITHDRAWN, "2026-06-08", scope=WithdrawalScope.ALL), "2026-06-08")
    assert {x.action for x in assess(closed, R, d("2026-06-08")).due_actions} == {A.REFUND_CREDIT}


def check_ok(facts, event, as_of):
    from app.domain.stages import check_event

    return check_event(facts, event, R, d(as_of)) == ()


def test_request_enforcement_for_a_case_without_eviction():
    facts = recorded(_fee("2026-04-30", "2026-05-11", tenure=Tenure.OVRIGT), K_MAY, ev(K.FILED, "2026-05-22"),
                     ev(K.DEBTOR_INFORMED, "2026-05-25"), ev(K.SERVED, "2026-06-18"))
    action = _action(facts, "2026-06-18", A.REQUEST_ENFORCEMENT)
    assert action.due_date == d("2026-06-22") and "utmätning" in action.reason
    assert A.NOTIFY_SOCIAL_SERVICES not in _due(facts, "2026-06-18")


def test_cured_forfeiture_means_no_eviction_actions():
    facts = replace(
        recorded(_fee("2026-04-30", "2026-05-11"), K_MAY),
        payments=(paid(1, "2026-05-20", 4500),),  # the fee, but not the interest and the demand fee, before filing
        fees=(),
    )
    due = _due(facts, "2026-05-21")
    assert A.FILE_APPLICATION in due and A.NOTIFY_SOCIAL_SERVICES not in due
    assert "läkt" in _action(facts, "2026-05-21", A.FILE_APPLICATION).reason
    filed = recorded(facts, ev(K.FILED, "2026-05-22"))
    a = assess(filed, R, d("2026-05-22"))
    assert not a.eviction_track
    assert {x.action for x in a.due_actions} >= {A.INFORM_DEBTOR, A.FOLLOW_SERVICE}
    assert A.NOTIFY_SOCIAL_SERVICES not in {x.action for x in a.due_actions}
    assert any("läkt" in note and "12 kap. 43 §" not in note and "7 kap. 21 §" in note for note in a.notes)
