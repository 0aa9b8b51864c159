"""GDPR: the register extract holds everything about a person (JSON and PDF, owner-only files); the
retention purge previews what goes, anonymises only what is past its retention, and keeps the books
and the audit chain whole."""
from __future__ import annotations

import json
import stat
from datetime import date, datetime

import pypdf
import pytest
import sqlalchemy as sa

from app.domain.action import DocumentKind
from app.domain.problem import Refused
from app.domain.stage import Stage
from app.persistence import models as m
from app.services import audit, cases, gdpr, registers, retention
from app.services.context import open_database
from tests.safety import DEMO_AS_OF, demo_db, demo_master, dump  # noqa: F401 - fixtures

FAR = date(2040, 1, 1)


@pytest.fixture
def ctx(demo_db):
    context = open_database(str(demo_db), daily_backup=False)
    yield context
    context.close()


def _debtor_with_payments(ctx) -> m.Person:
    with ctx.reading() as session:
        case_id = session.scalar(sa.select(m.Payment.case_id).where(m.Payment.case_id.is_not(None))
                                 .group_by(m.Payment.case_id).order_by(sa.func.count().desc(), m.Payment.case_id).limit(1))
        person = session.scalars(sa.select(m.Person).join(m.CaseDebtor, m.CaseDebtor.person_id == m.Person.id)
                                 .where(m.CaseDebtor.case_id == case_id)).first()
        session.expunge(person)
        return person


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_the_extract_holds_everything_about_the_person(ctx, tmp_path):
    person = _debtor_with_payments(ctx)
    json_path, pdf_path = gdpr.write_extract(ctx, person.personnummer, tmp_path / "utdrag.pdf", DEMO_AS_OF)
    assert (json_path.name, pdf_path.name) == ("utdrag.json", "utdrag.pdf")
    assert stat.S_IMODE(json_path.stat().st_mode) == stat.S_IMODE(pdf_path.stat().st_mode) == 0o600
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["person"]["personnummer"] == person.personnummer and document["person"]["name"] == person.name
    assert document["controller"]["name"].startswith("Bostadsrättsföreningen Solgläntan")
    with ctx.reading() as session:
        case_ids = sorted(session.scalars(sa.select(m.CaseDebtor.case_id).where(m.CaseDebtor.person_id == person.id)))
        for case in document["cases"]:
            cid = case["case_id"]
            assert len(case["events"]) == session.scalar(sa.select(sa.func.count()).select_from(m.Event).where(m.Event.case_id == cid))
            assert sum(p["amount_ore"] for p in case["payments"]) == session.scalar(
                sa.select(sa.func.sum(m.Payment.amount_ore)).where(m.Payment.case_id == cid))
            assert len(case["scores"]) == session.scalar(sa.select(sa.func.count()).select_from(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == cid))
    assert [c["case_id"] for c in document["cases"]] == case_ids and case_ids
    assert document["cases"][0]["scores"][0]["inputs"]  # the profiling inputs are part of the extract
    assert document["occupancies"] and document["rights"].endswith("(IMY).")
    text = _pdf_text(pdf_path)
    formatted = f"{person.personnummer[:8]}-{person.personnummer[8:]}"
    for expected in ("Registerutdrag enligt dataskyddsförordningen", formatted, person.name, f"Ärende {case_ids[0]}",
                     "Inbetalningar", "Riskbedömningar", "Dina rättigheter"):
        assert expected in text


def test_the_extract_finds_the_person_by_a_ten_digit_number_and_refuses_bad_or_unknown_numbers(ctx, tmp_path):
    person = _debtor_with_payments(ctx)
    short = f"{person.personnummer[2:8]}-{person.personnummer[8:]}"
    assert gdpr.extract(ctx, short, DEMO_AS_OF)["person"]["personnummer"] == person.personnummer
    out = tmp_path / "utdrag"
    with pytest.raises(Refused, match="Ogiltigt personnummer"):
        gdpr.write_extract(ctx, "191212121213", out / "x.json", DEMO_AS_OF)
    with pytest.raises(Refused, match="Ingen person med det personnumret"):
        gdpr.write_extract(ctx, "201212121212", out / "x.json", DEMO_AS_OF)
    assert not out.exists()


def _closed_cases(ctx) -> dict[str, int]:
    rows = [r for r in cases.list_cases(ctx, DEMO_AS_OF) if r.stage is Stage.AVSLUTAD]
    with ctx.reading() as session:
        tenure = {r.case_id: session.get(m.Case, r.case_id).unit.tenure.value for r in rows}
        written_off = set(session.scalars(sa.select(m.Event.case_id).where(m.Event.kind == "written-off")))
        paid = set(session.scalars(sa.select(m.Payment.case_id).where(m.Payment.case_id.in_([r.case_id for r in rows]))))
    return {"paid": next(c for c in tenure if c in paid), "written_off": next(c for c in tenure if c in written_off),
            "withdrawn": next(c for c in tenure if tenure[c] == "hyresratt")}


def test_nothing_is_purged_before_its_time_and_a_preview_changes_nothing(ctx, demo_db):
    assert retention.plan_purge(ctx, DEMO_AS_OF).empty
    before = dump(demo_db)
    plan = retention.plan_purge(ctx, FAR)
    assert dump(demo_db) == before
    closed = _closed_cases(ctx)
    assert sorted(i.case_id for i in plan.items) == sorted(closed.values())
    assert "Säkerhetskopior gjorda före gallringen" in plan.text()


