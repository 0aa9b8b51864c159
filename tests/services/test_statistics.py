"""Statistics for the board: outstanding by stage, opened/closed per month, days per stage."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from app.domain.event import Event, EventKind
from app.domain.stage import Stage
from app.domain.tenure import ClaimKind, Tenure
from app.services import association, cases, claim_register, demo, payments, registers, statistics
from app.services.registers import PersonForm, UnitForm

AS_OF = date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo_ctx(tmp_path_factory):
    ctx = demo.create_demo(str(tmp_path_factory.mktemp("stats") / "demo.sqlite"), AS_OF)
    yield ctx
    ctx.close()


def test_outstanding_by_stage_adds_up_the_case_list(demo_ctx):
    stats = statistics.statistics(demo_ctx, AS_OF)
    rows = [r for r in cases.list_cases(demo_ctx, AS_OF) if r.stage is not Stage.AVSLUTAD]
    counts = Counter(r.stage for r in rows)
    assert [s.stage for s in stats.outstanding] == [s for s in Stage if s is not Stage.AVSLUTAD]
    assert {s.stage: s.cases for s in stats.outstanding} == {s: counts.get(s, 0) for s in statistics.OPEN_STAGES}
    assert stats.total_outstanding_ore == sum(r.total_ore for r in rows) > 0
    assert stats.open_cases == len(rows) == 29  # 32 demo cases, three of them closed
    by_stage = {s.stage: s for s in stats.outstanding}
    assert by_stage[Stage.NY].cases == 3 and by_stage[Stage.EFTERBEVAKNING].cases == 4
    assert all(s.capital_ore <= s.total_ore for s in stats.outstanding)


def test_cases_closed_per_month_in_the_last_twelve_months(demo_ctx):
    stats = statistics.statistics(demo_ctx, AS_OF)
    assert [m.month for m in stats.months] == [date(2026, n, 1) for n in range(1, 13)]
    # demo: written off 2026-08-23 (K+300, K 400 days back), withdrawn 2026-10-02, paid 2026-10-18
    assert {m.month.month: m.closed for m in stats.months if m.closed} == {8: 1, 10: 2}
    opened_in_window = sum(m.opened for m in stats.months)
    all_opened = [r.opened_on for r in cases.list_cases(demo_ctx, AS_OF)]
    assert opened_in_window == sum(1 for d in all_opened if d >= date(2026, 1, 1))


@pytest.fixture
def one_case(tmp_path):
    info = association.AssociationInfo(name="Brf Statistiken", orgnr="556036-0793", bankgiro="5050-1055")
    ctx = association.create(str(tmp_path / "one.sqlite"), info)
    unit_id = registers.create_unit(ctx, UnitForm("1001", Tenure.BOSTADSRATT, monthly_charge="4000"))
    person_id = registers.create_person(ctx, PersonForm("191212121212", "Tolvan Tolvansson"))
    registers.move_in(ctx, unit_id, person_id, "holder", date(2020, 1, 1), AS_OF)
    claim_register.create_claim(ctx, claim_register.ClaimForm(
        unit_id, person_id, "202611-1001", ClaimKind.AVGIFT, date(2026, 11, 1), date(2026, 11, 30), date(2026, 10, 30), "4000"))
    case_id = cases.open_case(ctx, "1001", date(2026, 11, 2))
    cases.record_event(ctx, case_id, Event(kind=EventKind.DEMAND_SENT, on=date(2026, 11, 3), method="post"), date(2026, 11, 3))
    yield ctx
    ctx.close()


def test_time_per_stage_of_one_case_worked_example(one_case):
    # opened Mon 2 Nov, demand Tue 3 Nov, 8 days to pay (IkL 5 §): deadline Wed 11 Nov, Bedömning from 12 Nov
    stats = statistics.statistics(one_case, AS_OF)
    days = {d.stage: (d.finished, d.ongoing, d.total_days) for d in stats.durations if d.stays}
    assert days == {Stage.NY: (1, 0, 1), Stage.INKASSOKRAV: (1, 0, 9), Stage.BEDOMNING: (0, 1, 19)}
    bedomning = next(d for d in stats.durations if d.stage is Stage.BEDOMNING)
    assert bedomning.average_days == 19 and bedomning.longest_days == 19
    assert [m.opened for m in stats.months if m.month == date(2026, 11, 1)] == [1]


def test_a_case_paid_in_full_is_counted_as_closed_that_month(one_case):
    [row] = cases.list_cases(one_case, AS_OF)
    payments.register_payment(one_case, row.case_id, row.total_ore + 10_000, date(2026, 11, 20), AS_OF)
    stats = statistics.statistics(one_case, AS_OF)
    assert stats.open_cases == 0 and stats.total_outstanding_ore == 0
    assert {m.month: m.closed for m in stats.months if m.closed} == {date(2026, 11, 1): 1}
    bedomning = next(d for d in stats.durations if d.stage is Stage.BEDOMNING)
    assert (bedomning.finished, bedomning.ongoing, bedomning.total_days) == (1, 0, 8)  # 12 Nov to 20 Nov
