"""BgMax import of 10,000 payments (issue 4; target < 2 s) beside parsing the same file.
Run: python -m bench.bench_bgmax"""
from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from app.domain.bgmax import BgMaxFile, BgPayment, Deposit, parse_bgmax
from app.domain.bgmax_writer import write_bgmax
from app.persistence import models as m
from app.services.bgmax_import import import_bgmax
from app.services.context import open_database
from bench.dataset import large_database

RUNS = 3


def bgmax_file(ocrs: list[str], count: int, stamp: int) -> bytes:
    """`count` payments: every other one with a case's OCR, the rest with unknown references."""
    payments = tuple(
        BgPayment(payer_bankgiro="", reference=ocrs[i % len(ocrs)] if i % 2 == 0 else f"{900000 + i}", amount_ore=10_000 + i,
                  serial=i + 1)
        for i in range(count)
    )
    deposit = Deposit.of("55555551", date(2026, 11, 30), payments)
    return write_bgmax(BgMaxFile(timestamp=datetime(2026, 11, 30, 6, 0, 0, stamp), test_flag=False, deposits=(deposit,)))


def measure(payments: int = 10_000) -> list[tuple[str, float, float | None, str]]:
    source = large_database(10_000)
    with tempfile.TemporaryDirectory() as tmp:
        import_times, parse_times = [], []
        for run in range(RUNS):
            target = Path(tmp) / f"run{run}.sqlite"
            shutil.copy(source, target)
            ctx = open_database(str(target))
            with ctx.reading() as session:
                ocrs = list(session.scalars(sa.select(m.Case.ocr).limit(2000)))
            data = bgmax_file(ocrs, payments, run)
            start = time.perf_counter()
            parse_bgmax(data)
            parse_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            summary = import_bgmax(ctx, data, "bench.bgmax")
            import_times.append(time.perf_counter() - start)
            assert summary.payments == payments
            ctx.close()
    parse, full = statistics.median(parse_times), statistics.median(import_times)
    return [
        (f"Tolka BgMax-fil, {payments} betalningar (baslinje)", parse, None, ""),
        (f"Läsa in BgMax-fil, {payments} betalningar", full, full / parse, "< 2 s"),
    ]


def main() -> None:
    for what, seconds, ratio, target in measure():
        ratio_text = f"{ratio:.2f}× baslinjen" if ratio is not None else ""
        print(f"{what:48s} {seconds:7.3f} s  {ratio_text:16s} {target}")


if __name__ == "__main__":
    main()
