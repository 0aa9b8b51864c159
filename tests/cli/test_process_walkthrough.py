"""A hyresrätt case driven through the whole process on the command line, as a treasurer would.

Dates (2026): rent for March is due Friday 27 February (1 March is a Sunday, JB 12:20). The demand
goes out Tuesday 10 March; P = 18 March (8 days; also the 4th vardag after presumed receipt).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main
from tests.cli.test_cli_contract import fingerprint

CSV = (
    "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp;rum;kvm\n"
    "199006022397;Test Testsson;Exempelgatan 3;123 45;Lindköping;1203;hyresratt;A-2026-03-1203;2026-03-01;2026-03-31;2026-02-27;6200,00;2;54\n"
)


def cli(capsys, db: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def show(capsys, db: Path, as_of: str) -> dict:
    code, out, err = cli(capsys, db, "case", "show", "1", "--as-of", as_of, "--json")
    assert code == 0, err
    return json.loads(out)


def due(capsys, db: Path, as_of: str) -> set[str]:
    code, out, _ = cli(capsys, db, "due", "--as-of", as_of, "--json")
    assert code == 0
    return {row["action"] for row in json.loads(out)}


def event(capsys, db: Path, kind: str, on: str, *extra: str) -> tuple[int, str]:
    code, _, err = cli(capsys, db, "case", "event", "1", kind, "--date", on, "--as-of", on, *extra)
    return code, err


@pytest.fixture
def db(capsys, tmp_path) -> Path:
    target = tmp_path / "walk.sqlite"
    assert cli(capsys, target, "init", "--name", "Brf Test", "--orgnr", "769999-9996", "--bankgiro", "5555-5551",
               "--municipality", "Lindköpings kommun")[0] == 0
    csv = tmp_path / "avier.csv"
    csv.write_text(CSV, encoding="utf-8")
    code, out, err = cli(capsys, target, "import-claims", str(csv), "--json")
    assert code == 0, err
    assert json.loads(out)["claims"] == 1
    code, out, err = cli(capsys, target, "case", "open", "--unit", "1203", "--as-of", "2026-03-09", "--json")
    assert code == 0, err and json.loads(out) == {"case_id": 1}
    return target


def refused(capsys, db: Path, kind: str, on: str, *extra: str, says: str) -> None:
    before = fingerprint(db)
    code, err = event(capsys, db, kind, on, *extra)
    assert code == 1, f"{kind} {on} should be refused"
    assert says in err
    assert fingerprint(db) == before


def test_whole_process_for_a_rented_home(capsys, db):
    assert show(capsys, db, "2026-03-09")["stage"] == "ny"
    assert "send-demand" in due(capsys, db, "2026-03-09")
    refused(capsys, db, "filed", "2026-03-09", says="inkassolagen")  # no legal step before a demand (IkL 6 §)

    assert event(capsys, db, "demand-sent", "2026-03-10", "--method", "post") == (0, "")
    case = show(capsys, db, "2026-03-10")
    assert case["stage"] == "inkassokrav"
    assert case["deadlines"]["payment_deadline"] == "2026-03-18"
    assert case["balance"]["fees_ore"] == 18000  # inkassoavgift, lag 1981:739 4 §
    refused(capsys, db, "filed", "2026-03-18", says="6 §")  # the deadline has not passed

    case = show(capsys, db, "2026-03-19")
    assert case["stage"] == "bedomning"
    assert {"score", "file-application"} <= {a["action"] for a in case["due_actions"]}
    before = fingerprint(db)
    code, _, err = cli(capsys, db, "case", "event", "1", "filed", "--date", "2026-04-30", "--as-of", "2026-03-19")
    assert code == 1 and "framtid" in err.lower() and fingerprint(db) == before  # a date after today is refused
    assert event(capsys, db, "filed", "2026-03-23")[0] == 0
    assert event(capsys, db, "social-notified", "2026-03-23")[0] == 0
    assert show(capsys, db, "2026-03-23")["stage"] == "ansokan"
    refused(capsys, db, "board-decision", "2026-03-24", "--decision", "yes", says="")

    assert event(capsys, db, "served", "2026-04-14", "--method", "stamningsman")[0] == 0
    case = show(capsys, db, "2026-04-14")
    assert case["stage"] == "atervinningsfrist"
    # JB 12:44: three weeks from when both service (14 April) and the social notice (23 March) are done
    assert case["deadlines"]["recovery_period_end"] == "2026-05-05"
    assert case["deadlines"]["earliest_eviction_decision"] == "2026-05-08"  # the 3rd vardag after

    case = show(capsys, db, "2026-05-06")
    assert case["stage"] == "beslut"
    assert "board-decision" in {a["action"] for a in case["due_actions"]}
    assert event(capsys, db, "board-decision", "2026-05-06", "--decision", "yes", "--minutes", "§ 4")[0] == 0
    assert "request-enforcement" in due(capsys, db, "2026-05-06")
    assert event(capsys, db, "enforcement-requested", "2026-05-07")[0] == 0
    assert show(capsys, db, "2026-05-07")["stage"] == "verkstallighet"
    assert event(capsys, db, "evicted", "2026-06-10")[0] == 0
    case = show(capsys, db, "2026-06-10")
    assert case["stage"] == "efterbevakning" and case["balance"]["total_ore"] > 0
    assert [e["kind"] for e in case["events"]] == [
        "demand-sent", "filed", "social-notified", "served", "board-decision", "enforcement-requested", "evicted",
    ]


def test_payment_within_the_recovery_period_asks_to_withdraw_the_eviction(capsys, db):
    for kind, on in (("demand-sent", "2026-03-10"), ("filed", "2026-03-23"), ("social-notified", "2026-03-23"), ("served", "2026-04-14")):
        assert event(capsys, db, kind, on)[0] == 0
    code, _, err = cli(capsys, db, "pay", "1", "6200", "--date", "2026-04-30", "--as-of", "2026-04-30")
    assert code == 0, err
    case = show(capsys, db, "2026-05-06")
    assert case["stage"] != "beslut"  # recovered: the board is not asked
    assert "withdraw-eviction" in {a["action"] for a in case["due_actions"]}
    assert case["balance"]["capital_ore"] == 0 and case["balance"]["total_ore"] > 0  # costs and interest remain


def test_pay_refuses_bad_amounts_and_future_dates(capsys, db):
    before = fingerprint(db)
    assert cli(capsys, db, "pay", "1", "12,345", "--date", "2026-03-10", "--as-of", "2026-03-10")[0] == 1
    assert cli(capsys, db, "pay", "1", "100", "--date", "2026-03-11", "--as-of", "2026-03-10")[0] == 1
    assert fingerprint(db) == before
