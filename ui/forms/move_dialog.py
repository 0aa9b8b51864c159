"""Moving in and out: the holder or a cohabitant moves into a unit; someone moves out (the history stays)."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from app.domain.problem import Problem, Refused
from app.services import registers
from app.services.registers import ROLE_LABELS
from ui.board_modes import mask_name
from ui.context import UiContext
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import DateField


class MoveInDialog(FormDialog):
    def __init__(self, ui: UiContext, unit_id: int, unit_number: str, parent: QWidget | None = None) -> None:
        super().__init__(ui, f"Flytta in i objekt {unit_number}", parent, save_text="Flytta in")
        self.unit_id = unit_id
        self.person = QComboBox()
        self.person.addItem("Välj person …", None)
        for p in registers.list_persons(ui.ctx):
            self.person.addItem(mask_name(p.name, ui.masked), p.person_id)
        self.role = QComboBox()
        for role, label in ROLE_LABELS.items():
            self.role.addItem(label, role)
        self.known = QCheckBox("Inflyttningsdagen är känd")
        self.known.setChecked(True)
        self.day = DateField(ui.as_of, "Inflyttningsdag")
        self.form.add("person", "Person", self.person, "lägg först upp personen under Personer om den saknas", aliases=("person_id",))
        self.form.add("role", "Roll", self.role,
                      "en sambo eller annan vuxen som bor i bostaden ska få del av uppsägningen (medboende)")
        self.form.add("known", "", self.known)
        self.form.add("moved_in", "Inflyttningsdag", self.day)
        self.known.toggled.connect(self.day.setEnabled)

    def perform(self) -> int:
        person_id = self.person.currentData()
        if person_id is None:
            raise Refused(Problem("person.missing", "Välj vem som flyttar in.", "person"))
        moved_in = self.day.value() if self.known.isChecked() else None
        return registers.move_in(self.ui.ctx, self.unit_id, person_id, self.role.currentData(), moved_in, self.ui.as_of)

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, unit_id: int, unit_number: str) -> int | None:
        dialog = cls(ui, unit_id, unit_number, parent)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None


class MoveOutDialog(FormDialog):
    """Ends one occupancy, or (person_id given) every occupancy the person has now."""

    def __init__(self, ui: UiContext, who: str, occupancy_id: int | None = None, person_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ui, f"Utflyttning – {who}", parent, save_text="Registrera utflyttning")
        self.occupancy_id, self.person_id = occupancy_id, person_id
        self.day = DateField(ui.as_of, "Utflyttningsdag")
        self.form.add("moved_out", "Utflyttningsdag", self.day)
        note = QLabel("Har personen ett pågående ärende ska avflyttningen också registreras i ärendet – "
                      "för en hyresrätt eller lokal påverkar den preskriptionen (JB 12:61).")
        note.setWordWrap(True)
        self.form.add_row("", note)

    def perform(self) -> int:
        day: date = self.day.value()
        if self.occupancy_id is not None:
            registers.move_out(self.ui.ctx, self.occupancy_id, day, self.ui.as_of)
            return 1
        return registers.mark_person_moved_out(self.ui.ctx, self.person_id, day, self.ui.as_of)

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, who: str, occupancy_id: int | None = None,
            person_id: int | None = None) -> int | None:
        dialog = cls(ui, who, occupancy_id, person_id, parent)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None
