"""Skriv ut allt som är förfallet: today's documents made off the GUI thread, cancellable, then the
merged PDF opened for printing and, if the treasurer says so, all marked sent."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from app.domain.stage import Stage
from app.services import case_view
from tests.ui.demo_database import AS_OF
from ui.batch_letters import BatchLetters, print_all_due
from ui.dialogs.document_dialog import DocumentDialog

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


@pytest.fixture
def shown(monkeypatch):
    opened = []
    monkeypatch.setattr(DocumentDialog, "ask", classmethod(
        lambda cls, parent, data, caption, file_name, masked=False: opened.append((data, caption))))
    return opened


def run(qtbot, window):  # noqa: ANN001, ANN202
    batch = print_all_due(window, window.ui)
    with qtbot.waitSignal(batch.finished, timeout=120_000):
        pass
    return batch


def test_the_batch_makes_todays_documents_and_opens_them_in_one_file(qtbot, window, shown, messages, tmp_path):
    messages.answer = False  # "Har alla skickats i dag?" – not yet
    window.show_page("todo")
    batch = run(qtbot, window)
    result = batch.result
    assert not result.cancelled
    kinds = sorted((d.case_id, d.kind.value) for d in result.documents)
    # the three new cases' inkassokrav are due today (2026-12-01)
    assert {(1, "demand"), (2, "demand"), (3, "demand")} <= set(kinds)
    assert all(p.is_file() for p in result.paths)
    assert result.merged_path.parent == tmp_path / "dokument" / "2026-12-01"
    merged = PdfReader(str(result.merged_path))
    assert len(merged.pages) == sum(len(PdfReader(str(p)).pages) for p in result.paths)
    assert shown and shown[0][1] == f"Att skriva ut 2026-12-01 – {len(result.documents)} dokument"
    assert messages.confirmed[-1] == f"Har alla {len(result.documents)} dokumenten skickats i dag med brev?"
    # nothing marked sent: the cases stay where they were, the documents wait on their cases
    assert case_view.show_case(window.ctx, 1, AS_OF).stage is Stage.NY
    assert case_view.show_case(window.ctx, 1, AS_OF).documents[-1].sent_on is None


def test_marking_the_whole_batch_sent_moves_the_cases_on(qtbot, window, shown, messages):
    messages.answer = True
    batch = run(qtbot, window)
    assert batch.result.documents
    view = case_view.show_case(window.ctx, 1, AS_OF)
    assert view.stage is Stage.INKASSOKRAV and view.documents[-1].sent_on == AS_OF
    window.show_page("todo")
    assert not [r for r in window.page("todo").model.all_rows() if r.case_id == 1 and r.action.action.value == "send-demand"]


def test_cancelling_keeps_what_was_made_and_opens_nothing(qtbot, window, shown, messages, monkeypatch):
    batch = BatchLetters(window, window.ui)
    batch.worker.cancel()  # the user pressed Avbryt before the first document
    with qtbot.waitSignal(batch.finished, timeout=60_000):
        batch.start()
    assert batch.result.cancelled and batch.result.documents == ()
    assert not shown
    assert messages.informed and messages.informed[0] == "Avbrutet – inga dokument skapades."


def test_read_only_makes_no_batch(make_window, messages):
    window = make_window(read_only=True)
    assert print_all_due(window, window.ui) is None
    assert "skrivskyddat läge" in messages.reasons()[0]
    assert not window.batch_action.isEnabled()
