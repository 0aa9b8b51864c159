"""Opening a database: a SQLite file (WAL, foreign keys on every connection) or a SQLAlchemy URL."""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000


def is_url(target: str) -> bool:
    return "://" in target


def database_url(target: str | Path) -> sa.URL:
    """A file path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL."""
    text = str(target)
    if is_url(text):
        return make_url(text)
    return sa.URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def database_exists(target: str | Path) -> bool:
    url = database_url(target)
    if url.get_backend_name() != "sqlite":
        return True  # a server database is created by its administrator
    return url.database not in (None, "", ":memory:") and Path(url.database).is_file()


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    return Path(engine.url.database)


def create_engine(target: str | Path, read_only: bool = False) -> Engine:
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, read_only)
    return sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)


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
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # BEGIN IMMEDIATE takes the write lock up front: no deadlock between two writers.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if not read_only else "BEGIN")

    return engine


def _connect_ro(uri: str):  # noqa: ANN202
    import sqlite3

    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _create_private_file(path: Path) -> None:
    """Create the database file readable by the owner only (it holds personal data about debts)."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
