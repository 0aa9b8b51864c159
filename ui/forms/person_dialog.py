"""The person form: personnummer or samordningsnummer (checked with its check digit), name and contact."""
from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.services import identity, registers
from app.services.registers import PersonForm, PersonRecord
from ui.context import UiContext
from ui.forms.form_dialog import FormDialog

FIELDS = (
    ("personnummer", "Personnummer", "personnummer eller samordningsnummer, t.ex. 19121212-1212"),
    ("name", "Namn", "för- och efternamn"),
    ("address", "Postadress", ""),
    ("postcode", "Postnummer", ""),
    ("city", "Ort", ""),
    ("email", "E-post", ""),
    ("phone", "Telefon", ""),
)


class PersonDialog(FormDialog):
    def __init__(self, ui: UiContext, record: PersonRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ui, "Ändra person" if record else "Ny person", parent)
        self.record = record
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hint in FIELDS:
            self.edits[key] = self.form.add(key, label, QLineEdit(), hint)
        pnr = self.edits["personnummer"]
        pnr.editingFinished.connect(
            lambda: self.form.set_error("personnummer", identity.personnummer_error(pnr.text()) if pnr.text().strip() else None))
        if record is not None:
            for key, edit in self.edits.items():
                value = getattr(record, key) or ""
                edit.setText(identity.format_personnummer(value) if key == "personnummer" else value)

    def person_form(self) -> PersonForm:
        return PersonForm(**{key: edit.text() for key, edit in self.edits.items()})

    def perform(self) -> int:
        if self.record is None:
            return registers.create_person(self.ui.ctx, self.person_form())
        registers.update_person(self.ui.ctx, self.record.person_id, self.person_form())
        return self.record.person_id

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, record: PersonRecord | None = None) -> int | None:
        dialog = cls(ui, record, parent)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None
