"""Importing unpaid claims (avier) from CSV: persons, units and claims – the whole file or nothing."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.claims_csv import ClaimRow, parse_claims_csv
from app.domain.problem import Problem, Refused
from app.domain.tenure import ClaimKind, Tenure
from app.persistence import models as m
from app.services import backups, identity
from app.services.clock import now_utc
from app.services.context import AppContext


@dataclass(frozen=True)
class ClaimImportSummary:
    rows: int
    claims_created: int
    persons_created: int
    units_created: int
    total_ore: int
    committed: bool

    def as_json(self) -> dict:
        return {
            "rows": self.rows, "claims": self.claims_created, "persons_created": self.persons_created,
            "units_created": self.units_created, "total_ore": self.total_ore,
        }


def _claim_kind(tenure: Tenure) -> ClaimKind:
    return {Tenure.BOSTADSRATT: ClaimKind.AVGIFT, Tenure.HYRESRATT: ClaimKind.HYRA, Tenure.LOKAL: ClaimKind.HYRA}.get(tenure, ClaimKind.OVRIGT)


def _conflicts(session: Session, rows: tuple[ClaimRow, ...]) -> list[Problem]:
    """Rows that clash with the database or with each other: a duplicate avi, a unit of another kind."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    existing = set(session.scalars(sa.select(m.Claim.avi_number).where(m.Claim.avi_number.in_([r.avi_number for r in rows]))))
    tenures = dict(session.execute(sa.select(m.Unit.number, m.Unit.tenure).where(m.Unit.number.in_([r.unit for r in rows]))).all())
    for row in rows:
        where = f"Rad {row.row_number}"
        if row.avi_number in existing:
            problems.append(Problem("claim.duplicate", f"{where}, fält avinummer: avi {row.avi_number} finns redan i databasen.", "avinummer"))
        if row.avi_number in seen:
            problems.append(Problem("claim.duplicate", f"{where}, fält avinummer: avi {row.avi_number} står redan på rad {seen[row.avi_number]}.", "avinummer"))
        seen.setdefault(row.avi_number, row.row_number)
        known = tenures.get(row.unit)
        if known is not None and known is not row.tenure:
            problems.append(Problem("unit.tenure", f"{where}, fält upplatelseform: objekt {row.unit} är registrerat som {known.label.lower()}, inte {row.tenure.label.lower()}.", "upplatelseform"))
        tenures.setdefault(row.unit, row.tenure)
    return problems


def import_claims(ctx: AppContext, data: bytes, dry_run: bool = False) -> ClaimImportSummary:
    parsed = parse_claims_csv(data, identity.personnummer_error)
    if not parsed.ok:
        raise Refused(parsed.problems)
    if not dry_run:
        backups.backup_before(ctx, backups.BEFORE_IMPORT)
    scope = ctx.reading() if dry_run else ctx.transaction()
    with scope as session:
        problems = _conflicts(session, parsed.rows)
        if problems:
            raise Refused(problems)
        created = _write(session, parsed.rows) if not dry_run else _count_new(session, parsed.rows)
    return ClaimImportSummary(len(parsed.rows), len(parsed.rows), created[0], created[1], sum(r.amount_ore for r in parsed.rows), not dry_run)


def _count_new(session: Session, rows: tuple[ClaimRow, ...]) -> tuple[int, int]:
    pnrs = {identity.normalise_personnummer(r.personal_number) for r in rows}
    known_p = set(session.scalars(sa.select(m.Person.personnummer).where(m.Person.personnummer.in_(pnrs))))
    units = {r.unit for r in rows}
    known_u = set(session.scalars(sa.select(m.Unit.number).where(m.Unit.number.in_(units))))
    return len(pnrs - known_p), len(units - known_u)


def _write(session: Session, rows: tuple[ClaimRow, ...]) -> tuple[int, int]:
    persons: dict[str, m.Person] = {}
    units: dict[str, m.Unit] = {}
    new_persons = new_units = 0
    now = now_utc()
    for row in rows:
        pnr = identity.normalise_personnummer(row.personal_number)
        person = persons.get(pnr) or session.scalars(sa.select(m.Person).where(m.Person.personnummer == pnr)).first()
        if person is None:
            person = m.Person(personnummer=pnr, name=row.name, address=row.address, postcode=row.postcode, city=row.city,
                              email=row.email, phone=row.phone, created_at=now)
            session.add(person)
            new_persons += 1
        persons[pnr] = person
        unit = units.get(row.unit) or session.scalars(sa.select(m.Unit).where(m.Unit.number == row.unit)).first()
        if unit is None:
            unit = m.Unit(number=row.unit, address=row.address, postcode=row.postcode, city=row.city, municipality=row.municipality,
                          rooms=row.rooms, area_m2=int(row.area_sqm) if row.area_sqm is not None else None, tenure=row.tenure,
                          monthly_charge_ore=row.amount_ore)
            session.add(unit)
            new_units += 1
        units[row.unit] = unit
        session.flush()
        holder = session.scalar(sa.select(m.Occupancy.id).where(m.Occupancy.unit_id == unit.id, m.Occupancy.person_id == person.id))
        if holder is None:
            session.add(m.Occupancy(unit_id=unit.id, person_id=person.id, role="holder", moved_in=None))
        session.add(m.Claim(unit_id=unit.id, person_id=person.id, avi_number=row.avi_number, kind=_claim_kind(row.tenure),
                            period_from=row.period_from, period_to=row.period_to, due_date=row.due_date, amount_ore=row.amount_ore,
                            reference=None, created_at=now))
    return new_persons, new_units


def import_claims_file(ctx: AppContext, path: Path, dry_run: bool = False) -> ClaimImportSummary:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"Filen {path} kunde inte läsas: {exc.strerror or exc}.") from exc
    return import_claims(ctx, data, dry_run)
