"""The register extract (dataskyddsförordningen art. 15): everything held about one person, as JSON
and as a PDF – the person, their homes, cases, claims, events, payments, fees, letters and scores,
with the purposes, recipients, retention and the person's rights."""
from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.documents.gdpr_extract import render_extract
from app.domain.event import EventKind
from app.domain.facts import FeeKind
from app.domain.problem import Problem, Refused
from app.persistence import models as m
from app.services import identity
from app.services.cases import assess_cases
from app.services.context import AppContext

log = logging.getLogger(__name__)

PURPOSES = (
    "Föreningen behandlar uppgifterna för att driva in obetalda avgifter och hyror (egeninkasso enligt inkassolagen), "
    "för att ansöka hos Kronofogden och för bokföring. Rättslig grund: avtalet om lägenheten (art. 6.1 b), "
    "rättsliga förpliktelser enligt jordabalken, bostadsrättslagen och bokföringslagen (art. 6.1 c) och föreningens "
    "berättigade intresse av att få betalt (art. 6.1 f)."
)
RECIPIENTS = (
    "Uppgifter lämnas vid behov till Kronofogdemyndigheten, socialnämnden (underrättelse enligt 12 kap. 44 § "
    "jordabalken / 7 kap. 23 § bostadsrättslagen), delgivningsman eller stämningsman, panthavare och föreningens revisor."
)
RETENTION = (
    "Bokföringsposter (avier, inbetalningar, avgifter) sparas till och med det sjunde året efter räkenskapsårets slut "
    "(bokföringslagen 7 kap. 2 §). Övriga uppgifter sparas tills fordran inte längre kan drivas in (preskription) "
    "och anonymiseras sedan."
)
RIGHTS = (
    "Du har rätt att begära rättelse av felaktiga uppgifter, radering eller begränsning när grunden upphört, och att "
    "invända mot behandlingen. Riskbedömningen är ett beslutsstöd för styrelsen, inget automatiserat beslut. "
    "Klagomål kan lämnas till Integritetsskyddsmyndigheten (IMY)."
)


def _person(session: Session, personnummer: str) -> m.Person:
    pnr = identity.normalise_personnummer(personnummer)
    if isinstance(pnr, Problem):
        raise Refused(pnr)
    person = session.scalars(sa.select(m.Person).where(m.Person.personnummer == pnr)).first()
    if person is None:
        raise Refused("Ingen person med det personnumret finns i databasen (eller så är personen redan anonymiserad).")
    return person


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _row(obj: object, *names: str) -> dict:
    return {name: _iso(getattr(obj, name)) for name in names}


def _case(session: Session, case: m.Case, assessed: dict) -> dict:
    events = session.scalars(sa.select(m.Event).where(m.Event.case_id == case.id).order_by(m.Event.id)).all()
    payments = session.scalars(sa.select(m.Payment).where(m.Payment.case_id == case.id).order_by(m.Payment.id)).all()
    fees = session.scalars(sa.select(m.Fee).where(m.Fee.case_id == case.id).order_by(m.Fee.id)).all()
    documents = session.scalars(sa.select(m.Document).where(m.Document.case_id == case.id).order_by(m.Document.id)).all()
    scores = session.scalars(sa.select(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == case.id).order_by(m.ScoreSnapshot.id)).all()
    result = assessed.get(case.id)
    return {
        "case_id": case.id, "ocr": case.ocr, "unit": case.unit.number, "opened_on": case.opened_on.isoformat(),
        "stage": result[1].stage.value if result else None, "stage_label": result[1].stage.label if result else None,
        "household_adults": case.household_adults, "household_children": case.household_children, "note": case.note,
        "claims": [_row(c, "avi_number", "kind", "period_from", "period_to", "due_date", "amount_ore") for c in case.claims],
        "events": [
            {**_row(e, "id", "occurred_on", "method", "note", "recorded_by"), "kind": e.kind.value, "label": EventKind(e.kind).label,
             "details": json.loads(e.details or "{}"), "recorded_at": e.recorded_at.isoformat(sep=" "), "reverses": e.reverses_event_id}
            for e in events
        ],
        "payments": [
            {**_row(p, "id", "amount_ore", "order_date", "booking_date", "reference", "source", "payer_name", "note"),
             "reverses": p.reverses_payment_id}
            for p in payments
        ],
        "fees": [{**_row(f, "id", "amount_ore", "charged_on"), "kind": f.kind.value, "label": FeeKind(f.kind).label,
                  "reverses": f.reverses_fee_id} for f in fees],
        "documents": [{**_row(d, "id", "version", "letter_date", "sent_on", "sent_method", "sha256"), "kind": d.kind.value,
                       "label": d.kind.label} for d in documents],
        "scores": [{**_row(s, "scored_on", "score", "band", "rules_version"), "factors": json.loads(s.factors or "[]"),
                    "inputs": json.loads(s.inputs or "{}")} for s in scores],
    }


