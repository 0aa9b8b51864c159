"""The database schema as SQLAlchemy 2 typed ORM classes (one association per database)."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.domain.action import DocumentKind
from app.domain.event import EventKind
from app.domain.facts import FeeKind
from app.domain.tenure import ClaimKind, Tenure
from app.persistence.types import Money, enum_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Association(Base):
    """The creditor: the housing cooperative or landlord that owns this database."""

    __tablename__ = "associations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    orgnr: Mapped[str] = mapped_column(sa.String(10))
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    bankgiro: Mapped[str] = mapped_column(sa.String(10))
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    contact_name: Mapped[str] = mapped_column(sa.String(200), default="")
    municipality: Mapped[str] = mapped_column(sa.String(100), default="")
    social_services_name: Mapped[str] = mapped_column(sa.String(200), default="")
    social_services_address: Mapped[str] = mapped_column(sa.String(200), default="")
    social_services_postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    social_services_city: Mapped[str] = mapped_column(sa.String(100), default="")
    reminder_fee_agreed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    personnummer: Mapped[str | None] = mapped_column(sa.String(12), unique=True)  # 12 digits; None once anonymised
    name: Mapped[str] = mapped_column(sa.String(200))
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(sa.DateTime)


class Unit(Base):
    """A lägenhet, lokal or other object (parking, storage) the claims are for."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(20), unique=True)  # lägenhetsnummer
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    postcode: Mapped[str] = mapped_column(sa.String(10), default="")
    city: Mapped[str] = mapped_column(sa.String(100), default="")
    municipality: Mapped[str] = mapped_column(sa.String(100), default="")
    rooms: Mapped[int | None] = mapped_column(sa.Integer)
    area_m2: Mapped[int | None] = mapped_column(sa.Integer)
    tenure: Mapped[Tenure] = mapped_column(enum_column(Tenure))
    monthly_charge_ore: Mapped[int] = mapped_column(Money, default=0)
    pledgee_name: Mapped[str] = mapped_column(sa.String(200), default="")
    pledgee_address: Mapped[str] = mapped_column(sa.String(300), default="")
    private_letting: Mapped[bool] = mapped_column(default=False)

    occupancies: Mapped[list[Occupancy]] = relationship(back_populates="unit")


class Occupancy(Base):
    """Who lives in (or holds) a unit, from when to when: the holder and any cohabitants."""

    __tablename__ = "occupancies"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))  # "holder" | "cohabitant"
    moved_in: Mapped[date | None] = mapped_column(sa.Date)
    moved_out: Mapped[date | None] = mapped_column(sa.Date)

    unit: Mapped[Unit] = relationship(back_populates="occupancies")
    person: Mapped[Person] = relationship()

    __table_args__ = (sa.CheckConstraint("role IN ('holder', 'cohabitant')", name="role"),)


class Case(Base):
    """One collection case (ärende) for one unit and its debtors, holding one or more claims."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    ocr: Mapped[str] = mapped_column(sa.String(25), unique=True)
    opened_on: Mapped[date] = mapped_column(sa.Date)
    household_adults: Mapped[int] = mapped_column(default=1)
    household_children: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)
    version: Mapped[int] = mapped_column(default=1)  # optimistic locking

    unit: Mapped[Unit] = relationship()
    debtors: Mapped[list[Person]] = relationship(secondary="case_debtors", order_by="Person.id")
    claims: Mapped[list[Claim]] = relationship(back_populates="case", order_by="Claim.due_date")
    events: Mapped[list[Event]] = relationship(back_populates="case", order_by="Event.id")

    __mapper_args__ = {"version_id_col": version}


class CaseDebtor(Base):
    __tablename__ = "case_debtors"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), primary_key=True)


class Claim(Base):
    """One periodic charge (avi) with its due date: årsavgift, hyra or other."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(sa.ForeignKey("units.id"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("persons.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    avi_number: Mapped[str] = mapped_column(sa.String(30), unique=True)
    kind: Mapped[ClaimKind] = mapped_column(enum_column(ClaimKind))
    period_from: Mapped[date] = mapped_column(sa.Date)
    period_to: Mapped[date] = mapped_column(sa.Date)
    due_date: Mapped[date] = mapped_column(sa.Date)
    amount_ore: Mapped[int] = mapped_column(Money)
    reference: Mapped[str | None] = mapped_column(sa.String(25), index=True)  # the avi's own OCR
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)

    case: Mapped[Case | None] = relationship(back_populates="claims")

    __table_args__ = (
        sa.CheckConstraint("amount_ore > 0", name="amount_positive"),
        sa.CheckConstraint("period_from <= period_to", name="period_order"),
    )


