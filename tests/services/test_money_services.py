"""Payments and imports through the services: whole files or nothing, never twice, append-only undo."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.bgmax import BgMaxFile, BgPayment, Deposit
from app.domain.bgmax_writer import write_bgmax
from app.domain.problem import Refused
from app.services import bgmax_import, case_view, claims_import, payments
from app.services.context import open_database
from tests.cli.test_cli_contract import demo_db, demo_file, fingerprint  # noqa: F401 - fixtures

FIXTURE = Path(__file__).parents[1] / "fixtures" / "bgmax" / "bankgirot-exempelfil-ocr-checksiffra-langd.bgmax"
AS_OF = date(2026, 12, 1)


@pytest.fixture
def ctx(demo_db):  # noqa: F811
    context = open_database(str(demo_db))
    yield context
    context.close()


def test_bankgirots_example_file_imports_whole_and_only_once(ctx, demo_db):  # noqa: F811
    data = FIXTURE.read_bytes()
    preview = bgmax_import.import_bgmax(ctx, data, FIXTURE.name, dry_run=True)
    assert (preview.payments, preview.matched, preview.unmatched) == (7, 0, 7)  # 6 payments + 1 deduction, none ours
    assert preview.total_ore == 190_000 + 800_000  # the two deposits: 1 900,00 + 8 000,00 kr
    summary = bgmax_import.import_bgmax(ctx, data, FIXTURE.name)
    assert summary.committed and summary.as_json() == {"payments": 7, "matched": 0, "unmatched": 7, "total_ore": 990_000}
    assert len(payments.unmatched(ctx)) == 7
    before = fingerprint(demo_db)
    with pytest.raises(Refused, match="redan inläst"):
        bgmax_import.import_bgmax(ctx, data, "annat-namn.bgmax")
    assert fingerprint(demo_db) == before


def test_a_file_with_a_wrong_sum_is_refused_and_changes_nothing(ctx, demo_db):  # noqa: F811
    text = FIXTURE.read_bytes().decode("latin-1").replace("000000000190000", "000000000190100", 1)
    before = fingerprint(demo_db)
    with pytest.raises(Refused, match="rad"):
        bgmax_import.import_bgmax(ctx, text.encode("latin-1"), "fel.bgmax")
    assert fingerprint(demo_db) == before


def test_payments_with_a_case_ocr_are_matched_and_lower_the_balance(ctx):
    view = case_view.show_case(ctx, 7, AS_OF)
    owed = view.settlement.capital_ore
    file = BgMaxFile(datetime(2026, 11, 30, 7, 0), False, (Deposit.of("55555551", date(2026, 11, 30), (
        BgPayment("", view.ocr, 100_000, serial=1), BgPayment("", "123456789", 5_000, serial=2)),),))
    summary = bgmax_import.import_bgmax(ctx, write_bgmax(file), "nov.bgmax")
    assert (summary.matched, summary.unmatched) == (1, 1)
    assert case_view.show_case(ctx, 7, AS_OF).settlement.capital_ore == owed - 100_000  # capital first (PROCESS.md)


def test_undo_and_move_are_new_entries(ctx):
    before = case_view.show_case(ctx, 7, AS_OF).settlement.total_ore
    paid = payments.register_payment(ctx, 7, 50_000, date(2026, 11, 28), AS_OF)
    after = case_view.show_case(ctx, 7, AS_OF).settlement
    assert after.total_ore < before - 50_000  # the capital paid on 28 November also stops its interest
    payments.undo_payment(ctx, paid)
    view = case_view.show_case(ctx, 7, AS_OF)
    assert view.settlement.total_ore == before
    assert [p.undone for p in view.payments if p.payment_id >= paid] == [True, True]  # the original and its reversal
    with pytest.raises(Refused, match="redan ångrad"):
        payments.undo_payment(ctx, paid)
    moved = payments.move_payment(ctx, payments.register_payment(ctx, 7, 1_000, date(2026, 11, 28), AS_OF), None)
    assert [u.payment_id for u in payments.unmatched(ctx)] == [moved]


def test_claim_import_refuses_the_whole_file_naming_row_and_field(ctx, demo_db):  # noqa: F811
    header = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp\n"
    good = "199006022397;Test Testsson;Gatan 1;123 45;Lindköping;2001;hyresratt;B-1;2026-11-01;2026-11-30;2026-10-30;5000\n"
    bad = "191212121213;Fel Felsson;Gatan 2;123 45;Lindköping;2002;hyresratt;B-2;2026-11-01;2026-11-30;2026-10-30;5000\n"
    before = fingerprint(demo_db)
    with pytest.raises(Refused) as refused:
        claims_import.import_claims(ctx, (header + good + bad).encode())
    assert any("Rad 3" in p.message and "personnummer" in p.message.lower() for p in refused.value.problems)
    assert fingerprint(demo_db) == before
    summary = claims_import.import_claims(ctx, (header + good).encode())
    assert (summary.claims_created, summary.persons_created, summary.units_created) == (1, 0, 1)  # the person is known
    with pytest.raises(Refused, match="finns redan"):
        claims_import.import_claims(ctx, (header + good).encode())
