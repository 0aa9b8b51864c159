"""How the registers are shown as tables, with the masked mode: initials for names, nothing personal else."""
from __future__ import annotations

from app.services import identity
from app.services.claim_register import ClaimRecord
from app.services.registers import OccupancyRecord, PersonRecord, UnitRecord
from ui import presentation
from ui.board_modes import HIDDEN, mask_name
from ui.tables.row_model import Column


def _private(text: str, masked: bool) -> str:
    return HIDDEN if masked and text else text


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def person_status(p: PersonRecord) -> str:
    if p.anonymised:
        return "Anonymiserad"
    return "Utflyttad" if p.moved_out else ("Boende" if p.units else "")


UNIT_COLUMNS = (
    Column[UnitRecord]("Nummer", lambda u, _m: u.number),
    Column[UnitRecord]("Upplåtelseform", lambda u, _m: u.tenure.label),
    Column[UnitRecord]("Adress", lambda u, _m: u.address),
    Column[UnitRecord]("Rum", lambda u, _m: _count(u.rooms), sort=lambda u: u.rooms or 0, right=True),
    Column[UnitRecord]("Kvm", lambda u, _m: _count(u.area_m2), sort=lambda u: u.area_m2 or 0, right=True),
    Column[UnitRecord]("Avgift/hyra per månad", lambda u, _m: presentation.kronor(u.monthly_charge_ore),
                       sort=lambda u: u.monthly_charge_ore, right=True),
    Column[UnitRecord]("Boende", lambda u, m: ", ".join(mask_name(n, m) for n in u.occupants) or "–"),
    Column[UnitRecord]("Panthavare", lambda u, _m: u.pledgee_name),
    Column[UnitRecord]("Ärenden", lambda u, _m: ", ".join(str(c) for c in u.case_ids), sort=lambda u: len(u.case_ids)),
)

PERSON_COLUMNS = (
    Column[PersonRecord]("Namn", lambda p, m: mask_name(p.name, m)),
    Column[PersonRecord]("Personnummer", lambda p, m: HIDDEN if m else identity.format_personnummer(p.personnummer) if p.personnummer else "saknas"),
    Column[PersonRecord]("Adress", lambda p, m: _private(p.address, m)),
    Column[PersonRecord]("Postnummer", lambda p, m: _private(p.postcode, m)),
    Column[PersonRecord]("Ort", lambda p, m: _private(p.city, m)),
    Column[PersonRecord]("E-post", lambda p, m: _private(p.email, m)),
    Column[PersonRecord]("Telefon", lambda p, m: _private(p.phone, m)),
    Column[PersonRecord]("Bor i", lambda p, _m: ", ".join(p.units) or "–"),
    Column[PersonRecord]("Ärenden", lambda p, _m: ", ".join(str(c) for c in p.case_ids), sort=lambda p: len(p.case_ids)),
    Column[PersonRecord]("Status", lambda p, _m: person_status(p)),
)

OCCUPANCY_COLUMNS = (
    Column[OccupancyRecord]("Namn", lambda o, m: mask_name(o.person_name, m)),
    Column[OccupancyRecord]("Roll", lambda o, _m: o.role_label),
    Column[OccupancyRecord]("Inflyttad", lambda o, _m: presentation.day(o.moved_in), sort=lambda o: presentation.day(o.moved_in)),
    Column[OccupancyRecord]("Utflyttad", lambda o, _m: presentation.day(o.moved_out) if o.moved_out else "bor kvar"),
)

CLAIM_COLUMNS = (
    Column[ClaimRecord]("Avinummer", lambda c, _m: c.avi_number),
    Column[ClaimRecord]("Objekt", lambda c, _m: c.unit_number),
    Column[ClaimRecord]("Ställd till", lambda c, m: mask_name(c.person_name, m)),
    Column[ClaimRecord]("Slag", lambda c, _m: c.kind.label),
    Column[ClaimRecord]("Period", lambda c, _m: f"{presentation.day(c.period_from)} – {presentation.day(c.period_to)}",
                        sort=lambda c: c.period_from.isoformat()),
    Column[ClaimRecord]("Förfallodag", lambda c, _m: presentation.day(c.due_date)),
    Column[ClaimRecord]("Belopp", lambda c, _m: presentation.kronor(c.amount_ore), sort=lambda c: c.amount_ore, right=True),
    Column[ClaimRecord]("OCR", lambda c, _m: c.reference or ""),
    Column[ClaimRecord]("Ärende", lambda c, _m: str(c.case_id) if c.case_id else "–", sort=lambda c: c.case_id or 0),
)
