"""A risk assessment: the association's own data (filled in from the case) and, by hand, what
Kronofogden said when asked. The score itself is computed and stored by the scoring service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import Problem
from app.domain.scoring import ScoringInputs
from app.services.scoring import KronofogdenCheck
from ui import presentation
from ui.widgets.fields import DateField, ErrorLabel, MoneyField


@dataclass(frozen=True)
class ScoreRequest:
    kfm: KronofogdenCheck | None  # None: Kronofogden not asked this time


def inputs_summary(inputs: ScoringInputs) -> list[tuple[str, str]]:
    months = "okänt" if inputs.months_lived is None else f"{inputs.months_lived} månader"
    return [
        ("Sena betalningar senaste 12 / 24 mån", f"{inputs.late_payments_12m} / {inputs.late_payments_24m}"),
        ("Tidigare ärenden: betalda / plan / avhysta / avskrivna",
         f"{inputs.earlier_cases_paid} / {inputs.earlier_cases_payment_plan} / {inputs.earlier_cases_evicted} / {inputs.earlier_cases_written_off}"),
        ("Amorteringsplaner hållna / brutna", f"{inputs.payment_plans_kept} / {inputs.payment_plans_broken}"),
        ("Boendetid", months),
        ("Skuld nu", presentation.kronor(inputs.debt_ore)),
        ("Månadsavgift/hyra", presentation.kronor(inputs.monthly_charge_ore) if inputs.monthly_charge_ore else "okänd"),
    ]


class ScoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, as_of: date, inputs: ScoringInputs) -> None:
        super().__init__(parent)
        self.as_of = as_of
        self.result_request: ScoreRequest | None = None
        self.setWindowTitle("Riskbedömning")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        own = QGroupBox("Föreningens egna uppgifter (hämtas från ärendet)")
        own_form = QFormLayout(own)
        for label, value in inputs_summary(inputs):
            own_form.addRow(label, QLabel(value))
        layout.addWidget(own)
        kfm = QGroupBox("Kronofogden (fyll i efter att ha frågat Kronofogden)")
        form = QFormLayout(kfm)
        self.asked = QCheckBox("Jag har frågat Kronofogden")
        self.asked.setAccessibleName("Kronofogden tillfrågad")
        form.addRow(self.asked)
        self.checked_on = DateField(as_of, "Tillfrågad den")
        self.checked_on.setMaximumDate(self.checked_on.date())
        form.addRow("Tillfrågad &den", self.checked_on)
        self.debt = MoneyField("Skuld hos Kronofogden", optional=True)
        self.debt.setPlaceholderText("0")
        form.addRow("&Skuld hos Kronofogden (kr)", self.debt)
        self.cases = QSpinBox()
        self.cases.setRange(0, 999)
        self.cases.setAccessibleName("Antal mål hos Kronofogden")
        form.addRow("Antal &mål", self.cases)
        self.restructuring = QCheckBox("Pågående skuldsanering")
        form.addRow(self.restructuring)
        layout.addWidget(kfm)
        note = QLabel("Barn i hemmet ger en flagga (extra omsorg), aldrig högre risk.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.errors = ErrorLabel()
        layout.addWidget(self.errors)
        buttons = QDialogButtonBox()
        buttons.addButton("&Gör bedömningen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.validate_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.asked.toggled.connect(self._toggle)
        self._toggle(False)

    def _toggle(self, on: bool) -> None:
        for widget in (self.checked_on, self.debt, self.cases, self.restructuring):
            widget.setEnabled(on)

    def validate_and_accept(self) -> None:
        kfm = None
        if self.asked.isChecked():
            debt = self.debt.ore()
            if isinstance(debt, Problem):
                self.errors.show_problems([debt.message])
                return
            kfm = KronofogdenCheck(self.checked_on.value(), debt or 0, self.cases.value(), self.restructuring.isChecked())
        self.result_request = ScoreRequest(kfm)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, as_of: date, inputs: ScoringInputs) -> ScoreRequest | None:
        dialog = cls(parent, as_of, inputs)
        return dialog.result_request if dialog.exec() == QDialog.DialogCode.Accepted else None
