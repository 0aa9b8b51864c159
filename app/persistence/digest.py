"""The logical content of a database as one SHA-256: equal for the same rows on SQLite and PostgreSQL.

Used to prove that a refused command changed nothing and that a copy to another database is whole.
Rows are read through the schema's own types and ordered by primary key, so storage details
(SQLite's text dates, PostgreSQL's sequences and page order) do not matter.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app.persistence.models import Base


def _plain(value: object) -> object:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    raise TypeError(f"cannot digest a {type(value).__name__}")


def table_rows(connection: Connection, table: sa.Table) -> list[list[object]]:
    order = list(table.primary_key.columns) or list(table.columns)
    return [[_plain(v) for v in row] for row in connection.execute(sa.select(table).order_by(*order))]


def content_digest(connection: Connection) -> str:
    """SHA-256 over every table of the schema, table by table, row by row."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        digest.update(json.dumps([table.name, [c.name for c in table.columns]], ensure_ascii=False).encode())
        for row in table_rows(connection, table):
            digest.update(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode())
    return digest.hexdigest()
