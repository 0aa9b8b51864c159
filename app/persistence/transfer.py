"""Copying every row of one database into another with the same schema (a SQLite file to a server).

Rows go through the schema's own types in dependency order and primary-key order, so they arrive
unchanged – the audit log and each row's seal included, so the chain still verifies on the target.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app.persistence.models import Base

BATCH = 500


def copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    """Copy every table's rows from `source` into the (empty, current-schema) `target`; rows per table."""
    for table in reversed(Base.metadata.sorted_tables):
        target.execute(sa.delete(table))  # a fresh schema holds only seed rows (the change counter)
    copied: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        order = list(table.primary_key.columns)
        result = source.execution_options(yield_per=BATCH).execute(sa.select(table).order_by(*order))
        count = 0
        for batch in result.mappings().partitions(BATCH):
            target.execute(sa.insert(table), [dict(row) for row in batch])
            count += len(batch)
        copied[table.name] = count
    if target.dialect.name == "postgresql":
        _advance_sequences(target)
    return copied


def _advance_sequences(target: Connection) -> None:
    """Ids were copied as they were: each id sequence must continue after the highest one."""
    for table in Base.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        target.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
            f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
        ))
