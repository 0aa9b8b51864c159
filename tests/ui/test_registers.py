"""Registers page: forms refuse invalid data field by field, read-only allows no change, masked hides people."""
from __future__ import annotations

import re

import pytest

from app.services import registers
from tests.ui.demo_database import AS_OF, demo_copy
from ui.context import UiContext
from ui.dialogs.messages import Messages
from ui.forms.person_dialog import PersonDialog
from ui.forms.unit_dialog import UnitDialog
from ui.pages.registers import RegistersPage
from ui.tables.register_columns import PERSON_COLUMNS
from ui.tables.row_model import RowTableModel



def pnr_forms(digits: str) -> set[str]:
    """Every way a personnummer may be written: 12 or 10 digits, with or without the hyphen."""
    return {digits, digits[2:], f"{digits[:8]}-{digits[8:]}", f"{digits[2:8]}-{digits[8:]}"}


@pytest.fixture
def ctx(tmp_path_factory, tmp_path):
    context = demo_copy(tmp_path_factory, tmp_path)
    yield context
    context.close()


def page_for(qtbot, ctx, **modes) -> RegistersPage:
    page = RegistersPage(UiContext(ctx, AS_OF, **modes))
    qtbot.addWidget(page)
    page.show()
    return page


def test_an_invalid_personnummer_is_refused_next_to_the_field_and_nothing_is_saved(qtbot, ctx):
    page = page_for(qtbot, ctx)
    before = len(registers.list_persons(ctx))
    dialog = PersonDialog(page.ui, parent=page)
    qtbot.addWidget(dialog)
    dialog.edits["personnummer"].setText("19121212-1213")
    dialog.edits["personnummer"].editingFinished.emit()
    # shown as soon as the field is left …
    assert dialog.form.error("personnummer").startswith("Ogiltigt personnummer eller samordningsnummer: ”19121212-1213”")
    dialog.edits["name"].setText("Tolvan Tolvansson")
    assert dialog.save() is False  # … and again on Spara, which saves nothing
    assert "Kontrollera siffrorna och kontrollsiffran" in dialog.form.error("personnummer")
    assert dialog.form.error("name") == ""
    assert len(registers.list_persons(ctx)) == before
    dialog.edits["personnummer"].setText("20121212-1212")
    assert dialog.save() is True
    page.refresh()
    page.persons.search.setText("Tolvan")
    assert page.persons.visible_text()[0][:2] == ["Tolvan Tolvansson", "20121212-1212"]


def test_a_unit_form_shows_each_problem_under_its_field(qtbot, ctx):
    page = page_for(qtbot, ctx)
    dialog = UnitDialog(page.ui, parent=page)
    qtbot.addWidget(dialog)
    dialog.edits["number"].setText("1001")  # taken
    dialog.edits["rooms"].setText("tre")
    dialog.edits["monthly_charge"].setText("4 512,50")
    assert dialog.save() is False
    assert dialog.form.error("rooms") == "Antal rum ska vara ett positivt heltal, inte ”tre”."
    assert dialog.form.error("monthly_charge") == ""
    dialog.edits["rooms"].setText("3")
    assert dialog.save() is False
    assert dialog.form.error("number") == "Det finns redan ett objekt med nummer 1001."
    dialog.edits["number"].setText("2001")
    assert dialog.save() is True
    assert [u.monthly_charge_ore for u in registers.list_units(ctx) if u.number == "2001"] == [451250]


def test_search_narrows_the_lists(qtbot, ctx):
    page = page_for(qtbot, ctx)
    everyone = page.persons.proxy.rowCount()
    page.persons.search.setText("ahmed")
    names = [row[0] for row in page.persons.visible_text()]
    assert 0 < len(names) < everyone and all("Ahmed" in n for n in names)
    page.units.search.setText("hyresrätt")
    assert {row[1] for row in page.units.visible_text()} == {"Hyresrätt"}


def test_a_person_with_a_case_is_not_deleted_but_can_be_marked_moved_out(qtbot, ctx, monkeypatch):
    page = page_for(qtbot, ctx)
    refusals = []
    monkeypatch.setattr(Messages, "refused", classmethod(lambda cls, parent, reasons, heading="": refusals.append(reasons)))
    monkeypatch.setattr(Messages, "confirm", classmethod(lambda cls, *a, **k: True))
    debtor = next(p for p in registers.list_persons(ctx) if p.has_cases and p.units)
    page.tabs.setCurrentWidget(page.persons)
    assert page.persons.select(lambda p: p.person_id == debtor.person_id)
    page.delete_person()
    assert "kan inte tas bort" in refusals[0][0] and "flyttat ut" in refusals[0][0]
    assert any(p.person_id == debtor.person_id for p in registers.list_persons(ctx))
    monkeypatch.setattr("ui.forms.move_dialog.MoveOutDialog.ask", classmethod(
        lambda cls, parent, ui, who, occupancy_id=None, person_id=None: registers.mark_person_moved_out(ui.ctx, person_id, AS_OF, AS_OF)))
    page.move_out_person()
    row = next(r for r in page.persons.visible_text() if r[0] == debtor.name)
    assert row[-1] == "Utflyttad" and row[-3] == "–"


def test_read_only_allows_no_change(qtbot, ctx):
    page = page_for(qtbot, ctx, read_only=True)
    assert page.banner.isVisible() and "Skrivskyddat läge" in page.banner.text()
    page.units.select(lambda u: True)
    page.claims.select(lambda c: c.case_id is None)
    page.persons.select(lambda p: True)
    controls = page.edits.widgets()
    assert len(controls) >= 12 and not any(w.isEnabled() for w in controls)
    assert {w.text() for w in controls} >= {"Nytt objekt …", "Ny person …", "Ny avi …", "Flytta in …", "Ta bort"}
    dialog = PersonDialog(page.ui, parent=page)  # even a dialog opened some other way cannot save
    qtbot.addWidget(dialog)
    dialog.edits["personnummer"].setText("20121212-1212")
    dialog.edits["name"].setText("Tolvan")
    assert not dialog.save_button.isEnabled() and dialog.save() is False
    assert not any(p.name == "Tolvan" for p in registers.list_persons(ctx))


def test_masked_mode_shows_no_personnummer_or_full_name(qtbot, ctx):
    page = page_for(qtbot, ctx, masked=True)
    persons = registers.list_persons(ctx)
    full_names = {p.name for p in persons}
    numbers = {form for p in persons if p.personnummer for form in pnr_forms(p.personnummer)}
    cells = [cell for panel in (page.units, page.persons, page.claims, page.occupants) for row in panel.visible_text() for cell in row]
    page.units.select(lambda u: bool(u.occupants))
    cells += [cell for row in page.occupants.visible_text() for cell in row]
    assert cells and not any(number in cell for cell in cells for number in numbers)
    assert not any(name in cell for cell in cells for name in full_names)
    assert "A. A." in cells or any(re.fullmatch(r"([A-ZÅÄÖ]\. ?)+", c) for c in cells)
    assert "Maskerat läge" in page.banner.text()
    page.set_masked(False)
    page.ui.masked = False
    page.refresh()
    shown = [cell for row in page.persons.visible_text() for cell in row]
    assert any(number in cell for cell in shown for number in numbers) and full_names & set(shown)


def test_register_models_pass_the_model_tester(qtbot, qtmodeltester, ctx):
    model = RowTableModel(PERSON_COLUMNS)
    model.set_rows(registers.list_persons(ctx))
    qtmodeltester.check(model)
    page = page_for(qtbot, ctx)
    for panel in (page.units, page.persons, page.claims, page.occupants):
        qtmodeltester.check(panel.proxy)
