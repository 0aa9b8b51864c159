"""Test set-up: Qt offscreen (set before anything imports Qt), a fixed as_of, temp databases."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/Stockholm")

from datetime import date  # noqa: E402

import pytest  # noqa: E402

AS_OF = date(2026, 12, 1)


@pytest.fixture
def as_of() -> date:
    return AS_OF


# --- Both databases: SQLite files and a throwaway PostgreSQL server ----------------------------
# `.ci/run` starts the server and sets BOSTADSINKASSO_TEST_PG; without it (a local `make test`)
# the PostgreSQL half of these fixtures is skipped, with the reason in pytest's summary.
PG_ENV = "BOSTADSINKASSO_TEST_PG"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
_pg_numbers = iter(range(1, 1_000_000))


@pytest.fixture(scope="session")
def pg_server():
    """An AUTOCOMMIT engine on the test server's own database, for CREATE/DROP DATABASE."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} är inte satt: ingen PostgreSQL-server att testa mot (.ci/run startar en)")
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    yield engine
    engine.dispose()


def create_pg_database(server, template: str | None = None) -> str:
    """A new database on the test server (optionally a copy of `template`); returns its URL."""
    name = f"bi_test_{os.getpid()}_{next(_pg_numbers)}"
    with server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return server.url.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(server, url: str) -> None:
    """Drop a test database. FORCE ends the test's own leftover sessions; it may not end the server's
    (an autovacuum worker belongs to the superuser), which a plain DROP waits out instead."""
    import time

    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    for attempt in range(20):
        statement = f'DROP DATABASE IF EXISTS "{name}"' + (" WITH (FORCE)" if attempt % 2 == 0 else "")
        try:
            with server.connect() as connection:
                connection.exec_driver_sql(statement)
            return
        except sa.exc.DBAPIError:
            time.sleep(0.25)
    raise RuntimeError(f"could not drop the test database {name}")


@pytest.fixture
def pg_target(pg_server):
    """A fresh, empty database on the PostgreSQL test server, dropped after the test."""
    url = create_pg_database(pg_server)
    yield url
    drop_pg_database(pg_server, url)


@pytest.fixture(params=BACKENDS)
def database_target(request, tmp_path) -> str:
    """Where a new database goes: a SQLite file, or a fresh database on the PostgreSQL test server."""
    if request.param == "sqlite":
        return str(tmp_path / "bostadsinkasso.sqlite")
    return request.getfixturevalue("pg_target")


TEST_ASSOCIATION = dict(name="Brf Testgården", orgnr="769999-9996", bankgiro="5555-5551", municipality="Lindköpings kommun")


@pytest.fixture
def database_context(database_target):
    """An AppContext on a new database with one association: SQLite and PostgreSQL alike."""
    from app.services import association

    ctx = association.create(database_target, association.AssociationInfo(**TEST_ASSOCIATION))
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def demo_sqlite_file(tmp_path_factory):
    from app.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo-any") / "demo.sqlite"
    create_demo(str(path), AS_OF).close()
    return path


@pytest.fixture(scope="session")
def pg_demo_template(pg_server):
    """The demo association built once on the server; each test gets a copy (CREATE DATABASE … TEMPLATE)."""
    from sqlalchemy.engine import make_url

    from app.services.demo import create_demo

    url = create_pg_database(pg_server)
    create_demo(url, AS_OF).close()  # closing disposes the pool: a template must have no connections
    yield make_url(url).database
    drop_pg_database(pg_server, url)


@pytest.fixture(params=BACKENDS)
def demo_target(request, tmp_path) -> str:
    """A private copy of the demo association (as of 2026-12-01) on SQLite or PostgreSQL."""
    import shutil

    if request.param == "sqlite":
        path = tmp_path / "demo.sqlite"
        shutil.copy(request.getfixturevalue("demo_sqlite_file"), path)
        return str(path)
    server = request.getfixturevalue("pg_server")
    url = create_pg_database(server, template=request.getfixturevalue("pg_demo_template"))
    request.addfinalizer(lambda: drop_pg_database(server, url))
    return url
