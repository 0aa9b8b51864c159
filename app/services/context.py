"""The application context: one database, its session factory and who is working.

Services take the context and own their transactions: `with ctx.transaction() as session:` is one
user action – committed whole or not at all.
"""
from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.domain.problem import Refused
from app.persistence import audit_hooks, data_version, db, migrate, server
from app.persistence.backup import describe_file_error
from app.persistence.models import Setting

APP_NAME = "Bostadsinkasso"
ENV_DB = "BOSTADSINKASSO_DB"
CONFLICT_MESSAGE = (
    "Ärendet har ändrats av någon annan sedan du öppnade det. Ingenting sparades – "
    "ladda om ärendet och gör ändringen igen."
)


def default_database() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "bostadsinkasso.sqlite"


def resolve_target(explicit: str | None, environ: dict[str, str]) -> str:
    """--db, else BOSTADSINKASSO_DB, else the default file in the user data directory."""
    return explicit or environ.get(ENV_DB) or str(default_database())


# What the GUI may ask about a database before opening it (it reaches persistence only through the services).
def database_exists(target: str | Path) -> bool:
    return db.database_exists(target)


def display_target(target: str | Path) -> str:
    """The database as it may be shown: a path, or a server URL with the password hidden."""
    return db.display_target(target)


def is_server_target(target: str | Path) -> bool:
    return db.is_server_target(target)


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
    os_user: str = field(default_factory=os_user)
    treasurer: str = ""  # settings key `treasurer_name`, read at open and at the start of each transaction
    _sessions: sessionmaker[Session] | None = None

    @property
    def user(self) -> str:
        """Who records changes: the treasurer's name from settings, else the OS user."""
        return self.treasurer or self.os_user

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
        try:
            with self.sessions.begin() as session:
                server.lock_for_writing(session)  # writers queue on a server as they do on SQLite
                self.treasurer = _treasurer_name(session)
                session.info[audit_hooks.USER] = self.user
                yield session
                data_version.bump_if_written(session)  # others' programs see that something changed
        except StaleDataError as exc:  # a row's version moved under us: never overwrite silently
            raise Refused(CONFLICT_MESSAGE) from exc
        except sa_exc.DBAPIError as exc:
            message = server.busy_message(exc) or server.connection_lost_message(exc)
            if message is None:
                raise
            raise Refused(message) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read: one consistent committed state throughout, whatever others commit meanwhile."""
        session = self.sessions()
        try:
            with session.begin():
                db.begin_reading(session)
                yield session
        except sa_exc.DBAPIError as exc:
            message = server.connection_lost_message(exc)
            if message is None:
                raise
            raise Refused(message) from exc
        finally:
            session.close()

    @property
    def location(self) -> str:
        """The database as it may be shown: a path, or a server URL with the password hidden."""
        return db.display_target(self.target)

    @property
    def sqlite_path(self) -> Path | None:
        return db.sqlite_path(self.engine)

    def refresh_user(self) -> None:
        with self.reading() as session:
            self.treasurer = _treasurer_name(session)

    def close(self) -> None:
        self.engine.dispose()


def _treasurer_name(session: Session) -> str:
    row = session.get(Setting, "treasurer_name")
    return row.value.strip() if row is not None else ""


def open_database(target: str, *, read_only: bool = False, create: bool = False, daily_backup: bool = True) -> AppContext:
    """Open (or with create=True make) a database, migrating it to the current schema first.

    A database that does not exist is never created by accident: without `create` it is refused.
    An existing SQLite database gets its day's backup on the first opening of the day.
    """
    from app.services import backups  # backups needs the context's types; import here to avoid a cycle
    from app.services.clock import today

    exists = db.database_exists(target)  # a server that cannot be reached is refused here, in Swedish
    if not exists and not create:
        if db.is_server_target(target):
            raise Refused(
                f"Databasen {db.display_target(target)} finns på servern men är tom: ingen förening är upplagd där. "
                "Lägg upp den med ”bostadsinkasso --db … init …”."
            )
        raise Refused(
            f"Ingen databas finns på {target}. Skapa en med ”bostadsinkasso init …” "
            "eller en demoförening med ”bostadsinkasso demo”."
        )
    engine = db.create_engine(target, read_only=read_only)
    ctx = AppContext(engine=engine, target=target, read_only=read_only)
    try:
        newer = migrate.is_from_newer_program(engine)  # the first read: a file that is no database fails here
    except sa_exc.DatabaseError as exc:
        ctx.close()
        if engine.dialect.name != "sqlite":  # a server's errors are answered where they arise
            raise
        raise Refused(f"Databasen {db.display_target(target)} kan inte öppnas: {describe_file_error(exc)}. "
                      "Välj en annan databasfil, eller återställ den från en säkerhetskopia.") from exc
    if newer:
        ctx.close()
        raise Refused(
            "Databasen har uppgraderats av en nyare version av Bostadsinkasso. "
            "Uppdatera programmet på den här datorn innan du öppnar den."
        )
    if migrate.needs_upgrade(engine):
        if read_only:
            raise Refused("Databasen har ett äldre format och kan inte uppgraderas när den är skrivskyddad.")
        if migrate.current_revision(engine) is not None:  # a brand-new database has nothing to lose
            backups.backup_before(ctx, backups.BEFORE_MIGRATION)
        try:
            migrate.upgrade(engine)
        except sa_exc.DBAPIError as exc:
            ctx.close()
            message = server.not_allowed_message(engine.url, exc)
            if message is None:
                raise
            raise Refused(message) from exc
    ctx.refresh_user()
    if exists and daily_backup:
        backups.daily_backup(ctx, today())
    return ctx
