"""A server database named by URL: Swedish refusals with exit 1 when it cannot be used, and the password
never printed, logged or stored."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.cli.main import main
from app.persistence import db

SECRET = "Hemligt-Lösen-4711"


def run(capsys, target: str, *argv: str) -> tuple[int, str]:
    code = main(["--db", target, *argv])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_url_is_shown_with_the_password_hidden():
    assert db.display_target(f"postgresql+psycopg://anna:{SECRET}@db.example/brf_solglantan") == (
        "postgresql+psycopg://anna:***@db.example/brf_solglantan"
    )
    assert db.display_target("/home/anna/brf.sqlite") == "/home/anna/brf.sqlite"
    assert db.database_url("postgresql://anna@db.example/brf").drivername == "postgresql+psycopg"  # the shipped driver


def test_a_server_that_does_not_answer_is_refused_in_swedish(capsys):
    code, said = run(capsys, f"postgresql+psycopg://anna:{SECRET}@127.0.0.1:9/brf", "cases")
    assert code == 1
    assert "Det gick inte att ansluta till databasservern 127.0.0.1:9" in said
    assert "Traceback" not in said and SECRET not in said and "anna:***@" in said


def test_an_address_that_cannot_be_read_is_refused_without_repeating_it(capsys):
    code, said = run(capsys, f"postgresql+psycopg://anna:{SECRET}@db.example:port/brf", "cases")
    assert code == 1 and "Databasadressen går inte att tolka" in said and SECRET not in said


def test_an_unsupported_database_kind_is_refused(capsys):
    code, said = run(capsys, "mysql://anna@db.example/brf", "cases")
    assert code == 1 and "stöds inte" in said


@pytest.mark.postgres
def test_a_missing_database_is_named_with_who_creates_it(capsys, pg_server):
    url = pg_server.url.set(database="brf_finns_inte").render_as_string(hide_password=False)
    code, said = run(capsys, url, "cases")
    assert code == 1
    assert "Databasen ”brf_finns_inte” finns inte på servern" in said and "createdb" in said


@pytest.mark.postgres
def test_a_wrong_password_is_refused_without_showing_it(capsys, pg_server, tmp_path):
    url = pg_server.url.set(password=SECRET).render_as_string(hide_password=False)
    try:
        sa.create_engine(url).connect().close()
    except sa.exc.OperationalError:
        pass
    else:
        pytest.skip("the test server trusts every login (no password check to test)")
    env = {**os.environ, "BOSTADSINKASSO_LOG_DIR": str(tmp_path / "log"), "PGPASSFILE": str(tmp_path / "none")}
    result = subprocess.run([sys.executable, "-m", "ui.entry", "--db", url, "cases"], capture_output=True, text=True,
                            env=env, timeout=60, cwd=Path(__file__).parents[2])
    assert result.returncode == 1
    assert "godtog inte inloggningen" in result.stderr and "~/.pgpass" in result.stderr
    logged = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "log").glob("*.log"))
    assert SECRET not in result.stdout + result.stderr + logged
    assert "database server not reachable" in logged  # it was logged – without the password


@pytest.mark.postgres
def test_an_empty_server_database_is_refused_until_init_creates_the_association(capsys, pg_target):
    code, said = run(capsys, pg_target, "cases")
    assert code == 1 and "finns på servern men är tom" in said
    code, said = run(capsys, pg_target, "init", "--name", "Brf Servern", "--orgnr", "769999-9996", "--bankgiro", "5555-5551")
    assert code == 0 and "Databasen för Brf Servern skapades" in said
    code, said = run(capsys, pg_target, "init", "--name", "Brf Igen", "--orgnr", "769999-9996", "--bankgiro", "5555-5551")
    assert code == 1 and "Det finns redan en databas" in said
    assert run(capsys, pg_target, "cases")[0] == 0


@pytest.mark.postgres
def test_backup_on_a_server_points_to_pg_dump_instead_of_pretending(capsys, pg_target):
    assert run(capsys, pg_target, "init", "--name", "Brf Servern", "--orgnr", "769999-9996", "--bankgiro", "5555-5551")[0] == 0
    code, said = run(capsys, pg_target, "backup")
    assert code == 1 and "pg_dump" in said



@pytest.mark.postgres
def test_a_login_that_may_not_create_tables_is_told_what_to_ask_for(capsys, pg_server, pg_target):
    from sqlalchemy.engine import make_url

    name = make_url(pg_target).database
    with pg_server.connect() as connection:  # e.g. a database the administrator keeps read-only
        connection.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    code, said = run(capsys, pg_target, "init", "--name", "Brf Servern", "--orgnr", "769999-9996", "--bankgiro", "5555-5551")
    assert code == 1 and "får inte skapa eller ändra programmets tabeller" in said and "OWNER TO" in said
    assert "Traceback" not in said
