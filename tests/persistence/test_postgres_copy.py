"""Moving an association from its SQLite file to a PostgreSQL server (`copy-to`): the same rows, the
same answers, the audit log whole, ids continuing – or, when anything fails, an empty server database."""
from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
import sqlalchemy as sa

from app.cli.main import main
from app.domain.problem import Refused
from app.persistence import db, transfer
from app.persistence import models as m
from app.persistence.digest import content_digest
from app.services import payments, server_move
from app.services.context import open_database

pytestmark = pytest.mark.postgres
MOVED_ON = date(2026, 12, 1)


def run(capsys, target: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", target, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def digest(target: str) -> str:
    engine = db.create_engine(target)
    try:
        with engine.connect() as connection:
            return content_digest(connection)
    finally:
        engine.dispose()


@pytest.fixture
def demo_file(demo_sqlite_file, tmp_path) -> str:
    path = tmp_path / "brf.sqlite"
    shutil.copy(demo_sqlite_file, path)
    return str(path)


def test_the_whole_association_moves_to_the_server_and_reads_the_same(capsys, demo_file, pg_target):
    code, out, err = run(capsys, demo_file, "copy-to", pg_target, "--json")
    assert code == 0, err
    moved = json.loads(out)
    assert moved["rows"]["cases"] >= 30 and moved["audit_entries"] > 0
    assert digest(pg_target) == digest(demo_file)  # row for row, table for table
    for command in (["cases", "--json"], ["due", "--days", "30", "--json"], ["case", "show", "7", "--json"]):
        answers = [run(capsys, target, *command, "--as-of", "2026-12-01")[1] for target in (demo_file, pg_target)]
        assert answers[0] == answers[1]
    code, out, _ = run(capsys, pg_target, "audit", "verify")
    assert code == 0 and "oförändrad" in out
    ctx = open_database(pg_target)
    try:
        with ctx.reading() as session:
            biggest = session.scalar(sa.select(sa.func.max(m.Payment.id)))
        assert payments.register_payment(ctx, 7, 10_000, MOVED_ON, MOVED_ON) == biggest + 1  # the ids continue
    finally:
        ctx.close()
    code, _, err = run(capsys, demo_file, "copy-to", pg_target)
    assert code == 1 and "innehåller redan" in err  # never onto a database that holds a register


def test_a_copy_that_breaks_off_leaves_the_server_database_empty(demo_file, pg_target, monkeypatch):
    original = transfer.copy_rows

    def copy_then_fail(source, target):  # noqa: ANN001
        original(source, target)  # every row is on the server …
        raise OSError("förbindelsen bröts")  # … when the connection goes

    monkeypatch.setattr(transfer, "copy_rows", copy_then_fail)
    ctx = open_database(demo_file, daily_backup=False)
    try:
        with pytest.raises(OSError):
            server_move.copy_to_server(ctx, pg_target)
    finally:
        ctx.close()
    assert not db.database_exists(pg_target)  # no tables, no half a register
    engine = db.create_engine(pg_target)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").scalar() == 0
    engine.dispose()


def test_a_server_database_is_not_copied_with_the_program(pg_target, tmp_path):
    ctx = open_database(pg_target, create=True)
    try:
        with pytest.raises(Refused, match="pg_dump"):
            server_move.copy_to_server(ctx, str(tmp_path / "tillbaka.sqlite"))
    finally:
        ctx.close()
