"""The process on PostgreSQL: the command-line walkthrough run with `--db <url>`, and the demo
association read the same way from a server as from a SQLite file (the start-up recalculation)."""
from __future__ import annotations

import inspect
import json

import pytest

import tests.cli.test_process_walkthrough as walkthrough
from app.cli.main import main
from app.persistence import db
from app.persistence.digest import content_digest

pytestmark = pytest.mark.postgres

# Every walkthrough test written against the walkthrough's `db` fixture runs here too, on a server.
WALKTHROUGH = [f for name, f in vars(walkthrough).items()
               if name.startswith("test_") and list(inspect.signature(f).parameters) == ["capsys", "db"]]


def digest(target: str) -> str:
    engine = db.create_engine(target)
    try:
        with engine.connect() as connection:
            return content_digest(connection)
    finally:
        engine.dispose()


@pytest.fixture
def server_db(capsys, pg_target, tmp_path, monkeypatch) -> str:
    """The walkthrough's starting point (association, one imported avi, an open case) on the server."""
    monkeypatch.setattr(walkthrough, "fingerprint", digest)  # its SQLite dump cannot read a server
    assert walkthrough.cli(capsys, pg_target, "init", "--name", "Brf Test", "--orgnr", "769999-9996", "--bankgiro",
                           "5555-5551", "--municipality", "Lindköpings kommun")[0] == 0
    csv = tmp_path / "avier.csv"
    csv.write_text(walkthrough.CSV, encoding="utf-8")
    code, out, err = walkthrough.cli(capsys, pg_target, "import-claims", str(csv), "--json")
    assert code == 0, err
    code, out, err = walkthrough.cli(capsys, pg_target, "case", "open", "--unit", "1203", "--as-of", "2026-03-09", "--json")
    assert code == 0 and json.loads(out) == {"case_id": 1}, err
    return pg_target


def test_the_walkthrough_is_found():
    assert len(WALKTHROUGH) >= 3  # if its fixture is renamed, this twin must follow


@pytest.mark.parametrize("scenario", WALKTHROUGH, ids=lambda f: f.__name__)
def test_walkthrough_on_postgresql(scenario, capsys, server_db):
    scenario(capsys, server_db)


def test_a_refused_event_changes_nothing_on_the_server(capsys, server_db):
    before = digest(server_db)
    code, err = walkthrough.event(capsys, server_db, "filed", "2026-03-09")
    assert code == 1 and "inkassolagen" in err
    assert digest(server_db) == before
    assert walkthrough.event(capsys, server_db, "demand-sent", "2026-03-10", "--method", "post") == (0, "")
    assert digest(server_db) != before  # the digest does see a change


def _everything(capsys, target: str) -> dict:
    def json_of(*argv: str) -> object:
        code = main(["--db", target, *argv])
        out, err = capsys.readouterr()
        assert code == 0, err
        return json.loads(out)

    rows = json_of("cases", "--as-of", "2026-12-01", "--json")
    shown = {r["case_id"]: json_of("case", "show", str(r["case_id"]), "--as-of", "2026-12-01", "--json") for r in rows}
    return {"cases": rows, "due": json_of("due", "--as-of", "2026-12-01", "--days", "30", "--json"), "shown": shown}


def test_the_demo_reads_the_same_from_a_server_as_from_a_file(capsys, demo_sqlite_file, pg_server, pg_demo_template):
    from tests.conftest import create_pg_database, drop_pg_database

    url = create_pg_database(pg_server, template=pg_demo_template)
    try:
        on_server = _everything(capsys, url)
    finally:
        drop_pg_database(pg_server, url)
    in_file = _everything(capsys, str(demo_sqlite_file))
    assert len(on_server["cases"]) >= 30
    assert {r["stage"] for r in on_server["cases"]} == {
        "ny", "inkassokrav", "bedomning", "ansokan", "delgivning", "atervinningsfrist", "beslut", "verkstallighet",
        "efterbevakning", "avslutad",
    }
    assert on_server == in_file
