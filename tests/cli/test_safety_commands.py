"""The data-safety commands as CLI.md names them: backup/restore, audit verify, gdpr extract/purge –
exit codes, Swedish messages, refusals that change nothing, and a log that holds no personal data."""
from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.log_privacy import PLACEHOLDER, RedactingFormatter
from tests.safety import demo_db, demo_master, dump  # noqa: F401 - fixtures


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_then_restore_round_trips_exactly(capsys, demo_db, tmp_path):
    original = dump(demo_db)
    copy = tmp_path / "kopia.sqlite"
    code, out, _ = run(capsys, "--db", str(demo_db), "backup", "--out", str(copy))
    assert code == 0 and str(copy) in out
    assert run(capsys, "--db", str(demo_db), "pay", "1", "500", "--date", "2026-11-30", "--as-of", "2026-12-01")[0] == 0
    assert dump(demo_db) != original
    code, out, err = run(capsys, "--db", str(demo_db), "restore", str(copy))
    assert code == 0, err
    assert "Databasen återställdes från" in out and "Databasen som ersattes finns kvar i" in out
    assert dump(demo_db) == original


def test_backup_without_out_goes_to_the_backup_folder(capsys, demo_db):
    code, out, _ = run(capsys, "--db", str(demo_db), "backup")
    assert code == 0
    written = Path(out.split(": ", 1)[1].strip())
    assert written.parent == demo_db.parent / "backups" and written.name.startswith("demo-manuell-")
    assert dump(written) == dump(demo_db)


def test_restoring_a_corrupt_file_is_refused_and_changes_nothing(capsys, demo_db, tmp_path):
    bad = tmp_path / "trasig.sqlite"
    assert run(capsys, "--db", str(demo_db), "backup", "--out", str(bad))[0] == 0
    data = bytearray(bad.read_bytes())
    data[4096 * 3: 4096 * 3 + 2000] = os.urandom(2000)
    bad.write_bytes(bytes(data))
    before = dump(demo_db)
    code, out, err = run(capsys, "--db", str(demo_db), "restore", str(bad))
    assert code == 1 and out == ""
    assert "kan inte återställas" in err and "Ingenting har ändrats" in err and "Traceback" not in err
    assert dump(demo_db) == before


@pytest.mark.parametrize("damage", ["text", "truncated"])
def test_a_database_file_that_is_not_one_is_refused_in_swedish(capsys, demo_db, tmp_path, damage):
    bad = tmp_path / "fel.sqlite"
    if damage == "text":
        bad.write_text("Objekt;Belopp\n1009;3950\n", encoding="utf-8")  # a spreadsheet saved under the wrong name
        reason = "filen är ingen databas"
    else:
        bad.write_bytes(demo_db.read_bytes()[:20_000])
        reason = "filen är skadad"
    for argv in (("cases",), ("due",), ("audit", "verify")):
        code, out, err = run(capsys, "--db", str(bad), *argv)
        assert code == 1 and out == ""
        assert f"Databasen {bad} kan inte öppnas: {reason}." in err and "oväntat fel" not in err
    code, _out, err = run(capsys, "--db", str(demo_db), "audit", "verify", "--against", str(bad))
    assert code != 0 and f"Säkerhetskopian {bad} kan inte läsas: {reason}." in err


def test_audit_verify_is_quiet_success_on_an_intact_log(capsys, demo_db):
    code, out, err = run(capsys, "--db", str(demo_db), "audit", "verify")
    assert (code, err) == (0, "") and out.startswith("Loggen är oförändrad")
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify", "--json")
    assert code == 0 and json.loads(out)["intact"] is True


def _tamper(path: Path, how: str) -> str:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    pid = conn.execute("SELECT max(id) FROM payments WHERE reverses_payment_id IS NULL").fetchone()[0]
    if how == "edit":
        conn.execute("UPDATE payments SET amount_ore = amount_ore * 10 WHERE id = ?", (pid,))
        expected = f"Inbetalning {pid} har ändrats efter att den registrerades"
    elif how == "insert":
        conn.execute("INSERT INTO events (case_id, kind, occurred_on, note, details, recorded_by, recorded_at)"
                     " VALUES (1, 'served', '2026-11-02', '', '{}', 'x', '2026-11-02 10:00:00')")
        eid = conn.execute("SELECT max(id) FROM events").fetchone()[0]
        expected = f"Händelse {eid} finns inte i loggen"
    else:
        conn.execute("DELETE FROM fees WHERE id = (SELECT min(id) FROM fees)")
        expected = "har tagits bort ur databasen"
    conn.commit()
    conn.close()
    return expected


@pytest.mark.parametrize("how", ["edit", "insert", "delete"])
def test_audit_verify_names_the_first_tampered_entry_and_exits_1(capsys, demo_db, how):
    expected = _tamper(demo_db, how)
    code, out, err = run(capsys, "--db", str(demo_db), "audit", "verify")
    assert code == 1 and out == ""
    assert err.startswith("Loggen har ändrats utanför programmet. Första avvikelsen:") and expected in err
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify", "--json")
    assert code == 1 and json.loads(out)["intact"] is False


def test_a_server_database_is_backed_up_with_its_own_tools(capsys):
    code, out, err = run(capsys, "--db", "postgresql+psycopg://kassor@db.example/brf", "backup")
    assert code == 1 and out == "" and "pg_dump" in err


