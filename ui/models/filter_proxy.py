"""Sorting by each column's sort key and filtering on every column's text as the user types."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from ui.models.row_table import RowTableModel


class TableFilterProxy(QSortFilterProxyModel):
    def __init__(self, source: RowTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(RowTableModel.SortRole)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def row_at(self, proxy_row: int):  # noqa: ANN201
        return self.data(self.index(proxy_row, 0), RowTableModel.RowRole)
