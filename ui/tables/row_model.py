"""A table model over a list of frozen service rows, described by columns; and its filtering proxy.

Columns say how a row is shown (with the masked mode for projection), how it sorts, where it is
aligned, its colour and tooltip. The model never changes anything: pages refresh it from the
services after each command. Undone rows can be shown struck through – never hidden.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen row itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (numbers, dates)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R, bool], str]  # (row, masked) -> what is shown
    sort: Callable[[R], Any] | None = None  # defaults to the text
    right: bool = False  # amounts and counts
    colour: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None  # defaults to the text


def _sort_part(value: Any) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return f"{value + 10**17:020d}"  # fixed width: 9 sorts before 10
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sort_value(value: Any) -> int | float | str:
    """What Qt compares: numbers and text as they are, dates as ISO text, tuples part by part."""
    if isinstance(value, (int, float, str)) and not isinstance(value, bool):
        return value
    if isinstance(value, tuple):
        return "\x1f".join(_sort_part(part) for part in value)
    return _sort_part(value)


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None, masked: bool = False,
                 struck: Callable[[R], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[R] = []
        self.masked = masked
        self.struck = struck

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.masked = masked
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self.columns[section].right else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row, self.masked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else column.text(row, self.masked)
        if role == SORT_ROLE:
            return sort_value(column.sort(row) if column.sort is not None else column.text(row, self.masked))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.right else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(row)
        if role == Qt.ItemDataRole.FontRole and self.struck is not None and self.struck(row):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


class FilterProxy(QSortFilterProxyModel):
    """Free-text filter over every column, case-insensitive; sorts on the columns' sort values."""

    def __init__(self, source: RowTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def row_at(self, proxy_row: int) -> Any:
        return self.data(self.index(proxy_row, 0), ROW_ROLE)
