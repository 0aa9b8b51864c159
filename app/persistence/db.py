"""Opening a database: a SQLite file (WAL, foreign keys on every connection) or a SQLAlchemy URL."""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from app.domain.problem import Refused
from app.persistence import server

SQLITE_BUSY_TIMEOUT_MS = 5000
READING = "bostadsinkasso_reading"  # execution option: this transaction only reads


def is_url(target: str) -> bool:
    return "://" in target


def database_url(target: str | Path) -> sa.URL:
    """A file path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL."""
    text = str(target)
    if is_url(text):
        try:
            return server.normalise(make_url(text))
        except (sa.exc.ArgumentError, ValueError):
            # not `from` the error: its text repeats the whole address, password included
            raise Refused(
                "Databasadressen går inte att tolka. Skriv den som postgresql+psycopg://användare@server/databas "
                "(lösenordet hör hemma i ~/.pgpass eller PGPASSWORD)."
            ) from None
    return sa.URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def is_server_target(target: str | Path) -> bool:
    return is_url(str(target)) and server.is_server(database_url(target))


def display_target(target: str | Path) -> str:
    """The database as it may be printed or logged: a path, or a URL with the password hidden."""
    return server.shown(database_url(target)) if is_url(str(target)) else str(target)


def database_exists(target: str | Path) -> bool:
    """SQLite: the file exists. A server: it answers and its database already holds the program's tables
    (the database itself is created by the server's administrator; `init` creates the tables)."""
    url = database_url(target)
    if server.is_server(url):
        return server.has_schema(url)
    return url.database not in (None, "", ":memory:") and Path(url.database).is_file()


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    return Path(engine.url.database)


def create_engine(target: str | Path, read_only: bool = False) -> Engine:
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, read_only)
    return server.create_engine(url)


def _sqlite_engine(url: sa.URL, read_only: bool) -> Engine:
    path = url.database
    if read_only:
        uri = f"file:{path}?mode=ro"
        engine = sa.create_engine("sqlite+pysqlite://", creator=lambda: _connect_ro(uri), hide_parameters=True)
    else:
        if path and path != ":memory:":
            _create_private_file(Path(path))
        engine = sa.create_engine(url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Python's sqlite3 opens transactions lazily; let SQLAlchemy emit BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not read_only:
            _use_wal(cursor)
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # BEGIN IMMEDIATE takes the write lock up front: no deadlock between two writers. A read
        # begins deferred: in WAL mode it sees one snapshot from its first SELECT and blocks no writer.
        reading = read_only or conn.get_execution_options().get(READING, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def _connect_ro(uri: str):  # noqa: ANN202
    import sqlite3

    return sqlite3.connect(uri, uri=True, check_same_thread=False)


WAL_SWITCH_WAIT_S = 30.0


def _use_wal(cursor) -> None:  # noqa: ANN001
    """Put the file in WAL mode (it stays so). Switching needs the file to itself, and SQLite answers
    'locked' at once rather than waiting while another program works in it: so wait here, briefly
    retrying. A file already in WAL mode needs no switch."""
    import sqlite3
    import time

    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + WAL_SWITCH_WAIT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _create_private_file(path: Path) -> None:
    """Create the database file readable by the owner only (it holds personal data about debts),
    already in WAL mode, so programs opening it at once never have to switch it."""
    import sqlite3

    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def begin_reading(session: Session) -> None:
    """Start a session's transaction as a read: one committed state throughout, no writer kept waiting.

    SQLite: a deferred BEGIN (WAL readers see the snapshot of their first read). PostgreSQL:
    REPEATABLE READ, whose snapshot is taken at the first statement and never fails a read.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    else:
        session.connection(execution_options={READING: True})


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)



def fold_wal(path: Path) -> None:
    """Write everything in a SQLite file's WAL into the file itself, so the file alone is complete
    (before it is moved or copied). Without this, rows still in `<file>-wal` would be left behind."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
