"""Noticing changes made by others: a cheap number to poll that moves with every committed change.

The GUI calls `data_version(ctx)` every few seconds and when its window gets focus; when the number
differs from the one it saw after its last refresh, someone (another treasurer, a nightly import)
has saved something and the views reload. The same holds for SQLite and PostgreSQL.
"""
from __future__ import annotations

from app.persistence import data_version as counter
from app.services.context import AppContext


def data_version(ctx: AppContext) -> int:
    """The number of write transactions committed to this database so far (one indexed row: cheap)."""
    with ctx.reading() as session:
        return counter.read(session)


def changed_since(ctx: AppContext, seen: int) -> tuple[bool, int]:
    """(whether anything was saved since `seen`, the current version) – what a poll needs."""
    current = data_version(ctx)
    return current != seen, current
