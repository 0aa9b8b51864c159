"""Money on SQLite and PostgreSQL alike: BgMax files booked whole and once, manual payments undone and
moved by new rows, claim files imported whole or not at all – each on a copy of the demo association."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from app.domain.bgmax import BgMaxFile, BgPayment, Deposit
from app.domain.bgmax_writer import write_bgmax
from app.domain.problem import Refused
from app.persistence.digest import content_digest
from app.services import audit, bgmax_import, case_view, cases, changes, claims_import, payments
from app.services.context import open_database

FIXTURE = Path(__file__).parents[1] / "fixtures" / "bgmax" / "bankgirot-exempelfil-ocr-checksiffra-langd.bgmax"
AS_OF = date(2026, 12, 1)
HEADER = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp\n"
# December's rent is due Friday 27 November 2026 (JB 12:20: the last vardag before the month)
GOOD = "199006022397;Test Testsson;Gatan 1;123 45;Lindköping;2001;hyresratt;B-1;2026-12-01;2026-12-31;2026-11-27;5000\n"
BAD = "191212121213;Fel Felsson;Gatan 2;123 45;Lindköping;2002;hyresratt;B-2;2026-12-01;2026-12-31;2026-11-27;5000\n"


@pytest.fixture
def ctx(demo_target):
    context = open_database(demo_target, daily_backup=False)
    yield context
    context.close()


def digest(ctx) -> str:
    with ctx.engine.connect() as connection:
        return content_digest(connection)


def test_bankgirots_example_file_is_booked_whole_and_only_once(ctx):
    data = FIXTURE.read_bytes()
    preview = bgmax_import.import_bgmax(ctx, data, FIXTURE.name, dry_run=True)
    assert (preview.payments, preview.matched, preview.unmatched, preview.total_ore) == (7, 0, 7, 990_000)
    before_unmatched = len(payments.unmatched(ctx))
    bgmax_import.import_bgmax(ctx, data, FIXTURE.name)
    assert len(payments.unmatched(ctx)) == before_unmatched + 7
    before = digest(ctx)
    with pytest.raises(Refused, match="redan inläst"):
        bgmax_import.import_bgmax(ctx, data, "samma-fil-nytt-namn.bgmax")
    assert digest(ctx) == before


def test_an_import_that_fails_half_way_leaves_nothing_behind(ctx):
    view = case_view.show_case(ctx, 7, AS_OF)
    file = BgMaxFile(datetime(2026, 11, 30, 7, 0), False, (Deposit.of("55555551", date(2026, 11, 30), (
        BgPayment("", view.ocr, 100_000, serial=1), BgPayment("", "123456789", 5_000, serial=2)),),))
    before = digest(ctx)
    sealed = []

    def fail_on_seal(_conn, _cursor, statement, *_rest) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_LOG"):
            sealed.append(statement)
            raise OSError("förbindelsen bröts")  # the payments are written; sealing them fails

    event.listen(ctx.engine, "before_cursor_execute", fail_on_seal)
    try:
        with pytest.raises(OSError):
            bgmax_import.import_bgmax(ctx, write_bgmax(file), "nov.bgmax")
    finally:
        event.remove(ctx.engine, "before_cursor_execute", fail_on_seal)
    assert len(sealed) == 1 and digest(ctx) == before
    assert bgmax_import.import_bgmax(ctx, write_bgmax(file), "nov.bgmax").payments == 2  # not "already imported"


def test_a_matched_payment_lowers_the_balance_and_moves_the_case_version(ctx):
    view = case_view.show_case(ctx, 7, AS_OF)
    seen = changes.data_version(ctx)
    file = BgMaxFile(datetime(2026, 11, 30, 7, 0), False, (Deposit.of("55555551", date(2026, 11, 30), (
        BgPayment("", view.ocr, 100_000, serial=1),)),))
    summary = bgmax_import.import_bgmax(ctx, write_bgmax(file), "nov.bgmax")
    assert (summary.matched, summary.unmatched) == (1, 0)
    after = case_view.show_case(ctx, 7, AS_OF)
    assert after.settlement.capital_ore == view.settlement.capital_ore - 100_000  # capital first (PROCESS.md)
    assert after.version == view.version + 1
    assert changes.data_version(ctx) == seen + 1


def test_manual_payments_are_undone_and_moved_by_new_rows_with_the_log_intact(ctx):
    before = case_view.show_case(ctx, 7, AS_OF).settlement.total_ore
    paid = payments.register_payment(ctx, 7, 50_000, date(2026, 11, 28), AS_OF)
    reversal = payments.undo_payment(ctx, paid)
    assert reversal == paid + 1  # ids continue from the copy (the server's sequences came along)
    assert case_view.show_case(ctx, 7, AS_OF).settlement.total_ore == before
    with pytest.raises(Refused, match="redan ångrad"):
        payments.undo_payment(ctx, paid)
    moved = payments.move_payment(ctx, payments.register_payment(ctx, 7, 1_000, date(2026, 11, 28), AS_OF), None)
    assert moved in [u.payment_id for u in payments.unmatched(ctx)]
    assert audit.verify(ctx).intact


def test_a_claim_file_is_imported_whole_or_not_at_all(ctx):
    before = digest(ctx)
    with pytest.raises(Refused) as refused:
        claims_import.import_claims(ctx, (HEADER + GOOD + BAD).encode())
    assert "Rad 3" in refused.value.problems[0].message and "personnummer" in refused.value.problems[0].message
    assert digest(ctx) == before
    summary = claims_import.import_claims(ctx, (HEADER + GOOD).encode())
    assert (summary.claims_created, summary.units_created) == (1, 1)
    newest = max(r.case_id for r in cases.list_cases(ctx, AS_OF))
    assert cases.open_case(ctx, "2001", AS_OF) == newest + 1
    with pytest.raises(Refused, match="finns redan"):
        claims_import.import_claims(ctx, (HEADER + GOOD).encode())
