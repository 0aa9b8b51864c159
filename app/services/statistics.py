"""Statistics for the board: amount outstanding by stage, cases opened and closed per month, and the
time cases spend in each stage – derived from the same assessments as the case list, never stored.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from app.domain.calendar import add_months
from app.domain.stage import Stage
from app.domain.stages import stage_path
from app.services import settings as settings_service
from app.services.cases import assess_cases
from app.services.context import AppContext

OPEN_STAGES = tuple(s for s in Stage if s is not Stage.AVSLUTAD)


@dataclass(frozen=True)
class StageAmount:
    stage: Stage
    cases: int
    capital_ore: int
    total_ore: int  # capital, interest and fees on the day


@dataclass(frozen=True)
class MonthCount:
    month: date  # the first day of the month
    opened: int
    closed: int


@dataclass(frozen=True)
class StageDuration:
    stage: Stage
    finished: int  # stays that ended with the case moving on
    ongoing: int  # cases in the stage today (counted up to the day)
    total_days: int
    longest_days: int

    @property
    def stays(self) -> int:
        return self.finished + self.ongoing

    @property
    def average_days(self) -> float | None:
        return self.total_days / self.stays if self.stays else None


@dataclass(frozen=True)
class Statistics:
    as_of: date
    outstanding: tuple[StageAmount, ...]  # one per open stage, in board order
    months: tuple[MonthCount, ...]  # oldest first, ending with as_of's month
    durations: tuple[StageDuration, ...]  # one per open stage, in board order

    @property
    def total_outstanding_ore(self) -> int:
        return sum(s.total_ore for s in self.outstanding)

    @property
    def open_cases(self) -> int:
        return sum(s.cases for s in self.outstanding)


def statistics(ctx: AppContext, as_of: date, months: int = 12) -> Statistics:
    with ctx.reading() as session:
        assessed = assess_cases(session, as_of)
        rules = settings_service.rules(session, as_of)
    amounts: dict[Stage, list[int]] = {s: [0, 0, 0] for s in OPEN_STAGES}
    opened: dict[date, int] = defaultdict(int)
    closed: dict[date, int] = defaultdict(int)
    paths = []
    for facts, result in assessed.values():
        opened[facts.opened_on.replace(day=1)] += 1
        if result.stage is Stage.AVSLUTAD:
            closed[result.stage_since.replace(day=1)] += 1
        else:
            bucket = amounts[result.stage]
            bucket[0] += 1
            bucket[1] += result.capital_ore
            bucket[2] += result.settlement.total_ore
        paths.append(stage_path(facts, rules, as_of))
    first = add_months(as_of.replace(day=1), -(months - 1))
    month_rows = tuple(
        MonthCount(month, opened.get(month, 0), closed.get(month, 0))
        for month in (add_months(first, n) for n in range(months))
    )
    return Statistics(
        as_of=as_of,
        outstanding=tuple(StageAmount(s, *amounts[s]) for s in OPEN_STAGES),
        months=month_rows,
        durations=durations(paths, as_of),
    )


def durations(paths: list[tuple[tuple[Stage, date], ...]], as_of: date) -> tuple[StageDuration, ...]:
    """Days spent per open stage: finished stays up to the next stage, ongoing ones up to as_of."""
    finished: dict[Stage, list[int]] = defaultdict(list)
    ongoing: dict[Stage, list[int]] = defaultdict(list)
    for path in paths:
        for (stage, since), following in zip(path, (*path[1:], None)):
            if stage is Stage.AVSLUTAD:
                continue
            if following is None:
                ongoing[stage].append(max(0, (as_of - since).days))
            else:
                finished[stage].append(max(0, (following[1] - since).days))
    rows = []
    for stage in OPEN_STAGES:
        every = finished[stage] + ongoing[stage]
        rows.append(StageDuration(stage, len(finished[stage]), len(ongoing[stage]), sum(every), max(every, default=0)))
    return tuple(rows)
