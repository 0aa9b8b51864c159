"""The application context: one database, its session factory and who is working.

Services take the context and own their transactions: `with ctx.transaction() as session:` is one
user action – committed whole or not at all.
"""
from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.domain.problem import Refused
from app.persistence import db, migrate
from app.persistence.backup import backup_sqlite

APP_NAME = "Bostadsinkasso"
ENV_DB = "BOSTADSINKASSO_DB"


def default_database() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "bostadsinkasso.sqlite"


def resolve_target(explicit: str | None, environ: dict[str, str]) -> str:
    """--db, else BOSTADSINKASSO_DB, else the default file in the user data directory."""
    return explicit or environ.get(ENV_DB) or str(default_database())


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): still record something
        return "okänd"


@dataclass
class AppContext:
    engine: Engine
    target: str
    read_only: bool = False
    user: str = field(default_factory=os_user)
    _sessions: sessionmaker[Session] | None = None

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._sessions = db.session_factory(self.engine)
        return self._sessions

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed whole, or rolled back whole on any error."""
        if self.read_only:
            raise Refused("Databasen är öppnad skrivskyddad. Inga ändringar kan sparas.")
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self.sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @property
    def sqlite_path(self) -> Path | None:
        return db.sqlite_path(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def open_database(target: str, *, read_only: bool = False, create: bool = False) -> AppContext:
    """Open (or with create=True make) a database, migrating it to the current schema first.

    A database that does not exist is never created by accident: without `create` it is refused.
    """
    exists = db.database_exists(target)
    if not exists and not create:
        raise Refused(
            f"Ingen databas finns på {target}. Skapa en med ”bostadsinkasso init …” "
            "eller en demoförening med ”bostadsinkasso demo”."
        )
    engine = db.create_engine(target, read_only=read_only)
    ctx = AppContext(engine=engine, target=target, read_only=read_only)
    if migrate.needs_upgrade(engine):
        if read_only:
            raise Refused("Databasen har ett äldre format och kan inte uppgraderas när den är skrivskyddad.")
        _backup_before_migration(ctx)
        migrate.upgrade(engine)
    return ctx


def _backup_before_migration(ctx: AppContext) -> None:
    path = ctx.sqlite_path
    if path is None or migrate.current_revision(ctx.engine) is None:
        return  # a brand-new database has nothing to lose
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_sqlite(path, path.parent / "backups" / f"{path.stem}-fore-migrering-{stamp}.sqlite")
