"""One writer: a second instance on the same database opens read-only and cannot write; the lock
dies with its process (even on SIGKILL); two processes writing at once lose nothing."""
from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import date

import pytest
import sqlalchemy as sa

from app.domain.problem import Refused
from app.persistence import models as m
from app.services import audit, instance_lock, payments
from app.services.context import open_database
from tests.safety import DEMO_AS_OF, demo_db, demo_master  # noqa: F401 - fixtures

PYTHON = sys.executable
HOLDER = """
import sys, time
from app.services import instance_lock
lock = instance_lock.acquire(sys.argv[1])
print("held" if lock else "busy", flush=True)
time.sleep(60)
"""


def _holder(target: str) -> subprocess.Popen:
    proc = subprocess.Popen([PYTHON, "-c", HOLDER, target], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_lock_on_the_same_database_is_refused_until_released(tmp_path):
    target = str(tmp_path / "brf.sqlite")
    first = instance_lock.acquire(target)
    assert first is not None and first.held
    assert instance_lock.acquire(target) is None
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    first.release()
    again = instance_lock.acquire(target)
    assert again is not None
    again.release()


def test_the_second_instance_opens_read_only_and_cannot_write(demo_db):
    holder = _holder(str(demo_db))
    try:
        read_only, lock = instance_lock.open_mode(str(demo_db), read_only_requested=False)
        assert (read_only, lock) == (True, None)
        ctx = open_database(str(demo_db), read_only=read_only)
        assert ctx.read_only
        with ctx.reading() as session:
            case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
        with pytest.raises(Refused, match="skrivskyddad"):
            payments.register_payment(ctx, case_id, 100, date(2026, 11, 30), DEMO_AS_OF)
        ctx.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_instance_leaves_no_stale_lock(demo_db):
    holder = _holder(str(demo_db))
    assert instance_lock.acquire(str(demo_db)) is None
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    read_only, lock = instance_lock.open_mode(str(demo_db), read_only_requested=False)
    assert read_only is False and lock is not None and lock.held
    lock.release()


def test_read_only_when_asked_takes_no_lock(tmp_path):
    target = str(tmp_path / "brf.sqlite")
    assert instance_lock.open_mode(target, read_only_requested=True) == (True, None)
    lock = instance_lock.acquire(target)
    assert lock is not None
    lock.release()


def test_a_server_database_needs_no_file_lock():
    lock = instance_lock.acquire("postgresql+psycopg://kassor@db.example/brf")
    assert lock is not None and lock.path is None and lock.held


WRITER = """
import sys
from datetime import date
import sqlalchemy as sa
from app.persistence import models as m
from app.services import payments
from app.services.context import open_database
ctx = open_database(sys.argv[1], daily_backup=False)
with ctx.reading() as session:
    case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
for n in range(int(sys.argv[3])):
    payments.register_payment(ctx, case_id, int(sys.argv[2]) + n, date(2026, 11, 30), date(2026, 12, 1))
ctx.close()
"""


def test_two_processes_writing_at_once_lose_nothing(demo_db):
    conn = sqlite3.connect(demo_db)
    before = conn.execute("SELECT count(*) FROM payments").fetchone()[0]
    conn.close()
    writers = [subprocess.Popen([PYTHON, "-c", WRITER, str(demo_db), str(base), "25"], stderr=subprocess.PIPE, text=True)
               for base in (100_000, 200_000)]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    conn = sqlite3.connect(demo_db)
    amounts = {row[0] for row in conn.execute("SELECT amount_ore FROM payments WHERE amount_ore >= 100000")}
    assert conn.execute("SELECT count(*) FROM payments").fetchone()[0] == before + 50
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert {100_000 + n for n in range(25)} | {200_000 + n for n in range(25)} <= amounts
    ctx = open_database(str(demo_db), daily_backup=False)
    assert audit.verify(ctx).intact
    ctx.close()
