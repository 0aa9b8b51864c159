"""The unit form: number, tenure, address, size, the monthly fee or rent, and the pledgee of a bostadsrätt."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from app.domain.tenure import Tenure
from app.services import registers
from app.services.registers import UnitForm, UnitRecord
from ui import presentation
from ui.context import UiContext
from ui.forms.form_dialog import FormDialog

TEXT_FIELDS = (
    ("number", "Nummer", "lägenhets- eller objektnummer, t.ex. 1001"),
    ("address", "Adress", ""),
    ("postcode", "Postnummer", ""),
    ("city", "Ort", ""),
    ("municipality", "Kommun", ""),
    ("rooms", "Antal rum", ""),
    ("area_m2", "Boarea (kvm)", ""),
    ("monthly_charge", "Avgift eller hyra per månad (kr)", "t.ex. 4 512,50"),
    ("pledgee_name", "Panthavare", "banken som har pant i bostadsrätten (den underrättas när bostadsrätten kan gå förlorad)"),
    ("pledgee_address", "Panthavarens adress", ""),
)


class UnitDialog(FormDialog):
    def __init__(self, ui: UiContext, record: UnitRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ui, "Ändra objekt" if record else "Nytt objekt", parent)
        self.record = record
        self.tenure = QComboBox()
        for tenure in Tenure:
            self.tenure.addItem(tenure.label, tenure)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, hint in TEXT_FIELDS:
            self.edits[key] = self.form.add(key, label, QLineEdit(), hint, aliases=("pledgee",) if key == "pledgee_name" else ())
            if key == "number":
                self.form.add("tenure", "Upplåtelseform", self.tenure)
        self.private_letting = QCheckBox("Privatuthyrning (privatuthyrningslagen – drivs inte som avhysningsärende)")
        self.form.add("private_letting", "Uthyrning", self.private_letting)
        if record is not None:
            self._fill(record)
        self.tenure.currentIndexChanged.connect(self._tenure_changed)
        self._tenure_changed()

    def _fill(self, record: UnitRecord) -> None:
        self.tenure.setCurrentIndex(self.tenure.findData(record.tenure))
        values = {
            "number": record.number, "address": record.address, "postcode": record.postcode, "city": record.city,
            "municipality": record.municipality, "rooms": "" if record.rooms is None else str(record.rooms),
            "area_m2": "" if record.area_m2 is None else str(record.area_m2),
            "monthly_charge": presentation.kronor(record.monthly_charge_ore).removesuffix("\u00a0kr"),
            "pledgee_name": record.pledgee_name, "pledgee_address": record.pledgee_address,
        }
        for key, value in values.items():
            self.edits[key].setText(value)
        self.private_letting.setChecked(record.private_letting)

    def _tenure_changed(self) -> None:
        brf = self.tenure.currentData() == Tenure.BOSTADSRATT
        for key in ("pledgee_name", "pledgee_address"):
            self.edits[key].setEnabled(brf)

    def unit_form(self) -> UnitForm:
        values = {key: edit.text() for key, edit in self.edits.items()}
        return UnitForm(tenure=Tenure(self.tenure.currentData()),  # Qt hands enums back as str
                         private_letting=self.private_letting.isChecked(), **values)

    def perform(self) -> int:
        if self.record is None:
            return registers.create_unit(self.ui.ctx, self.unit_form())
        registers.update_unit(self.ui.ctx, self.record.unit_id, self.unit_form())
        return self.record.unit_id

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, record: UnitRecord | None = None) -> int | None:
        dialog = cls(ui, record, parent)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None
