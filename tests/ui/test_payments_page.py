"""Inbetalningar: a BgMax file goes preview → commit and the matched cases' balances change; unmatched
payments are matched by hand; a bad claims CSV is listed row by row; read-only allows no change."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.bgmax import BgMaxFile, BgPayment, Deposit
from app.domain.bgmax_writer import write_bgmax
from app.domain.stage import Stage
from app.persistence import models as m
from app.services import bgmax_import, cases, payments
from tests.ui.demo_database import AS_OF, demo_copy
from ui.context import UiContext
from ui.dialogs.messages import Messages
from ui.forms.bgmax_dialog import BgMaxPreviewDialog
from ui.forms.claims_import_dialog import ClaimsImportDialog
from ui.forms.payment_dialog import ManualPaymentDialog, MatchDialog
from ui.pages.payments import PaymentsPage


@pytest.fixture
def ctx(tmp_path_factory, tmp_path):
    context = demo_copy(tmp_path_factory, tmp_path)
    yield context
    context.close()


def page_for(qtbot, ctx, **modes) -> PaymentsPage:
    page = PaymentsPage(UiContext(ctx, AS_OF, **modes))
    qtbot.addWidget(page)
    page.show()
    return page


def bgmax(payments_: list[tuple[str, int, str]]) -> bytes:
    rows = tuple(BgPayment(payer_bankgiro="", reference=ref, amount_ore=ore, payer_name=name, serial=i + 1)
                 for i, (ref, ore, name) in enumerate(payments_))
    deposit = Deposit.of("55555551", date(2026, 11, 30), rows)
    return write_bgmax(BgMaxFile(timestamp=datetime(2026, 12, 1, 6, 0, 0), test_flag=False, deposits=(deposit,)))


def open_cases(ctx) -> list[cases.CaseRow]:
    return [r for r in cases.list_cases(ctx, AS_OF) if r.stage not in (Stage.AVSLUTAD, Stage.NY)]


def ocr_of(ctx, case_id: int) -> str:
    """The case's own OCR reference, as stored and printed on its letters."""
    with ctx.reading() as session:
        return session.get(m.Case, case_id).ocr


def test_bgmax_import_preview_then_commit_changes_the_matched_balances(qtbot, ctx, tmp_path, monkeypatch):
    first, second = open_cases(ctx)[:2]
    data = bgmax([(ocr_of(ctx, first.case_id), 100_000, "Betalare Ett"), (ocr_of(ctx, second.case_id), 50_050, "Betalare Två"),
                  ("99999", 12_300, "Okänd Betalare")])
    path = tmp_path / "bgmax-2026-12-01.txt"
    path.write_bytes(data)
    page = page_for(qtbot, ctx)
    seen: dict[str, object] = {}

    def look_then_commit(dialog: BgMaxPreviewDialog) -> int:
        seen["totals"] = dict(dialog.totals)
        seen["rows"] = dialog.table.visible_text()
        # nothing is booked while the preview is open
        seen["balance_during_preview"] = next(r.total_ore for r in cases.list_cases(ctx, AS_OF) if r.case_id == first.case_id)
        assert dialog.commit()
        return BgMaxPreviewDialog.DialogCode.Accepted

    monkeypatch.setattr(BgMaxPreviewDialog, "exec", look_then_commit)
    page.import_bgmax(path)
    assert seen["totals"] == {"Inbetalningar": "3", "Matchade": "2", "Omatchade": "1", "Summa": "1\u00a0623,50\u00a0kr"}
    targets = [row[-1] for row in seen["rows"]]
    assert targets[0].startswith(f"Ärende {first.case_id}, objekt {first.unit}") and targets[2] == "Omatchad – väntar på dig"
    assert seen["balance_during_preview"] == first.total_ore
    after = {r.case_id: r for r in cases.list_cases(ctx, AS_OF)}
    # capital first (PROCESS.md, Money); paid on 30 November, so a day's interest less as well
    assert after[first.case_id].capital_ore == first.capital_ore - 100_000
    assert after[second.case_id].capital_ore == second.capital_ore - 50_050
    assert first.total_ore - after[first.case_id].total_ore >= 100_000
    assert "3 inbetalningar på 1\u00a0623,50\u00a0kr, 2 kopplade till ärenden, 1 omatchade" in page.last_import.text()
    assert [row[1:4] for row in page.unmatched.visible_text()] == [["123,00\u00a0kr", "99999", "Okänd Betalare"]]


def test_the_same_file_twice_is_refused(qtbot, ctx, tmp_path, monkeypatch):
    data = bgmax([(ocr_of(ctx, open_cases(ctx)[0].case_id), 10_000, "A")])
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    page = page_for(qtbot, ctx)
    monkeypatch.setattr(BgMaxPreviewDialog, "exec", lambda dialog: dialog.commit() and BgMaxPreviewDialog.DialogCode.Accepted)
    page.import_bgmax(path)
    refusals = []
    monkeypatch.setattr(Messages, "refused", classmethod(lambda cls, parent, reasons, heading="": refusals.append(reasons)))
    page.import_bgmax(path)
    assert "redan inläst" in refusals[0][0]


