"""The to-do list as a tree: groups (overdue, today, this week) holding the due actions, most urgent first."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.services.cases import DueRow
from ui import presentation

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Åtgärd", "Objekt", "Gäldenär", "Förfaller", "Dokument", "Ärende")
GROUPS = (("overdue", "Försenat"), ("today", "I dag"), ("week", "Denna vecka"))
_GROUP = 0  # internalId of a group row; an action row holds its group's row + 1


def group_of(row: DueRow) -> str:
    due, today = row.action.due_date, row.as_of
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    return "week"


class DueListModel(QAbstractItemModel):
    """Two levels: a group row per urgency (with its count), the due actions under it."""

    RowRole = Qt.ItemDataRole.UserRole + 1
    CaseIdRole = Qt.ItemDataRole.UserRole + 2
    GroupRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None, masked: bool = False) -> None:
        super().__init__(parent)
        self.masked = masked
        self._groups: list[tuple[str, str, list[DueRow]]] = [(key, label, []) for key, label in GROUPS]

    def set_rows(self, rows: list[DueRow], as_of: date) -> None:
        horizon = as_of + timedelta(days=7)
        self.beginResetModel()
        self._groups = [(key, label, [r for r in rows if r.action.due_date <= horizon and group_of(r) == key]) for key, label in GROUPS]
        self.endResetModel()

    def replace_rows(self, case_ids: tuple[int, ...], rows: list[DueRow], as_of: date) -> None:
        wanted = set(case_ids)
        kept = [r for r in self.all_rows() if r.case_id not in wanted]
        merged = sorted(kept + rows, key=lambda r: (r.action.due_date, r.case_id, r.action.action.value))
        self.set_rows(merged, as_of)

    def set_masked(self, masked: bool) -> None:
        self.beginResetModel()
        self.masked = masked
        self.endResetModel()

    def all_rows(self) -> list[DueRow]:
        return [row for _key, _label, rows in self._groups for row in rows]

    def group_rows(self, key: str) -> list[DueRow]:
        return next(rows for k, _label, rows in self._groups if k == key)

    # --- structure ---
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        if parent.internalId() == _GROUP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt overloads parent()
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][2])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_for(self, index: Index) -> DueRow | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        rows = self._groups[index.internalId() - 1][2]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        row = self.row_for(index)
        if row is None:
            return None
        if role == self.RowRole:
            return row
        if role == self.CaseIdRole:
            return row.case_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.action.reason
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return presentation.urgency_colour(presentation.urgency(row.action.due_date, row.as_of))
        return None

    def _group_data(self, index: Index, role: int):  # noqa: ANN202
        key, label, rows = self._groups[index.row()]
        if role == self.GroupRole:
            return key
        if index.column() != 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{label} ({len(rows)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and key != "week":
            return presentation.urgency_colour(key)
        return None

    def _text(self, row: DueRow, column: int) -> str:
        action = row.action
        if column == 0:
            return action.action.label
        if column == 1:
            return row.unit
        if column == 2:
            return row.debtor_initials if self.masked else row.debtor
        if column == 3:
            return presentation.due_text(action.due_date, row.as_of)
        if column == 4:
            return action.document.label if action.document else "–"
        return str(row.case_id)
