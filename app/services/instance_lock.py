"""One writer per database file: an OS lock beside the database, held while the GUI runs.

The lock is an advisory file lock (fcntl.flock on Linux/macOS, msvcrt.locking on Windows) that the
operating system releases when the process ends – also when it crashes or is killed – so a stale
lock file never blocks anyone. A second instance finds the lock taken and opens read-only.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from app.persistence import db

LOCK_SUFFIX = ".lock"


@dataclass
class Lock:
    """A held lock; `release()` (or leaving the `with` block, or the process ending) frees it."""

    path: Path | None  # None for a server database: the server arbitrates writers itself
    _fd: int | None = field(default=None, repr=False)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self.path is None

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def lock_path(target: str) -> Path | None:
    url = db.database_url(target)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = Path(url.database)
    return database.with_name(database.name + LOCK_SUFFIX)


def acquire(target: str) -> Lock | None:
    """Take the writer's lock for the database at `target`; None when another process holds it."""
    path = lock_path(target)
    if path is None:
        return Lock(None)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        os.close(fd)
        return None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))  # for people looking at the folder; not used
    return Lock(path, fd)


def open_mode(target: str, read_only_requested: bool) -> tuple[bool, Lock | None]:
    """(read_only, lock) for a GUI instance: read-only when asked, or when another instance writes."""
    if read_only_requested:
        return True, None
    lock = acquire(target)
    return lock is None, lock


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: a second open in this process is refused too
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
