"""Restoring the database from a backup: the file is checked first (SQLite's integrity check, the
schema revision, the audit chain), the current database is copied aside, and only then replaced.

A refused restore changes nothing. The replacement goes through SQLite's backup API into the live
file, so WAL and readers stay consistent; the writer's instance lock is required meanwhile.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.problem import Refused
from app.persistence import db, migrate
from app.persistence.backup import FileError, copy_into_live, describe_file_error, describe_os_error, file_revision
from app.services import audit, backups, instance_lock

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    source: Path
    previous_copy: Path | None  # what was replaced, kept in the backup folder
    revision: str
    entries: int  # entries in the restored audit log


def _refuse(source: Path, reason: str) -> Refused:
    return Refused(f"{source} kan inte återställas: {reason} Ingenting har ändrats.")


def _revision(path: Path) -> str | None:
    return file_revision(path)


def _known(revision: str) -> bool:
    return migrate.is_known_revision(revision)


def _checked_copy(source: Path, work: Path) -> tuple[str, int]:
    """Copy the backup to `work`, bring it to the current schema and check it; (revision, log entries)."""
    try:
        with source.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _refuse(source, f"filen kunde inte läsas ({describe_os_error(exc)}).") from exc
    if header != SQLITE_HEADER:
        raise _refuse(source, "filen är ingen SQLite-databas.")
    try:
        backups.copy_database(source, work)
    except Refused as refused:
        raise _refuse(source, _copy_problem(refused, work)) from refused
    revision = _revision(work)
    if revision is None:
        raise _refuse(source, "filen är ingen databas från Bostadsinkasso (uppgift om databasversion saknas).")
    if not _known(revision):
        raise _refuse(source, f"filen kommer från en nyare version av programmet (databasversion {revision}). Uppdatera programmet först.")
    engine = db.create_engine(work)
    try:
        if migrate.needs_upgrade(engine):
            migrate.upgrade(engine)
        report = audit.verify_engine(engine)
        with engine.connect() as conn:
            associations = conn.exec_driver_sql("SELECT count(*) FROM associations").scalar()
    finally:
        engine.dispose()
    if not report.intact:
        raise _refuse(source, f"säkerhetskopians logg har ändrats – {report.first}")
    if not associations:
        raise _refuse(source, "filen innehåller ingen förening.")
    return revision, report.entries


def _copy_problem(refused: Refused, work: Path) -> str:
    """Why the backup could not be copied for checking – said for a restore, not for a backup."""
    cause = refused.__cause__
    if isinstance(cause, FileError):
        return f"{describe_file_error(cause)}."
    if isinstance(cause, OSError):
        return f"den kunde inte kopieras till {work.parent} för kontroll ({describe_os_error(cause)})."
    return "filen är skadad (SQLites integritetskontroll hittade fel)."


def _healthy(database: Path) -> bool:
    try:
        return backups.integrity(database) == "ok"
    except FileError:
        return False


def _keep_previous(database: Path, now: datetime) -> Path:
    """Copy aside what is about to be replaced – consistently if it is sound, byte for byte if not."""
    folder = backups.folder_for(database, backups.folder_setting(database))
    backups.private_folder(folder)
    destination = backups.free_name(folder, database.stem, backups.BEFORE_RESTORE, now)
    try:
        return backups.copy_database(database, destination)
    except Refused:
        fd = os.open(destination, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
        shutil.copyfile(database, destination)  # damaged: keep the raw bytes for a specialist
        return destination


def _install(work: Path, database: Path, fresh: bool) -> None:
    if fresh:
        for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
        database.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    copy_into_live(work, database, db.SQLITE_BUSY_TIMEOUT_MS)


def restore(target: str, source: Path, now: datetime | None = None, held: instance_lock.Lock | None = None) -> RestoreResult:
    """Replace the database at `target` with the backup `source`, after checking it; keeps the old one.

    `held`: the writer's lock this program already holds (the GUI restoring its own database)."""
    database = backups.require_sqlite(target)
    source = Path(source).expanduser()
    if not source.is_file():
        raise Refused(f"Filen {source} finns inte.")
    if database.exists() and source.resolve() == database.resolve():
        raise Refused("Databasen kan inte återställas från sig själv. Välj en säkerhetskopia.")
    lock = held if held is not None and held.held else instance_lock.acquire(target)
    if lock is None:
        raise Refused("Databasen är öppen i Bostadsinkasso i ett annat fönster. Stäng det och försök igen. Ingenting har ändrats.")
    work = database.with_name(f".{database.name}.aterstalls-{os.getpid()}")
    try:
        revision, entries = _checked_copy(source, work)
        previous = None
        fresh = not database.exists()
        if not fresh:
            previous = _keep_previous(database, now or datetime.now())
            fresh = not _healthy(database)
        _install(work, database, fresh)
    finally:
        for leftover in (work, Path(f"{work}-wal"), Path(f"{work}-shm")):
            leftover.unlink(missing_ok=True)
        if lock is not held:
            lock.release()
    return RestoreResult(database, source, previous, revision, entries)
