"""The case board's models: one list of cases (a row cache of frozen `CaseRow`s) and one filtering proxy
per stage column. The filter (tenure, free text, only overdue) is shared by all columns."""
from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from app.domain.stage import Stage
from app.domain.tenure import Tenure
from app.services.cases import CaseRow
from ui import presentation

Index = QModelIndex | QPersistentModelIndex
CASE_MIME = "application/x-bostadsinkasso-case"


def _sort_key(row: CaseRow) -> tuple:
    # Most urgent first: the next action's due date; cases with nothing due last, then by unit.
    due = row.next_action.due_date.toordinal() if row.next_action else 10**9
    return (due, row.unit, row.case_id)


def debtor_text(row: CaseRow, masked: bool) -> str:
    return row.debtor_initials if masked else row.debtor


def card_text(row: CaseRow, masked: bool) -> str:
    """The card as one line of text: for screen readers, tooltips and tests."""
    parts = [f"Objekt {row.unit}", debtor_text(row, masked), presentation.kronor(row.total_ore),
             f"{presentation.days(row.days_in_stage)} i steget"]
    parts.extend(s.label for s in row.side_states)
    if row.band:
        parts.append(presentation.BAND_TEXT.get(row.band, row.band))
    if row.next_action:
        parts.append(f"{row.next_action.action.label} {presentation.due_text(row.next_action.due_date, row.as_of)}")
    return ", ".join(parts)


class BoardModel(QAbstractListModel):
    """Every case on the day shown, most urgent first. Read-only: a case moves only by recording an event."""

    CaseIdRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2  # the frozen CaseRow, for the card delegate
    StageRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None, masked: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self.masked = masked

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=_sort_key)
        self.endResetModel()

    def replace_rows(self, case_ids: tuple[int, ...], rows: list[CaseRow]) -> None:
        """Swap in fresh rows for `case_ids` (a case no longer listed is dropped), keeping the urgency order."""
        wanted = set(case_ids)
        self.set_rows([r for r in self._rows if r.case_id not in wanted] + rows)

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.masked = masked
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def rows(self) -> list[CaseRow]:
        return list(self._rows)

    def row_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == self.RowRole:
            return row
        if role == self.CaseIdRole:
            return row.case_id
        if role == self.StageRole:
            return row.stage.value
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.unit} – {debtor_text(row, self.masked)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return card_text(row, self.masked)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CASE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = [str(self._rows[i.row()].case_id) for i in indexes if i.isValid()]
        if ids:
            data.setData(CASE_MIME, QByteArray(ids[0].encode()))
        return data

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction


class BoardFilter(QObject):
    """What the treasurer narrows the board to; shared by every column."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.tenure: Tenure | None = None
        self.only_overdue = False
        self.masked = False

    def update(self, *, text: str | None = None, tenure: Tenure | None | str = "keep",
               only_overdue: bool | None = None, masked: bool | None = None) -> None:
        if text is not None:
            self.text = text.strip().casefold()
        if tenure != "keep":
            self.tenure = tenure  # type: ignore[assignment]
        if only_overdue is not None:
            self.only_overdue = only_overdue
        if masked is not None:
            self.masked = masked
        self.changed.emit()

    def accepts(self, row: CaseRow) -> bool:
        if self.tenure is not None and row.tenure is not self.tenure:
            return False
        if self.only_overdue and not (row.next_action and row.next_action.due_date < row.as_of):
            return False
        if self.text:
            # masked: search only what is shown, so a search cannot reveal a hidden name
            haystack = f"{row.case_id} {row.unit} {debtor_text(row, self.masked)} {row.stage.label}"
            if row.next_action:
                haystack += f" {row.next_action.action.label}"
            return all(word in haystack.casefold() for word in self.text.split())
        return True


class StageColumnModel(QSortFilterProxyModel):
    """One board column: the cases in `stage` that pass the shared filter (order kept from the source)."""

    def __init__(self, stage: Stage, board_filter: BoardFilter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.board_filter = board_filter
        self.setDynamicSortFilter(False)
        board_filter.changed.connect(self._refilter)

    def _refilter(self) -> None:
        self.beginFilterChange()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if source_parent.isValid() or not isinstance(model, BoardModel) or source_row >= model.rowCount():
            return False
        row = model.row_at(source_row)
        return row.stage is self.stage and self.board_filter.accepts(row)

    def case_rows(self) -> list[CaseRow]:
        return [self.data(self.index(r, 0), BoardModel.RowRole) for r in range(self.rowCount())]

    def total_ore(self) -> int:
        return sum(row.total_ore for row in self.case_rows())
