"""Consistent copies of a SQLite database through SQLite's online backup API."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` consistently (readers and a writer may be active)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".part")
    if tmp.exists():
        tmp.unlink()
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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
    return destination
