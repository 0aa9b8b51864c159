"""Every migration on SQLite and on PostgreSQL: step by step to head with no drift, old data intact and
sealed in the audit log, two programs starting at once, and a database from a newer program refused."""
from __future__ import annotations

import threading
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.domain.problem import Refused
from app.persistence import db, migrate
from app.persistence.models import Base
from app.services import audit, changes
from app.services.context import open_database

REVISIONS = [s.revision for s in reversed(list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()))]
NOW = datetime(2026, 1, 2, 3, 4, 5)


def _reflected(conn: sa.Connection, name: str) -> sa.Table:
    return sa.Table(name, sa.MetaData(), autoload_with=conn)  # the table as that revision made it, typed


def _write_first_revision_data(engine: sa.Engine) -> None:
    """Rows as revision 0001 knew them, with bound values (no SQLite-only literals) and server-given ids."""
    with engine.begin() as conn:
        def insert(table: sa.Table, **values: object) -> int:
            return conn.execute(sa.insert(table).values(**values).returning(table.c.id)).scalar_one()

        blank = dict(address="", postcode="", city="")
        insert(_reflected(conn, "associations"),
               name="Brf Gamla", orgnr="7699999996", bankgiro="55555551", email="", phone="", contact_name="",
               municipality="", social_services_name="", social_services_address="", social_services_postcode="",
               social_services_city="", reminder_fee_agreed=False, created_at=NOW, **blank)
        person = insert(_reflected(conn, "persons"),
                        personnummer="194408139089", name="Test Testsson", email="", phone="", created_at=NOW, **blank)
        unit = insert(_reflected(conn, "units"),
                      number="1001", municipality="", tenure="bostadsratt", monthly_charge_ore=412_300, pledgee_name="",
                      pledgee_address="", private_letting=False, **blank)
        case = insert(_reflected(conn, "cases"),
                      unit_id=unit, ocr="10008", opened_on=date(2026, 1, 2), household_adults=1, household_children=0,
                      note="", created_at=NOW, version=1)
        insert(_reflected(conn, "claims"),
               unit_id=unit, person_id=person, case_id=case, avi_number="A-1", kind="avgift", period_from=date(2026, 1, 1),
               period_to=date(2026, 1, 31), due_date=date(2025, 12, 30), amount_ore=412_300, created_at=NOW)
        insert(_reflected(conn, "events"),
               case_id=case, kind="demand-sent", occurred_on=date(2026, 1, 2), method="post", note="", details="{}",
               recorded_by="kassör", recorded_at=NOW)
        insert(_reflected(conn, "payments"),
               case_id=case, amount_ore=100_000, order_date=date(2026, 1, 5), booking_date=date(2026, 1, 7),
               reference="10008", source="manual", payer_name="", note="", recorded_by="kassör", recorded_at=NOW)


def _drift(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)


def test_each_migration_in_turn_reaches_head_with_no_drift(database_target):
    engine = db.create_engine(database_target)
    for revision in REVISIONS:
        migrate.upgrade(engine, revision)
        assert migrate.current_revision(engine) == revision
    assert REVISIONS[-1] == migrate.head_revision()
    assert _drift(engine) == []
    with engine.begin() as conn:
        command.check(migrate.alembic_config(conn))  # raises if autogenerate would write anything
    engine.dispose()


def test_downgrade_to_the_first_revision_and_up_again(database_target):
    engine = db.create_engine(database_target)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), REVISIONS[0])
    assert migrate.current_revision(engine) == REVISIONS[0]
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision() and _drift(engine) == []
    engine.dispose()


def test_data_written_at_the_first_revision_survives_and_is_sealed(database_target):
    engine = db.create_engine(database_target)
    migrate.upgrade(engine, REVISIONS[0])
    _write_first_revision_data(engine)
    engine.dispose()
    ctx = open_database(database_target)  # migrates to head, as a newer program does on start-up
    try:
        assert migrate.current_revision(ctx.engine) == migrate.head_revision()
        with ctx.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT name FROM associations")).scalar() == "Brf Gamla"
            claim = conn.execute(sa.text("SELECT amount_ore, due_date FROM claims")).one()
            assert claim.amount_ore == 412_300
            assert str(claim.due_date) == "2025-12-30"  # SQLite gives text, PostgreSQL a date: the same day
            assert conn.execute(sa.text("SELECT reminder_fee_agreed FROM associations")).scalar() in (False, 0)
        report = audit.verify(ctx)
        assert report.intact and report.entries == 2  # the old event and payment were sealed by 0003
        assert changes.data_version(ctx) == 0
        # the server's id sequences were not disturbed: the next rows get fresh ids
        from app.services import payments

        second = payments.register_payment(ctx, 1, 50_000, date(2026, 1, 9), date(2026, 1, 9))
        assert second == 2 and audit.verify(ctx).entries == 3
        assert changes.data_version(ctx) == 1
    finally:
        ctx.close()


def test_two_programs_starting_at_once_migrate_the_database_once(database_target):
    db.create_engine(database_target).dispose()  # SQLite: the file exists, as after `init` was started
    engines = [db.create_engine(database_target) for _ in range(2)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def run(engine: sa.Engine) -> None:
        try:
            start.wait()
            migrate.upgrade(engine)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert {migrate.current_revision(e) for e in engines} == {migrate.head_revision()}
    assert _drift(engines[0]) == []
    for e in engines:
        e.dispose()


def test_a_database_migrated_by_a_newer_program_is_refused(database_context):
    target = database_context.target
    with database_context.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    database_context.close()
    with pytest.raises(Refused, match="nyare version av Bostadsinkasso"):
        open_database(target)


@pytest.mark.parametrize("amount", [1, 412_300, 2**53 + 1, 9_000_000_000_000_000_001])
def test_money_is_exact_integer_ore_on_both(database_context, amount):
    """BIGINT öre: no float on the way (2**53 + 1 is the first integer a float cannot hold)."""
    from app.domain.tenure import ClaimKind, Tenure
    from app.persistence import models as m

    with database_context.transaction() as session:
        person = m.Person(personnummer="199006022397", name="Test Testsson", created_at=NOW)
        unit = m.Unit(number="1203", tenure=Tenure.HYRESRATT, monthly_charge_ore=amount)
        session.add_all([person, unit])
        session.flush()
        session.add(m.Claim(unit_id=unit.id, person_id=person.id, avi_number="A-1", kind=ClaimKind.HYRA, period_from=date(2026, 3, 1),
                            period_to=date(2026, 3, 31), due_date=date(2026, 2, 27), amount_ore=amount, created_at=NOW))
    with database_context.reading() as session:
        stored = session.execute(sa.select(m.Claim.amount_ore, m.Unit.monthly_charge_ore).join(m.Unit)).one()
    assert stored == (amount, amount) and all(type(v) is int for v in stored)
