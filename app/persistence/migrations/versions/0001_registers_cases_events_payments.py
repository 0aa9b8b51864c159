"""Registers, cases, claims, events, payments and fees.

Revision ID: 0001
Revises: 
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('associations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('orgnr', sa.String(length=10), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('bankgiro', sa.String(length=10), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('social_services_name', sa.String(length=200), nullable=False),
    sa.Column('social_services_address', sa.String(length=200), nullable=False),
    sa.Column('social_services_postcode', sa.String(length=10), nullable=False),
    sa.Column('social_services_city', sa.String(length=100), nullable=False),
    sa.Column('reminder_fee_agreed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_associations'))
    )
    op.create_table('bgmax_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('file_identity', sa.String(length=80), nullable=False),
    sa.Column('payment_count', sa.Integer(), nullable=False),
    sa.Column('total_ore', sa.BigInteger(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bgmax_imports')),
    sa.UniqueConstraint('sha256', name=op.f('uq_bgmax_imports_sha256'))
    )
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('personnummer', sa.String(length=12), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('anonymised_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons')),
    sa.UniqueConstraint('personnummer', name=op.f('uq_persons_personnummer'))
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('rooms', sa.Integer(), nullable=True),
    sa.Column('area_m2', sa.Integer(), nullable=True),
    sa.Column('tenure', sa.Enum('bostadsratt', 'hyresratt', 'lokal', 'ovrigt', name='tenure', native_enum=False, length=32), nullable=False),
    sa.Column('monthly_charge_ore', sa.BigInteger(), nullable=False),
    sa.Column('pledgee_name', sa.String(length=200), nullable=False),
    sa.Column('pledgee_address', sa.String(length=300), nullable=False),
    sa.Column('private_letting', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('number', name=op.f('uq_units_number'))
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('ocr', sa.String(length=25), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('household_adults', sa.Integer(), nullable=False),
    sa.Column('household_children', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_cases_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('ocr', name=op.f('uq_cases_ocr'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_unit_id'), ['unit_id'], unique=False)

    op.create_table('occupancies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('moved_in', sa.Date(), nullable=True),
    sa.Column('moved_out', sa.Date(), nullable=True),
    sa.CheckConstraint("role IN ('holder', 'cohabitant')", name=op.f('ck_occupancies_role')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_occupancies_person_id_persons')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_occupancies_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_occupancies'))
    )
    with op.batch_alter_table('occupancies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_occupancies_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_occupancies_unit_id'), ['unit_id'], unique=False)

    op.create_table('case_debtors',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_debtors_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_case_debtors_person_id_persons')),
    sa.PrimaryKeyConstraint('case_id', 'person_id', name=op.f('pk_case_debtors'))
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('avi_number', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.Enum('avgift', 'hyra', 'ovrigt', name='claimkind', native_enum=False, length=32), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('amount_ore', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=25), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount_ore > 0', name=op.f('ck_claims_amount_positive')),
    sa.CheckConstraint('period_from <= period_to', name=op.f('ck_claims_period_order')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_claims_case_id_cases')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_claims_person_id_persons')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_claims_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims')),
    sa.UniqueConstraint('avi_number', name=op.f('uq_claims_avi_number'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_reference'), ['reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_unit_id'), ['unit_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reminder-sent', 'demand-sent', 'objection', 'objection-resolved', 'filed', 'social-notified', 'debtor-informed', 'service-started', 'service-failed', 'served', 'board-decision', 'cohabitant-notified', 'enforcement-requested', 'evicted', 'enforcement-closed', 'pledgee-notified', 'forced-sale-requested', 'payment-plan', 'payment-plan-broken', 'moved-out', 'limitation-reminder-sent', 'withdrawn', 'written-off', name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=40), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('reverses_event_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_events_case_id_cases')),
    sa.ForeignKeyConstraint(['reverses_event_id'], ['events.id'], name=op.f('fk_events_reverses_event_id_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('reverses_event_id', name=op.f('uq_events_reverses_event_id'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_case_id'), ['case_id'], unique=False)

    op.create_table('fees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('paminnelse', 'inkassokrav', 'amorteringsplan', 'kfm-ansokan', 'eget-arbete-bf', 'eget-arbete-handrackning', 'verkstallighet', name='feekind', native_enum=False, length=32), nullable=False),
    sa.Column('amount_ore', sa.BigInteger(), nullable=False),
    sa.Column('charged_on', sa.Date(), nullable=False),
    sa.Column('reverses_fee_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_fees_case_id_cases')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_fees_event_id_events')),
    sa.ForeignKeyConstraint(['reverses_fee_id'], ['fees.id'], name=op.f('fk_fees_reverses_fee_id_fees')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fees')),
    sa.UniqueConstraint('reverses_fee_id', name=op.f('uq_fees_reverses_fee_id'))
    )
    with op.batch_alter_table('fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fees_case_id'), ['case_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('amount_ore', sa.BigInteger(), nullable=False),
    sa.Column('order_date', sa.Date(), nullable=False),
    sa.Column('booking_date', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=True),
    sa.Column('payer_name', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reverses_payment_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_payments_case_id_cases')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_payments_claim_id_claims')),
    sa.ForeignKeyConstraint(['import_id'], ['bgmax_imports.id'], name=op.f('fk_payments_import_id_bgmax_imports')),
    sa.ForeignKeyConstraint(['reverses_payment_id'], ['payments.id'], name=op.f('fk_payments_reverses_payment_id_payments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('reverses_payment_id', name=op.f('uq_payments_reverses_payment_id'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_import_id'), ['import_id'], unique=False)



def downgrade() -> None:
    op.drop_table('payments')
    op.drop_table('fees')
    op.drop_table('events')
    op.drop_table('claims')
    op.drop_table('case_debtors')
    op.drop_table('occupancies')
    op.drop_table('cases')
    op.drop_table('units')
    op.drop_table('persons')
    op.drop_table('bgmax_imports')
    op.drop_table('associations')
