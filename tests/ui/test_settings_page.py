"""Inställningar: a fee over its cap and an offset under the legal minimum are refused under the field and
nothing in the form is saved; the missing referensränta is warned about until entered; read-only allows no change."""
from __future__ import annotations

import pytest

from app.services import association, settings
from tests.ui.demo_database import AS_OF, demo_copy
from ui.context import UiContext
from ui.pages.settings import SettingsPage, source_text


@pytest.fixture
def ctx(tmp_path_factory, tmp_path):
    context = demo_copy(tmp_path_factory, tmp_path)
    yield context
    context.close()


def page_for(qtbot, ctx, **modes) -> SettingsPage:
    page = SettingsPage(UiContext(ctx, AS_OF, **modes))
    qtbot.addWidget(page)
    page.show()
    return page


def fees(ctx) -> dict[str, int]:
    return {f.kind.value: f.amount_ore for f in settings.fee_settings(ctx, AS_OF)}


def test_a_fee_over_its_cap_is_refused_and_nothing_in_the_form_is_saved(qtbot, ctx):
    page = page_for(qtbot, ctx)
    before = fees(ctx)
    section = page.fees
    section.lines["fee.inkassokrav"].setText("150")  # a valid lowering …
    section.lines["fee.paminnelse"].setText("75,00")  # … and a reminder fee over the 60 kr cap
    assert section.save() is False
    assert section.form.error("fee.paminnelse") == (
        "Påminnelseavgift får högst vara 60,00\u00a0kr (lag 1981:739 om ersättning för inkassokostnader m.m.). "
        "75,00\u00a0kr nekas.")
    assert section.form.error("fee.inkassokrav") == ""
    assert fees(ctx) == before  # the form is saved whole or not at all
    section.lines["fee.paminnelse"].setText("50")
    assert section.save() is True and section.saved.text() == "Sparat."
    assert fees(ctx)["paminnelse"] == 5000 and fees(ctx)["inkassokrav"] == 15000
    assert section.lines["fee.paminnelse"].text() == "50,00"


def test_the_cap_and_its_source_are_shown_beside_each_fee(qtbot, ctx):
    page = page_for(qtbot, ctx)
    hint = page.fees.form.hints["fee.inkassokrav"]
    assert hint.startswith("Högst 180,00\u00a0kr – lag (1981:739)")


def test_a_process_offset_under_the_legal_minimum_is_refused(qtbot, ctx):
    page = page_for(qtbot, ctx)
    page.process.lines["process.payment_days"].setText("7")
    assert page.process.save() is False
    assert page.process.form.error("process.payment_days") == (
        "Betalningstid i inkassokravet (dagar) får inte vara mindre än 8 (inkassolagen 5 §: minst 8 dagar).")
    assert {r.key: r.value for r in settings.show(ctx, AS_OF)}["process.payment_days"] == "8"
    page.process.lines["process.payment_days"].setText("10")
    assert page.process.save() is True
    assert {r.key: r.value for r in settings.show(ctx, AS_OF)}["process.payment_days"] == "10"


def test_association_details_are_checked_field_by_field(qtbot, ctx):
    page = page_for(qtbot, ctx)
    page.association.lines["orgnr"].setText("769999-9997")
    page.association.lines["contact_name"].setText("Kassör Karl")
    assert page.association.save() is False
    assert page.association.form.error("orgnr").startswith("Ogiltigt organisationsnummer: ”769999-9997”")
    assert association.get(ctx).contact_name == "Kassör Eva Exempel"
    page.association.lines["orgnr"].setText("769999-9996")
    assert page.association.save() is True and association.get(ctx).contact_name == "Kassör Karl"


def test_the_missing_referensranta_is_warned_about_until_it_is_entered(qtbot, ctx):
    page = page_for(qtbot, ctx)
    assert page.warning.isVisible()
    assert page.warning.text().startswith("Referensräntan för halvåret från 1 juli 2026 saknas (räntelagen 9 §).")
    rates = page.rates
    assert rates.half_year.currentData() == "2026-07-01"  # the missing half-year is offered first
    rates.percent.setText("1,75")
    assert rates.save() is False
    assert rates.form.error("rate") == "Referensräntan avrundas uppåt till närmaste halva procentenhet (räntelagen 9 §)."
    rates.percent.setText("2,00")
    assert rates.save() is True
    page.refresh()
    assert not page.warning.isVisible()
    first = rates.table.visible_text()[0]
    assert first[:4] == ["2026-07-01", "2,00 %", "10,00 %", "kontrollera"]


def test_sources_are_said_in_swedish():
    assert source_text("riksbank.se table") == "Riksbankens tabell (riksbank.se)"
    assert source_text("secondary (policy rate 1.75 rounded up)") == "andrahandsuppgift (styrräntan 1,75)"
    assert source_text("angiven av användaren") == "angiven av användaren"


def test_letter_note_and_backup_folder_are_saved(qtbot, ctx, tmp_path, monkeypatch):
    page = page_for(qtbot, ctx)
    page.texts.note.setPlainText("Ring kassören tisdagar 18–19.")
    monkeypatch.setattr("ui.forms.settings_sections.FilePicker.folder", classmethod(lambda cls, *a: tmp_path))
    page.texts._choose_folder()
    assert page.texts.save() is True
    values = {r.key: r.value for r in settings.show(ctx, AS_OF)}
    assert values["letter_note"] == "Ring kassören tisdagar 18–19." and values["backup_folder"] == str(tmp_path)


def test_read_only_allows_no_change(qtbot, ctx):
    page = page_for(qtbot, ctx, read_only=True)
    assert page.banner.isVisible() and "Skrivskyddat läge" in page.banner.text()
    controls = [w for section in page.sections for w in section.edits.widgets()]
    assert len(controls) > 30 and not any(w.isEnabled() for w in controls)
    assert all(not s.save_button.isEnabled() for s in page.sections)
    page.fees.lines["fee.paminnelse"].setText("10")
    assert page.fees.save() is False and fees(ctx)["paminnelse"] == 6000
