"""Backups and restore: a backup restores to exactly what was copied; a damaged, foreign, newer or
tampered file is refused and changes nothing; the replaced database is kept; rotation; permissions."""
from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.domain.problem import Refused
from app.persistence import db, migrate
from app.persistence import models as m
from app.services import backups, claims_import, instance_lock, payments, restore
from app.services import settings as settings_service
from app.services.context import open_database
from tests.safety import DEMO_AS_OF, demo_db, demo_master, dump  # noqa: F401 - fixtures


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pay(path: Path, amount: int = 12345) -> int:
    ctx = open_database(str(path), daily_backup=False)
    try:
        with ctx.reading() as session:
            case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
        return payments.register_payment(ctx, case_id, amount, date(2026, 11, 30), DEMO_AS_OF)
    finally:
        ctx.close()


def test_backup_then_restore_round_trips_exactly(demo_db, tmp_path):
    original = dump(demo_db)
    copy = backups.backup_file(str(demo_db), out=tmp_path / "kopia.sqlite")
    assert dump(copy) == original
    _pay(demo_db)
    assert dump(demo_db) != original
    result = restore.restore(str(demo_db), copy)
    assert dump(demo_db) == original
    assert result.previous_copy is not None and result.previous_copy.parent == demo_db.parent / "backups"
    assert result.previous_copy.name.startswith("demo-fore-aterstallning-")
    assert dump(result.previous_copy) != original  # what was replaced is kept: it has the extra payment
    ctx = open_database(str(demo_db), daily_backup=False)
    assert ctx.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    ctx.close()


def test_restore_while_the_database_is_open_elsewhere_is_seen_by_that_reader(demo_db, tmp_path):
    copy = backups.backup_file(str(demo_db), out=tmp_path / "kopia.sqlite")
    pid = _pay(demo_db)
    reader = open_database(str(demo_db), read_only=True)
    with reader.reading() as session:
        assert session.get(m.Payment, pid) is not None
    restore.restore(str(demo_db), copy)
    with reader.reading() as session:  # SQLite's backup API replaced the pages under the open connection
        assert session.get(m.Payment, pid) is None
    reader.close()


def _corrupt(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(4096 * 2, size, 4096 * 7):
            handle.seek(offset + 100)
            handle.write(os.urandom(1500))


@pytest.mark.parametrize("damage", ["pages", "header", "truncated", "text"])
def test_a_damaged_file_is_refused_and_nothing_changes(demo_db, tmp_path, damage):
    bad = backups.backup_file(str(demo_db), out=tmp_path / "skadad.sqlite")
    if damage == "pages":
        _corrupt(bad)
    elif damage == "header":
        bad.write_bytes(b"\0" * 100 + bad.read_bytes()[100:])
    elif damage == "truncated":
        bad.write_bytes(bad.read_bytes()[: 4096 * 3 + 17])
    else:
        bad.write_text("personnummer;namn\n191212121212;Test\n", encoding="utf-8")
    _pay(demo_db)
    before = dump(demo_db)
    with pytest.raises(Refused) as refused:
        restore.restore(str(demo_db), bad)
    message = str(refused.value)
    assert "kan inte återställas" in message and "Ingenting har ändrats" in message
    # in Swedish, not SQLite's words, and not a backup's message ("ingen säkerhetskopia gjordes")
    assert not any(w in message for w in ("malformed", "not a database", "disk image", "säkerhetskopia gjordes"))
    assert dump(demo_db) == before
    assert not (demo_db.parent / "backups").exists() or not any(
        p.name.startswith("demo-fore-aterstallning") for p in (demo_db.parent / "backups").iterdir())
    assert not [p for p in demo_db.parent.iterdir() if "aterstalls" in p.name]  # no work files left


def test_a_backup_with_a_tampered_log_is_refused(demo_db, tmp_path):
    copy = backups.backup_file(str(demo_db), out=tmp_path / "kopia.sqlite")
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE payments SET amount_ore = 1 WHERE id = (SELECT min(id) FROM payments)")
    conn.commit()
    conn.close()
    before = dump(demo_db)
    with pytest.raises(Refused, match="säkerhetskopians logg har ändrats – Inbetalning .* har ändrats"):
        restore.restore(str(demo_db), copy)
    assert dump(demo_db) == before


def test_a_file_from_a_newer_program_or_another_program_is_refused(demo_db, tmp_path):
    newer = backups.backup_file(str(demo_db), out=tmp_path / "nyare.sqlite")
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(Refused, match="nyare version av programmet"):
        restore.restore(str(demo_db), newer)
    other = tmp_path / "annan.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(Refused, match="ingen databas från Bostadsinkasso"):
        restore.restore(str(demo_db), other)


def test_a_backup_from_an_older_schema_is_brought_up_to_date(tmp_path):
    old = tmp_path / "gammal.sqlite"
    engine = db.create_engine(old)
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO associations (id, name, orgnr, address, postcode, city, bankgiro, email, phone, contact_name, municipality,"
            " social_services_name, social_services_address, social_services_postcode, social_services_city, reminder_fee_agreed, created_at)"
            " VALUES (1, 'Brf Gamla', '7699999996', '', '', '', '55555551', '', '', '', '', '', '', '', '', 0, '2026-01-02 00:00:00')"))
    engine.dispose()
    target = tmp_path / "ny" / "databas.sqlite"
    result = restore.restore(str(target), old)
    assert result.previous_copy is None and result.revision == "0002"
    assert _mode(target) == 0o600
    ctx = open_database(str(target), daily_backup=False)
    assert migrate.current_revision(ctx.engine) == migrate.head_revision()
    ctx.close()


