"""The registers of persons, units and who lives where (occupancy, cohabitants moving in and out).

Each change is one transaction and is refused whole with a Problem per form field. Nothing that a
case refers to is ever deleted: a person or unit with cases can only be marked as moved out.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.money import parse_kronor
from app.domain.problem import Problem, Refused
from app.domain.tenure import Tenure
from app.persistence import models as m
from app.services import identity
from app.services.clock import now_utc
from app.services.context import AppContext

ROLE_LABELS = {"holder": "Innehavare", "cohabitant": "Sambo/medboende"}


@dataclass(frozen=True)
class PersonForm:
    """What the person form holds, as typed."""

    personnummer: str
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PersonRecord:
    person_id: int
    personnummer: str | None  # 12 digits; None once anonymised
    name: str
    address: str
    postcode: str
    city: str
    email: str
    phone: str
    units: tuple[str, ...]  # units the person lives in now
    case_ids: tuple[int, ...]  # cases where the person is a debtor
    moved_out: bool  # lived somewhere and every occupancy has ended
    anonymised: bool = False  # personal data removed after the retention period (GDPR)

    @property
    def has_cases(self) -> bool:
        return bool(self.case_ids)


@dataclass(frozen=True)
class UnitForm:
    """What the unit form holds, as typed: numbers and the fee are still text here."""

    number: str
    tenure: Tenure
    address: str = ""
    postcode: str = ""
    city: str = ""
    municipality: str = ""
    rooms: str = ""
    area_m2: str = ""
    monthly_charge: str = ""
    pledgee_name: str = ""
    pledgee_address: str = ""
    private_letting: bool = False


@dataclass(frozen=True)
class UnitRecord:
    unit_id: int
    number: str
    tenure: Tenure
    address: str
    postcode: str
    city: str
    municipality: str
    rooms: int | None
    area_m2: int | None
    monthly_charge_ore: int
    pledgee_name: str
    pledgee_address: str
    private_letting: bool
    occupants: tuple[str, ...]  # names of those living there now, holders first
    case_ids: tuple[int, ...]

    @property
    def has_cases(self) -> bool:
        return bool(self.case_ids)


@dataclass(frozen=True)
class OccupancyRecord:
    occupancy_id: int
    unit_id: int
    unit_number: str
    person_id: int
    person_name: str
    role: str  # "holder" | "cohabitant"
    moved_in: date | None
    moved_out: date | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def current(self) -> bool:
        return self.moved_out is None


# --- persons ------------------------------------------------------------------------------------
def _check_contact(postcode: str, email: str, phone: str) -> list[Problem]:
    problems = []
    digits = postcode.replace(" ", "")
    if postcode and not (digits.isdigit() and len(digits) == 5):
        problems.append(Problem("postcode.invalid", f"Ogiltigt postnummer: ”{postcode}”. Det ska ha fem siffror, t.ex. 123 45.", "postcode"))
    if email and ("@" not in email or email.startswith("@") or "." not in email.split("@")[-1]):
        problems.append(Problem("email.invalid", f"Ogiltig e-postadress: ”{email}”.", "email"))
    if phone and any(ch not in "0123456789 +-()" for ch in phone):
        problems.append(Problem("phone.invalid", f"Ogiltigt telefonnummer: ”{phone}”. Använd siffror, mellanslag, + och -.", "phone"))
    return problems


def _postcode(text: str) -> str:
    digits = text.replace(" ", "")
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 5 else text.strip()


def validate_person(form: PersonForm) -> tuple[PersonForm, list[Problem]]:
    """Normalised copy (12-digit personnummer, '123 45' postcode) and the problems found."""
    stripped = PersonForm(**{k: v.strip() for k, v in form.__dict__.items()})
    problems: list[Problem] = []
    pnr = identity.normalise_personnummer(stripped.personnummer)
    if not stripped.personnummer:
        problems.append(Problem("personnummer.missing", "Personnummer eller samordningsnummer saknas.", "personnummer"))
    elif isinstance(pnr, Problem):
        problems.append(pnr)
    if not stripped.name:
        problems.append(Problem("name.missing", "Namnet saknas.", "name"))
    problems += _check_contact(stripped.postcode, stripped.email, stripped.phone)
    if problems:
        return stripped, problems
    return replace(stripped, personnummer=pnr, postcode=_postcode(stripped.postcode)), []


def _duplicate_person(session: Session, pnr: str, person_id: int | None) -> Problem | None:
    other = session.execute(sa.select(m.Person.id, m.Person.name).where(m.Person.personnummer == pnr)).first()
    if other is None or other.id == person_id:
        return None
    shown = identity.format_personnummer(pnr)
    return Problem("personnummer.duplicate", f"Det finns redan en person med personnummer {shown} ({other.name}).", "personnummer")


def create_person(ctx: AppContext, form: PersonForm) -> int:
    form, problems = validate_person(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        duplicate = _duplicate_person(session, form.personnummer, None)
        if duplicate is not None:
            raise Refused(duplicate)
        row = m.Person(**form.__dict__, created_at=now_utc())
        session.add(row)
        session.flush()
        return row.id


def update_person(ctx: AppContext, person_id: int, form: PersonForm) -> None:
    form, problems = validate_person(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        row = _person(session, person_id)
        duplicate = _duplicate_person(session, form.personnummer, person_id)
        if duplicate is not None:
            raise Refused(duplicate)
        for key, value in form.__dict__.items():
            setattr(row, key, value)


def delete_person(ctx: AppContext, person_id: int) -> None:
    """Only a person no case or avi refers to can go; anyone else is marked as moved out instead."""
    with ctx.transaction() as session:
        row = _person(session, person_id)
        in_case = session.scalar(sa.select(sa.func.count()).select_from(m.CaseDebtor).where(m.CaseDebtor.person_id == person_id))
        claims = session.scalar(sa.select(sa.func.count(m.Claim.id)).where(m.Claim.person_id == person_id))
        if in_case or claims:
            raise Refused(Problem(
                "person.in_use",
                f"{row.name} har ärenden eller avier och kan inte tas bort – uppgifterna behövs för ärendets historik. "
                "Markera i stället att personen har flyttat ut.",
            ))
        session.execute(sa.delete(m.Occupancy).where(m.Occupancy.person_id == person_id))
        session.delete(row)


def _person(session: Session, person_id: int) -> m.Person:
    row = session.get(m.Person, person_id)
    if row is None:
        raise Refused(f"Person {person_id} finns inte.")
    return row


def list_persons(ctx: AppContext) -> list[PersonRecord]:
    with ctx.reading() as session:
        cases: dict[int, list[int]] = {}
        for case_id, person_id in session.execute(sa.select(m.CaseDebtor.case_id, m.CaseDebtor.person_id).order_by(m.CaseDebtor.case_id)):
            cases.setdefault(person_id, []).append(case_id)
        living: dict[int, list[str]] = {}
        ever: set[int] = set()
        for person_id, number, moved_out in session.execute(
            sa.select(m.Occupancy.person_id, m.Unit.number, m.Occupancy.moved_out).join(m.Unit, m.Unit.id == m.Occupancy.unit_id)
        ):
            ever.add(person_id)
            if moved_out is None:
                living.setdefault(person_id, []).append(number)
        return [
            PersonRecord(
                p.id, p.personnummer, p.name, p.address, p.postcode, p.city, p.email, p.phone,
                tuple(sorted(living.get(p.id, []))), tuple(cases.get(p.id, [])), p.id in ever and p.id not in living,
                p.anonymised_at is not None,
            )
            for p in session.scalars(sa.select(m.Person).order_by(m.Person.name, m.Person.id))
        ]


# --- units --------------------------------------------------------------------------------------
def _whole_number(text: str, field: str, label: str, problems: list[Problem]) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) == 0:
        problems.append(Problem(f"{field}.invalid", f"{label} ska vara ett positivt heltal, inte ”{text}”.", field))
        return None
    return int(text)


def _unit_values(form: UnitForm) -> tuple[dict, list[Problem]]:
    """The column values of a valid unit form, or the problems per field."""
    problems: list[Problem] = []
    number = form.number.strip()
    if not number:
        problems.append(Problem("number.missing", "Objektets nummer saknas (t.ex. lägenhetsnummer 1001).", "number"))
    rooms = _whole_number(form.rooms, "rooms", "Antal rum", problems)
    area = _whole_number(form.area_m2, "area_m2", "Boarean (kvm)", problems)
    charge = 0
    if form.monthly_charge.strip():
        parsed = parse_kronor(form.monthly_charge, "avgift eller hyra")
        if isinstance(parsed, Problem):
            problems.append(replace(parsed, field="monthly_charge"))
        elif parsed < 0:
            problems.append(Problem("monthly_charge.negative", "Avgiften eller hyran kan inte vara negativ.", "monthly_charge"))
        else:
            charge = parsed
    problems += _check_contact(form.postcode.strip(), "", "")
    if (form.pledgee_name.strip() or form.pledgee_address.strip()) and form.tenure is not Tenure.BOSTADSRATT:
        problems.append(Problem("pledgee.tenure", "Panthavare kan bara anges för en bostadsrätt.", "pledgee_name"))
    if form.pledgee_address.strip() and not form.pledgee_name.strip():
        problems.append(Problem("pledgee.name", "Ange panthavarens namn (t.ex. banken).", "pledgee_name"))
    values = {
        "number": number, "tenure": form.tenure, "address": form.address.strip(), "postcode": _postcode(form.postcode),
        "city": form.city.strip(), "municipality": form.municipality.strip(), "rooms": rooms, "area_m2": area,
        "monthly_charge_ore": charge, "pledgee_name": form.pledgee_name.strip(),
        "pledgee_address": form.pledgee_address.strip(), "private_letting": form.private_letting,
    }
    return values, problems


def validate_unit(form: UnitForm) -> list[Problem]:
    return _unit_values(form)[1]


def _duplicate_unit(session: Session, number: str, unit_id: int | None) -> Problem | None:
    other = session.scalar(sa.select(m.Unit.id).where(m.Unit.number == number))
    if other is None or other == unit_id:
        return None
    return Problem("number.duplicate", f"Det finns redan ett objekt med nummer {number}.", "number")


def create_unit(ctx: AppContext, form: UnitForm) -> int:
    values, problems = _unit_values(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        duplicate = _duplicate_unit(session, values["number"], None)
        if duplicate is not None:
            raise Refused(duplicate)
        row = m.Unit(**values)
        session.add(row)
        session.flush()
        return row.id


def update_unit(ctx: AppContext, unit_id: int, form: UnitForm) -> None:
    values, problems = _unit_values(form)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        row = _unit(session, unit_id)
        duplicate = _duplicate_unit(session, values["number"], unit_id)
        if duplicate is not None:
            raise Refused(duplicate)
        if row.tenure is not values["tenure"] and _unit_case_ids(session, unit_id):
            # the tenure decides the legal track of the unit's cases (JB 12 kap. or BRL 7 kap.)
            raise Refused(Problem(
                "tenure.in_use", "Upplåtelseformen kan inte ändras för ett objekt med ärenden – den styr ärendenas rättsliga spår.", "tenure",
            ))
        for key, value in values.items():
            setattr(row, key, value)


def delete_unit(ctx: AppContext, unit_id: int) -> None:
    with ctx.transaction() as session:
        row = _unit(session, unit_id)
        claims = session.scalar(sa.select(sa.func.count(m.Claim.id)).where(m.Claim.unit_id == unit_id))
        if _unit_case_ids(session, unit_id) or claims:
            raise Refused(Problem(
                "unit.in_use",
                f"Objekt {row.number} har ärenden eller avier och kan inte tas bort. Markera i stället att de boende har flyttat ut.",
            ))
        session.execute(sa.delete(m.Occupancy).where(m.Occupancy.unit_id == unit_id))
        session.delete(row)


def _unit(session: Session, unit_id: int) -> m.Unit:
    row = session.get(m.Unit, unit_id)
    if row is None:
        raise Refused(f"Objekt {unit_id} finns inte.")
    return row


def _unit_case_ids(session: Session, unit_id: int) -> list[int]:
    return list(session.scalars(sa.select(m.Case.id).where(m.Case.unit_id == unit_id).order_by(m.Case.id)))


def list_units(ctx: AppContext) -> list[UnitRecord]:
    with ctx.reading() as session:
        occupants: dict[int, list[tuple[int, str]]] = {}
        for unit_id, role, name in session.execute(
            sa.select(m.Occupancy.unit_id, m.Occupancy.role, m.Person.name)
            .join(m.Person, m.Person.id == m.Occupancy.person_id)
            .where(m.Occupancy.moved_out.is_(None))
            .order_by(m.Occupancy.id)
        ):
            occupants.setdefault(unit_id, []).append((0 if role == "holder" else 1, name))
        cases: dict[int, list[int]] = {}
        for case_id, unit_id in session.execute(sa.select(m.Case.id, m.Case.unit_id).order_by(m.Case.id)):
            cases.setdefault(unit_id, []).append(case_id)
        return [
            UnitRecord(
                u.id, u.number, u.tenure, u.address, u.postcode, u.city, u.municipality, u.rooms, u.area_m2,
                u.monthly_charge_ore, u.pledgee_name, u.pledgee_address, u.private_letting,
                tuple(name for _order, name in sorted(occupants.get(u.id, []), key=lambda o: o[0])), tuple(cases.get(u.id, [])),
            )
            for u in session.scalars(sa.select(m.Unit).order_by(m.Unit.number))
        ]


# --- occupancy ----------------------------------------------------------------------------------
def list_occupancies(ctx: AppContext, unit_id: int | None = None, person_id: int | None = None) -> list[OccupancyRecord]:
    stmt = (
        sa.select(m.Occupancy, m.Unit.number, m.Person.name)
        .join(m.Unit, m.Unit.id == m.Occupancy.unit_id)
        .join(m.Person, m.Person.id == m.Occupancy.person_id)
        .order_by(m.Unit.number, m.Occupancy.moved_out.is_not(None), m.Occupancy.role.desc(), m.Occupancy.id)
    )
    if unit_id is not None:
        stmt = stmt.where(m.Occupancy.unit_id == unit_id)
    if person_id is not None:
        stmt = stmt.where(m.Occupancy.person_id == person_id)
    with ctx.reading() as session:
        return [
            OccupancyRecord(o.id, o.unit_id, number, o.person_id, name, o.role, o.moved_in, o.moved_out)
            for o, number, name in session.execute(stmt)
        ]


def move_in(ctx: AppContext, unit_id: int, person_id: int, role: str, moved_in: date | None, as_of: date) -> int:
    """Someone moves in: the holder (innehavare) or a cohabitant (sambo, medboende)."""
    problems = []
    if role not in ROLE_LABELS:
        problems.append(Problem("role.invalid", "Välj innehavare eller sambo/medboende.", "role"))
    if moved_in is not None and moved_in > as_of:
        problems.append(Problem("moved_in.future", f"Inflyttningsdagen {moved_in.isoformat()} ligger i framtiden.", "moved_in"))
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        unit, person = _unit(session, unit_id), _person(session, person_id)
        living = session.scalar(sa.select(m.Occupancy.id).where(
            m.Occupancy.unit_id == unit_id, m.Occupancy.person_id == person_id, m.Occupancy.moved_out.is_(None)))
        if living is not None:
            raise Refused(Problem("occupancy.duplicate", f"{person.name} bor redan i objekt {unit.number}.", "person"))
        row = m.Occupancy(unit_id=unit_id, person_id=person_id, role=role, moved_in=moved_in)
        session.add(row)
        session.flush()
        return row.id


def move_out(ctx: AppContext, occupancy_id: int, moved_out: date, as_of: date) -> None:
    """Someone moves out. The occupancy stays, with its end date, for the cases' history."""
    with ctx.transaction() as session:
        row = session.get(m.Occupancy, occupancy_id)
        if row is None:
            raise Refused(f"Boende {occupancy_id} finns inte.")
        problem = _move_out_problem(row, moved_out, as_of)
        if problem is not None:
            raise Refused(problem)
        row.moved_out = moved_out


