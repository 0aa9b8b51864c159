"""Two treasurers on one database (SQLite file or PostgreSQL server): nobody's change is silently
overwritten, writers queue and see each other's work, readers see one state, and the change counter
tells a program that someone else saved something.

Dates: rent for March 2026 is due Friday 27 February (JB 12:20); the case opens Monday 9 March and the
demand goes out Tuesday 10 March.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.domain.bgmax import BgMaxFile, BgPayment, Deposit
from app.domain.bgmax_writer import write_bgmax
from app.domain.event import Event, EventKind
from app.domain.problem import Refused
from app.persistence import db, server
from app.persistence import models as m
from app.services import audit, case_view, cases, changes, claims_import, payments, registers
from app.services import settings as settings_service
from app.services.context import CONFLICT_MESSAGE, AppContext, open_database

ROOT = Path(__file__).parents[2]
OPENED, DEMAND_DAY = date(2026, 3, 9), date(2026, 3, 10)
HOLD_S = 0.6  # how long the first writer keeps its transaction open while the second waits
UNITS = ("1201", "1202", "1203", "1204")
PNR = ("199006022397", "194408139089", "198112189876", "201212121212")
CSV = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp\n" + "".join(
    f"{pnr};Test Testsson {i};Exempelgatan {i};123 45;Lindköping;{unit};hyresratt;A-2026-03-{unit};2026-03-01;2026-03-31;2026-02-27;6200,00\n"
    for i, (pnr, unit) in enumerate(zip(PNR, UNITS), start=1)
)


@pytest.fixture
def anna(database_context) -> AppContext:
    """The first treasurer: four rented homes, each with an open case for March's rent."""
    claims_import.import_claims(database_context, CSV.encode())
    for unit in UNITS:
        cases.open_case(database_context, unit, OPENED)
    return database_context


@pytest.fixture
def bertil(anna) -> AppContext:
    """The second treasurer: the same database opened by another program (its own engine and pool)."""
    other = open_database(anna.target, daily_backup=False)
    other.os_user = "bertil"
    yield other
    other.close()


def demand() -> Event:
    return Event(EventKind.DEMAND_SENT, DEMAND_DAY, method="post")


def kinds(ctx: AppContext, case_id: int) -> list[EventKind]:
    return [e.kind for e in case_view.show_case(ctx, case_id, DEMAND_DAY).events]