def test_a_damaged_database_can_be_replaced_and_its_bytes_are_kept(demo_db, tmp_path):
    good = backups.backup_file(str(demo_db), out=tmp_path / "kopia.sqlite")
    original = dump(good)
    _corrupt(demo_db)
    damaged_bytes = demo_db.read_bytes()
    result = restore.restore(str(demo_db), good)
    assert dump(demo_db) == original
    assert result.previous_copy.read_bytes() == damaged_bytes
    assert backups.integrity(demo_db) == "ok"


def test_restore_is_refused_while_another_program_holds_the_database(demo_db, tmp_path):
    copy = backups.backup_file(str(demo_db), out=tmp_path / "kopia.sqlite")
    lock = instance_lock.acquire(str(demo_db))
    try:
        with pytest.raises(Refused, match="öppen i Bostadsinkasso"):
            restore.restore(str(demo_db), copy)
    finally:
        lock.release()


def test_a_server_database_is_backed_up_with_the_servers_tools():
    with pytest.raises(Refused, match="pg_dump"):
        backups.backup_file("postgresql+psycopg://kassor@db.example/brf")
    with pytest.raises(Refused, match="pg_restore"):
        restore.restore("postgresql+psycopg://kassor@db.example/brf", Path(__file__))


def test_database_wal_backups_and_folder_are_private_to_the_owner(demo_db, tmp_path):
    ctx = open_database(str(demo_db))  # the day's backup is made on opening
    with ctx.reading() as session:
        case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
    held = sqlite3.connect(demo_db)  # a reader keeps the WAL and SHM files in place
    held.execute("SELECT count(*) FROM cases").fetchone()
    payments.register_payment(ctx, case_id, 100, date(2026, 11, 30), DEMO_AS_OF)
    wal, shm = Path(f"{demo_db}-wal"), Path(f"{demo_db}-shm")
    assert wal.exists() and shm.exists()
    assert (_mode(demo_db), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
    held.close()
    folder = demo_db.parent / "backups"
    assert _mode(folder) == 0o700
    daily = backups.list_backups(folder, "demo")
    assert [b.kind for b in daily] == [backups.DAILY]
    assert _mode(daily[0].path) == 0o600
    out = backups.make_backup(ctx, out=tmp_path / "ut.sqlite")
    assert _mode(out) == 0o600
    ctx.close()


def test_the_days_backup_is_made_once_and_goes_to_the_configured_folder(demo_db, tmp_path):
    ctx = open_database(str(demo_db))
    settings_service.set_value(ctx, "backup_folder", str(tmp_path / "synkad"), DEMO_AS_OF)
    ctx.close()
    for _ in range(3):
        open_database(str(demo_db)).close()
    synced = backups.list_backups(tmp_path / "synkad", "demo")
    assert [b.kind for b in synced] == [backups.DAILY]
    assert len(backups.list_backups(demo_db.parent / "backups", "demo")) == 1  # the first opening, before the setting


def test_an_import_is_preceded_by_a_backup(demo_db):
    ctx = open_database(str(demo_db), daily_backup=False)
    csv = ("personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp\n"
           "194408139089;Test Testsson;Solgläntevägen 9;123 45;Lindköping;1999;bostadsratt;A-2027-01;2027-01-01;2027-01-31;2026-12-31;4123,00\n")
    before = dump(demo_db)
    claims_import.import_claims(ctx, csv.encode("utf-8"))
    ctx.close()
    copies = [b for b in backups.list_backups(demo_db.parent / "backups", "demo") if b.kind == backups.BEFORE_IMPORT]
    assert len(copies) == 1 and dump(copies[0].path) == before


def _touch(folder: Path, name: str) -> None:
    (folder / name).write_bytes(b"")


def test_rotation_keeps_14_days_12_months_and_never_a_manual_copy(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = date(2025, 1, 1)
    days = [start + timedelta(days=n) for n in range(0, 700, 1)]  # 2025-01-01 .. 2026-12-01 every day
    for day in days:
        _touch(folder, f"demo-daglig-{day.isoformat()}.sqlite")
    for n in range(20):
        _touch(folder, f"demo-fore-import-{(datetime(2026, 11, 1, 8) + timedelta(hours=n)):%Y%m%d-%H%M%S}.sqlite")
    _touch(folder, "demo-manuell-20250105-101010.sqlite")
    _touch(folder, "annan-daglig-2025-01-01.sqlite")  # another database's copies are left alone
    _touch(folder, "anteckningar.txt")
    backups.rotate(folder, "demo")
    left = {b.path.name for b in backups.list_backups(folder, "demo")}
    daily = sorted(n for n in left if "-daglig-" in n)
    last = days[-1]
    newest = {f"demo-daglig-{(last - timedelta(days=n)).isoformat()}.sqlite" for n in range(14)}
    assert last == date(2026, 12, 1)
    firsts = {f"demo-daglig-{date(2026, month, 1).isoformat()}.sqlite" for month in range(1, 13)}  # the 12 latest months
    assert set(daily) == newest | firsts
    assert len([n for n in left if "fore-import" in n]) == 14
    assert "demo-manuell-20250105-101010.sqlite" in left
    assert (folder / "annan-daglig-2025-01-01.sqlite").exists() and (folder / "anteckningar.txt").exists()
