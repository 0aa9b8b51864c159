"""Every Qt model of the daily-work GUI passes qtmodeltester, filled from the demo association."""
from __future__ import annotations

import pytest

from app.domain.stage import Stage
from app.services import case_view, cases
from tests.ui.demo_database import AS_OF
from ui.models.board import BoardFilter, BoardModel, StageColumnModel
from ui.models.case_columns import CLAIM_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, FEE_COLUMNS, INTEREST_COLUMNS, PAYMENT_COLUMNS, SCORE_COLUMNS
from ui.models.due_list import DueListModel
from ui.tables.row_model import RowTableModel

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def test_board_model_and_every_stage_column(qtmodeltester, ctx):
    rows = cases.list_cases(ctx, AS_OF)
    model = BoardModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=True)
    board_filter = BoardFilter()
    for stage in Stage:
        column = StageColumnModel(stage, board_filter)
        column.setSourceModel(model)
        qtmodeltester.check(column, force_py=True)
        assert {r.case_id for r in column.case_rows()} == {r.case_id for r in rows if r.stage is stage}
    board_filter.update(text="1016")
    qtmodeltester.check(column, force_py=True)


def test_the_board_model_keeps_the_most_urgent_card_first(ctx):
    model = BoardModel()
    model.set_rows(cases.list_cases(ctx, AS_OF))
    dues = [model.row_at(r).next_action.due_date for r in range(model.rowCount()) if model.row_at(r).next_action]
    assert dues == sorted(dues)
    assert model.row_at(model.rowCount() - 1).next_action is None  # nothing due: last


def test_due_list_model_groups_overdue_today_and_this_week(qtmodeltester, ctx):
    model = DueListModel()
    model.set_rows(cases.due_actions(ctx, AS_OF, days=7), AS_OF)
    qtmodeltester.check(model, force_py=True)
    assert [model.index(g, 0).data() for g in range(3)] == [
        f"Försenat ({len(model.group_rows('overdue'))})", f"I dag ({len(model.group_rows('today'))})",
        f"Denna vecka ({len(model.group_rows('week'))})"]
    assert all(r.action.due_date < AS_OF for r in model.group_rows("overdue"))
    today = model.group_rows("today")
    # the demo's three new cases wait for their inkassokrav today (PROCESS.md: send the demand on opening)
    assert sorted(r.unit for r in today if r.action.action.value == "send-demand") == ["1009", "1010", "P211"]


def test_case_detail_tables(qtmodeltester, ctx):
    view = case_view.show_case(ctx, 8, AS_OF)
    avi = {c.claim_id: c.avi_number for c in view.claims}
    for columns, rows in ((CLAIM_COLUMNS, view.claims), (PAYMENT_COLUMNS, view.payments), (FEE_COLUMNS, view.fees),
                          (EVENT_COLUMNS, view.events), (DOCUMENT_COLUMNS, view.documents), (SCORE_COLUMNS, view.scores),
                          (INTEREST_COLUMNS, [(avi[x.claim_id], x) for x in view.settlement.interest_lines])):
        model = RowTableModel(columns)
        model.set_rows(list(rows))
        qtmodeltester.check(model, force_py=True)
    model = RowTableModel(CLAIM_COLUMNS)
    model.set_rows(list(view.claims))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["202610-1016", "202611-1016"]



def test_cases_and_documents_page_models(qtmodeltester, ctx):
    from app.services.document_list import list_documents
    from app.services import letters
    from app.domain.action import DocumentKind
    from ui.tables.row_model import FilterProxy
    from ui.pages.cases import case_columns
    from ui.pages.documents import document_columns

    model = RowTableModel(case_columns(masked=False))
    model.set_rows(cases.list_cases(ctx, AS_OF))
    proxy = FilterProxy(model)
    proxy.sort(6)  # Skuld: by öre, not by text
    qtmodeltester.check(proxy, force_py=True)
    debts = [proxy.row_at(r).total_ore for r in range(proxy.rowCount())]
    assert debts == sorted(debts)
    proxy.set_text("lindköping")  # matches nothing shown: addresses are not in the list
    assert proxy.rowCount() == 0
    proxy.set_text("tvist")  # the side state, shown in the Steg column
    assert {proxy.row_at(r).unit for r in range(proxy.rowCount())} == {"1021"}
    letters.produce(ctx, 1, DocumentKind.DEMAND, AS_OF)
    documents = RowTableModel(document_columns(masked=True))
    documents.set_rows(list_documents(ctx))
    qtmodeltester.check(documents, force_py=True)
    assert [documents.index(0, c).data() for c in range(6)] == ["2026-12-01", "1009", "E.S.", "Inkassokrav", "1", "Inte skickat"]


def test_sort_values_keep_numbers_dates_and_pairs_in_order():
    from datetime import date

    from ui.tables.row_model import sort_value

    keys = [(date(2026, 12, 1), 10), (date(2026, 12, 1), 9), (date(2026, 11, 30), 100)]
    assert sorted(keys, key=sort_value) == sorted(keys)
    assert sort_value(42) == 42 and sort_value(date(2026, 1, 6)) == "2026-01-06"
    assert sort_value((-5, 1)) < sort_value((3, 0))
