"""What the treasurer writes into a letter that the database cannot know: the reply to an objection,
a payment plan's months, the process server, the board meeting, Kronofogden's case number."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.action import DocumentKind
from app.domain.calendar import add_months
from app.domain.problem import Problem
from ui.widgets.fields import DateField, ErrorLabel, MoneyField

# The fields each document asks for; documents not listed need nothing beyond the case.
FIELDS: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.OBJECTION_REPLY: ("objection_statement", "objection_reply", "credited_ore"),
    DocumentKind.PAYMENT_PLAN: ("plan_months", "plan_first_due"),
    DocumentKind.SERVICE_INSTRUCTION: ("server_name", "server_address", "kfm_case_number"),
    DocumentKind.BOARD_DECISION: ("board_meeting",),
    DocumentKind.APPLICATION: ("enforcement_wanted",),
    DocumentKind.ENFORCEMENT_REQUEST: ("kfm_case_number",),
    DocumentKind.WITHDRAWAL: ("withdrawal_reason", "kfm_case_number"),
}


def needs_inputs(kind: DocumentKind) -> bool:
    return kind in FIELDS


class LetterInputsDialog(QDialog):
    def __init__(self, parent: QWidget | None, kind: DocumentKind, as_of: date) -> None:
        super().__init__(parent)
        self.kind, self.as_of = kind, as_of
        self.result_inputs: LetterInputs | None = None
        self.setWindowTitle(kind.label)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{kind.label}</b><br>Fyll i det som ska stå i dokumentet. Resten hämtas från ärendet.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for key in FIELDS.get(kind, ()):
            label, widget = self._field(key)
            widget.setAccessibleName(label.replace("&", ""))
            self.widgets[key] = widget
            form.addRow(label, widget)
        note = QLineEdit()
        note.setAccessibleName("Extra rad i brevet")
        self.widgets["note"] = note
        form.addRow("E&xtra rad i brevet", note)
        layout.addLayout(form)
        self.errors = ErrorLabel()
        layout.addWidget(self.errors)
        buttons = QDialogButtonBox()
        buttons.addButton("&Skapa dokumentet", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.validate_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _field(self, key: str) -> tuple[str, QWidget]:
        if key in ("objection_statement", "objection_reply"):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(80)
            label = "Gäldenärens &invändning" if key == "objection_statement" else "Föreningens &svar"
            return label, edit
        if key == "credited_ore":
            return "&Krediterat belopp (kr)", MoneyField("Krediterat belopp", optional=True)
        if key == "plan_months":
            spin = QSpinBox()
            spin.setRange(1, 60)
            spin.setValue(6)
            spin.setSuffix(" månader")
            return "&Antal månader", spin
        if key == "plan_first_due":
            return "&Första betalning", DateField(add_months(self.as_of, 1), "Första betalning")
        if key == "board_meeting":
            return "&Styrelsemöte", DateField(self.as_of, "Styrelsemöte")
        if key == "enforcement_wanted":
            box = QCheckBox("Begär verkställighet direkt när utslaget kommer")
            box.setChecked(True)
            return "&Verkställighet", box
        labels = {"server_name": "&Stämningsman (namn)", "server_address": "Stämningsmannens &adress",
                  "kfm_case_number": "Kronofogdens &målnummer", "withdrawal_reason": "&Skäl till återkallelsen"}
        edit = QLineEdit()
        if key == "server_address":
            edit.setPlaceholderText("Gata 1, 123 45 Ort (tomt = enligt inställningarna)")
        if key == "server_name":
            edit.setPlaceholderText("tomt = enligt inställningarna")
        return labels[key], edit

    def build(self):  # noqa: ANN201 - LetterInputs | list[str]
        from app.services.letter_context import LetterInputs  # brings the letters' ReportLab: on first use
        values: dict = {}
        problems: list[str] = []
        for key, widget in self.widgets.items():
            if isinstance(widget, QPlainTextEdit):
                values[key] = widget.toPlainText().strip()
            elif isinstance(widget, MoneyField):
                ore = widget.ore()
                if isinstance(ore, Problem):
                    problems.append(ore.message)
                values[key] = ore if isinstance(ore, int) else 0
            elif isinstance(widget, DateField):
                values[key] = widget.value()
            elif isinstance(widget, QSpinBox):
                values[key] = widget.value()
            elif isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QLineEdit):
                values[key] = widget.text().strip()
        if self.kind is DocumentKind.OBJECTION_REPLY and not values.get("objection_reply"):
            problems.append("Skriv föreningens svar på bestridandet.")
        if "plan_first_due" in values and values["plan_first_due"] < self.as_of:
            problems.append("Första betalningen kan inte ligga före dokumentets datum.")
        return problems or LetterInputs(**values)

    def validate_and_accept(self) -> None:
        result = self.build()
        if isinstance(result, list):
            self.errors.show_problems(result)
            return
        self.result_inputs = result
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, kind: DocumentKind, as_of: date):  # noqa: ANN206 - LetterInputs | None
        dialog = cls(parent, kind, as_of)
        return dialog.result_inputs if dialog.exec() == QDialog.DialogCode.Accepted else None
