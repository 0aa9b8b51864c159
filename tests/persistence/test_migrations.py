"""Migrations: an empty database upgrades to head with no drift; old data survives upgrades."""
from __future__ import annotations

import stat
from datetime import date, datetime

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.persistence import db, migrate
from app.persistence.models import Base


def test_upgrade_head_on_empty_database_has_no_drift(tmp_path):
    engine = db.create_engine(tmp_path / "empty.sqlite")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    with engine.begin() as conn:
        command.check(migrate.alembic_config(conn))  # raises if autogenerate would write anything


def test_data_written_at_first_revision_survives_upgrade(tmp_path):
    engine = db.create_engine(tmp_path / "old.sqlite")
    migrate.upgrade(engine, "0001")
    now = datetime(2026, 1, 2, 3, 4, 5)
    with engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO associations (id, name, orgnr, address, postcode, city, bankgiro, email, phone, contact_name, municipality,"
            " social_services_name, social_services_address, social_services_postcode, social_services_city, reminder_fee_agreed, created_at)"
            " VALUES (1, 'Brf Gamla', '7699999996', '', '', '', '55555551', '', '', '', '', '', '', '', '', 0, :now)"), {"now": now})
        conn.execute(sa.text("INSERT INTO persons (id, personnummer, name, address, postcode, city, email, phone, created_at)"
                             " VALUES (1, '194408139089', 'Test Testsson', '', '', '', '', '', :now)"), {"now": now})
        conn.execute(sa.text("INSERT INTO units (id, number, address, postcode, city, municipality, tenure, monthly_charge_ore,"
                             " pledgee_name, pledgee_address, private_letting) VALUES (1, '1001', '', '', '', '', 'bostadsratt', 412300, '', '', 0)"))
        conn.execute(sa.text("INSERT INTO claims (id, unit_id, person_id, avi_number, kind, period_from, period_to, due_date, amount_ore, created_at)"
                             " VALUES (1, 1, 1, 'A-1', 'avgift', '2026-01-01', '2026-01-31', '2025-12-30', 412300, :now)"), {"now": now})
    assert migrate.current_revision(engine) == "0001"
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT name FROM associations")).scalar() == "Brf Gamla"
        assert conn.execute(sa.text("SELECT personnummer FROM persons")).scalar() == "194408139089"
        row = conn.execute(sa.text("SELECT amount_ore, due_date FROM claims")).one()
        assert row.amount_ore == 412300 and date.fromisoformat(row.due_date) == date(2025, 12, 30)


def test_sqlite_connection_has_foreign_keys_and_wal(tmp_path):
    engine = db.create_engine(tmp_path / "p.sqlite")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_database_file_is_private_to_its_owner(tmp_path):
    path = tmp_path / "private.sqlite"
    engine = db.create_engine(path)
    migrate.upgrade(engine)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_money_column_refuses_float(tmp_path):
    import pytest

    from app.persistence.types import Money

    with pytest.raises(TypeError):
        Money().process_bind_param(12.5, None)
    assert Money().process_bind_param(1250, None) == 1250
