"""ORM hooks that seal every insert into the chained tables in the audit log and keep them append-only.

Registered when `app.persistence.models` is imported, so no service can forget them. Allowed changes
after insert: a document's sending fields, set once (action `sent`), and the GDPR purge blanking
personal fields while the session says it is anonymising (action `anonymise`). Anything else, and
any delete through the ORM, raises `AppendOnlyViolation` and the whole transaction rolls back.
"""
from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapper, Session, object_session

from app.persistence import audit_chain as chain
from app.persistence import models as m

USER = "audit.user"  # session.info: who is working (the treasurer's name or the OS user)
ANONYMISING = "audit.anonymising"  # session.info: set by the GDPR purge only
_ACTION = "audit.action"
_PENDING = "audit.pending"


class AppendOnlyViolation(RuntimeError):
    """A chained row was changed or deleted in a way the log does not allow (a programming error)."""


def _table(mapper: Mapper) -> str:
    return mapper.local_table.name


def _before_insert(mapper: Mapper, connection: sa.Connection, target: object) -> None:
    if getattr(target, "seal", None) is None:
        target.seal = secrets.token_hex(16)


def _queue(target: object, table: str, row_id: int, action: str, by: str) -> None:
    """Seals wait until the end of the flush, then go to the log in one batch (in this order)."""
    session = object_session(target)
    session.info.setdefault(_PENDING, []).append((table, row_id, action, by))


def _after_insert(mapper: Mapper, connection: sa.Connection, target: object) -> None:
    _queue(target, _table(mapper), target.id, chain.INSERT, target.recorded_by)


def _changes(table: str, connection: sa.Connection, target: object) -> dict[str, tuple[object, object]]:
    """Columns whose new value differs from what the database holds: {name: (old, new)}."""
    state = sa.inspect(target)
    stored = chain.read_row(connection, table, target.id)
    changed = {}
    for name in chain.CHAINED[table].c.keys():
        added = state.attrs[name].history.added
        if added and stored is not None and chain._canonical(added[0]) != chain._canonical(stored[name]):
            changed[name] = (stored[name], added[0])
    return changed


def _before_update(mapper: Mapper, connection: sa.Connection, target: object) -> None:
    table = _table(mapper)
    changed = _changes(table, connection, target)
    if not changed:
        return
    names = set(changed)
    session = object_session(target)
    if names <= chain.SET_ONCE.get(table, frozenset()) and all(old is None for old, _new in changed.values()):
        action = chain.SENT
    elif session is not None and session.info.get(ANONYMISING) and names <= chain.PERSONAL[table] | {"seal"}:
        action = chain.ANONYMISE
    else:
        raise AppendOnlyViolation(
            f"{table} {target.id}: {', '.join(sorted(names))} may not change after insert; record a compensating entry instead"
        )
    sa.inspect(target).info[_ACTION] = action


def _after_update(mapper: Mapper, connection: sa.Connection, target: object) -> None:
    action = sa.inspect(target).info.pop(_ACTION, None)
    if action is None:
        return
    session = object_session(target)
    by = (session.info.get(USER) if session is not None else None) or target.recorded_by
    _queue(target, _table(mapper), target.id, action, by)


def _after_flush(session: Session, _context: object) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        chain.append_many(session.connection(), pending)


def _forget(session: Session, *_args: object) -> None:
    session.info.pop(_PENDING, None)  # a rolled-back flush seals nothing


def _before_delete(mapper: Mapper, connection: sa.Connection, target: object) -> None:
    raise AppendOnlyViolation(f"{_table(mapper)} {target.id}: rows of the log are never deleted; record a compensating entry instead")


for _cls in (m.Event, m.Payment, m.Fee, m.Document):
    event.listen(_cls, "before_insert", _before_insert)
    event.listen(_cls, "after_insert", _after_insert)
    event.listen(_cls, "before_update", _before_update)
    event.listen(_cls, "after_update", _after_update)
    event.listen(_cls, "before_delete", _before_delete)

event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_rollback", _forget)
