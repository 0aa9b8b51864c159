"""The first-run wizard: it creates the association, refuses a bad organisationsnummer, or opens the demo."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.persistence.db import database_exists
from app.services import association
from app.services.context import open_database
from ui.first_run import PAGE_ASSOCIATION, PAGE_FEES, PAGE_SOCIAL, FirstRunWizard

GOOD = {
    "name": "Brf Testgården", "orgnr": "556036-0793", "bankgiro": "5050-1055", "address": "Testvägen 1",
    "postcode": "12345", "city": "Lindköping", "contact_name": "Kassör Karin", "email": "kassor@testgarden.example",
    "phone": "010-123 45 67",
}


@pytest.fixture
def wizard(qtbot, tmp_path):
    w = FirstRunWizard(str(tmp_path / "forening.sqlite"))
    qtbot.addWidget(w)
    w.show()
    return w


def fill(wizard: FirstRunWizard, values: dict[str, str]) -> None:
    for key, value in values.items():
        wizard.edits()[key].setText(value)


def test_the_wizard_creates_the_association_with_every_field(wizard, tmp_path):
    wizard.next()
    assert wizard.currentId() == PAGE_ASSOCIATION
    fill(wizard, GOOD)
    wizard.next()
    assert wizard.currentId() == PAGE_SOCIAL
    fill(wizard, {"municipality": "Lindköpings kommun"})
    wizard.edits()["municipality"].editingFinished.emit()
    assert wizard.edits()["social_services_name"].text() == "Socialnämnden i Lindköpings kommun"
    fill(wizard, {"social_services_address": "Box 100", "social_services_postcode": "123 01"})
    wizard.next()
    assert wizard.currentId() == PAGE_FEES
    wizard.fees_page.reminder.setChecked(True)
    assert "Brf Testgården, org.nr 556036-0793" in wizard.fees_page.summary.text()
    wizard.accept()
    target = tmp_path / "forening.sqlite"
    assert wizard.result_target == str(target) and database_exists(target)
    ctx = open_database(str(target))
    info = association.get(ctx)
    ctx.close()
    assert (info.name, info.orgnr, info.bankgiro, info.postcode) == ("Brf Testgården", "5560360793", "50501055", "12345")
    assert (info.municipality, info.social_services_name, info.social_services_address, info.social_services_city) == (
        "Lindköpings kommun", "Socialnämnden i Lindköpings kommun", "Box 100", "Lindköping")
    assert info.reminder_fee_agreed is True


def test_an_invalid_organisationsnummer_is_refused_with_its_message(wizard, tmp_path):
    wizard.next()
    fill(wizard, {**GOOD, "orgnr": "556036-0794", "bankgiro": "5050-1056"})
    wizard.next()
    assert wizard.currentId() == PAGE_ASSOCIATION  # not allowed on
    form = wizard.association_page.form
    assert form.error("orgnr") == "Ogiltigt organisationsnummer: ”556036-0794”. Det ska ha tio siffror och rätt kontrollsiffra."
    assert form.error("bankgiro") == "Ogiltigt bankgironummer: ”5050-1056”."
    assert form.error("name") == ""
    assert not form.errors["orgnr"].isHidden()
    fill(wizard, GOOD)
    wizard.next()
    assert wizard.currentId() == PAGE_SOCIAL and form.error("orgnr") == ""
    assert not database_exists(tmp_path / "forening.sqlite")  # nothing written before the last page


def test_social_services_are_required_for_the_notice(wizard):
    wizard.next()
    fill(wizard, GOOD)
    wizard.next()
    fill(wizard, {"social_services_postcode": "1234"})
    wizard.next()
    assert wizard.currentId() == PAGE_SOCIAL
    form = wizard.social_page.form
    assert form.error("municipality").startswith("Kommunen saknas")
    assert form.error("social_services_postcode") == "Ogiltigt postnummer: ”1234”."


def test_an_existing_database_is_refused_and_nothing_is_overwritten(qtbot, tmp_path):
    target = tmp_path / "forening.sqlite"
    association.create(str(target), association.AssociationInfo(name="Brf Första", orgnr="556036-0793", bankgiro="5050-1055")).close()
    wizard = FirstRunWizard(str(target))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    fill(wizard, GOOD)
    wizard.next()
    fill(wizard, {"municipality": "Lindköpings kommun", "social_services_name": "Socialnämnden", "social_services_address": "Box 1"})
    wizard.next()
    wizard.accept()
    assert wizard.result_target is None and wizard.isVisible()
    assert "Det finns redan en databas" in wizard.fees_page.error.text()
    ctx = open_database(str(target))
    assert association.get(ctx).name == "Brf Första"
    ctx.close()


def test_the_demo_can_be_opened_instead(wizard, tmp_path, monkeypatch):
    made = []

    def fake_demo(target, as_of):  # the real demo is built in tests/services; here only the choice matters
        made.append(target)
        association.create(target, association.AssociationInfo(name="Demo", orgnr="556036-0793", bankgiro="5050-1055")).close()

        class Closed:
            def close(self) -> None:
                pass

        return Closed()

    monkeypatch.setattr("ui.first_run.demo.create_demo", fake_demo)
    wizard.choice.demo.setChecked(True)
    assert wizard.choice.isFinalPage()
    wizard.accept()
    assert made == [str(Path(tmp_path / "demo.sqlite"))]
    assert wizard.result_target == str(tmp_path / "demo.sqlite")
