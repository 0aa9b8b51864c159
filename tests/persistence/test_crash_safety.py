"""Crash safety: writer processes doing many transactions through the services are killed (SIGKILL)
at random moments; afterwards the database opens, passes its integrity check and its audit chain,
and holds every change a writer reported as committed."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from app.services import audit
from app.services.context import open_database
from tests.safety import demo_db, demo_master  # noqa: F401 - fixtures

WRITER = r"""
import sys
from datetime import date, timedelta
import sqlalchemy as sa
from app.persistence import models as m
from app.services import claims_import, payments
from app.services.context import open_database

path, name, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
report = open(sys.argv[4], "a", buffering=1)
ctx = open_database(path, daily_backup=False)
with ctx.reading() as session:
    case_ids = session.scalars(sa.select(m.Case.id).order_by(m.Case.id)).all()
mine = []
print("ready", flush=True)
n = 0
while True:
    n += 1
    pick = (seed + n) % 10
    if pick < 7:
        amount = 1000 * seed + n
        pid = payments.register_payment(ctx, case_ids[n % len(case_ids)], amount, date(2026, 11, 30), date(2026, 12, 1))
        mine.append(pid)
        report.write(f"payment {pid} {amount}\n")  # written only after the commit returned
    elif pick < 9 and mine:
        original = mine.pop(0)
        rid = payments.undo_payment(ctx, original)
        report.write(f"reversal {rid} {original}\n")
    else:
        avi = f"{name}-{seed}-{n}"
        csv = ("personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp\n"
               f"194408139089;Test Testsson;Solgläntevägen 9;123 45;Lindköping;{name}{seed}{n};bostadsratt;{avi};2027-01-01;2027-01-31;2026-12-31;100\n")
        claims_import.import_claims(ctx, csv.encode())
        report.write(f"claim {avi} 0\n")
"""


def _start(path, name: str, seed: int, report) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(seed), str(report)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    assert line == "ready", proc.stderr.read()
    return proc


def _reported(report) -> list[tuple[str, str, int]]:
    rows = []
    for line in report.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill was never a completed report
            rows.append((parts[0], parts[1], int(parts[2])))
    return rows


@pytest.mark.slow
def test_killed_writers_lose_nothing_they_reported_committed(demo_db, tmp_path):
    rng = random.Random(20261201)
    report = tmp_path / "committed.txt"
    seed = 0
    for _round in range(5):
        writers = []
        for name in ("a", "b"):
            seed += 1
            writers.append(_start(demo_db, name, seed, report))
        time.sleep(rng.uniform(0.3, 1.5))
        for writer in writers:
            time.sleep(rng.uniform(0.0, 0.3))
            os.kill(writer.pid, signal.SIGKILL)
        for writer in writers:
            writer.wait()
            assert writer.returncode == -signal.SIGKILL, writer.stderr.read()  # killed, not crashed on its own
    committed = _reported(report)
    assert len(committed) > 20  # the writers did real work between the kills

    conn = sqlite3.connect(demo_db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for kind, key, value in committed:
        if kind == "payment":
            assert conn.execute("SELECT amount_ore FROM payments WHERE id = ?", (int(key),)).fetchone() == (value,)
        elif kind == "reversal":
            assert conn.execute("SELECT reverses_payment_id FROM payments WHERE id = ?", (int(key),)).fetchone() == (value,)
        else:
            assert conn.execute("SELECT count(*) FROM claims WHERE avi_number = ?", (key,)).fetchone() == (1,)
    conn.close()

    ctx = open_database(str(demo_db), daily_backup=False)
    report_ = audit.verify(ctx)
    ctx.close()
    assert report_.intact, report_.problems
