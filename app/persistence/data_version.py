"""The change counter: one number that every committed write transaction raises by one.

Other programs on the same database compare it with what they last saw to know they must reload.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from app.persistence.models import DataVersion

WROTE = "data_version.wrote"  # session.info: this transaction changed something


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: object) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[WROTE] = True


def bump_if_written(session: Session) -> None:
    """Raise the counter if this transaction wrote anything (call just before commit).

    Taken last in the transaction, after every other lock, so it never waits while holding one.
    """
    session.flush()
    if not session.info.get(WROTE):
        return
    table = DataVersion.__table__
    updated = session.execute(sa.update(table).where(table.c.id == 1).values(value=table.c.value + 1))
    if updated.rowcount == 0:
        session.execute(sa.insert(table).values(id=1, value=1))
    session.info.pop(WROTE, None)


def read(session: Session) -> int:
    return session.scalar(sa.select(DataVersion.value).where(DataVersion.id == 1)) or 0