def test_an_unmatched_payment_is_matched_to_a_case_by_hand(qtbot, ctx, tmp_path, monkeypatch):
    target = open_cases(ctx)[0]
    path = tmp_path / "b.txt"
    path.write_bytes(bgmax([("12345", 20_000, "Fel Referens")]))
    page = page_for(qtbot, ctx)
    monkeypatch.setattr(BgMaxPreviewDialog, "exec", lambda dialog: dialog.commit() and BgMaxPreviewDialog.DialogCode.Accepted)
    page.import_bgmax(path)
    assert page.unmatched.select(lambda p: p.reference == "12345")
    dialog = MatchDialog(page.ui, page.unmatched.selected(), page)
    qtbot.addWidget(dialog)
    assert dialog.save() is False and dialog.form.error("case") == "Välj vilket ärende inbetalningen gäller."
    assert dialog.case.choose(target.case_id)
    assert dialog.claim.count() >= 2  # "no particular avi" and the case's avier
    assert dialog.save() is True
    page.refresh()
    assert payments.unmatched(ctx) == [] and page.empty_note.isVisible()
    assert next(r.capital_ore for r in cases.list_cases(ctx, AS_OF) if r.case_id == target.case_id) == target.capital_ore - 20_000


def test_a_manual_payment_is_checked_before_it_is_registered(qtbot, ctx):
    target = open_cases(ctx)[0]
    page = page_for(qtbot, ctx)
    dialog = ManualPaymentDialog(page.ui, page, case_id=target.case_id)
    qtbot.addWidget(dialog)
    dialog.amount.setText("12,345")
    assert dialog.save() is False
    assert dialog.form.error("amount") == "Ogiltigt belopp i beloppet: ”12,345”. Skriv t.ex. 1234,50."
    dialog.amount.setText("1 000,00")
    dialog.order_date.set_value(date(2026, 12, 2))
    assert dialog.save() is False
    assert dialog.form.error("order_date") == "Betalningsdagen 2026-12-02 ligger i framtiden."
    dialog.order_date.set_value(date(2026, 11, 30))
    dialog.booking_date.set_value(date(2026, 12, 1))
    assert dialog.save() is True
    assert next(r.capital_ore for r in cases.list_cases(ctx, AS_OF) if r.case_id == target.case_id) == target.capital_ore - 100_000


HEADER = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp"


def test_a_bad_claims_csv_is_listed_row_by_row_and_nothing_is_saved(qtbot, ctx):
    data = "\n".join([
        HEADER,
        "191212121213;Tolvan Tolvansson;Storgatan 1;12345;Lindköping;2001;bostadsratt;A-1;2026-12-01;2026-12-31;2026-11-30;4000",
        "194408139089;Nils Nilsson;Storgatan 1;12345;Lindköping;2002;bostadsratt;A-2;2026-12-01;2026-12-31;2026-11-30;fyratusen",
    ]).encode("utf-8")
    page = page_for(qtbot, ctx)
    dialog = ClaimsImportDialog(page.ui, data, "avier.csv", page)
    qtbot.addWidget(dialog)
    assert dialog.check() is False
    rows = dialog.table.visible_text()
    assert [(r[0], r[1]) for r in rows] == [("2", "personnummer"), ("3", "belopp")]
    assert "Ogiltigt personnummer" in rows[0][2]
    assert "kan inte importeras: 2 fel. Ingenting har sparats" in dialog.heading.text()
    assert dialog.import_button.isHidden()


def test_a_good_claims_csv_is_shown_then_imported(qtbot, ctx):
    data = "\n".join([
        HEADER,
        "191212121212;Tolvan Tolvansson;Storgatan 1;12345;Lindköping;2001;bostadsratt;A-1;2026-12-01;2026-12-31;2026-11-30;4000",
    ]).encode("utf-8")
    page = page_for(qtbot, ctx)
    dialog = ClaimsImportDialog(page.ui, data, "avier.csv", page)
    qtbot.addWidget(dialog)
    assert dialog.check() is True
    assert "1 avier på sammanlagt 4\u00a0000,00\u00a0kr; 0 nya personer och 1 nya objekt" in dialog.heading.text()
    assert dialog.commit() is True and dialog.summary.claims_created == 1


def test_read_only_allows_no_change(qtbot, ctx, tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes(bgmax([("12345", 20_000, "Fel Referens")]))
    page = page_for(qtbot, ctx, read_only=True)
    assert page.banner.isVisible() and "Skrivskyddat läge" in page.banner.text()
    assert page.edits.widgets() and not any(w.isEnabled() for w in page.edits.widgets())
    # a preview is allowed (it changes nothing) but cannot be booked
    summary = bgmax_import.import_bgmax(ctx, path.read_bytes(), path.name, dry_run=True)
    dialog = BgMaxPreviewDialog(page.ui, path.read_bytes(), path.name, summary, page)
    qtbot.addWidget(dialog)
    assert not dialog.commit_button.isEnabled()
    assert dialog.commit() is False and "skrivskyddat läge" in dialog.error.text()
    assert payments.unmatched(ctx) == []  # nothing was booked