def test_retention_dates_follow_limitation_and_bokforingslagen(ctx):
    closed = _closed_cases(ctx)
    # återkallad hyresrätt: demand 2026-09-12, 3 years (consumer rent) -> kept to 2029-09-12
    assert closed["withdrawn"] not in {i.case_id for i in retention.plan_purge(ctx, date(2029, 9, 12)).items}
    item = {i.case_id: i for i in retention.plan_purge(ctx, date(2029, 9, 13)).items}[closed["withdrawn"]]
    assert item.personal and item.personal_until == date(2029, 9, 12)
    # betald bostadsrätt: paid 2026-10-18 (booked 10-19): books to 2033-12-31, personal data to 2036-10-18
    items = {i.case_id: i for i in retention.plan_purge(ctx, date(2034, 1, 1)).items}
    paid = items[closed["paid"]]
    assert (paid.accounting, paid.personal, paid.accounting_until) == (True, False, date(2033, 12, 31))
    assert paid.personal_until == date(2036, 10, 18)
    # avskriven bostadsrätt: demand 2025-10-27, 10 years
    assert {i.case_id: i for i in retention.plan_purge(ctx, FAR).items}[closed["written_off"]].personal_until == date(2035, 10, 27)


def test_the_purge_anonymises_what_is_past_retention_and_keeps_the_chain(ctx, demo_db):
    closed = _closed_cases(ctx)
    with ctx.transaction() as session:  # a kept letter on the written-off case, and its debtor moved out
        session.add(m.Document(case_id=closed["written_off"], kind=DocumentKind.DEMAND, version=1, letter_date=date(2025, 10, 27),
                               pdf=b"%PDF brev", sha256="abc", recorded_by="Eva", created_at=datetime(2025, 10, 27, 9)))
        leaver = session.scalar(sa.select(m.CaseDebtor.person_id).where(m.CaseDebtor.case_id == closed["written_off"]))
        stayer = session.scalar(sa.select(m.CaseDebtor.person_id).where(m.CaseDebtor.case_id == closed["paid"]))
        name = session.get(m.Person, leaver).name
    pnr = "198112189876"  # Skatteverket's test number, given to the leaver through the register
    registers.update_person(ctx, leaver, registers.PersonForm(personnummer=pnr, name=name, city="Lindköping"))
    registers.mark_person_moved_out(ctx, leaver, date(2026, 9, 30), DEMO_AS_OF)
    assert gdpr.extract(ctx, pnr, FAR)["person"]["name"] == name
    plan = retention.purge(ctx, FAR)
    assert plan.executed and plan.persons == (leaver,)
    with ctx.reading() as session:
        gone = session.get(m.Person, leaver)
        assert (gone.personnummer, gone.name, gone.phone, gone.city) == (None, retention.ANONYMISED_NAME, "", "")
        assert gone.anonymised_at is not None
        assert session.get(m.Person, stayer).personnummer is not None  # still lives there: stays identified
        for cid in closed.values():
            assert all(e.note == "" and e.seal is None for e in session.scalars(sa.select(m.Event).where(m.Event.case_id == cid)))
            assert all(json.loads(s.inputs) == {} for s in session.scalars(sa.select(m.ScoreSnapshot).where(m.ScoreSnapshot.case_id == cid)))
        letter = session.scalars(sa.select(m.Document).where(m.Document.case_id == closed["written_off"])).one()
        assert (letter.pdf, letter.sha256, letter.kind) == (b"", "", DocumentKind.DEMAND)
        payment = session.scalars(sa.select(m.Payment).where(m.Payment.case_id == closed["paid"])).first()
        assert payment.payer_name == "" and payment.amount_ore > 0  # the books still add up
        anonymised = session.scalar(sa.select(sa.func.count()).select_from(m.AuditEntry).where(m.AuditEntry.action == "anonymise"))
    assert anonymised > 0
    report = audit.verify(ctx)
    assert report.intact, report.problems
    assert retention.plan_purge(ctx, FAR).empty  # done once; nothing left to remove
    with pytest.raises(Refused):
        gdpr.extract(ctx, pnr, FAR)


def test_the_confirmation_decides_and_a_stale_preview_is_refused(ctx, demo_db):
    before = dump(demo_db)
    seen = []
    assert retention.purge(ctx, FAR, confirm=lambda plan: seen.append(plan) or False) is None
    assert dump(demo_db) == before and seen and not seen[0].empty
    stale = retention.plan_purge(ctx, date(2029, 9, 13))  # a preview of another day: a different set
    with pytest.raises(Refused, match="ändrats sedan förhandsgranskningen"):
        retention.purge(ctx, FAR, confirmed=stale)
    assert dump(demo_db) == before
    done = retention.purge(ctx, FAR, confirm=lambda plan: True)
    assert done.executed and "gallrades" in done.text()


def test_the_extract_pdf_embeds_every_font(ctx, tmp_path):
    from pypdf import PdfReader

    person = _debtor_with_payments(ctx)
    _json_path, pdf_path = gdpr.write_extract(ctx, person.personnummer, tmp_path / "utdrag.pdf", DEMO_AS_OF)
    for page in PdfReader(str(pdf_path)).pages:
        for name, font in page["/Resources"]["/Font"].items():
            descriptor = font.get_object().get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