def in_thread(work) -> tuple[threading.Thread, list]:  # noqa: ANN001
    """Run `work` in another thread (another user's program); its result or exception lands in the list."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_the_second_of_two_treasurers_on_one_case_is_told_and_nothing_is_lost(anna, bertil):
    seen_by_anna = case_view.show_case(anna, 1, DEMAND_DAY).version
    seen_by_bertil = case_view.show_case(bertil, 1, DEMAND_DAY).version  # both have the case open
    cases.record_event(anna, 1, demand(), DEMAND_DAY, expected_version=seen_by_anna)
    with pytest.raises(Refused) as refused:
        cases.save_note(bertil, 1, "Gäldenären ringde, lovar betala fredag.", expected_version=seen_by_bertil)
    assert [p.message for p in refused.value.problems] == [CONFLICT_MESSAGE]
    reloaded = case_view.show_case(bertil, 1, DEMAND_DAY)  # the reload the message asks for
    assert kinds(bertil, 1) == [EventKind.DEMAND_SENT] and reloaded.note == ""  # Anna's event kept, nothing half-saved
    cases.save_note(bertil, 1, "Gäldenären ringde, lovar betala fredag.", expected_version=reloaded.version)
    final = case_view.show_case(anna, 1, DEMAND_DAY)
    assert kinds(anna, 1) == [EventKind.DEMAND_SENT] and final.note == "Gäldenären ringde, lovar betala fredag."


def test_a_payment_registered_by_someone_else_also_stops_a_stale_event(anna, bertil):
    seen = case_view.show_case(anna, 1, DEMAND_DAY).version
    payments.register_payment(bertil, 1, 200_000, DEMAND_DAY, DEMAND_DAY)
    with pytest.raises(Refused, match="ändrats av någon annan"):
        cases.record_event(anna, 1, demand(), DEMAND_DAY, expected_version=seen)
    assert kinds(anna, 1) == []
    assert [p.amount_ore for p in case_view.show_case(anna, 1, DEMAND_DAY).payments] == [200_000]


def test_a_writer_waits_for_the_other_to_commit_and_then_sees_its_change(anna, bertil):
    seen = case_view.show_case(bertil, 1, DEMAND_DAY).version
    holding, committing_at = threading.Event(), []

    def anna_records_and_lingers() -> None:
        with anna.transaction() as session:
            cases.record_event_in(session, anna.user, 1, demand(), DEMAND_DAY)
            holding.set()
            time.sleep(HOLD_S)  # Bertil presses save meanwhile
            committing_at.append(time.monotonic())  # the commit follows as the block ends

    thread, outcome = in_thread(anna_records_and_lingers)
    assert holding.wait(10)
    with pytest.raises(Refused) as refused:
        cases.record_event(bertil, 1, demand(), DEMAND_DAY, expected_version=seen)
    returned_at = time.monotonic()
    thread.join(10)
    assert outcome == [None]
    assert returned_at >= committing_at[0]  # Bertil's transaction queued behind Anna's, it did not run beside it
    assert [p.message for p in refused.value.problems] == [CONFLICT_MESSAGE]
    assert kinds(anna, 1) == [EventKind.DEMAND_SENT]  # one demand, not two


def test_a_writer_kept_waiting_too_long_is_told_to_try_again_and_nothing_is_saved(anna, monkeypatch):
    monkeypatch.setattr(server, "WRITE_LOCK_TIMEOUT", "300ms")  # PostgreSQL: 30 s in real use
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 300)  # SQLite: 5 s in real use
    impatient = open_database(anna.target, daily_backup=False)
    holding, done = threading.Event(), threading.Event()

    def anna_holds_the_database() -> None:
        with anna.transaction() as session:
            cases.record_event_in(session, anna.user, 1, demand(), DEMAND_DAY)
            holding.set()
            done.wait(10)

    thread, outcome = in_thread(anna_holds_the_database)
    assert holding.wait(10)
    try:
        with pytest.raises(Refused) as refused:
            payments.register_payment(impatient, 2, 10_000, DEMAND_DAY, DEMAND_DAY)
    finally:
        done.set()
        thread.join(10)
        impatient.close()
    assert [p.message for p in refused.value.problems] == [server.BUSY_MESSAGE]
    assert outcome == [None] and kinds(anna, 1) == [EventKind.DEMAND_SENT]
    assert case_view.show_case(anna, 2, DEMAND_DAY).payments == ()


def test_two_payments_at_the_same_moment_are_both_kept(anna, bertil):
    holding = threading.Event()

    def anna_pays_and_lingers() -> int:
        with anna.transaction() as session:
            session.add(m.Payment(case_id=1, amount_ore=100_000, order_date=DEMAND_DAY, booking_date=DEMAND_DAY,
                                  source="manual", recorded_by=anna.user, recorded_at=datetime(2026, 3, 10, 9)))
            payments.touch_case(session, 1)
            session.flush()
            holding.set()
            time.sleep(HOLD_S)
        return 1

    before = case_view.show_case(anna, 1, DEMAND_DAY).version
    thread, outcome = in_thread(anna_pays_and_lingers)
    assert holding.wait(10)
    payments.register_payment(bertil, 1, 50_000, DEMAND_DAY, DEMAND_DAY)  # no version given: a plain addition
    thread.join(10)
    assert outcome == [1]
    view = case_view.show_case(anna, 1, DEMAND_DAY)
    assert sorted(p.amount_ore for p in view.payments) == [50_000, 100_000] and view.version == before + 2


# SQLite holds its write lock for the whole transaction: nobody can write beside it, so server only.
@pytest.mark.postgres
@pytest.mark.parametrize("database_target", ["postgresql"], indirect=True)
def test_even_a_writer_outside_the_queue_cannot_be_overwritten(anna, bertil, database_target):
    """The version column is the second guard: a change that skipped the write lock (another tool, a
    hand-written UPDATE) is still detected, and the program's transaction is refused whole."""
    outsider = sa.create_engine(database_target, poolclass=sa.pool.NullPool)
    with pytest.raises(Refused) as refused:
        with bertil.transaction() as session:
            loaded = session.get(m.Case, 1)  # Bertil's program has the case loaded (and holds on to it) …
            with outsider.begin() as conn:  # … when someone changes it without the program
                conn.execute(sa.text("UPDATE cases SET version = version + 1, note = 'ändrad utanför' WHERE id = 1"))
            cases.record_event_in(session, bertil.user, 1, demand(), DEMAND_DAY)
            believed = loaded.version
    outsider.dispose()
    assert [p.message for p in refused.value.problems] == [CONFLICT_MESSAGE]
    view = case_view.show_case(anna, 1, DEMAND_DAY)
    assert view.note == "ändrad utanför" and view.events == ()  # the outside change stands, Bertil's event was not saved
    assert view.version == believed + 1


