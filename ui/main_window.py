"""The main window: the cases of the association with their stage, debt and next action."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from app.services import association, cases
from app.services.context import AppContext
from ui.models.case_table import CaseTableModel


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, as_of: date, masked: bool = False, fixed_date: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.as_of = as_of
        self.masked = masked
        self.fixed_date = fixed_date
        info = association.get(ctx)
        self.setWindowTitle(f"Bostadsinkasso – {info.name}")
        central = QWidget()
        layout = QVBoxLayout(central)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.model = CaseTableModel(self, masked=masked)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName("Ärenden")
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.refresh)
        self.refresh()

    def refresh(self) -> None:
        rows = cases.list_cases(self.ctx, self.as_of)
        self.model.set_rows(rows)
        due = sum(1 for r in rows if r.next_action and r.next_action.due_date <= self.as_of)
        self.summary.setText(f"<b>{len(rows)} ärenden</b> per {self.as_of.isoformat()} – {due} med åtgärd att göra i dag eller tidigare.")
