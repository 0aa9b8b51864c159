"""A drop-down of cases for payments: case, unit, debtor (initials when masked) and what is owed today."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.stage import Stage
from app.services import cases
from ui import presentation
from ui.context import UiContext


class CaseChoice(QComboBox):
    def __init__(self, ui: UiContext, parent: QWidget | None = None, include_closed: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName("Ärende")
        self.addItem("Välj ärende …", None)
        rows = sorted(cases.list_cases(ui.ctx, ui.as_of), key=lambda r: (r.stage is Stage.AVSLUTAD, r.unit, r.case_id))
        for row in rows:
            if row.stage is Stage.AVSLUTAD and not include_closed:
                continue
            debtor = row.debtor_initials if ui.masked else row.debtor
            self.addItem(f"Ärende {row.case_id} – objekt {row.unit} – {debtor} – {presentation.kronor(row.total_ore)} ({row.stage.label})",
                         row.case_id)

    def case_id(self) -> int | None:
        return self.currentData()

    def choose(self, case_id: int) -> bool:
        index = self.findData(case_id)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
