"""The treasurer's main flow through the widgets: from the to-do list to a sent inkassokrav.

Open the demo, pick today's demand for unit 1009 on Att göra, produce it, preview it, mark it sent –
and see the case in Inkassokrav on the board and gone from today's to-do list.
"""
from __future__ import annotations

import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader

from app.domain.action import DocumentKind
from app.domain.stage import Stage
from tests.ui.demo_database import AS_OF
from ui.dialogs.mark_sent_dialog import MarkSentDialog, Sending
from ui.widgets.pdf_preview import FileDialogs

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def todo_rows(window) -> list[tuple[str, str, str]]:
    todo = window.page("todo")
    return [(r.unit, r.action.action.label, r.action.due_date.isoformat()) for r in todo.model.all_rows()]


def select_todo(window, unit: str, action: str) -> None:
    todo = window.page("todo")
    model = todo.model
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        for r in range(model.rowCount(parent)):
            row = model.row_for(model.index(r, 0, parent))
            if row.unit == unit and row.action.action.label == action:
                todo.tree.setCurrentIndex(model.index(r, 0, parent))
                return
    raise AssertionError(f"{unit} {action} not on the to-do list")


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_from_the_todo_list_to_a_sent_demand(qtbot, window, messages, monkeypatch):
    window.show_page("todo")
    assert window.stack.currentWidget() is window.page("todo")
    assert ("1009", "Skicka inkassokrav", "2026-12-01") in todo_rows(window)
    select_todo(window, "1009", "Skicka inkassokrav")
    qtbot.mouseClick(window.page("todo").do_it, Qt.MouseButton.LeftButton)

    # the case opens on its Dokument tab with the new inkassokrav previewed from the stored PDF
    detail = window.detail
    assert window.stack.currentWidget() is detail
    assert detail.view.unit.number == "1009" and detail.view.stage is Stage.NY
    assert detail.tabs.currentWidget() is detail.documents
    preview = detail.documents.preview
    qtbot.waitUntil(preview.has_document)
    assert preview.page_count() >= 1
    text = pdf_text(preview.data)
    assert "Inkassokrav" in text and "Emma Sandberg" in text and "700000193" in text  # the case's OCR
    assert "Inkassokrav, version 1, daterat 2026-12-01 – inte skickat ännu" in preview.caption.text().replace("<b>", "").replace("</b>", "")
    assert "Granska det och markera det som skickat" in detail.status.text()

    # the action button now says what is left to do: send it (not make another version)
    assert detail.actions.button_for_action(detail.view.due_actions[0].action).full_text == "Markera inkassokrav som skickat …"

    asked = {}

    def ask(cls, parent, kind, letter_date, as_of):  # noqa: ANN001, ANN202
        asked.update(kind=kind, letter_date=letter_date)
        return Sending(AS_OF, "post")

    monkeypatch.setattr(MarkSentDialog, "ask", classmethod(ask))
    assert detail.documents.mark_sent.isEnabled()
    qtbot.mouseClick(detail.documents.mark_sent, Qt.MouseButton.LeftButton)
    assert asked == {"kind": DocumentKind.DEMAND, "letter_date": AS_OF}
    assert not messages.refused

    # the event is recorded and the case has moved on
    assert detail.view.stage is Stage.INKASSOKRAV
    assert detail.view.events[-1].kind.value == "demand-sent"
    assert "Ärendet är nu i steget Inkassokrav" in detail.status.text()
    assert detail.documents.selected().sent_on == AS_OF
    assert detail.documents.model.index(0, 3).data() == "2026-12-01 (Brev)"
    assert not detail.documents.mark_sent.isEnabled()  # sent once

    qtbot.keyClick(detail, Qt.Key.Key_Escape)  # back to the to-do list
    assert window.stack.currentWidget() is window.page("todo")
    rows = todo_rows(window)
    assert ("1009", "Skicka inkassokrav", "2026-12-01") not in rows
    assert ("1010", "Skicka inkassokrav", "2026-12-01") in rows  # the others still wait
    assert "2 i dag" in window.page("todo").title.text()

    window.show_page("board")
    board = window.pages["board"]
    assert "1009" in {r.unit for r in board.columns[Stage.INKASSOKRAV].model.case_rows()}
    assert "1009" not in {r.unit for r in board.columns[Stage.NY].model.case_rows()}


def test_print_and_save_act_on_the_previewed_document(qtbot, window, tmp_path, monkeypatch):
    window.open_case(1)
    window.detail.produce(window.detail.view.due_actions[0].document)
    preview = window.detail.documents.preview
    qtbot.waitUntil(preview.has_document)
    monkeypatch.setattr(FileDialogs, "save_path", classmethod(lambda cls, parent, suggested: tmp_path / "krav.pdf"))
    qtbot.mouseClick(window.detail.documents.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "krav.pdf").read_bytes() == preview.data
    assert preview.file_name == "arende-1-objekt-1009-demand-v1.pdf"

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "utskrift.pdf"))
    monkeypatch.setattr(FileDialogs, "printer", classmethod(lambda cls, parent, pages: printer))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)  # Ctrl+P prints the document shown
    printed = PdfReader(str(tmp_path / "utskrift.pdf"))
    assert len(printed.pages) == preview.page_count()


def test_the_date_changing_recalculates_the_todo_list(window):
    window.show_page("todo")
    assert ("1012", "Gör riskbedömning", "2026-12-08") in todo_rows(window)
    window.ui.set_as_of(date(2026, 12, 9))
    rows = todo_rows(window)
    assert ("1012", "Gör riskbedömning", "2026-12-08") in rows
    assert "onsdag 9 december 2026" in window.page("todo").title.text()
    overdue = window.page("todo").model.group_rows("overdue")
    assert any(r.unit == "1012" and r.action.due_date == date(2026, 12, 8) for r in overdue)