def extract(ctx: AppContext, personnummer: str, as_of: date) -> dict:
    """Everything held about the person with this personnummer, as one JSON-ready document."""
    with ctx.reading() as session:
        person = _person(session, personnummer)
        association = session.scalars(sa.select(m.Association)).first()
        case_ids = sorted(set(session.scalars(sa.select(m.CaseDebtor.case_id).where(m.CaseDebtor.person_id == person.id))))
        assessed = assess_cases(session, as_of, case_ids) if case_ids else {}
        cases = [_case(session, session.get(m.Case, cid), assessed) for cid in case_ids]
        occupancies = session.scalars(sa.select(m.Occupancy).where(m.Occupancy.person_id == person.id).order_by(m.Occupancy.id)).all()
        loose_claims = session.scalars(
            sa.select(m.Claim).where(m.Claim.person_id == person.id, m.Claim.case_id.is_(None)).order_by(m.Claim.due_date)
        ).all()
        name = person.name.strip().lower()
        unmatched = [p for p in session.scalars(sa.select(m.Payment).where(m.Payment.case_id.is_(None)).order_by(m.Payment.id))
                     if name and p.payer_name.strip().lower() == name]
        document = {
            "title": "Registerutdrag enligt dataskyddsförordningen (artikel 15)",
            "as_of": as_of.isoformat(),
            "controller": _row(association, "name", "orgnr", "address", "postcode", "city", "email", "phone") if association else {},
            "person": {**_row(person, "personnummer", "name", "address", "postcode", "city", "email", "phone"),
                       "registered_at": person.created_at.isoformat(sep=" ")},
            "occupancies": [{**_row(o, "role", "moved_in", "moved_out"), "unit": o.unit.number, "address": o.unit.address,
                             "city": o.unit.city} for o in occupancies],
            "cases": cases,
            "claims_outside_cases": [_row(c, "avi_number", "kind", "period_from", "period_to", "due_date", "amount_ore") for c in loose_claims],
            "unmatched_payments": [_row(p, "amount_ore", "order_date", "reference", "payer_name", "note") for p in unmatched],
            "purposes": PURPOSES, "recipients": RECIPIENTS, "retention": RETENTION, "rights": RIGHTS,
        }
    return json.loads(json.dumps(document, default=_iso, ensure_ascii=False))  # enums -> values, one plain tree


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def write_extract(ctx: AppContext, personnummer: str, out: Path, as_of: date) -> tuple[Path, Path]:
    """Write the extract as JSON and PDF (owner-only files): `out` and its twin with the other suffix."""
    document = extract(ctx, personnummer, as_of)
    stem = out.with_suffix("") if out.suffix.lower() in (".json", ".pdf") else out
    json_path, pdf_path = stem.with_suffix(".json"), stem.with_suffix(".pdf")
    try:
        _write_private(json_path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        _write_private(pdf_path, render_extract(document))
    except OSError as exc:
        raise Refused(f"Registerutdraget kunde inte sparas i {stem.parent}: {exc.strerror or exc}.") from exc
    log.info("register extract written (%d cases)", len(document["cases"]))  # never the person's name or number
    return json_path, pdf_path
