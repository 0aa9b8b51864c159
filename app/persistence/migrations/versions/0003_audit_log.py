"""The tamper-evident log: audit_log, a salt (`seal`) on every chained row, and a seal for rows
that already exist, in the order they were recorded.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.persistence.audit_chain import seal_existing

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHAINED_TABLES = ("documents", "events", "fees", "payments")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(length=20), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("action IN ('insert', 'sent', 'anonymise')", name=op.f("ck_audit_log_action")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_table_name_row_id", ["table_name", "row_id"], unique=False)
    for table in CHAINED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("seal", sa.String(length=32), nullable=True))
    seal_existing(op.get_bind())


def downgrade() -> None:
    for table in reversed(CHAINED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("seal")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_table_name_row_id")
    op.drop_table("audit_log")
