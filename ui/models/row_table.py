"""A read-only table model over a list of frozen rows, described by its columns (for the case detail's
claims, payments, fees, events, documents, scores, interest lines and the case list)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    right: bool = False  # amounts: right-aligned
    colour: Callable[[Any], QColor | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    sort: Callable[[Any], Any] | None = None  # sort key when the text does not sort right (dates do)


class RowTableModel(QAbstractTableModel):
    RowRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None,
                 struck: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.struck = struck  # undone rows are shown struck through, never hidden
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == self.RowRole:
            return row
        if role == self.SortRole:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour:
            return column.colour(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.FontRole and self.struck and self.struck(row):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None
