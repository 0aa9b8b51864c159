"""Work off the GUI thread with a progress dialog: the window stays responsive while a file is read or booked."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Worker(QThread):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread and raised there
            self.error = exc


_abandoned: set[_Worker] = set()  # cancelled previews still finishing: kept alive until they end


class Cancelled(Exception):
    """The user cancelled work that changes nothing (a preview)."""


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[], Any], cancellable: bool = False) -> Any:
    """Run `work` in a thread while a busy progress dialog shows `text`; return its result or raise its error.

    Only work that changes nothing may be `cancellable`: cancelling stops waiting and raises Cancelled.
    Work that writes runs in one transaction and is waited for, so it is either done whole or not at all.
    """
    worker = _Worker(work)
    dialog = QProgressDialog(text, "Avbryt" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("Bostadsinkasso")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    if not cancellable:
        dialog.setCancelButton(None)
    loop = QEventLoop()
    cancelled = {"flag": False}

    def cancel() -> None:
        cancelled["flag"] = True
        loop.quit()

    dialog.canceled.connect(cancel)
    worker.finished.connect(loop.quit)
    worker.start()
    if worker.isRunning():
        loop.exec()
    dialog.canceled.disconnect(cancel)
    dialog.close()
    if cancelled["flag"] and worker.isRunning():
        _abandoned.add(worker)
        worker.finished.connect(lambda: _abandoned.discard(worker))
        raise Cancelled
    worker.wait()
    if worker.error is not None:
        raise worker.error
    return worker.result
