"""The case list as a Qt table model: one frozen `CaseRow` per row, refreshed after each change."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.cases import CaseRow
from ui import presentation

COLUMNS = ("Ärende", "Objekt", "Gäldenär", "Steg", "Skuld", "Nästa åtgärd", "Senast")
Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    CaseIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None, masked: bool = False) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self.masked = masked

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802, ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.CaseIdRole:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 6 and row.next_action:
            return presentation.URGENCY_COLOURS[presentation.urgency(row.next_action.due_date, row.as_of)]
        return None

    def _display(self, row: CaseRow, column: int) -> str:
        action = row.next_action
        stage = row.stage.label + (f" ({', '.join(s.label for s in row.side_states)})" if row.side_states else "")
        return (
            str(row.case_id),
            row.unit,
            row.debtor_initials if self.masked else row.debtor,
            stage,
            presentation.kronor(row.total_ore),
            action.action.label if action else "–",
            presentation.day(action.due_date) if action else "–",
        )[column]
