"""Backups of the SQLite database: a consistent copy once a day at start-up and before every migration,
restore and import, kept in the backup folder (setting `backup_folder`) and rotated (14 daily, 12
monthly, the 14 latest of each other kind). Restore lives in `restore.py`.

A server database (PostgreSQL) is backed up with the server's own tools (pg_dump), not here.
"""
from __future__ import annotations

import glob
import logging
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.problem import Refused
from app.persistence import db
from app.persistence.backup import (
    DamagedFile,
    FileError,
    backup_sqlite,
    describe_file_error,
    describe_os_error,
    file_setting,
    integrity_lines,
)

if TYPE_CHECKING:
    from app.services.context import AppContext

log = logging.getLogger(__name__)

DEFAULT_FOLDER = "backups"  # beside the database
DAILY, MANUAL = "daglig", "manuell"
BEFORE_MIGRATION, BEFORE_IMPORT, BEFORE_RESTORE = "fore-migrering", "fore-import", "fore-aterstallning"
KINDS = (DAILY, MANUAL, BEFORE_MIGRATION, BEFORE_IMPORT, BEFORE_RESTORE)
KEEP_DAILY, KEEP_MONTHLY, KEEP_EACH_EVENT = 14, 12, 14

SERVER_MESSAGE = (
    "Databasen ligger på en databasserver. Säkerhetskopiera och återställ den med serverns egna verktyg "
    "(pg_dump och pg_restore för PostgreSQL) – programmet gör inte det."
)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<kind>" + "|".join(KINDS) + r")-(?P<stamp>\d{4}-\d{2}-\d{2}|\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    stem: str
    kind: str
    taken: datetime


def parse_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    stamp = match["stamp"]
    taken = datetime.strptime(stamp, "%Y-%m-%d" if "-" in stamp[:5] else "%Y%m%d-%H%M%S")
    return BackupFile(path, match["stem"], match["kind"], taken)


def require_sqlite(target: str) -> Path:
    """The database file behind `target`; a server URL is refused with the pg_dump advice."""
    url = db.database_url(target)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise Refused(SERVER_MESSAGE)
    return Path(url.database)


def folder_for(database: Path, setting: str | None) -> Path:
    """The backup folder: the setting (relative to the database's folder), else backups/ beside it."""
    chosen = Path(setting.strip()).expanduser() if setting and setting.strip() else Path(DEFAULT_FOLDER)
    return chosen if chosen.is_absolute() else database.parent / chosen


def folder_setting(database: Path) -> str | None:
    """The `backup_folder` setting of a database file (None when unset or unreadable)."""
    return file_setting(database, "backup_folder")  # no settings table (an old or damaged file): the default folder


def backup_folder(ctx: AppContext) -> Path:
    path = require_sqlite(ctx.target)
    return folder_for(path, folder_setting(path))


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a database file: 'ok' or what SQLite found."""
    try:
        lines = integrity_lines(path, 20)
    except DamagedFile as exc:
        return describe_file_error(exc)
    return "; ".join(lines[:3]) + (" …" if len(lines) > 3 else "")


def free_name(folder: Path, stem: str, kind: str, now: datetime) -> Path:
    stamp = now.strftime("%Y-%m-%d") if kind == DAILY else now.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{kind}-{stamp}.sqlite"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{kind}-{stamp}-{n}.sqlite"
    return path


def private_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)


def copy_database(source: Path, destination: Path) -> Path:
    """A consistent, owner-only copy that passes SQLite's integrity check (else it is removed)."""
    try:
        backup_sqlite(source, destination)
    except DamagedFile as exc:
        raise Refused(f"Databasen {source} kunde inte kopieras: {describe_file_error(exc)}. Ingen säkerhetskopia gjordes.") from exc
    except OSError as exc:
        raise Refused(f"Säkerhetskopian kunde inte skrivas till {destination.parent}: {describe_os_error(exc)}.") from exc
    verdict = integrity(destination)
    if verdict != "ok":
        destination.unlink(missing_ok=True)
        raise Refused(f"Databasen klarar inte SQLites integritetskontroll ({verdict}); ingen säkerhetskopia gjordes.")
    return destination


def backup_file(target: str, kind: str = MANUAL, out: Path | None = None, now: datetime | None = None) -> Path:
    """Copy the database at `target` now: to `out` (a file, or a folder for a dated name), or into
    the backup folder under a dated name – then rotate that folder."""
    source = require_sqlite(target)
    if not source.is_file():
        raise Refused(f"Ingen databas finns på {source}.")
    now = now or datetime.now()
    if out is not None:
        out = out.expanduser()
        if out.is_dir():
            return copy_database(source, free_name(out, source.stem, kind, now))
        if out.exists() and out.resolve() == source.resolve():
            raise Refused("Säkerhetskopian kan inte skrivas över själva databasen. Välj ett annat filnamn.")
        return copy_database(source, out)
    folder = folder_for(source, folder_setting(source))
    private_folder(folder)
    path = copy_database(source, free_name(folder, source.stem, kind, now))
    if kind != MANUAL:
        rotate(folder, source.stem)
    log.info("backup (%s) written", kind)
    return path


def make_backup(ctx: AppContext, kind: str = MANUAL, out: Path | None = None, now: datetime | None = None) -> Path:
    return backup_file(ctx.target, kind, out, now)


def backup_before(ctx: AppContext, kind: str) -> Path | None:
    """The automatic copy before a migration, import or restore; nothing for a server database."""
    if db.sqlite_path(ctx.engine) is None:
        return None
    return make_backup(ctx, kind)


def daily_backup(ctx: AppContext, today: date) -> Path | None:
    """Once a day at start-up: the day's copy, unless it exists. Never stops the program from opening."""
    path = db.sqlite_path(ctx.engine)
    if path is None or not path.exists():
        return None
    try:
        folder = backup_folder(ctx)
        done = [b for b in list_backups(folder, path.stem) if b.kind == DAILY and b.taken.date() == today]
        if done:
            return None
        return make_backup(ctx, DAILY, now=datetime.combine(today, datetime.now().time()))
    except (Refused, OSError, FileError) as exc:
        log.warning("daily backup failed: %s", type(exc).__name__)
        return None


def list_backups(folder: Path, stem: str | None = None) -> list[BackupFile]:
    if not folder.is_dir():
        return []
    found = [parse_name(p) for p in folder.iterdir() if p.is_file()]
    return sorted((b for b in found if b is not None and (stem is None or b.stem == stem)), key=lambda b: (b.taken, b.path.name))


def to_keep(backups: list[BackupFile]) -> set[Path]:
    """Rotation: the 14 latest days, the first copy of each of the 12 latest months, the 14 latest of
    each other automatic kind; manual copies are the user's and are never removed."""
    keep = {b.path for b in backups if b.kind == MANUAL}
    daily = [b for b in backups if b.kind == DAILY]
    keep |= {b.path for b in sorted(daily, key=lambda b: b.taken, reverse=True)[:KEEP_DAILY]}
    first_of_month: dict[tuple[int, int], BackupFile] = {}
    for b in sorted(daily, key=lambda b: b.taken):
        first_of_month.setdefault((b.taken.year, b.taken.month), b)
    keep |= {b.path for _month, b in sorted(first_of_month.items(), reverse=True)[:KEEP_MONTHLY]}
    for kind in (BEFORE_MIGRATION, BEFORE_IMPORT, BEFORE_RESTORE):
        of_kind = sorted((b for b in backups if b.kind == kind), key=lambda b: (b.taken, b.path.name), reverse=True)
        keep |= {b.path for b in of_kind[:KEEP_EACH_EVENT]}
    return keep


def rotate(folder: Path, stem: str) -> list[Path]:
    """Remove the copies of this database that rotation no longer keeps; returns what went."""
    backups = list_backups(folder, stem)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    stale = time.time() - 3600  # a copy interrupted by a crash leaves its temp file; one still in progress is younger
    for part in folder.glob(f"{glob.escape(stem)}-*.part"):
        if part.stat().st_mtime < stale:
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed
