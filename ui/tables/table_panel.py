"""A table with a search field and a row of buttons: the list half of every register and payment list."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from ui.tables.row_model import Column, FilterProxy, RowTableModel


class TablePanel(QWidget):
    """`selected()` is the frozen row under the cursor (or None); `activated` fires on double-click/Enter."""

    selection_changed = Signal()
    activated = Signal(object)

    def __init__(self, title: str, columns: Sequence[Column], key: Callable[[Any], Any] = lambda row: row,
                 search_hint: str = "Sök …", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.model = RowTableModel(columns, self)
        self.proxy = FilterProxy(self.model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel(f"<b>{title}</b>")
        top.addWidget(self.title)
        top.addStretch()
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Sök i {title.lower()}")
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        top.addWidget(self.search)
        layout.addLayout(top)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setAccessibleName(title)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.view.doubleClicked.connect(lambda _index: self._activate())
        layout.addWidget(self.view)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch()
        layout.addLayout(self.buttons)

    def add_button(self, text: str, slot: Callable[[], Any], accessible: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible or text.rstrip(" …"))
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def set_rows(self, rows: Sequence[Any], masked: bool) -> None:
        chosen = self.selected()
        self.model.masked = masked
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        if chosen is not None:
            wanted = self.key(chosen)
            self.select(lambda row: self.key(row) == wanted)
        self.selection_changed.emit()

    def selected(self) -> Any | None:
        indexes = self.view.selectionModel().selectedRows()
        return self.proxy.row_at(indexes[0].row()) if indexes else None

    def select(self, matches: Callable[[Any], bool]) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if matches(self.proxy.row_at(proxy_row)):
                self.view.selectRow(proxy_row)
                return True
        return False

    def focus_search(self) -> None:
        """Ctrl+F: type to filter the list."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def visible_rows(self) -> list[Any]:
        return [self.proxy.row_at(r) for r in range(self.proxy.rowCount())]

    def visible_text(self) -> list[list[str]]:
        """Every cell as shown, row by row (what the user reads; for tests and screen readers)."""
        return [[self.proxy.index(r, c).data() for c in range(self.proxy.columnCount())] for r in range(self.proxy.rowCount())]

    def _activate(self) -> None:
        row = self.selected()
        if row is not None:
            self.activated.emit(row)
