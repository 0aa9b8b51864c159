"""Registers of persons, units, occupancy and claims: validation per field, refusals, moving in and out."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.problem import Refused
from app.domain.tenure import ClaimKind, Tenure
from app.services import association, cases, claim_register, registers
from app.services.registers import PersonForm, UnitForm

AS_OF = date(2026, 12, 1)


@pytest.fixture
def ctx(tmp_path):
    info = association.AssociationInfo(name="Brf Testgården", orgnr="556036-0793", bankgiro="5050-1055")
    context = association.create(str(tmp_path / "reg.sqlite"), info)
    yield context
    context.close()


def fields(refused: Refused) -> dict[str, str]:
    return {p.field: p.message for p in refused.problems}


def test_a_person_is_stored_with_a_normalised_personnummer_and_postcode(ctx):
    person_id = registers.create_person(ctx, PersonForm("19121212-1212", " Tolvan Tolvansson ", "Storgatan 1", "12345", "Lindköping"))
    [person] = registers.list_persons(ctx)
    assert (person.person_id, person.personnummer, person.name, person.postcode) == (person_id, "191212121212", "Tolvan Tolvansson", "123 45")
    assert not person.has_cases and not person.moved_out


def test_a_samordningsnummer_is_accepted(ctx):
    # day + 60 (folkbokföringslagen 18 a §): Skatteverket's example samordningsnummer
    registers.create_person(ctx, PersonForm("701063-2391", "Samuel Samordnad"))
    assert registers.list_persons(ctx)[0].personnummer == "197010632391"
    with pytest.raises(Refused, match="Ogiltigt personnummer eller samordningsnummer: ”701063-2392”"):
        registers.create_person(ctx, PersonForm("701063-2392", "Fel Kontrollsiffra"))


def test_an_invalid_personnummer_is_refused_with_its_message_and_nothing_is_saved(ctx):
    with pytest.raises(Refused) as refused:
        registers.create_person(ctx, PersonForm("19121212-1213", "", email="tolvan.example"))
    problems = fields(refused.value)
    assert "Ogiltigt personnummer eller samordningsnummer: ”19121212-1213”" in problems["personnummer"]
    assert problems["name"] == "Namnet saknas."
    assert "Ogiltig e-postadress" in problems["email"]
    assert registers.list_persons(ctx) == []


def test_the_same_personnummer_twice_is_refused(ctx):
    registers.create_person(ctx, PersonForm("191212121212", "Tolvan"))
    with pytest.raises(Refused) as refused:
        registers.create_person(ctx, PersonForm("19121212-1212", "Tolvan igen"))
    assert fields(refused.value)["personnummer"] == "Det finns redan en person med personnummer 19121212-1212 (Tolvan)."


def test_a_unit_form_is_checked_field_by_field(ctx):
    form = UnitForm("", Tenure.HYRESRATT, rooms="två", area_m2="0", monthly_charge="4 500,5x", pledgee_name="Banken AB")
    with pytest.raises(Refused) as refused:
        registers.create_unit(ctx, form)
    problems = fields(refused.value)
    assert set(problems) == {"number", "rooms", "area_m2", "monthly_charge", "pledgee_name"}
    assert problems["rooms"] == "Antal rum ska vara ett positivt heltal, inte ”två”."
    assert problems["pledgee_name"] == "Panthavare kan bara anges för en bostadsrätt."
    assert registers.list_units(ctx) == []


def test_a_unit_keeps_its_fee_in_ore_and_refuses_a_duplicate_number(ctx):
    registers.create_unit(ctx, UnitForm("1001", Tenure.BOSTADSRATT, rooms="3", area_m2="74", monthly_charge="4 512,50",
                                        pledgee_name="Exempelbanken AB"))
    [unit] = registers.list_units(ctx)
    assert (unit.number, unit.rooms, unit.area_m2, unit.monthly_charge_ore, unit.pledgee_name) == ("1001", 3, 74, 451250, "Exempelbanken AB")
    with pytest.raises(Refused) as refused:
        registers.create_unit(ctx, UnitForm("1001", Tenure.HYRESRATT))
    assert fields(refused.value)["number"] == "Det finns redan ett objekt med nummer 1001."


def _unit_with_holder(ctx, number="1001", pnr="191212121212", name="Tolvan Tolvansson"):
    unit_id = registers.create_unit(ctx, UnitForm(number, Tenure.BOSTADSRATT, monthly_charge="4000"))
    person_id = registers.create_person(ctx, PersonForm(pnr, name))
    registers.move_in(ctx, unit_id, person_id, "holder", date(2020, 4, 1), AS_OF)
    return unit_id, person_id


def test_a_cohabitant_moves_in_and_out_and_the_history_stays(ctx):
    unit_id, _holder = _unit_with_holder(ctx)
    partner = registers.create_person(ctx, PersonForm("194408139089", "Sambo Exempel"))
    occupancy = registers.move_in(ctx, unit_id, partner, "cohabitant", date(2021, 9, 1), AS_OF)
    assert registers.list_units(ctx)[0].occupants == ("Tolvan Tolvansson", "Sambo Exempel")
    with pytest.raises(Refused) as refused:
        registers.move_out(ctx, occupancy, date(2021, 8, 31), AS_OF)
    assert fields(refused.value)["moved_out"] == "Utflyttningsdagen kan inte vara före inflyttningsdagen 2021-09-01."
    registers.move_out(ctx, occupancy, date(2026, 6, 30), AS_OF)
    assert registers.list_units(ctx)[0].occupants == ("Tolvan Tolvansson",)
    rows = registers.list_occupancies(ctx, unit_id=unit_id)
    assert [(r.person_name, r.role_label, r.moved_out) for r in rows] == [
        ("Tolvan Tolvansson", "Innehavare", None), ("Sambo Exempel", "Sambo/medboende", date(2026, 6, 30)),
    ]
    assert [p.moved_out for p in registers.list_persons(ctx) if p.person_id == partner] == [True]


def test_moving_in_twice_or_in_the_future_is_refused(ctx):
    unit_id, person_id = _unit_with_holder(ctx)
    with pytest.raises(Refused, match="bor redan i objekt 1001"):
        registers.move_in(ctx, unit_id, person_id, "cohabitant", None, AS_OF)
    other = registers.create_person(ctx, PersonForm("199006022397", "Nina Ny"))
    with pytest.raises(Refused, match="Inflyttningsdagen 2026-12-02 ligger i framtiden"):
        registers.move_in(ctx, unit_id, other, "holder", date(2026, 12, 2), AS_OF)


def _claim_form(unit_id, person_id, avi="202611-1001", amount="4000", reference=""):
    return claim_register.ClaimForm(unit_id, person_id, avi, ClaimKind.AVGIFT, date(2026, 11, 1), date(2026, 11, 30),
                                    date(2026, 10, 30), amount, reference)


def test_a_person_and_unit_with_a_case_cannot_be_deleted_only_marked_moved_out(ctx):
    unit_id, person_id = _unit_with_holder(ctx)
    claim_register.create_claim(ctx, _claim_form(unit_id, person_id))
    case_id = cases.open_case(ctx, "1001", AS_OF)
    with pytest.raises(Refused) as refused:
        registers.delete_person(ctx, person_id)
    assert "har ärenden eller avier och kan inte tas bort" in str(refused.value)
    assert "Markera i stället att personen har flyttat ut" in str(refused.value)
    with pytest.raises(Refused, match="Objekt 1001 har ärenden eller avier och kan inte tas bort"):
        registers.delete_unit(ctx, unit_id)
    assert registers.mark_person_moved_out(ctx, person_id, date(2026, 11, 15), AS_OF) == 1
    [person] = registers.list_persons(ctx)
    assert person.moved_out and person.case_ids == (case_id,)
    assert registers.list_units(ctx)[0].occupants == ()


def test_a_person_and_unit_without_cases_can_be_deleted(ctx):
    unit_id, person_id = _unit_with_holder(ctx)
    registers.delete_person(ctx, person_id)
    registers.delete_unit(ctx, unit_id)
    assert registers.list_persons(ctx) == [] and registers.list_units(ctx) == [] and registers.list_occupancies(ctx) == []


def test_the_tenure_of_a_unit_with_cases_cannot_change(ctx):
    unit_id, person_id = _unit_with_holder(ctx)
    claim_register.create_claim(ctx, _claim_form(unit_id, person_id))
    cases.open_case(ctx, "1001", AS_OF)
    with pytest.raises(Refused) as refused:
        registers.update_unit(ctx, unit_id, UnitForm("1001", Tenure.HYRESRATT, monthly_charge="4000"))
    assert "Upplåtelseformen kan inte ändras" in fields(refused.value)["tenure"]
    registers.update_unit(ctx, unit_id, UnitForm("1001", Tenure.BOSTADSRATT, monthly_charge="4100", rooms="2"))
    assert registers.list_units(ctx)[0].monthly_charge_ore == 410000


def test_claims_are_validated_and_a_claim_in_a_case_is_never_changed(ctx):
    unit_id, person_id = _unit_with_holder(ctx)
    bad = claim_register.ClaimForm(unit_id, None, "", ClaimKind.AVGIFT, date(2026, 11, 30), date(2026, 11, 1), None, "0", "12345")
    with pytest.raises(Refused) as refused:
        claim_register.create_claim(ctx, bad)
    problems = fields(refused.value)
    assert set(problems) == {"person_id", "avi_number", "period_to", "due_date", "amount", "reference"}
    assert problems["amount"] == "Beloppet måste vara större än noll."
    claim_id = claim_register.create_claim(ctx, _claim_form(unit_id, person_id, amount="4 000,50"))
    with pytest.raises(Refused) as refused:
        claim_register.create_claim(ctx, _claim_form(unit_id, person_id))
    assert fields(refused.value)["avi_number"] == "Avi 202611-1001 finns redan."
    [claim] = claim_register.list_claims(ctx)
    assert (claim.claim_id, claim.amount_ore, claim.unit_number, claim.person_name, claim.case_id) == (claim_id, 400050, "1001", "Tolvan Tolvansson", None)
    case_id = cases.open_case(ctx, "1001", AS_OF)
    with pytest.raises(Refused, match=f"ingår i ärende {case_id} och kan inte ändras"):
        claim_register.update_claim(ctx, claim_id, _claim_form(unit_id, person_id, amount="10"))
    with pytest.raises(Refused, match="kan inte tas bort"):
        claim_register.delete_claim(ctx, claim_id)
    assert claim_register.list_claims(ctx)[0].amount_ore == 400050


def test_read_only_refuses_every_register_change(tmp_path, ctx):
    _unit_with_holder(ctx)
    ctx.read_only = True
    with pytest.raises(Refused, match="skrivskyddad"):
        registers.create_person(ctx, PersonForm("199006022397", "Nina Ny"))
    assert len(registers.list_persons(ctx)) == 1
