"""A dialog around a FieldForm: "Spara" runs the service command, and a refusal is shown field by field.

Nothing is saved until the service accepts the whole form; the dialog stays open until then.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from app.domain.problem import Refused
from ui.context import UiContext
from ui.forms.field_form import FieldForm


class FormDialog(QDialog):
    def __init__(self, ui: UiContext, title: str, parent: QWidget | None = None, save_text: str = "Spara") -> None:
        super().__init__(parent)
        self.ui = ui
        self.result_value: Any = None
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        # wrapped hints and error lines need their height for the width they get: never squeeze them
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.form = FieldForm()
        self.form.setMinimumWidth(540)  # the layout below sets the dialog's minimum from its contents
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if ui.read_only:
            self.save_button.setEnabled(False)

    def perform(self) -> Any:
        """The service call this dialog makes; raises Refused when the form is not valid."""
        raise NotImplementedError

    def save(self) -> bool:
        if self.ui.read_only:
            self.form.show_problems(["Skrivskyddat läge: inget kan sparas."])
            return False
        try:
            self.result_value = self.perform()
        except Refused as refused:
            self.form.show_problems(refused.problems)
            return False
        self.form.clear_problems()
        self.accept()
        return True
