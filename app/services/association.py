"""The association (creditor): created once per database, shown on every letter."""
from __future__ import annotations

from dataclasses import dataclass, replace

import sqlalchemy as sa

from app.domain.problem import Problem, Refused
from app.persistence.db import database_exists, display_target
from app.persistence.models import Association
from app.services import identity, legal_data
from app.services.clock import now_utc
from app.services.context import AppContext, open_database


@dataclass(frozen=True)
class AssociationInfo:
    name: str
    orgnr: str
    bankgiro: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    contact_name: str = ""
    municipality: str = ""
    social_services_name: str = ""
    social_services_address: str = ""
    social_services_postcode: str = ""
    social_services_city: str = ""
    reminder_fee_agreed: bool = False


def validate(info: AssociationInfo) -> tuple[AssociationInfo, list[Problem]]:
    """Normalised copy and the problems found (empty when valid)."""
    problems: list[Problem] = []
    if not info.name.strip():
        problems.append(Problem("name.missing", "Föreningens namn saknas.", "name"))
    orgnr = identity.normalise_orgnr(info.orgnr)
    if isinstance(orgnr, Problem):
        problems.append(orgnr)
    bankgiro = identity.normalise_bankgiro(info.bankgiro)
    if isinstance(bankgiro, Problem):
        problems.append(bankgiro)
    if info.postcode and not info.postcode.replace(" ", "").isdigit():
        problems.append(Problem("postcode.invalid", f"Ogiltigt postnummer: ”{info.postcode}”.", "postcode"))
    if info.email and "@" not in info.email:
        problems.append(Problem("email.invalid", f"Ogiltig e-postadress: ”{info.email}”.", "email"))
    if problems:
        return info, problems
    return replace(info, name=info.name.strip(), orgnr=orgnr, bankgiro=bankgiro), []


def create(target: str, info: AssociationInfo) -> AppContext:
    """Create a new database for one association. Refuses an existing database or invalid data."""
    info, problems = validate(info)
    if problems:
        raise Refused(problems)
    if database_exists(target):
        raise Refused(f"Det finns redan en databas på {display_target(target)}. Välj en annan fil eller ta bort den gamla först.")
    ctx = open_database(target, create=True)
    with ctx.transaction() as session:
        session.add(Association(**info.__dict__, created_at=now_utc()))
        legal_data.seed_legal_tables(session)
    return ctx


def get(ctx: AppContext) -> AssociationInfo:
    with ctx.reading() as session:
        row = session.scalars(sa.select(Association)).first()
        if row is None:
            raise Refused("Databasen saknar förening. Skapa en med ”bostadsinkasso init”.")
        return AssociationInfo(**{f: getattr(row, f) for f in AssociationInfo.__dataclass_fields__})


def update(ctx: AppContext, info: AssociationInfo) -> None:
    info, problems = validate(info)
    if problems:
        raise Refused(problems)
    with ctx.transaction() as session:
        row = session.scalars(sa.select(Association)).one()
        for field in AssociationInfo.__dataclass_fields__:
            setattr(row, field, getattr(info, field))
