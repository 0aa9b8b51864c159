"""Ärendetavlan: one column per stage, a card per case, filters and search; a case moves only by
recording what happened – a dropped card offers the matching event, checked by the same guards."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.stage import Stage
from app.domain.tenure import Tenure
from app.services import cases
from ui.context import Change, UiContext
from ui.dialogs.event_dialog import EventContext, EventDialog
from ui.dialogs.messages import Messages
from ui.models.board import BoardFilter, BoardModel, StageColumnModel
from ui.pages import ORDER, PageSpec
from ui.widgets.board_column import BoardColumn
from ui.widgets.case_card import CaseCardDelegate

COLUMN_WIDTH = 200
ZOOMS = (0.85, 1.0, 1.2, 1.45, 1.75)


class BoardPage(QWidget):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setAccessibleName("Ärendetavla")
        self.model = BoardModel(self, masked=ui.masked)
        self.filter = BoardFilter(self)
        self.filter.masked = ui.masked
        self.delegate = CaseCardDelegate(self, masked=ui.masked)
        self.zoom_step = 1
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        self.columns: dict[Stage, BoardColumn] = {}
        strip = QWidget()
        row = QHBoxLayout(strip)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for stage in Stage:
            proxy = StageColumnModel(stage, self.filter, self)
            proxy.setSourceModel(self.model)
            column = BoardColumn(stage, proxy, self.delegate)
            column.setMinimumWidth(COLUMN_WIDTH)
            column.view.case_activated.connect(self.ui.open_case)
            column.view.case_dropped.connect(self.drop_case)
            self.columns[stage] = column
            row.addWidget(column, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(strip)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.filter.changed.connect(self._update_count)
        self.columns[Stage.AVSLUTAD].setVisible(False)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.set_zoom(self.zoom_step + 1))
        QShortcut(QKeySequence("Ctrl+="), self, activated=lambda: self.set_zoom(self.zoom_step + 1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.set_zoom(self.zoom_step - 1))
        self.set_read_only(ui.read_only)

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök objekt, namn, ärende … (Ctrl+F)")
        self.search.setAccessibleName("Sök på tavlan")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.filter.update(text=text))
        bar.addWidget(self.search, 2)
        self.tenure = QComboBox()
        self.tenure.setAccessibleName("Upplåtelseform")
        self.tenure.addItem("Alla upplåtelseformer", None)
        for tenure in Tenure:
            self.tenure.addItem(tenure.label, tenure.value)
        self.tenure.currentIndexChanged.connect(self._tenure_changed)
        bar.addWidget(self.tenure)
        self.only_overdue = QCheckBox("Bara &försenade")
        self.only_overdue.toggled.connect(lambda on: self.filter.update(only_overdue=on))
        bar.addWidget(self.only_overdue)
        self.show_closed = QCheckBox("Visa &avslutade")
        self.show_closed.toggled.connect(self._show_closed)
        bar.addWidget(self.show_closed)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setAccessibleName("Antal ärenden som visas")
        bar.addWidget(self.count)
        smaller = QPushButton("A−")
        smaller.setToolTip("Mindre kort (Ctrl+−)")
        smaller.setAccessibleName("Mindre kort")
        smaller.clicked.connect(lambda: self.set_zoom(self.zoom_step - 1))
        larger = QPushButton("A+")
        larger.setToolTip("Större kort, t.ex. för projektor (Ctrl++)")
        larger.setAccessibleName("Större kort")
        larger.clicked.connect(lambda: self.set_zoom(self.zoom_step + 1))
        for button in (smaller, larger):
            button.setFixedWidth(44)
            bar.addWidget(button)
        return bar

    def _show_closed(self, on: bool) -> None:
        self.columns[Stage.AVSLUTAD].setVisible(on)
        self._update_count()

    def _tenure_changed(self) -> None:
        value = self.tenure.currentData()
        self.filter.update(tenure=Tenure(value) if value else None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_zoom(self, step: int) -> None:
        self.zoom_step = max(0, min(len(ZOOMS) - 1, step))
        self.delegate.zoom = ZOOMS[self.zoom_step]
        for column in self.columns.values():
            column.setMinimumWidth(int(COLUMN_WIDTH * ZOOMS[self.zoom_step]))
            column.view.reset()
            column.view.scheduleDelayedItemsLayout()

    # --- Page ---
    def refresh(self) -> None:
        self.model.set_rows(cases.list_cases(self.ui.ctx, self.ui.as_of))
        self._update_count()

    def apply_change(self, change: Change) -> None:
        """Reload only the cases a command touched (a board of thousands stays quick after each step)."""
        if not change.case_ids:
            self.refresh()
            return
        self.model.replace_rows(change.case_ids, cases.list_cases(self.ui.ctx, self.ui.as_of, list(change.case_ids)))
        self._update_count()

    def _update_count(self) -> None:
        shown = sum(c.model.rowCount() for s, c in self.columns.items() if s is not Stage.AVSLUTAD or self.show_closed.isChecked())
        open_total = sum(1 for r in self.model.rows() if r.stage is not Stage.AVSLUTAD)
        self.count.setText(f"{shown} av {open_total} öppna ärenden" if not self.show_closed.isChecked()
                           else f"{shown} av {self.model.rowCount()} ärenden")

    def set_read_only(self, read_only: bool) -> None:
        for column in self.columns.values():
            column.view.set_drag_enabled(not read_only)

    def set_masked(self, masked: bool) -> None:
        self.model.set_masked(masked)
        self.delegate.masked = masked
        self.filter.update(masked=masked)
        for column in self.columns.values():
            column.view.viewport().update()

    # --- moving a card ---
    def drop_case(self, case_id: int, target: Stage) -> None:
        """Offer the event that moves the case to `target`, or say why no event can."""
        if self.ui.read_only:
            return
        row = next((r for r in self.model.rows() if r.case_id == case_id), None)
        move = cases.events_to_reach(self.ui.ctx, case_id, self.ui.as_of, target)
        if not move.kinds:
            Messages.refused(self, move.reasons, heading=f"Ärendet kan inte flyttas till {target.label}.")
            return
        unit = row.unit if row else str(case_id)
        heading = (f"Flytta objekt {unit} från {move.current.label} till {target.label}? "
                   "Ett ärende flyttas genom att registrera det som har hänt:")
        context = EventContext(as_of=self.ui.as_of, opened_on=row.opened_on if row else self.ui.as_of,
                               owed_ore=row.total_ore if row else 0, unit=unit)
        event = EventDialog.ask(self, move.kinds, context, heading)
        if event is None:
            return
        self.ui.perform(self, lambda: cases.record_event(self.ui.ctx, case_id, event, self.ui.as_of), Change("event", (case_id,)))

    def visible_case_ids(self, stage: Stage) -> list[int]:
        return [r.case_id for r in self.columns[stage].model.case_rows()]


PAGES = (PageSpec(key="board", title="Ärendetavla", order=ORDER["board"], factory=BoardPage,
                  tooltip="Alla ärenden efter steg"),)