# A second program importing the bank file: started as its own process, it waits for a common start time.
IMPORTER = """
import sys, time
from app.domain.problem import Refused
from app.services.bgmax_import import import_bgmax
from app.services.context import open_database
ctx = open_database(sys.argv[1], daily_backup=False)
data = open(sys.argv[2], "rb").read()
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
try:
    print("bokförd", import_bgmax(ctx, data, sys.argv[4]).payments)
except Refused as refused:
    print("nekad", refused.problems[0].message)
"""


def test_the_same_bank_file_imported_by_two_programs_at_once_is_booked_once(anna, tmp_path):
    ocr = case_view.show_case(anna, 2, DEMAND_DAY).ocr
    bank_file = tmp_path / "bgmax.txt"
    bank_file.write_bytes(write_bgmax(BgMaxFile(datetime(2026, 3, 11, 6, 30), False, (Deposit.of("55555551", DEMAND_DAY, (
        BgPayment("", ocr, 620_000, serial=1),)),))))
    start = str(time.time() + 4)  # both programs are up by then
    programs = [subprocess.Popen([sys.executable, "-c", IMPORTER, anna.target, str(bank_file), start, name],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
                for name in ("anna.txt", "bertil.txt")]
    outputs = [p.communicate(timeout=60) for p in programs]
    assert [p.returncode for p in programs] == [0, 0], outputs
    said = sorted(out.strip() for out, _err in outputs)
    assert said[0] == "bokförd 1" and said[1].startswith("nekad") and "redan inläst" in said[1], said
    assert [p.amount_ore for p in case_view.show_case(anna, 2, DEMAND_DAY).payments] == [620_000]


def test_many_writers_at_once_keep_every_row_and_the_audit_chain_whole(anna, bertil):
    third = open_database(anna.target, daily_backup=False)
    seen = changes.data_version(anna)

    def pay_five(ctx: AppContext, case_id: int):  # noqa: ANN202
        return lambda: [payments.register_payment(ctx, case_id, 1_000 * n, DEMAND_DAY, DEMAND_DAY) for n in range(1, 6)]

    threads = [in_thread(pay_five(ctx, case_id)) for ctx, case_id in ((anna, 1), (bertil, 2), (third, 3), (bertil, 4))]
    for thread, _ in threads:
        thread.join(60)
    third.close()
    results = [outcome[0] for _, outcome in threads]
    assert all(isinstance(r, list) and len(r) == 5 for r in results), results
    for case_id in (1, 2, 3, 4):
        assert [p.amount_ore for p in case_view.show_case(anna, case_id, DEMAND_DAY).payments] == [1_000, 2_000, 3_000, 4_000, 5_000]
    report = audit.verify(anna)
    assert report.intact and report.entries == 20
    assert changes.data_version(anna) == seen + 20


def test_a_reader_sees_one_state_while_others_commit(anna, bertil):
    with anna.reading() as session:
        count = sa.select(sa.func.count(m.Payment.id))
        assert session.scalar(count) == 0
        payments.register_payment(bertil, 1, 10_000, DEMAND_DAY, DEMAND_DAY)  # committed meanwhile
        assert session.scalar(count) == 0  # the same snapshot throughout: no half-old, half-new board
    with anna.reading() as session:
        assert session.scalar(sa.select(sa.func.count(m.Payment.id))) == 1


def test_the_change_counter_moves_with_every_saved_change_and_only_then(anna, bertil):
    seen = changes.data_version(bertil)
    cases.list_cases(anna, DEMAND_DAY)
    case_view.show_case(anna, 1, DEMAND_DAY)
    assert changes.changed_since(bertil, seen) == (False, seen)  # reading changes nothing

    cases.record_event(anna, 1, demand(), DEMAND_DAY)
    changed, now = changes.changed_since(bertil, seen)
    assert changed and now == seen + 1

    with pytest.raises(Refused):
        cases.record_event(anna, 1, Event(EventKind.FILED, DEMAND_DAY), DEMAND_DAY)  # before the payment deadline
    assert changes.data_version(bertil) == now  # a refused command saved nothing

    settings_service.set_value(anna, "treasurer_name", "Anna Andersson", DEMAND_DAY)
    person = registers.list_persons(anna)[0]
    registers.update_person(anna, person.person_id, registers.PersonForm(
        person.personnummer, person.name, "Nya gatan 5", person.postcode, person.city, person.email, person.phone))
    assert changes.data_version(bertil) == now + 2  # settings and registers count too, not only cases
