"""The claim (avi) form: unit, debtor, avi number, kind, period, due date, amount and the avi's own OCR."""
from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.calendar import add_months
from app.domain.tenure import ClaimKind, Tenure
from app.services import claim_register, legal_data, registers
from app.services.demo import due_date_for
from app.services.claim_register import ClaimForm, ClaimRecord
from ui import presentation
from ui.board_modes import mask_name
from ui.context import UiContext
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import DateField

KIND_FOR_TENURE = {Tenure.BOSTADSRATT: ClaimKind.AVGIFT, Tenure.HYRESRATT: ClaimKind.HYRA, Tenure.LOKAL: ClaimKind.HYRA}


class ClaimDialog(FormDialog):
    def __init__(self, ui: UiContext, record: ClaimRecord | None = None, parent: QWidget | None = None,
                 unit_id: int | None = None) -> None:
        super().__init__(ui, "Ändra avi" if record else "Ny avi", parent)
        self.record = record
        self.units = {u.unit_id: u for u in registers.list_units(ui.ctx)}
        self.unit = QComboBox()
        self.unit.addItem("Välj objekt …", None)
        for u in self.units.values():
            self.unit.addItem(f"{u.number} – {u.tenure.label}", u.unit_id)
        self.person = QComboBox()
        self.person.addItem("Välj person …", None)
        for p in registers.list_persons(ui.ctx):
            self.person.addItem(mask_name(p.name, ui.masked), p.person_id)
        self.kind = QComboBox()
        for kind in ClaimKind:
            self.kind.addItem(kind.label, kind)
        month = ui.as_of.replace(day=1)
        self.avi = self.form.add("avi_number", "Avinummer", QLineEdit(), "avins eget nummer, unikt")
        self.form.add("unit_id", "Objekt", self.unit, aliases=("unit",))
        self.form.add("person_id", "Ställd till", self.person, "den som är betalningsskyldig", aliases=("person",))
        self.form.add("kind", "Slag", self.kind)
        self.period_from = self.form.add("period_from", "Period från", DateField(month, "Period från"))
        self.period_to = self.form.add("period_to", "Period till", DateField(add_months(month, 1) - timedelta(days=1), "Period till"))
        self.due = self.form.add("due_date", "Förfallodag", DateField(due_date_for(month, legal_data.calendar_around(ui.as_of)), "Förfallodag"),
                                 "hyra och avgift förfaller senast sista vardagen före månaden (JB 12:20)")
        self.amount = self.form.add("amount", "Belopp (kr)", QLineEdit(), "t.ex. 4 512,50")
        self.reference = self.form.add("reference", "OCR-nummer på avin", QLineEdit(), "valfritt – gör att inbetalningar med avins OCR hittar rätt")
        self.unit.currentIndexChanged.connect(self._unit_chosen)
        if record is not None:
            self._fill(record)
        elif unit_id is not None:
            self.unit.setCurrentIndex(self.unit.findData(unit_id))

    def _fill(self, record: ClaimRecord) -> None:
        self.avi.setText(record.avi_number)
        self.unit.setCurrentIndex(self.unit.findData(record.unit_id))
        self.person.setCurrentIndex(self.person.findData(record.person_id))
        self.kind.setCurrentIndex(self.kind.findData(record.kind))
        self.period_from.set_value(record.period_from)
        self.period_to.set_value(record.period_to)
        self.due.set_value(record.due_date)
        self.amount.setText(presentation.kronor(record.amount_ore).removesuffix("\u00a0kr"))
        self.reference.setText(record.reference or "")

    def _unit_chosen(self) -> None:
        """Suggest the unit's kind of claim, its monthly amount and its holder."""
        unit = self.units.get(self.unit.currentData())
        if unit is None or self.record is not None:
            return
        self.kind.setCurrentIndex(self.kind.findData(KIND_FOR_TENURE.get(unit.tenure, ClaimKind.OVRIGT)))
        if not self.amount.text().strip() and unit.monthly_charge_ore:
            self.amount.setText(presentation.kronor(unit.monthly_charge_ore).removesuffix("\u00a0kr"))
        holders = [o for o in registers.list_occupancies(self.ui.ctx, unit_id=unit.unit_id) if o.current and o.role == "holder"]
        if holders and self.person.currentData() is None:
            self.person.setCurrentIndex(self.person.findData(holders[0].person_id))
        if not self.avi.text().strip():
            self.avi.setText(f"{self.period_from.value():%Y%m}-{unit.number}")

    def claim_form(self) -> ClaimForm:
        return ClaimForm(
            unit_id=self.unit.currentData(), person_id=self.person.currentData(), avi_number=self.avi.text(),
            kind=ClaimKind(self.kind.currentData()), period_from=self.period_from.value(), period_to=self.period_to.value(),
            due_date=self.due.value(), amount=self.amount.text(), reference=self.reference.text(),
        )

    def perform(self) -> int:
        if self.record is None:
            return claim_register.create_claim(self.ui.ctx, self.claim_form())
        claim_register.update_claim(self.ui.ctx, self.record.claim_id, self.claim_form())
        return self.record.claim_id

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, record: ClaimRecord | None = None, unit_id: int | None = None) -> int | None:
        dialog = cls(ui, record, parent, unit_id)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None
