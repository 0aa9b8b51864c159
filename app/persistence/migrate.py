"""Alembic migrations run from code: upgrade an opened database to the current schema.

Alembic itself (a tenth of a second to import) is loaded only to migrate: checking whether a
database is current, which every start does, reads the revision table and the migration files' own
`revision` / `down_revision` lines.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from app.persistence import server
from app.persistence.db import SQLITE_BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"  # Alembic's default, which env.py keeps


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _revisions() -> dict[str, tuple[str, ...]]:
    """{revision: the revisions it follows}, read from versions/*.py without importing them."""
    graph = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value is not None:
                values[target.id] = ast.literal_eval(node.value)
        if "revision" in values:
            down = values.get("down_revision")
            graph[values["revision"]] = tuple(down) if isinstance(down, (tuple, list)) else ((down,) if down else ())
    return graph


def head_revision() -> str:
    graph = _revisions()
    followed = {down for downs in graph.values() for down in downs}
    heads = sorted(set(graph) - followed)
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have one head, found {heads}")
    return heads[0]


def is_known_revision(revision: str) -> bool:
    """Whether this program's migrations hold the revision (if not, a newer program wrote the database)."""
    return revision in _revisions()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(rows) > 1:  # as Alembic's MigrationContext: one line of history only
        raise RuntimeError(f"{VERSION_TABLE} has several revisions: {rows}")
    return rows[0] if rows else None


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def is_from_newer_program(engine: Engine) -> bool:
    """The database was migrated by a newer version of the program (a colleague updated first)."""
    current = current_revision(engine)
    return current is not None and not is_known_revision(current)


MIGRATION_WAIT_MS = 120_000


def upgrade(engine: Engine, revision: str = "head") -> None:
    # On a server two programs may start at once: the write lock lets one migrate, the other then
    # finds the schema current (PostgreSQL's DDL is transactional, so a failure leaves nothing half done).
    from alembic import command

    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # another program may be migrating the same file right now: wait for it, however slow
            conn.connection.driver_connection.execute(f"PRAGMA busy_timeout={MIGRATION_WAIT_MS}")
        with conn.begin():
            server.lock_connection_for_writing(conn)
            command.upgrade(alembic_config(conn), revision)
        if conn.dialect.name == "sqlite":
            conn.connection.driver_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def drop_schema(engine: Engine) -> None:
    """Remove every table of the program (an unfinished demo on a server, which cannot be deleted as a file)."""
    from app.persistence.models import Base

    with engine.begin() as conn:
        server.lock_connection_for_writing(conn)
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
