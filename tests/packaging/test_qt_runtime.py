"""The Qt bindings we ship keep Python's reference counts: a void call must not use up `None`.

PySide6 6.12.0 released one reference to None on every call that returns None; on Python 3.11, where
None is not immortal, the program aborted ("deallocating None") after a few dozen refreshes. This
fails for any binding with that defect, so it cannot return unnoticed with an upgrade.
"""
from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem

CALLS = 500


def test_void_calls_leave_none_alone(qapp):
    label, table, model = QLabel(), QTableWidget(CALLS, 1), QStandardItemModel()
    before = sys.getrefcount(None)
    for row in range(CALLS):
        label.setText(f"Ärende {row}")  # returns None
        table.setItem(row, 0, QTableWidgetItem("1 234,50 kr"))
        model.appendRow(QStandardItem("Inkassokrav"))
    # other code may hold a few more references meanwhile; the defect loses three per round (1,500)
    assert sys.getrefcount(None) - before > -100
