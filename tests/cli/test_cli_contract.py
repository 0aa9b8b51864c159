"""The command line as CLI.md specifies it: exit codes, JSON fields, refusals that change nothing."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from app.cli.main import main
from app.services.demo import create_demo

AS_OF = "2026-12-01"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    create_demo(str(path), date(2026, 12, 1)).close()
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path) -> Path:
    target = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, target)
    return target


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fingerprint(path: Path) -> str:
    """The database's logical content (a dump), to prove a refused command changed nothing."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_demo_lists_thirty_cases_covering_every_stage(capsys, demo_db):
    code, out, _ = run(capsys, "--db", str(demo_db), "cases", "--as-of", AS_OF, "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) >= 30
    assert {r["stage"] for r in rows} == {
        "ny", "inkassokrav", "bedomning", "ansokan", "delgivning", "atervinningsfrist", "beslut", "verkstallighet",
        "efterbevakning", "avslutad",
    }
    assert {s for r in rows for s in r["side_states"]} == {"bestridd", "amorteringsplan", "tvist"}
    assert all(set(r) >= {"case_id", "unit", "debtor", "stage", "total_ore"} for r in rows)


def test_a_missing_database_is_refused_and_not_created(capsys, tmp_path):
    target = tmp_path / "none.sqlite"
    code, out, err = run(capsys, "--db", str(target), "cases")
    assert code == 1
    assert "Ingen databas finns" in err and out == ""
    assert not target.exists()


def test_usage_errors_exit_2_in_swedish(capsys, demo_db):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo_db), "case", "event", "1", "no-such-kind", "--date", AS_OF])
    assert exit_info.value.code == 2
    assert "Fel användning" in capsys.readouterr().err


def test_init_refuses_an_invalid_orgnr_and_creates_nothing(capsys, tmp_path):
    target = tmp_path / "new.sqlite"
    code, _, err = run(capsys, "--db", str(target), "init", "--name", "Brf Test", "--orgnr", "769999-9997", "--bankgiro", "5555-5551")
    assert code == 1 and "organisationsnummer" in err
    assert not target.exists()
    code, out, _ = run(capsys, "--db", str(target), "init", "--name", "Brf Test", "--orgnr", "769999-9996", "--bankgiro", "5555-5551")
    assert code == 0 and target.exists()
    code, out, _ = run(capsys, "--db", str(target), "settings", "show", "--json")
    assert json.loads(out)["process.payment_days"] == "8"


def test_settings_outside_the_law_are_refused(capsys, demo_db):
    before = fingerprint(demo_db)
    code, _, err = run(capsys, "--db", str(demo_db), "settings", "set", "process.payment_days", "5")
    assert code == 1 and "inkassolagen" in err
    code, _, err = run(capsys, "--db", str(demo_db), "settings", "set", "fee.inkassokrav", "200")
    assert code == 1 and "180,00" in err
    assert fingerprint(demo_db) == before
    code, _, _ = run(capsys, "--db", str(demo_db), "settings", "set", "fee.inkassokrav", "150")
    assert code == 0
    code, out, _ = run(capsys, "--db", str(demo_db), "settings", "show", "--json")
    assert json.loads(out)["fee.inkassokrav"] == "15000"


def test_case_show_json_holds_the_contract_fields(capsys, demo_db):
    code, out, _ = run(capsys, "--db", str(demo_db), "case", "show", "17", "--as-of", AS_OF, "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) >= {"case_id", "unit", "tenure", "stage", "side_states", "ocr", "balance", "deadlines", "due_actions", "events"}
    assert set(doc["balance"]) >= {"capital_ore", "interest_ore", "fees_ore", "total_ore"}
    assert set(doc["deadlines"]) == {"payment_deadline", "recovery_period_end", "earliest_eviction_decision", "limitation_date"}
    assert doc["stage"] == "atervinningsfrist" and doc["deadlines"]["recovery_period_end"] is not None
    assert [e["kind"] for e in doc["events"]][:2] == ["demand-sent", "filed"]


def test_gui_screenshot_writes_a_png(demo_db, tmp_path):
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "ui.entry", "--db", str(demo_db), "gui", "--as-of", AS_OF, "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_reports_board_masked_and_case_file(capsys, demo_db, tmp_path):
    from pypdf import PdfReader

    board, masked, case = tmp_path / "board.pdf", tmp_path / "masked.pdf", tmp_path / "case.pdf"
    assert run(capsys, "--db", str(demo_db), "report", "board", "--out", str(board), "--as-of", AS_OF)[0] == 0
    assert run(capsys, "--db", str(demo_db), "report", "board", "--masked", "--out", str(masked), "--as-of", AS_OF)[0] == 0
    assert run(capsys, "--db", str(demo_db), "report", "case", "17", "--out", str(case), "--as-of", AS_OF)[0] == 0

    def text(path):
        return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)

    code, out, _ = run(capsys, "--db", str(demo_db), "cases", "--as-of", AS_OF, "--json")
    open_names = [r["debtor"] for r in json.loads(out) if r["stage"] != "avslutad"]
    assert all(name in text(board) for name in open_names)
    assert not any(name in text(masked) for name in open_names)
    assert "Tidslinje" in text(case) and "Stämningsman" in text(case)


def test_letters_due_writes_pdfs_and_a_merged_file(capsys, demo_db, tmp_path):
    code, out, err = run(capsys, "--db", str(demo_db), "letters", "--due", "--out", str(tmp_path), "--as-of", AS_OF)
    assert code == 0 and err == ""
    assert list(tmp_path.glob("arende-*.pdf")) and (tmp_path / f"att-skriva-ut-{AS_OF}.pdf").exists()


@pytest.mark.parametrize("number", ["0", "-3", "99999999999999999999", "١٢", "abc"])
def test_a_case_number_outside_what_a_database_holds_is_wrong_usage(capsys, demo_db, number):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(demo_db), "case", "show", number, "--json"])
    assert exit_info.value.code == 2
    assert "ogiltigt ärendenummer" in capsys.readouterr().err


def test_demo_with_a_number_of_cases_keeps_every_one_and_leaves_no_side_files(capsys, tmp_path):
    target = tmp_path / "many.sqlite"
    code, out, _ = run(capsys, "--db", str(target), "demo", "--as-of", AS_OF, "--cases", "45")
    assert code == 0
    code, out, _ = run(capsys, "--db", str(target), "cases", "--as-of", AS_OF, "--json")
    assert len(json.loads(out)) == 45
    assert sorted(p.name for p in tmp_path.iterdir() if "bygger" in p.name) == []
