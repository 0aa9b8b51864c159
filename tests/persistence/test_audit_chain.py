"""The tamper-evident log: every event, payment, fee and document is sealed in a chain; tampering
behind the program's back (edit, insert, delete – of rows or of log entries) is found, earliest first."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from app.domain.action import DocumentKind
from app.domain.event import Event, EventKind
from app.persistence import audit_chain as chain
from app.persistence import db, migrate
from app.persistence import models as m
from app.persistence.audit_hooks import AppendOnlyViolation
from app.services import audit, cases, payments
from app.services import settings as settings_service
from app.services.context import open_database
from tests.safety import DEMO_AS_OF, demo_db, demo_master  # noqa: F401 - fixtures


def _raw(path, sql: str, *params) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def _report(path):
    ctx = open_database(str(path), daily_backup=False)
    try:
        return audit.verify(ctx)
    finally:
        ctx.close()


def test_every_column_of_a_chained_table_is_hashed():
    for table, spec in chain.CHAINED.items():
        model_columns = set(m.Base.metadata.tables[table].c.keys())
        assert set(spec.c.keys()) == model_columns, table
        assert chain.PERSONAL[table] <= model_columns


def test_demo_is_sealed_row_by_row(demo_db):
    report = _report(demo_db)
    assert report.intact, report.problems
    conn = sqlite3.connect(demo_db)
    rows = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in chain.CHAINED)
    inserts = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'insert'").fetchone()[0]
    assert rows == inserts == report.entries == report.rows > 100
    assert "Loggen är oförändrad" in report.summary()


def _a_payment(path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    pid, seq = conn.execute(
        "SELECT p.id, a.seq FROM payments p JOIN audit_log a ON a.table_name = 'payments' AND a.row_id = p.id "
        "WHERE p.reverses_payment_id IS NULL AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reverses_payment_id = p.id) "
        "ORDER BY p.id LIMIT 1").fetchone()
    conn.close()
    return pid, seq


def test_an_edited_amount_is_found(demo_db):
    pid, seq = _a_payment(demo_db)
    _raw(demo_db, "UPDATE payments SET amount_ore = amount_ore + 100 WHERE id = ?", pid)
    report = _report(demo_db)
    assert not report.intact
    assert report.findings[0] == chain.Finding(chain.ROW_ALTERED, seq, "payments", pid)
    assert report.first == f"Inbetalning {pid} har ändrats efter att den registrerades (loggpost {seq})."


def test_an_edited_event_date_is_found(demo_db):
    conn = sqlite3.connect(demo_db)
    eid = conn.execute("SELECT id FROM events WHERE kind = 'served' ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    _raw(demo_db, "UPDATE events SET occurred_on = '2026-01-02' WHERE id = ?", eid)
    assert [(f.kind, f.table, f.row_id) for f in _report(demo_db).findings] == [(chain.ROW_ALTERED, "events", eid)]


def test_an_inserted_payment_is_found(demo_db):
    conn = sqlite3.connect(demo_db)
    case_id = conn.execute("SELECT min(id) FROM cases").fetchone()[0]
    conn.close()
    _raw(demo_db, "INSERT INTO payments (case_id, amount_ore, order_date, booking_date, reference, source, payer_name, note,"
                  " recorded_by, recorded_at) VALUES (?, 500000, '2026-11-30', '2026-11-30', '', 'manual', '', '', 'x', ?)",
         case_id, datetime(2030, 1, 1))
    report = _report(demo_db)
    assert [f.kind for f in report.findings] == [chain.ROW_INSERTED]
    assert "finns inte i loggen: raden har lagts in utanför programmet" in report.first


def test_a_deleted_payment_is_found(demo_db):
    pid, seq = _a_payment(demo_db)
    _raw(demo_db, "DELETE FROM payments WHERE id = ?", pid)
    report = _report(demo_db)
    assert report.findings == (chain.Finding(chain.ROW_DELETED, seq, "payments", pid),)
    assert report.first == f"Inbetalning {pid} (loggpost {seq}) har tagits bort ur databasen."


def test_a_deleted_log_entry_and_an_edited_log_entry_are_found_earliest_first(demo_db):
    _raw(demo_db, "DELETE FROM audit_log WHERE seq = 40")
    _raw(demo_db, "UPDATE audit_log SET recorded_by = 'någon annan' WHERE seq = 30")
    report = _report(demo_db)
    kinds = [(f.kind, f.seq) for f in report.findings]
    assert kinds[0] == (chain.LOG_ALTERED, 30)
    assert (chain.LOG_DELETED, 40) in kinds
    assert report.problems[0].startswith("Loggpost 30 (")
    assert "Loggpost 40 saknas" in " ".join(report.problems)


def test_rewriting_an_entry_breaks_every_link_after_it_only_once(demo_db):
    # an attacker who rewrites one entry's row hash (to hide an edit) breaks that entry's link
    pid, seq = _a_payment(demo_db)
    _raw(demo_db, "UPDATE payments SET payer_name = 'Någon' WHERE id = ?", pid)
    _raw(demo_db, "UPDATE audit_log SET row_hash = ? WHERE seq = ?", "0" * 64, seq)
    report = _report(demo_db)
    assert report.findings[0].kind == chain.LOG_ALTERED and report.findings[0].seq == seq


def test_the_orm_refuses_to_change_or_delete_a_sealed_row(demo_db):
    ctx = open_database(str(demo_db), daily_backup=False)
    pid, _seq = _a_payment(demo_db)
    with pytest.raises(AppendOnlyViolation):
        with ctx.transaction() as session:
            session.get(m.Payment, pid).amount_ore = 1
    with pytest.raises(AppendOnlyViolation):
        with ctx.transaction() as session:
            session.delete(session.get(m.Payment, pid))
    assert audit.verify(ctx).intact
    ctx.close()


def test_a_document_is_marked_sent_once_and_the_sending_is_sealed(demo_db):
    ctx = open_database(str(demo_db), daily_backup=False)
    with ctx.transaction() as session:
        case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
        doc = m.Document(case_id=case_id, kind=DocumentKind.DEMAND, version=1, letter_date=date(2026, 12, 1), pdf=b"%PDF-1.4",
                         sha256="x", recorded_by="Eva", created_at=datetime(2026, 12, 1, 9))
        session.add(doc)
        session.flush()
        doc_id = doc.id
    with ctx.transaction() as session:
        row = session.get(m.Document, doc_id)
        row.sent_on, row.sent_method = date(2026, 12, 2), "post"
    report = audit.verify(ctx)
    assert report.intact
    with ctx.reading() as session:
        actions = session.scalars(sa.select(m.AuditEntry.action).where(m.AuditEntry.table_name == "documents",
                                                                       m.AuditEntry.row_id == doc_id).order_by(m.AuditEntry.seq)).all()
    assert actions == ["insert", "sent"]
    with pytest.raises(AppendOnlyViolation):  # sent once: a later change is a new version, not an edit
        with ctx.transaction() as session:
            session.get(m.Document, doc_id).sent_on = date(2026, 12, 3)
    ctx.close()
    _raw(demo_db, "UPDATE documents SET sent_on = '2026-12-09' WHERE id = ?", doc_id)
    assert _report(demo_db).findings[0].kind == chain.ROW_ALTERED


def test_undo_is_a_compensating_entry_in_the_chain(demo_db):
    ctx = open_database(str(demo_db), daily_backup=False)
    before = _report(demo_db)
    with ctx.reading() as session:
        case_id = session.scalar(sa.select(m.Event.case_id).where(m.Event.kind == EventKind.FILED).order_by(m.Event.id).limit(1))
        events_before = session.scalars(sa.select(m.Event.id).where(m.Event.case_id == case_id)).all()
    undo_id = cases.undo_last_event(ctx, case_id)
    pay_id = payments.register_payment(ctx, case_id, 10000, date(2026, 11, 30), DEMO_AS_OF)
    reversal_id = payments.undo_payment(ctx, pay_id)
    with ctx.reading() as session:
        undo = session.get(m.Event, undo_id)
        assert undo.reverses_event_id == events_before[-1]
        assert set(events_before) < set(session.scalars(sa.select(m.Event.id).where(m.Event.case_id == case_id)))
        assert session.get(m.Payment, pay_id).amount_ore == 10000  # the original stays
        assert session.get(m.Payment, reversal_id).amount_ore == -10000
        assert session.get(m.Payment, reversal_id).reverses_payment_id == pay_id
    after = audit.verify(ctx)
    assert after.intact and after.entries >= before.entries + 3  # the undo (and its fee reversals), payment, reversal
    ctx.close()


def test_who_recorded_is_the_treasurer_from_settings_else_the_os_user(demo_db):
    ctx = open_database(str(demo_db), daily_backup=False)
    settings_service.set_value(ctx, "treasurer_name", "", DEMO_AS_OF)
    with ctx.reading() as session:
        case_id = session.scalar(sa.select(sa.func.min(m.Case.id)))
    first = payments.register_payment(ctx, case_id, 100, date(2026, 11, 30), DEMO_AS_OF)
    settings_service.set_value(ctx, "treasurer_name", "Karin Kassör", DEMO_AS_OF)
    second = payments.register_payment(ctx, case_id, 200, date(2026, 11, 30), DEMO_AS_OF)
    with ctx.reading() as session:
        assert session.get(m.Payment, first).recorded_by == ctx.os_user
        assert session.get(m.Payment, second).recorded_by == "Karin Kassör"
        entry = session.scalars(sa.select(m.AuditEntry).where(m.AuditEntry.table_name == "payments", m.AuditEntry.row_id == second)).one()
        assert entry.recorded_by == "Karin Kassör" and entry.recorded_at is not None
    assert ctx.user == "Karin Kassör"
    ctx.close()


def test_rows_written_before_the_log_existed_are_sealed_by_the_migration(tmp_path):
    path = tmp_path / "old.sqlite"
    engine = db.create_engine(path)
    migrate.upgrade(engine, "0002")
    now = datetime(2026, 1, 2, 3, 4, 5)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO units (id, number, address, postcode, city, municipality, tenure, monthly_charge_ore,"
                             " pledgee_name, pledgee_address, private_letting) VALUES (1, '1001', '', '', '', '', 'bostadsratt', 412300, '', '', 0)"))
        conn.execute(sa.text("INSERT INTO cases (id, unit_id, ocr, opened_on, household_adults, household_children, note, created_at, version)"
                             " VALUES (1, 1, '10', '2026-01-02', 1, 0, '', :now, 1)"), {"now": now})
        conn.execute(sa.text("INSERT INTO events (id, case_id, kind, occurred_on, method, note, details, recorded_by, recorded_at)"
                             " VALUES (1, 1, 'demand-sent', '2026-01-02', 'post', 'Krav', '{}', 'Eva', :now)"), {"now": now})
        conn.execute(sa.text("INSERT INTO payments (id, case_id, amount_ore, order_date, booking_date, reference, source, payer_name,"
                             " note, recorded_by, recorded_at) VALUES (1, 1, 1000, '2026-01-05', '2026-01-05', '', 'manual', 'Test', '', 'Eva', :at)"),
                     {"at": datetime(2026, 1, 5)})
    migrate.upgrade(engine)
    with engine.connect() as conn:
        state = chain.verify(conn)
        order = conn.execute(sa.text("SELECT table_name, row_id, recorded_by FROM audit_log ORDER BY seq")).all()
    engine.dispose()
    assert state.intact and state.entries == 2
    assert [tuple(r) for r in order] == [("events", 1, "Eva"), ("payments", 1, "Eva")]


def test_a_letter_produced_and_marked_sent_through_the_letters_service_keeps_the_chain(demo_db):
    from app.services import letters

    ctx = open_database(str(demo_db), daily_backup=False)
    new_case = next(r.case_id for r in cases.list_cases(ctx, DEMO_AS_OF) if r.stage.value == "ny")
    stored = letters.produce(ctx, new_case, DocumentKind.DEMAND, DEMO_AS_OF)
    event_id = letters.mark_sent(ctx, stored.document_id, DEMO_AS_OF, "post", DEMO_AS_OF)
    assert event_id is not None
    with ctx.reading() as session:
        actions = session.scalars(sa.select(m.AuditEntry.action).where(
            m.AuditEntry.table_name == "documents", m.AuditEntry.row_id == stored.document_id).order_by(m.AuditEntry.seq)).all()
        assert session.get(m.Document, stored.document_id).event_id == event_id
    assert actions == ["insert", "sent"]  # sending (date, method and the event it recorded) sealed as its own entry
    assert audit.verify(ctx).intact
    ctx.close()
