"""Column types: money as integer öre (never float), enums stored as their string values."""
from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class Money(TypeDecorator[int]):
    """Integer öre. SQLAlchemy's Numeric goes through float on SQLite, so money is a plain BIGINT."""

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: int | None, dialect: sa.Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"money must be integer öre, got {type(value).__name__}")
        return value


def enum_column(enum: type[StrEnum], length: int = 32) -> sa.Enum:
    """A portable enum: VARCHAR holding the member's value (no native ENUM type on PostgreSQL)."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
