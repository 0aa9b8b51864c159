"""Att göra, the start page: the due actions recalculated for today – overdue, today, this week – each
one a step away from being done (produce the document, preview, mark sent)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.services import cases
from ui import presentation
from ui.context import Change, UiContext
from ui.models.due_list import DueListModel
from ui.pages import ORDER, PageSpec, notices


class TodoPage(QWidget):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setAccessibleName("Att göra")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.RichText)
        self.notices.setStyleSheet("background: #fff3cd; color: #5c4400; border: 1px solid #e0b252; border-radius: 4px; padding: 8px;")
        self.notices.setAccessibleName("Varningar")
        self.notices.hide()
        layout.addWidget(self.notices)
        self.model = DueListModel(self, masked=ui.masked)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Åtgärder att göra")
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.tree.setRootIsDecorated(True)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        font = self.tree.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.tree.setFont(font)
        self.tree.activated.connect(self._activated)
        self.tree.doubleClicked.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.do_it = QPushButton("&Gör det nu")
        self.do_it.setToolTip("Skapa dokumentet, förhandsgranska och markera som skickat (Enter)")
        self.do_it.clicked.connect(self.do_current)
        self.open = QPushButton("Ö&ppna ärendet")
        self.open.clicked.connect(self.open_current)
        buttons.addWidget(self.do_it)
        buttons.addWidget(self.open)
        buttons.addStretch(1)
        self.batch_button = QPushButton("Skriv ut allt som är &förfallet …")
        self.batch_button.setToolTip("Skapar dagens alla dokument och öppnar dem i en fil för utskrift (Ctrl+P)")
        self.batch_button.clicked.connect(self.print_current)
        self.batch = None
        buttons.addWidget(self.batch_button)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        self.model.set_rows(cases.due_actions(self.ui.ctx, self.ui.as_of, days=7), self.ui.as_of)
        self._shown()

    def apply_change(self, change: Change) -> None:
        """Recalculate only the cases a command touched."""
        if not change.case_ids:
            self.refresh()
            return
        fresh = cases.due_actions(self.ui.ctx, self.ui.as_of, days=7, case_ids=list(change.case_ids))
        self.model.replace_rows(change.case_ids, fresh, self.ui.as_of)
        self._shown()

    def _shown(self) -> None:
        self.tree.expandAll()
        overdue, today, week = (len(self.model.group_rows(k)) for k in ("overdue", "today", "week"))
        self.title.setText(
            f"<span style='font-size:18pt; font-weight:bold'>Att göra</span>"
            f"<span style='font-size:12pt'> &nbsp; {presentation.weekday_day(self.ui.as_of)}</span><br>"
            f"<span style='font-size:11pt'>{overdue} försenade · {today} i dag · {week} denna vecka</span>"
        )
        warnings = notices(self.ui)
        self.notices.setText("<br>".join(f"⚠ {w}" for w in warnings))
        self.notices.setVisible(bool(warnings))
        first = self._first_action()
        if first.isValid():
            self.tree.setCurrentIndex(first)
        self._update_buttons()

    def _first_action(self) -> QModelIndex:
        for group in range(self.model.rowCount()):
            parent = self.model.index(group, 0)
            if self.model.rowCount(parent):
                return self.model.index(0, 0, parent)
        return QModelIndex()

    def _current(self):  # noqa: ANN202
        return self.model.row_for(self.tree.currentIndex())

    def _update_buttons(self) -> None:
        row = self._current()
        self.open.setEnabled(row is not None)
        self.do_it.setEnabled(row is not None and not self.ui.read_only)
        self.batch_button.setEnabled(not self.ui.read_only)

    def _activated(self, index: QModelIndex) -> None:
        if self.model.row_for(index) is not None:
            self.do_current() if not self.ui.read_only else self.open_current()

    def do_current(self) -> None:
        row = self._current()
        if row is not None:
            self.ui.open_case(row.case_id, row.action.action)

    def open_current(self) -> None:
        row = self._current()
        if row is not None:
            self.ui.open_case(row.case_id)

    def print_current(self) -> None:
        """Ctrl+P on the start page: print everything that is due."""
        from ui.batch_letters import print_all_due  # on first use: letters bring ReportLab (about a second)

        self.batch = print_all_due(self, self.ui)

    def set_read_only(self, read_only: bool) -> None:
        self._update_buttons()

    def set_masked(self, masked: bool) -> None:
        self.model.set_masked(masked)
        self.tree.expandAll()


def _missing_rate(ui: UiContext) -> str | None:
    """The current half-year's reference rate not entered: interest is provisional (räntelagen 9 §)."""
    from app.services.rates_warning import missing_current_rate

    return missing_current_rate(ui.ctx, ui.as_of)


NOTICES = (_missing_rate,)
PAGES = (PageSpec(key="todo", title="Att göra", order=ORDER["todo"], factory=TodoPage,
                  tooltip="Det som ska göras i dag och denna vecka"),)
