"""The case board driven through its widgets: columns, search, filters, and drag and drop through the guards."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from app.domain.event import Event, EventKind
from app.domain.stage import Stage
from app.services import case_view
from tests.ui.demo_database import AS_OF
from ui.dialogs.event_dialog import EventDialog
from ui.models.board import CASE_MIME

pytestmark = pytest.mark.usefixtures("no_qt_warnings")

# The demo association (app.services.demo) as the board shows it on 2026-12-01: unit numbers per column.
DEMO_BOARD = {
    Stage.NY: {"1009", "1010", "P211"},
    Stage.INKASSOKRAV: {"1012", "1013", "1014"},
    Stage.BEDOMNING: {"1015", "1016", "1017"},
    Stage.ANSOKAN: {"1018", "1019", "P220", "1021"},
    Stage.DELGIVNING: {"1022", "1023", "L124"},
    Stage.ATERVINNINGSFRIST: {"1025", "1026", "L127", "1028"},
    Stage.BESLUT: {"1029", "1030", "1031"},
    Stage.VERKSTALLIGHET: {"1032", "1033"},
    Stage.EFTERBEVAKNING: {"1034", "1035", "1036", "1037"},
    Stage.AVSLUTAD: {"1038", "1039", "1040"},
}


def units(board, stage: Stage) -> set[str]:
    return {r.unit for r in board.columns[stage].model.case_rows()}


def drop(view, case_id: int) -> None:
    """Drop a card on a column exactly as a drag would: a QDropEvent carrying the case's mime data."""
    data = QMimeData()
    data.setData(CASE_MIME, QByteArray(str(case_id).encode()))
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)
    assert event.isAccepted()


@pytest.fixture
def board(qtbot, window):
    qtbot.waitExposed(window)
    window.show_page("board")
    return window.pages["board"]


def test_every_stage_column_holds_its_cases(board):
    for stage, expected in DEMO_BOARD.items():
        assert units(board, stage) == expected, stage.label
        heading = board.columns[stage].heading.text()
        assert stage.label in heading and f"{len(expected)} st" in heading
    assert not board.columns[Stage.AVSLUTAD].isVisible()  # closed cases behind a toggle
    board.show_closed.setChecked(True)
    assert board.columns[Stage.AVSLUTAD].isVisible()
    assert board.count.text() == "32 av 32 ärenden"


def test_a_card_shows_unit_debtor_debt_badges_and_next_action(board):
    row = next(r for r in board.columns[Stage.BEDOMNING].model.case_rows() if r.unit == "1017")
    index = board.columns[Stage.BEDOMNING].model.index(board.columns[Stage.BEDOMNING].model.case_rows().index(row), 0)
    text = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert text.startswith("Objekt 1017, Ida Rahimi, ")
    assert "Amorteringsplan" in text and "Låg risk" in text
    assert "dagar i steget" in text


def test_search_narrows_the_board(qtbot, window, board):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert board.search.hasFocus()
    qtbot.keyClicks(board.search, "karlsson")
    shown = {s: units(board, s) for s in Stage if units(board, s)}
    assert shown == {Stage.BEDOMNING: {"1016"}, Stage.VERKSTALLIGHET: {"1032"}}
    assert board.count.text() == "2 av 29 öppna ärenden"
    board.search.setText("1016")
    assert sum(len(units(board, s)) for s in Stage) == 1
    board.search.clear()
    assert units(board, Stage.NY) == DEMO_BOARD[Stage.NY]


def test_filters_by_tenure_and_only_overdue(board):
    board.tenure.setCurrentIndex(board.tenure.findText("Lokal"))
    assert {u for s in Stage for u in units(board, s)} == {"L124", "L127"}
    board.tenure.setCurrentIndex(0)
    board.only_overdue.setChecked(True)
    for stage in Stage:
        for row in board.columns[stage].model.case_rows():
            assert row.next_action.due_date < AS_OF
    assert units(board, Stage.NY) == set()  # their demands are due today, not overdue
    assert "1016" in units(board, Stage.BEDOMNING)  # filing was due 2026-11-30


def test_masked_board_shows_no_full_names_and_search_cannot_find_them(window, board):
    window.ui.set_masked(True)
    texts = [board.columns[s].model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
             for s in Stage for r in range(board.columns[s].model.rowCount())]
    assert texts and not any("Karlsson" in t or "Sandberg" in t for t in texts)
    assert any(t.startswith("Objekt 1009, E.S.,") for t in texts)
    board.search.setText("Karlsson")
    assert sum(len(units(board, s)) for s in Stage) == 0
    assert window.banner.isVisible() and "MASKERAT" in window.banner.text()


def test_a_refused_drop_shows_its_reasons_and_moves_nothing(board, messages, monkeypatch):
    offered = []
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, *a, **k: offered.append(a) or None))
    drop(board.columns[Stage.ANSOKAN].view, 1)  # unit 1009, still in Ny: no demand sent
    assert not offered
    heading, reasons = messages.refused[-1]
    assert heading == "Ärendet kan inte flyttas till Ansökan."
    assert any("Inget inkassokrav är skickat" in r for r in reasons)
    assert "1009" in units(board, Stage.NY)
    drop(board.columns[Stage.NY].view, 4)  # unit 1012 back from Inkassokrav
    assert "går inte tillbaka" in messages.refused[-1][1][0]


def test_a_drop_offers_the_matching_event_and_moves_the_card_when_recorded(board, ctx, messages, monkeypatch):
    asked = {}

    def ask(cls, parent, kinds, context, heading=""):  # noqa: ANN001, ANN202
        asked.update(kinds=tuple(kinds), heading=heading)
        return Event(EventKind.FILED, AS_OF, method="e-tjanst")

    monkeypatch.setattr(EventDialog, "ask", classmethod(ask))
    drop(board.columns[Stage.ANSOKAN].view, 7)  # unit 1015 in Bedömning: its payment deadline has passed
    assert asked["kinds"] == (EventKind.FILED,)
    assert asked["heading"].startswith("Flytta objekt 1015 från Bedömning till Ansökan?")
    assert not messages.refused
    assert "1015" in units(board, Stage.ANSOKAN) and "1015" not in units(board, Stage.BEDOMNING)
    assert case_view.show_case(ctx, 7, AS_OF).events[-1].kind is EventKind.FILED


def test_a_cancelled_drop_records_nothing(board, ctx, monkeypatch):
    monkeypatch.setattr(EventDialog, "ask", classmethod(lambda cls, *a, **k: None))
    before = len(case_view.show_case(ctx, 7, AS_OF).events)
    drop(board.columns[Stage.ANSOKAN].view, 7)
    assert len(case_view.show_case(ctx, 7, AS_OF).events) == before
    assert "1015" in units(board, Stage.BEDOMNING)


def test_read_only_board_accepts_no_drops(make_window):
    window = make_window(read_only=True)
    window.show_page("board")
    board = window.pages["board"]
    assert all(not c.view.dragEnabled() and not c.view.acceptDrops() for c in board.columns.values())
    assert "SKRIVSKYDDAT" in window.banner.text()


def test_double_clicking_a_card_opens_the_case(qtbot, window, board):
    column = board.columns[Stage.BEDOMNING].view
    row = next(i for i, r in enumerate(board.columns[Stage.BEDOMNING].model.case_rows()) if r.unit == "1016")
    rect = column.visualRect(column.model().index(row, 0))
    qtbot.mouseClick(column.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click starts with a press
    qtbot.mouseDClick(column.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.detail
    assert window.detail.view.unit.number == "1016"
