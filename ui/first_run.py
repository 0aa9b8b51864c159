"""First run: create the association's database, or open the demo association."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from app.domain.problem import Refused
from app.persistence.db import database_exists
from app.services import association, demo
from app.services.clock import today


class FirstRunDialog(QDialog):
    """Asks for the association's details; returns the database path to open, or None."""

    def __init__(self, target: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.target = target
        self.result_target: str | None = None
        self.setWindowTitle("Välkommen till Bostadsinkasso")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "<h2>Välkommen!</h2><p>Det finns ingen databas ännu. Lägg upp din förening, "
            "eller prova programmet med en påhittad demoförening.</p>"
        ))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key, label in (("name", "Föreningens namn"), ("orgnr", "Organisationsnummer"), ("bankgiro", "Bankgiro"),
                           ("address", "Adress"), ("postcode", "Postnummer"), ("city", "Ort"), ("email", "E-post"),
                           ("phone", "Telefon"), ("contact_name", "Kontaktperson")):
            edit = QLineEdit()
            edit.setAccessibleName(label)
            self.fields[key] = edit
            form.addRow(label, edit)
        self.reminder = QCheckBox("Påminnelseavgift är avtalad (stadgar eller avtal)")
        form.addRow("", self.reminder)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        create = buttons.addButton("Skapa föreningen", QDialogButtonBox.ButtonRole.AcceptRole)
        demo_button = QPushButton("Öppna demoföreningen")
        buttons.addButton(demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        create.clicked.connect(self.create_association)
        demo_button.clicked.connect(self.open_demo)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_association(self) -> None:
        info = association.AssociationInfo(
            **{key: edit.text() for key, edit in self.fields.items()}, reminder_fee_agreed=self.reminder.isChecked()
        )
        try:
            association.create(self.target, info).close()
        except Refused as refused:
            self.error.setText("\n".join(p.message for p in refused.problems))
            return
        self.result_target = self.target
        self.accept()

    def open_demo(self) -> None:
        demo_target = str(Path(self.target).with_name("demo.sqlite"))
        try:
            if not database_exists(demo_target):
                demo.create_demo(demo_target, today()).close()
        except Refused as refused:
            QMessageBox.critical(self, "Bostadsinkasso", "\n".join(p.message for p in refused.problems))
            return
        self.result_target = demo_target
        self.accept()

    @classmethod
    def ask(cls, target: str) -> str | None:
        dialog = cls(target)
        return dialog.result_target if dialog.exec() == QDialog.DialogCode.Accepted else None
