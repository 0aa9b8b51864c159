"""Registers page: units with who lives there (moving in and out), persons, and claims (avier).

Lists filter as you type; forms check every field before anything is saved. A person or unit with
cases is never deleted – only marked as moved out.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from app.services import claim_register, registers
from ui.board_modes import EditControls, ModeBanner, mask_name
from ui.context import Change, UiContext
from ui.dialogs.messages import Messages
from ui.forms.claim_dialog import ClaimDialog
from ui.forms.move_dialog import MoveInDialog, MoveOutDialog
from ui.forms.person_dialog import PersonDialog
from ui.forms.unit_dialog import UnitDialog
from ui.pages import ORDER, PageSpec
from ui.tables.register_columns import CLAIM_COLUMNS, OCCUPANCY_COLUMNS, PERSON_COLUMNS, UNIT_COLUMNS
from ui.tables.table_panel import TablePanel

CHANGE = Change("registers")


class RegistersPage(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.edits = EditControls()
        layout = QVBoxLayout(self)
        self.banner = ModeBanner()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Register")
        layout.addWidget(self.tabs)
        self._build_units()
        self._build_persons()
        self._build_claims()
        self.set_read_only(ui.read_only)
        self.set_masked(ui.masked)
        self.refresh()

    # --- building ---------------------------------------------------------------------------------
    def _build_units(self) -> None:
        self.units = TablePanel("Objekt", UNIT_COLUMNS, key=lambda u: u.unit_id, search_hint="Sök objekt, adress, boende …")
        self.occupants = TablePanel("Boende i objektet", OCCUPANCY_COLUMNS, key=lambda o: o.occupancy_id, search_hint="Sök boende …")
        unit_chosen = lambda: self.units.selected() is not None  # noqa: E731
        self.edits.add(self.units.add_button("Nytt objekt …", self.new_unit))
        self.edits.add(self.units.add_button("Ändra …", self.edit_unit, "Ändra objekt"), unit_chosen)
        self.edits.add(self.units.add_button("Ta bort", self.delete_unit, "Ta bort objekt"), unit_chosen)
        self.edits.add(self.units.add_button("Ny avi för objektet …", self.new_claim_for_unit), unit_chosen)
        self.edits.add(self.occupants.add_button("Flytta in …", self.move_in), unit_chosen)
        self.edits.add(self.occupants.add_button("Flytta ut …", self.move_out_occupant),
                       lambda: (o := self.occupants.selected()) is not None and o.current)
        self.units.selection_changed.connect(self._unit_selected)
        self.units.activated.connect(lambda _row: self.edit_unit())
        self.occupants.selection_changed.connect(self.edits.update)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.units)
        split.addWidget(self.occupants)
        split.setSizes([500, 220])
        self.tabs.addTab(split, "Objekt och boende")

    def _build_persons(self) -> None:
        self.persons = TablePanel("Personer", PERSON_COLUMNS, key=lambda p: p.person_id, search_hint="Sök namn, personnummer, objekt …")
        chosen = lambda: self.persons.selected() is not None  # noqa: E731
        self.edits.add(self.persons.add_button("Ny person …", self.new_person))
        self.edits.add(self.persons.add_button("Ändra …", self.edit_person, "Ändra person"), chosen)
        self.edits.add(self.persons.add_button("Markera utflyttad …", self.move_out_person),
                       lambda: (p := self.persons.selected()) is not None and bool(p.units))
        self.edits.add(self.persons.add_button("Ta bort", self.delete_person, "Ta bort person"), chosen)
        self.persons.selection_changed.connect(self.edits.update)
        self.persons.activated.connect(lambda _row: self.edit_person())
        self.tabs.addTab(self.persons, "Personer")

    def _build_claims(self) -> None:
        self.claims = TablePanel("Avier", CLAIM_COLUMNS, key=lambda c: c.claim_id, search_hint="Sök avinummer, objekt, namn …")
        open_claim = lambda: (c := self.claims.selected()) is not None and c.case_id is None  # noqa: E731
        self.edits.add(self.claims.add_button("Ny avi …", self.new_claim))
        self.edits.add(self.claims.add_button("Ändra …", self.edit_claim, "Ändra avi"), open_claim)
        self.edits.add(self.claims.add_button("Ta bort", self.delete_claim, "Ta bort avi"), open_claim)
        self.claims.selection_changed.connect(self.edits.update)
        self.claims.activated.connect(self._claim_activated)
        self.tabs.addTab(self.claims, "Avier")

    # --- the Page protocol ------------------------------------------------------------------------
    def refresh(self) -> None:
        masked = self.ui.masked
        self.units.set_rows(registers.list_units(self.ui.ctx), masked)
        self.persons.set_rows(registers.list_persons(self.ui.ctx), masked)
        self.claims.set_rows(claim_register.list_claims(self.ui.ctx), masked)
        self._unit_selected()

    def set_read_only(self, read_only: bool) -> None:
        self.edits.set_read_only(read_only)
        self.banner.show_modes(read_only, self.ui.masked)

    def set_masked(self, masked: bool) -> None:
        for panel in (self.units, self.occupants, self.persons, self.claims):
            panel.model.set_masked(masked)
            panel.view.resizeColumnsToContents()
        self.banner.show_modes(self.edits.read_only, masked)

    def focus_search(self) -> None:
        """Ctrl+F: the search field of the register shown (units on the first tab)."""
        shown = self.tabs.currentWidget()
        (shown if isinstance(shown, TablePanel) else self.units).focus_search()

    # --- actions ------------------------------------------------------------------------------------
    def _unit_selected(self) -> None:
        unit = self.units.selected()
        rows = registers.list_occupancies(self.ui.ctx, unit_id=unit.unit_id) if unit is not None else []
        self.occupants.set_rows(rows, self.ui.masked)
        self.occupants.title.setText(f"<b>Boende i objekt {unit.number}</b>" if unit else "<b>Boende – välj ett objekt</b>")
        self.edits.update()

    def _done(self, result: object) -> None:
        if result is not None:
            self.ui.notify(CHANGE)
            self.refresh()

    def new_unit(self) -> None:
        self._done(UnitDialog.ask(self, self.ui))

    def edit_unit(self) -> None:
        unit = self.units.selected()
        if unit is not None and not self.ui.read_only:
            self._done(UnitDialog.ask(self, self.ui, unit))

    def delete_unit(self) -> None:
        unit = self.units.selected()
        if unit is None or not Messages.confirm(self, f"Ta bort objekt {unit.number}?", "Objektet och dess boendehistorik tas bort."):
            return
        self.ui.perform(self, lambda: registers.delete_unit(self.ui.ctx, unit.unit_id), CHANGE)
        self.refresh()

    def move_in(self) -> None:
        unit = self.units.selected()
        if unit is not None:
            self._done(MoveInDialog.ask(self, self.ui, unit.unit_id, unit.number))

    def move_out_occupant(self) -> None:
        row = self.occupants.selected()
        if row is not None:
            self._done(MoveOutDialog.ask(self, self.ui, mask_name(row.person_name, self.ui.masked), occupancy_id=row.occupancy_id))

    def new_person(self) -> None:
        self._done(PersonDialog.ask(self, self.ui))

    def edit_person(self) -> None:
        person = self.persons.selected()
        if person is not None and not self.ui.read_only:
            self._done(PersonDialog.ask(self, self.ui, person))

    def move_out_person(self) -> None:
        person = self.persons.selected()
        if person is not None:
            self._done(MoveOutDialog.ask(self, self.ui, mask_name(person.name, self.ui.masked), person_id=person.person_id))

    def delete_person(self) -> None:
        person = self.persons.selected()
        if person is None:
            return
        who = mask_name(person.name, self.ui.masked)
        if person.has_cases:
            # refused before asking: the service would refuse too (the case history needs the person)
            Messages.refused(self, (f"{who} har ärenden och kan inte tas bort – uppgifterna behövs för ärendets historik. "
                                    "Markera i stället att personen har flyttat ut.",))
            return
        if Messages.confirm(self, f"Ta bort {who}?", "Personen och dess boendehistorik tas bort."):
            self.ui.perform(self, lambda: registers.delete_person(self.ui.ctx, person.person_id), CHANGE)
            self.refresh()

    def new_claim(self) -> None:
        self._done(ClaimDialog.ask(self, self.ui))

    def new_claim_for_unit(self) -> None:
        unit = self.units.selected()
        if unit is not None:
            self._done(ClaimDialog.ask(self, self.ui, unit_id=unit.unit_id))

    def edit_claim(self) -> None:
        claim = self.claims.selected()
        if claim is not None and claim.case_id is None and not self.ui.read_only:
            self._done(ClaimDialog.ask(self, self.ui, claim))

    def _claim_activated(self, claim: claim_register.ClaimRecord) -> None:
        if claim.case_id is not None:
            self.ui.open_case(claim.case_id)
        else:
            self.edit_claim()

    def delete_claim(self) -> None:
        claim = self.claims.selected()
        if claim is not None and Messages.confirm(self, f"Ta bort avi {claim.avi_number}?"):
            self.ui.perform(self, lambda: claim_register.delete_claim(self.ui.ctx, claim.claim_id), CHANGE)
            self.refresh()


PAGES = (
    PageSpec(key="registers", title="Register", order=ORDER["registers"], factory=RegistersPage,
             tooltip="Objekt, boende, personer och avier"),
)