def mark_person_moved_out(ctx: AppContext, person_id: int, moved_out: date, as_of: date) -> int:
    """Ends every occupancy the person has now; returns how many ended."""
    with ctx.transaction() as session:
        person = _person(session, person_id)
        rows = session.scalars(sa.select(m.Occupancy).where(m.Occupancy.person_id == person_id, m.Occupancy.moved_out.is_(None))).all()
        if not rows:
            raise Refused(Problem("occupancy.none", f"{person.name} bor inte i något objekt enligt registret.", "moved_out"))
        for row in rows:
            problem = _move_out_problem(row, moved_out, as_of)
            if problem is not None:
                raise Refused(problem)
            row.moved_out = moved_out
        return len(rows)


def _move_out_problem(row: m.Occupancy, moved_out: date, as_of: date) -> Problem | None:
    if row.moved_out is not None:
        return Problem("moved_out.already", f"Utflyttningen är redan registrerad ({row.moved_out.isoformat()}).", "moved_out")
    if moved_out > as_of:
        return Problem("moved_out.future", f"Utflyttningsdagen {moved_out.isoformat()} ligger i framtiden.", "moved_out")
    if row.moved_in is not None and moved_out < row.moved_in:
        return Problem("moved_out.order", f"Utflyttningsdagen kan inte vara före inflyttningsdagen {row.moved_in.isoformat()}.", "moved_out")
    return None