def test_gdpr_extract_and_purge(capsys, demo_db, tmp_path):
    code, out, err = run(capsys, "--db", str(demo_db), "gdpr", "extract", "191212121212", "--out", str(tmp_path / "utdrag.json"))
    assert code == 0, err
    assert json.loads((tmp_path / "utdrag.json").read_text(encoding="utf-8"))["person"]["personnummer"] == "191212121212"
    assert (tmp_path / "utdrag.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--db", str(demo_db), "gdpr", "extract", "1912121212", "--out", str(tmp_path / "x.json"))
    assert code == 1 and "Ogiltigt personnummer" in err
    before = dump(demo_db)
    code, out, _ = run(capsys, "--db", str(demo_db), "gdpr", "purge", "--as-of", "2040-01-01", "--dry-run", "--json")
    preview = json.loads(out)
    assert code == 0 and preview["executed"] is False and len(preview["cases"]) == 3
    assert dump(demo_db) == before
    code, out, _ = run(capsys, "--db", str(demo_db), "gdpr", "purge", "--as-of", "2040-01-01")
    assert code == 0 and "gallrades" in out
    assert run(capsys, "--db", str(demo_db), "audit", "verify")[0] == 0
    code, out, _ = run(capsys, "--db", str(demo_db), "gdpr", "purge", "--as-of", "2040-01-01")
    assert code == 0 and out.startswith("Ingenting att gallra")


def test_the_formatter_redacts_personnummer_even_in_a_traceback():
    formatter = RedactingFormatter("%(message)s")
    try:
        raise ValueError("personnummer must have 12 digits, got '19121212-121'; other 194408139089 and 990602-2397")
    except ValueError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed for %s", ("201212121212",), sys.exc_info())
    text = formatter.format(record)
    assert "201212121212" not in text and "194408139089" not in text and "990602-2397" not in text
    assert f"failed for {PLACEHOLDER}" in text and f"other {PLACEHOLDER} and {PLACEHOLDER}" in text
    assert "'19121212-121'" in text and "Traceback" in text  # eleven digits are no personnummer: left alone


def _demo_people(path: Path) -> tuple[list[str], list[str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT personnummer, name FROM persons").fetchall()
    conn.close()
    numbers = [r[0] for r in rows if r[0]]
    forms = numbers + [f"{n[:8]}-{n[8:]}" for n in numbers] + [f"{n[2:8]}-{n[8:]}" for n in numbers]
    return forms, [r[1] for r in rows]


@pytest.mark.slow
def test_the_log_holds_no_personnummer_or_names(demo_db, tmp_path):
    logs = tmp_path / "loggar"
    env = {**os.environ, "BOSTADSINKASSO_LOG_DIR": str(logs), "QT_QPA_PLATFORM": "offscreen"}
    commands = [
        ["cases", "--as-of", "2026-12-01", "--json"],
        ["case", "show", "1", "--as-of", "2026-12-01", "--json"],
        ["pay", "1", "250", "--date", "2026-11-30", "--as-of", "2026-12-01"],
        ["gdpr", "extract", "191212121212", "--out", str(tmp_path / "utdrag.json")],
        ["gdpr", "extract", "19121212121", "--out", str(tmp_path / "fel.json")],
        ["gdpr", "purge", "--as-of", "2040-01-01", "--dry-run"],
        ["backup"],
        ["audit", "verify"],
        ["case", "show", "99999999999999999999", "--json"],  # an unexpected error: logged with its traceback
        ["score", "1", "--json"],
    ]
    for argv in commands:
        subprocess.run([sys.executable, "-m", "ui.entry", "--db", str(demo_db), *argv], env=env, capture_output=True, timeout=120)
    text = "\n".join(p.read_text(encoding="utf-8") for p in logs.glob("*.log*"))
    assert "backup (manuell) written" in text  # the log is really written
    numbers, names = _demo_people(demo_db)
    assert not [n for n in numbers if n in text]
    assert not [n for n in names if n in text]


def _rewrite_history(path: Path) -> int:
    """What a knowledgeable forger does: change a payment, then recompute every hash after it."""
    import sqlalchemy as sa

    from app.persistence import audit_chain as chain
    from app.persistence import db

    engine = db.create_engine(path)
    with engine.begin() as conn:
        pid = conn.exec_driver_sql("SELECT min(id) FROM payments").scalar()
        conn.exec_driver_sql("UPDATE payments SET amount_ore = 1 WHERE id = ?", (pid,))
        previous = chain.GENESIS
        for e in conn.execute(sa.select(chain.AUDIT_LOG).order_by(chain.AUDIT_LOG.c.seq)).all():
            content = chain.row_hash(e.table_name, chain.read_row(conn, e.table_name, e.row_id)) \
                if (e.table_name, e.row_id) == ("payments", pid) else e.row_hash
            link = chain.chain_hash(previous, e.seq, e.table_name, e.row_id, e.action, content, e.recorded_by, e.recorded_at)
            conn.execute(sa.update(chain.AUDIT_LOG).where(chain.AUDIT_LOG.c.seq == e.seq).values(row_hash=content, chain_hash=link))
            previous = link
    engine.dispose()
    return pid


def test_a_recomputed_chain_is_caught_by_comparing_with_a_backup(capsys, demo_db, tmp_path):
    copy = tmp_path / "igar.sqlite"
    assert run(capsys, "--db", str(demo_db), "backup", "--out", str(copy))[0] == 0
    code, out, _ = run(capsys, "--db", str(demo_db), "audit", "verify", "--against", str(copy))
    assert code == 0 and "Stämmer med säkerhetskopian igar.sqlite" in out
    _rewrite_history(demo_db)
    assert run(capsys, "--db", str(demo_db), "audit", "verify")[0] == 0  # the chain alone cannot tell
    code, _, err = run(capsys, "--db", str(demo_db), "audit", "verify", "--against", str(copy))
    assert code == 1 and "Loggen stämmer inte med säkerhetskopian. Första avvikelsen: Loggpost" in err
    assert "historiken har skrivits om" in err