class Event(Base):
    """An append-only fact of a case. An undo is a new row that reverses an earlier one."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    occurred_on: Mapped[date] = mapped_column(sa.Date)
    method: Mapped[str | None] = mapped_column(sa.String(40))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    details: Mapped[str] = mapped_column(sa.Text, default="{}")  # JSON: grounded, decision, plan, scope …
    reverses_event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"), unique=True)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime)
    seal: Mapped[str | None] = mapped_column(sa.String(32))  # random salt of the audit hash, erased on anonymisation

    case: Mapped[Case] = relationship(back_populates="events")


class BgMaxImport(Base):
    """One imported Bankgirot file: a file is imported whole, and never twice."""

    __tablename__ = "bgmax_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    filename: Mapped[str] = mapped_column(sa.String(300))
    file_identity: Mapped[str] = mapped_column(sa.String(80), default="")  # Bankgirot timestamp and payee
    payment_count: Mapped[int]
    total_ore: Mapped[int] = mapped_column(Money)
    imported_at: Mapped[datetime] = mapped_column(sa.DateTime)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))


class Payment(Base):
    """Money received. Unmatched payments have no case yet and wait for the treasurer."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    claim_id: Mapped[int | None] = mapped_column(sa.ForeignKey("claims.id"))
    amount_ore: Mapped[int] = mapped_column(Money)
    order_date: Mapped[date] = mapped_column(sa.Date)  # the bank received the payment order (JB 12:20)
    booking_date: Mapped[date] = mapped_column(sa.Date)
    reference: Mapped[str] = mapped_column(sa.String(40), default="")
    source: Mapped[str] = mapped_column(sa.String(20))  # "manual" | "bgmax" | "reversal" | "refund"
    import_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bgmax_imports.id"), index=True)
    payer_name: Mapped[str] = mapped_column(sa.String(200), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    reverses_payment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"), unique=True)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime)
    seal: Mapped[str | None] = mapped_column(sa.String(32))  # random salt of the audit hash, erased on anonymisation


class Fee(Base):
    """A statutory fee charged on a case, never above its cap (lag 1981:739 4 §)."""

    __tablename__ = "fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"))
    kind: Mapped[FeeKind] = mapped_column(enum_column(FeeKind))
    amount_ore: Mapped[int] = mapped_column(Money)
    charged_on: Mapped[date] = mapped_column(sa.Date)
    reverses_fee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("fees.id"), unique=True)
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime)
    seal: Mapped[str | None] = mapped_column(sa.String(32))  # random salt of the audit hash, erased on anonymisation


class Document(Base):
    """A produced letter or filing: the exact PDF bytes kept, a new version each time."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id"))
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind))
    version: Mapped[int]
    letter_date: Mapped[date] = mapped_column(sa.Date)
    pdf: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    sent_on: Mapped[date | None] = mapped_column(sa.Date)
    sent_method: Mapped[str | None] = mapped_column(sa.String(40))
    details: Mapped[str] = mapped_column(sa.Text, default="{}")  # JSON: what the treasurer entered for it
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)
    seal: Mapped[str | None] = mapped_column(sa.String(32))  # random salt of the audit hash, erased on anonymisation

    __table_args__ = (sa.UniqueConstraint("case_id", "kind", "version", name="uq_documents_case_kind_version"),)


class ScoreSnapshot(Base):
    """A stored risk assessment with its inputs, date and the version of the scoring rules."""

    __tablename__ = "score_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    scored_on: Mapped[date] = mapped_column(sa.Date)
    score: Mapped[int]
    band: Mapped[str] = mapped_column(sa.String(10))
    factors: Mapped[str] = mapped_column(sa.Text)  # JSON
    inputs: Mapped[str] = mapped_column(sa.Text)  # JSON
    rules_version: Mapped[str] = mapped_column(sa.String(20))
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime)


class ReferenceRateRow(Base):
    """Riksbanken's referensränta per half-year (räntelagen 9 §), editable in settings."""

    __tablename__ = "reference_rates"

    valid_from: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    hundredths: Mapped[int]  # percent × 100: 2.00 % -> 200 (no float)
    source: Mapped[str] = mapped_column(sa.String(200), default="")
    verified: Mapped[bool] = mapped_column(default=False)


class FeeCapRow(Base):
    """Effective-dated legal caps for fees (lag 1981:739 4 § and Kronofogden's fees)."""

    __tablename__ = "fee_caps"

    kind: Mapped[FeeKind] = mapped_column(enum_column(FeeKind), primary_key=True)
    valid_from: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    cap_ore: Mapped[int] = mapped_column(Money)
    source: Mapped[str] = mapped_column(sa.String(200), default="")


class Setting(Base):
    """Key/value settings: process offsets, fee amounts, letter texts, backup folder …"""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text)


class AuditEntry(Base):
    """The tamper-evident log: one entry per sealed row state, chained by SHA-256 (audit_chain.py)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(sa.String(20))
    row_id: Mapped[int]
    action: Mapped[str] = mapped_column(sa.String(12))  # insert | sent | anonymise
    row_hash: Mapped[str] = mapped_column(sa.String(64))
    recorded_by: Mapped[str] = mapped_column(sa.String(100))
    recorded_at: Mapped[datetime] = mapped_column(sa.DateTime)
    chain_hash: Mapped[str] = mapped_column(sa.String(64))

    __table_args__ = (
        sa.Index("ix_audit_log_table_name_row_id", "table_name", "row_id"),
        sa.CheckConstraint("action IN ('insert', 'sent', 'anonymise')", name="action"),
    )


class DataVersion(Base):
    """One row counting committed write transactions: a program polls it to notice what others saved."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # always 1
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)


# Every insert or change of a chained row is sealed in the log by ORM hooks: registered on import.
from app.persistence import audit_hooks  # noqa: E402,F401
