"""Alembic migrations run from code: upgrade an opened database to the current schema."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

from app.persistence import server

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()


def is_from_newer_program(engine: Engine) -> bool:
    """The database was migrated by a newer version of the program (a colleague updated first)."""
    current = current_revision(engine)
    return current is not None and not _known(current)


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    # On a server two programs may start at once: the write lock lets one migrate, the other then
    # finds the schema current (PostgreSQL's DDL is transactional, so a failure leaves nothing half done).
    with engine.begin() as conn:
        server.lock_connection_for_writing(conn)
        command.upgrade(alembic_config(conn), revision)


def drop_schema(engine: Engine) -> None:
    """Remove every table of the program (an unfinished demo on a server, which cannot be deleted as a file)."""
    from app.persistence.models import Base

    with engine.begin() as conn:
        server.lock_connection_for_writing(conn)
        Base.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
