"""Documents, score snapshots, reference rates, fee caps and settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('reminder', 'demand', 'termination', 'social-notice', 'application', 'debtor-info', 'service-instruction', 'board-decision', 'cohabitant', 'enforcement-request', 'withdrawal', 'payment-plan', 'objection-reply', 'limitation-reminder', 'pledgee-notice', 'forced-sale', name='documentkind', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('sent_method', sa.String(length=40), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documents_case_id_cases')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_documents_event_id_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('case_id', 'kind', 'version', name='uq_documents_case_kind_version')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_case_id'), ['case_id'], unique=False)

    op.create_table('score_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('scored_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('band', sa.String(length=10), nullable=False),
    sa.Column('factors', sa.Text(), nullable=False),
    sa.Column('inputs', sa.Text(), nullable=False),
    sa.Column('rules_version', sa.String(length=20), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_score_snapshots_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_snapshots'))
    )
    with op.batch_alter_table('score_snapshots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_snapshots_case_id'), ['case_id'], unique=False)

    op.create_table('reference_rates',
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('hundredths', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('valid_from', name=op.f('pk_reference_rates'))
    )
    op.create_table('fee_caps',
    sa.Column('kind', sa.Enum('paminnelse', 'inkassokrav', 'amorteringsplan', 'kfm-ansokan', 'eget-arbete-bf', 'eget-arbete-handrackning', 'verkstallighet', name='feekind', native_enum=False, length=32), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('cap_ore', sa.BigInteger(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'valid_from', name=op.f('pk_fee_caps'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )


def downgrade() -> None:
    op.drop_table('settings')
    op.drop_table('fee_caps')
    op.drop_table('reference_rates')
    op.drop_table('score_snapshots')
    op.drop_table('documents')
