"""Skriv ut allt som är förfallet: today's documents produced off the GUI thread with a cancellable
progress dialog, then the merged PDF opened for printing.

The worker uses the context's session factory from its own thread: each service call opens its own
session and SQLite connection there (the engine's pool hands out one connection per thread).
"""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.domain.problem import Refused
from app.services import letters
from app.services.context import AppContext
from ui.context import Change, UiContext
from ui.dialogs.document_dialog import DocumentDialog
from ui.dialogs.messages import Messages


class BatchWorker(QObject):
    progressed = Signal(int, int)
    done = Signal(object)  # BatchResult, or a tuple of Swedish messages when refused

    def __init__(self, ctx: AppContext, as_of: date, out_dir: Path) -> None:
        super().__init__()
        self.ctx, self.as_of, self.out_dir = ctx, as_of, out_dir
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            result = letters.produce_due(self.ctx, self.as_of, self.out_dir,
                                         progress=lambda n, total: self.progressed.emit(n, total), cancelled=self._cancel.is_set)
        except Refused as refused:
            self.done.emit(tuple(p.message for p in refused.problems))
            return
        except OSError as error:
            self.done.emit((f"Dokumenten kunde inte sparas i {self.out_dir}: {error.strerror or 'okänt fel'}.",))
            return
        self.done.emit(result)


class BatchLetters(QObject):
    """One run of the batch: thread, worker and progress dialog; `start()` returns at once."""

    finished = Signal(object)  # the BatchResult, or None

    def __init__(self, parent: QWidget, ui: UiContext) -> None:
        super().__init__(parent)
        self.parent_widget, self.ui = parent, ui
        self.result = None
        self.thread = QThread(self)
        self.worker = BatchWorker(ui.ctx, ui.as_of, self.out_dir(ui))
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.worker.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.progress = QProgressDialog("Skapar dagens dokument …", "Avbryt", 0, 0, parent)
        self.progress.setWindowTitle("Skriv ut allt som är förfallet")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

    @classmethod
    def out_dir(cls, ui: UiContext) -> Path:
        """Next to the database: dokument/<date>/ (one folder per day's batch)."""
        base = ui.ctx.sqlite_path.parent if ui.ctx.sqlite_path else Path.home()
        return base / "dokument" / ui.as_of.isoformat()

    def start(self) -> None:
        self.progress.show()
        self.thread.start()

    def cancel(self) -> None:
        self.progress.setLabelText("Avbryter efter dokumentet som skapas nu …")
        self.worker.cancel()

    def _progressed(self, n: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(n)
        self.progress.setLabelText(f"Skapar dokument {min(n + 1, total)} av {total} …" if n < total else "Slår ihop till en fil för utskrift …")

    def _done(self, result: object) -> None:
        self.thread.quit()
        self.thread.wait()
        self.progress.close()
        self.result = result
        if isinstance(result, tuple):
            Messages.refused(self.parent_widget, result, heading="Dokumenten kunde inte skapas.")
            self.finished.emit(None)
            return
        if result.documents:
            self.ui.notify(Change("document", tuple(sorted({d.case_id for d in result.documents}))))
        self._report(result)
        self.finished.emit(result)

    def _report(self, result: letters.BatchResult) -> None:
        made = len(result.documents)
        lines = [f"{made} dokument skapades i {self.out_dir(self.ui)}."]
        if result.cancelled:
            lines.insert(0, "Avbrutet – dokumenten som hann skapas är sparade.")
        lines.extend(result.skipped)
        if result.merged_path is None:
            if result.cancelled:
                Messages.inform(self.parent_widget, "Avbrutet – inga dokument skapades.", "\n".join(result.skipped))
            else:
                Messages.inform(self.parent_widget, "Inga dokument att skriva ut i dag.", "\n".join(result.skipped))
            return
        if result.skipped or result.cancelled:
            Messages.inform(self.parent_widget, lines[0], "\n".join(lines[1:]))
        DocumentDialog.ask(self.parent_widget, result.merged_path.read_bytes(),
                           f"Att skriva ut {self.ui.as_of.isoformat()} – {made} dokument", result.merged_path.name,
                           masked=self.ui.masked)
        if Messages.confirm(self.parent_widget, f"Har alla {made} dokumenten skickats i dag med brev?",
                            "Då markeras de som skickade och händelserna registreras, så att ärendena går vidare. "
                            "Annars markerar du varje dokument i sitt ärende när det har skickats.",
                            yes="Markera alla som skickade", no="Inte nu"):
            self.mark_all_sent(result)

    def mark_all_sent(self, result: letters.BatchResult) -> list[str]:
        problems = []
        for document in result.documents:
            try:
                letters.mark_sent(self.ui.ctx, document.document_id, self.ui.as_of, "post", self.ui.as_of)
            except Refused as refused:
                problems.append(f"Ärende {document.case_id}, {document.kind.label}: " + " ".join(p.message for p in refused.problems))
        self.ui.notify(Change("event", tuple(sorted({d.case_id for d in result.documents}))))
        if problems:
            Messages.refused(self.parent_widget, problems, heading="Några dokument kunde inte markeras som skickade.")
        return problems


def print_all_due(parent: QWidget, ui: UiContext) -> BatchLetters | None:
    if ui.read_only:
        Messages.refused(parent, ("Programmet är i skrivskyddat läge. Inga dokument kan skapas.",))
        return None
    batch = BatchLetters(parent, ui)
    batch.start()
    return batch
