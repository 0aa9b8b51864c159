"""The retention purge (`gdpr purge`): a closed case past its retention is anonymised – personal data
once the claim can no longer be collected, the payer names of accounting records after bokföringslagen
7:2 – with a preview of what will go and a confirmation. Amounts, dates and kinds stay, so the books
and the statistics still add up; every blanked log row gets an `anonymise` entry in the audit chain.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.problem import Refused
from app.domain.retention import retention
from app.domain.stage import Stage
from app.persistence import models as m
from app.persistence.audit_hooks import ANONYMISING
from app.services.cases import assess_cases
from app.services.clock import now_utc
from app.services.context import AppContext

ANONYMISED_NAME = "Anonymiserad person"
BACKUP_NOTE = ("Säkerhetskopior gjorda före gallringen innehåller uppgifterna tills de roteras bort "
               "(dagliga efter 14 dagar, månadsvisa efter 12 månader).")


@dataclass(frozen=True)
class PurgeItem:
    case_id: int
    unit: str
    closed_on: date
    personal_until: date
    accounting_until: date | None
    personal: bool  # the case's personal data goes now
    accounting: bool  # the payer names and notes of its payments go now
    persons: tuple[int, ...]  # debtors anonymised with it (nothing else of theirs is still kept)
    events: int
    documents: int
    scores: int
    payments: int

    def describe(self, executed: bool = False) -> list[str]:
        head = f"Ärende {self.case_id} (objekt {self.unit}, avslutat {self.closed_on.isoformat()})"
        goes, removed = ("gallrades", "togs bort") if executed else ("gallras", "tas bort")
        lines = []
        if self.personal:
            what = [f"anteckningar i {self.events} händelser", f"{self.documents} sparade brev", f"{self.scores} riskbedömningar"]
            if self.persons:
                what.append(f"{len(self.persons)} gäldenär(er) anonymiserade (personnummer, namn, adress, telefon, e-post)")
            lines.append(f"{head}: personuppgifter {goes} – de sparades till och med {self.personal_until.isoformat()}, "
                         f"då fordran inte längre kunde drivas in (preskription): {', '.join(what)}.")
        if self.accounting:
            lines.append(f"{head}: betalarnamn och anteckningar i {self.payments} inbetalningar {removed} – bokföringsposterna "
                         f"sparades till och med {self.accounting_until.isoformat()} (bokföringslagen 7 kap. 2 §); "
                         "belopp och datum finns kvar.")
        return lines


@dataclass(frozen=True)
class PurgePlan:
    as_of: date
    items: tuple[PurgeItem, ...]
    executed: bool = False

    @property
    def persons(self) -> tuple[int, ...]:
        return tuple(sorted({p for item in self.items for p in item.persons}))

    @property
    def empty(self) -> bool:
        return not self.items

    def key(self) -> tuple:
        return tuple((i.case_id, i.personal, i.accounting, i.persons) for i in self.items)

    def text(self) -> str:
        verb = "gallrades" if self.executed else "gallras"
        if self.empty:
            return f"Ingenting att gallra per {self.as_of.isoformat()}: inget avslutat ärende har passerat sin lagringstid."
        lines = [f"Per {self.as_of.isoformat()} {verb} uppgifter i {len(self.items)} avslutade ärenden "
                 f"({len(self.persons)} personer {'anonymiserades' if self.executed else 'anonymiseras'}):"]
        lines += [f"- {line}" for item in self.items for line in item.describe(self.executed)]
        lines.append(BACKUP_NOTE)
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "executed": self.executed, "persons": len(self.persons),
                "cases": [{k: (v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple) else v)
                           for k, v in asdict(item).items()} for item in self.items]}


def _counts(session: Session, case_id: int) -> tuple[int, int, int, int]:
    def count(model, *where) -> int:  # noqa: ANN001
        return session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0

    return (count(m.Event, m.Event.case_id == case_id, m.Event.seal.is_not(None)),
            count(m.Document, m.Document.case_id == case_id, m.Document.seal.is_not(None)),
            count(m.ScoreSnapshot, m.ScoreSnapshot.case_id == case_id, m.ScoreSnapshot.inputs != "{}"),
            count(m.Payment, m.Payment.case_id == case_id, m.Payment.seal.is_not(None)))


def _kept_persons(session: Session, past: set[int]) -> set[int]:
    """Persons who must stay identified: in a case not past retention, with an avi outside any case,
    or still living in a unit."""
    kept = set(session.scalars(sa.select(m.CaseDebtor.person_id).where(m.CaseDebtor.case_id.not_in(past))))
    kept |= set(session.scalars(sa.select(m.Claim.person_id).where(m.Claim.case_id.is_(None))))
    kept |= set(session.scalars(sa.select(m.Occupancy.person_id).where(m.Occupancy.moved_out.is_(None))))
    return kept


def _plan(session: Session, as_of: date) -> PurgePlan:
    closed = {cid: (facts, result) for cid, (facts, result) in assess_cases(session, as_of).items() if result.stage is Stage.AVSLUTAD}
    retained = {cid: retention(facts, result.stage_since) for cid, (facts, result) in closed.items()}
    past = {cid for cid, r in retained.items() if as_of > r.personal_until}
    kept = _kept_persons(session, past)
    debtors: dict[int, list[int]] = {}
    for case_id, person_id in session.execute(
        sa.select(m.CaseDebtor.case_id, m.CaseDebtor.person_id).join(m.Person, m.Person.id == m.CaseDebtor.person_id)
        .where(m.Person.anonymised_at.is_(None))
    ):
        debtors.setdefault(case_id, []).append(person_id)
    units = {cid: number for cid, number in session.execute(sa.select(m.Case.id, m.Unit.number).join(m.Unit, m.Unit.id == m.Case.unit_id))}
    notes = set(session.scalars(sa.select(m.Case.id).where(m.Case.note != "")))
    items = []
    for case_id in sorted(retained):
        r = retained[case_id]
        events, documents, scores, payments = _counts(session, case_id)
        persons = tuple(p for p in debtors.get(case_id, []) if p not in kept) if case_id in past else ()
        personal = case_id in past and bool(events or documents or scores or persons or case_id in notes)
        accounting = r.accounting_until is not None and as_of > r.accounting_until and payments > 0
        if personal or accounting:
            items.append(PurgeItem(case_id, units[case_id], r.closed_on, r.personal_until, r.accounting_until, personal,
                                   accounting, persons, events, documents, scores, payments))
    return PurgePlan(as_of, tuple(items))


def plan_purge(ctx: AppContext, as_of: date) -> PurgePlan:
    """The preview: what `purge` would remove on `as_of`, and why."""
    with ctx.reading() as session:
        return _plan(session, as_of)


def _strip_details(text: str, keep: tuple[str, ...]) -> str:
    data = json.loads(text or "{}")
    return json.dumps({k: v for k, v in data.items() if k in keep}, sort_keys=True, ensure_ascii=False)


def _anonymise_case(session: Session, case_id: int) -> None:
    for event in session.scalars(sa.select(m.Event).where(m.Event.case_id == case_id, m.Event.seal.is_not(None))):
        # what the process needs stays (grounded, decision, plan, scope); free text goes
        event.note = ""
        event.details = _strip_details(event.details, ("grounded", "decision", "disputed_ore", "scope", "plan"))
        event.seal = None
    for document in session.scalars(sa.select(m.Document).where(m.Document.case_id == case_id, m.Document.seal.is_not(None))):
        document.pdf, document.sha256, document.details, document.seal = b"", "", "{}", None
    for score in session.scalars(sa.select(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == case_id)):
        factors = json.loads(score.factors or "{}")
        kept = {"score": score.score, "band": score.band, "rules_version": score.rules_version}
        if isinstance(factors, dict):
            kept["factors"] = [{"code": f.get("code"), "points": f.get("points")} for f in factors.get("factors", [])]
        score.factors, score.inputs = json.dumps(kept, ensure_ascii=False), "{}"
    case = session.get(m.Case, case_id)
    case.note = ""


def _anonymise_payments(session: Session, case_id: int) -> None:
    for payment in session.scalars(sa.select(m.Payment).where(m.Payment.case_id == case_id, m.Payment.seal.is_not(None))):
        payment.payer_name, payment.note, payment.seal = "", "", None


def _anonymise_person(session: Session, person_id: int) -> None:
    person = session.get(m.Person, person_id)
    person.personnummer, person.name = None, ANONYMISED_NAME
    person.address = person.postcode = person.city = person.email = person.phone = ""
    person.anonymised_at = now_utc()


def purge(ctx: AppContext, as_of: date, confirm: Callable[[PurgePlan], bool] | None = None,
          confirmed: PurgePlan | None = None) -> PurgePlan | None:
    """Anonymise what is past its retention, in one transaction. `confirm` sees the preview first
    (None when declined); `confirmed` is a preview already accepted (e.g. in the GUI) – if the data
    changed since, nothing is done and the user is asked to look again."""
    if confirm is not None:
        preview = plan_purge(ctx, as_of)
        if preview.empty or not confirm(preview):
            return None if not preview.empty else preview
        confirmed = preview
    with ctx.transaction() as session:
        session.info[ANONYMISING] = True
        plan = _plan(session, as_of)
        if confirmed is not None and plan.key() != confirmed.key():
            raise Refused("Uppgifterna har ändrats sedan förhandsgranskningen. Ingenting gallrades – granska igen.")
        for item in plan.items:
            if item.personal:
                _anonymise_case(session, item.case_id)
            if item.accounting:
                _anonymise_payments(session, item.case_id)
        for person_id in plan.persons:
            _anonymise_person(session, person_id)
    return PurgePlan(plan.as_of, plan.items, executed=True)
