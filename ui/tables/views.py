"""The read-only list view every page uses: whole rows selected, no row numbers, columns fitted."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def row_table(model: QAbstractItemModel, name: str, sort_column: int | None = None,
              order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> QTableView:
    """A QTableView over `model` named `name` for screen readers; sortable when `sort_column` is given."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    if sort_column is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_column, order)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    # every column as wide as its widest cell – never cut off; a scroll bar when the window is narrow
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(False)
    return view
