"""Consistent copies of a SQLite database through SQLite's online backup API."""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` consistently (readers and a writer may be active).

    The copy is written to a private temp file and renamed into place, so `destination` is either
    the complete copy or untouched; a failed copy leaves no temp file behind.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(f"{destination.name}.{os.getpid()}.part")  # two processes never share a temp file
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        # read-write (never create): after a writer was killed, only a writable connection may recover the WAL
        src = sqlite3.connect(f"file:{source}?mode=rw", uri=True, timeout=5.0)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return destination


# --- reading and writing database files directly (backups and restore work on files, not engines) ---
FileError = sqlite3.Error  # anything SQLite reports about a file: unreadable, damaged, locked
DamagedFile = sqlite3.DatabaseError

# SQLite and the operating system report in English; the treasurer reads these words instead.
_SQLITE_WORDS = (
    ("file is not a database", "filen är ingen databas"),
    ("malformed", "filen är skadad"),
    ("locked", "filen används just nu av ett annat program"),
    ("unable to open", "filen kan inte öppnas"),
    ("disk i/o error", "läs- eller skrivfel på disken"),
    ("readonly", "filen är skrivskyddad"),
    ("disk is full", "disken är full"),
    ("no such table", "filen saknar programmets tabeller"),
)
_OS_WORDS = {
    errno.ENOSPC: "disken är full",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.EROFS: "disken är skrivskyddad",
    errno.EISDIR: "det är en mapp, inte en fil",
}


def describe_file_error(error: BaseException) -> str:
    """What went wrong with a database file, in Swedish (SQLAlchemy's wrapper or sqlite3's own error)."""
    text = str(getattr(error, "orig", None) or error).lower()
    return next((swedish for english, swedish in _SQLITE_WORDS if english in text), f"filen kunde inte läsas ({text})")


def describe_os_error(error: OSError) -> str:
    """A failed read or write, in Swedish where the cause is a common one."""
    return _OS_WORDS.get(error.errno or 0, error.strerror or str(error))


def file_setting(database: Path, key: str) -> str | None:
    """A setting read straight from a database file (None when unset, or no settings table)."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=5.0)  # rw: may recover a crashed WAL
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None  # no settings table (an old or damaged file)
    finally:
        conn.close()


def integrity_lines(path: Path, limit: int = 20) -> list[str]:
    """SQLite's integrity check of a file: ['ok'] or what it found. Raises DamagedFile if unreadable."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    finally:
        conn.close()


def file_revision(path: Path) -> str | None:
    """The schema revision (alembic_version) of a database file; None if it has none or is unreadable."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def file_audit_links(path: Path) -> list[tuple[int, str]]:
    """(seq, chain_hash) of every audit log entry in a database file, in order. Raises FileError."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT seq, chain_hash FROM audit_log ORDER BY seq").fetchall()
    finally:
        conn.close()


def copy_into_live(work: Path, database: Path, busy_timeout_ms: int) -> None:
    """Replace the content of the live file `database` with `work` through the backup API (WAL-safe)."""
    source = sqlite3.connect(f"file:{work}?mode=ro", uri=True)
    target = sqlite3.connect(database)
    try:
        target.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()
