"""Due-action recalculation for 10,000 cases beside just loading their rows (issue 3; target < 0.5 s),
and 10,000 balances (issue 4; target < 1 s). Run: python -m bench.bench_process"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from app.domain.assessment import assess
from app.services import settings as settings_service
from app.services.case_facts import load_facts
from app.services.context import open_database
from bench.dataset import AS_OF, large_database

RUNS = 5


def median_seconds(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(cases: int = 10_000) -> list[tuple[str, float, float | None, str]]:
    """(what, seconds, ratio to its baseline, target) rows."""
    ctx = open_database(str(large_database(cases)), read_only=True)
    with ctx.reading() as session:
        rules = settings_service.rules(session, AS_OF)
        facts = list(load_facts(session).values())
    count = len(facts)

    def load_rows() -> None:
        with ctx.reading() as session:
            load_facts(session)

    def recalc() -> None:
        for f in facts:
            assess(f, rules, AS_OF).due_actions  # noqa: B018 - the work measured

    def balances() -> None:
        for f in facts:
            assess(f, rules, AS_OF).settlement.total_ore  # noqa: B018

    load = median_seconds(load_rows)
    due = median_seconds(recalc)
    money = median_seconds(balances)
    ctx.close()
    return [
        (f"Ladda {count} ärendens rader (baslinje)", load, None, ""),
        (f"Räkna om åtgärder för {count} ärenden", due, due / load, "< 0,5 s"),
        (f"Räkna saldo för {count} ärenden", money, money / load, "< 1 s"),
    ]


def main() -> None:
    for what, seconds, ratio, target in measure():
        ratio_text = f"{ratio:.2f}× baslinjen" if ratio is not None else ""
        print(f"{what:45s} {seconds:7.3f} s  {ratio_text:16s} {target}")


if __name__ == "__main__":
    main()
