"""Ärenden: every case as a sortable, searchable list – and opening a new case for a unit."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.stage import Stage
from app.services import cases
from app.services.cases import CaseRow
from ui import presentation
from ui.context import Change, UiContext
from ui.tables.row_model import Column, FilterProxy, RowTableModel
from ui.pages import ORDER, PageSpec
from ui.tables.views import row_table


def case_columns(masked: bool) -> tuple[Column, ...]:
    def due(r: CaseRow) -> str:
        return presentation.due_text(r.next_action.due_date, r.as_of) if r.next_action else "–"

    return (
        Column("Ärende", lambda r, _m: str(r.case_id), right=True, sort=lambda r: r.case_id),
        Column("Objekt", lambda r, _m: r.unit),
        Column("Gäldenär", lambda r, _m: r.debtor_initials if masked else r.debtor),
        Column("Upplåtelse", lambda r, _m: r.tenure.label),
        Column("Steg", lambda r, _m: r.stage.label + (f" ({', '.join(s.label for s in r.side_states)})" if r.side_states else ""),
               sort=lambda r: (r.stage.order, r.case_id)),
        Column("Dagar i steget", lambda r, _m: str(r.days_in_stage), right=True, sort=lambda r: r.days_in_stage),
        Column("Skuld", lambda r, _m: presentation.kronor(r.total_ore), right=True, sort=lambda r: r.total_ore),
        Column("Risk", lambda r, _m: presentation.BAND_TEXT.get(r.band, "–") if r.band else "–",
               colour=lambda r: presentation.BAND_COLOURS.get(r.band) if r.band else None),
        Column("Nästa åtgärd", lambda r, _m: r.next_action.action.label if r.next_action else "–"),
        Column("Förfaller", lambda r, _m: due(r), sort=lambda r: r.next_action.due_date.toordinal() if r.next_action else 10**7,
               colour=lambda r: presentation.urgency_colour(presentation.urgency(r.next_action.due_date, r.as_of)) if r.next_action else None),
    )


class NewCaseDialog:
    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        text, ok = QInputDialog.getText(parent, "Nytt ärende", "Objektnummer (t.ex. 1009):")
        return text.strip() if ok and text.strip() else None


class CasesPage(QWidget):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setAccessibleName("Ärenden")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök ärende, objekt, namn, steg … (Ctrl+F)")
        self.search.setAccessibleName("Sök bland ärendena")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.show_closed = QCheckBox("Visa &avslutade")
        bar.addWidget(self.show_closed)
        self.open_button = QPushButton("Ö&ppna ärendet")
        self.new_button = QPushButton("&Nytt ärende …")
        self.new_button.setToolTip("Öppna ett ärende för ett objekts förfallna, obetalda avier")
        bar.addWidget(self.open_button)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.model = RowTableModel(case_columns(ui.masked), self)
        self.proxy = FilterProxy(self.model, self)
        self.table = row_table(self.proxy, "Ärenden", sort_column=9)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.proxy.set_text)
        self.show_closed.toggled.connect(lambda _on: self.refresh())
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.new_button.clicked.connect(self.new_case)
        self.set_read_only(ui.read_only)

    def refresh(self) -> None:
        rows = cases.list_cases(self.ui.ctx, self.ui.as_of)
        if not self.show_closed.isChecked():
            rows = [r for r in rows if r.stage is not Stage.AVSLUTAD]
        self.model.set_rows(rows)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.ui.open_case(self.proxy.row_at(index.row()).case_id)

    def new_case(self) -> None:
        unit = NewCaseDialog.ask(self)
        if unit is None:
            return
        case_id = self.ui.perform(self, lambda: cases.open_case(self.ui.ctx, unit, self.ui.as_of), Change("case"))
        if case_id is not None:
            self.ui.open_case(case_id)

    def set_read_only(self, read_only: bool) -> None:
        self.new_button.setEnabled(not read_only)
        self.new_button.setToolTip("Skrivskyddat läge – inga ändringar kan göras." if read_only
                                   else "Öppna ett ärende för ett objekts förfallna, obetalda avier")

    def set_masked(self, masked: bool) -> None:
        self.model.columns = case_columns(masked)
        self.refresh()


PAGES = (PageSpec(key="cases", title="Ärenden", order=ORDER["cases"], factory=CasesPage,
                  tooltip="Alla ärenden i en lista"),)
