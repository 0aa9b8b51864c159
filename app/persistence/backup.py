"""Consistent copies of a SQLite database through SQLite's online backup API."""
from __future__ import annotations

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
