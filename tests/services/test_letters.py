"""Producing documents through the service: kept as versions, marking sent moves the case on."""
from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from app.domain.action import DocumentKind
from app.domain.problem import Refused
from app.services import case_view, letters
from app.services.context import open_database
from tests.cli.test_cli_contract import demo_db, demo_file  # noqa: F401 - fixtures

AS_OF = date(2026, 12, 1)


@pytest.fixture
def ctx(demo_db):  # noqa: F811
    context = open_database(str(demo_db))
    yield context
    context.close()


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_demand_states_its_own_fee_and_marking_it_sent_moves_the_case(ctx):
    assert case_view.show_case(ctx, 1, AS_OF).stage.value == "ny"
    first = letters.produce(ctx, 1, DocumentKind.DEMAND, AS_OF)
    text = text_of(first.pdf)
    assert "Inkassoavgift" in text and "180,00 kr" in text  # lag 1981:739 4 §, charged with the demand
    assert first.version == 1
    second = letters.produce(ctx, 1, DocumentKind.DEMAND, AS_OF)
    assert second.version == 2 and letters.document_pdf(ctx, first.document_id) == first.pdf  # never overwritten
    event_id = letters.mark_sent(ctx, second.document_id, AS_OF, "post", AS_OF)
    assert event_id is not None
    view = case_view.show_case(ctx, 1, AS_OF)
    assert view.stage.value == "inkassokrav"
    assert view.settlement.fees_ore == 18_000
    assert [d.sent_on for d in view.documents] == [None, AS_OF]
    with pytest.raises(Refused, match="redan markerat"):
        letters.mark_sent(ctx, second.document_id, AS_OF, "post", AS_OF)


def test_the_social_notice_names_the_recovery_amount_and_personnummer(ctx):
    document = letters.produce(ctx, 17, DocumentKind.SOCIAL_NOTICE, AS_OF)
    view = case_view.show_case(ctx, 17, AS_OF)
    text = text_of(document.pdf)
    pnr = view.debtors[0].personnummer
    assert f"{pnr[:8]}-{pnr[8:]}" in text  # social services must identify the person
    assert view.unit.number in text


def test_the_demand_to_the_debtor_never_shows_the_personnummer(ctx):
    view = case_view.show_case(ctx, 1, AS_OF)
    pnr = view.debtors[0].personnummer
    text = text_of(letters.produce(ctx, 1, DocumentKind.DEMAND, AS_OF).pdf).replace("-", "")
    assert pnr not in text and pnr[2:] not in text


def test_batch_writes_each_due_document_and_one_merged_file(ctx, tmp_path):
    result = letters.produce_due(ctx, AS_OF, tmp_path)
    assert result.documents and not result.skipped
    assert all(path.exists() for path in result.paths)
    merged = PdfReader(str(result.merged_path))
    assert len(merged.pages) == sum(len(PdfReader(io.BytesIO(d.pdf)).pages) for d in result.documents)


def test_batch_can_be_cancelled(ctx, tmp_path):
    result = letters.produce_due(ctx, AS_OF, tmp_path, cancelled=lambda: True)
    assert result.cancelled and not result.documents and result.merged_path is None


def test_the_limitation_reminder_for_parking_states_three_years(ctx):
    # case 12 is a parking space (övrigt): a consumer claim, 3 years (preskriptionslagen 2 § 2 st.) – as the
    # engine counts; the reminder gives its own time to pay from its date (1 December → Wednesday 9 December)
    assert case_view.show_case(ctx, 12, AS_OF).unit.tenure.value == "ovrigt"
    text = " ".join(text_of(letters.produce(ctx, 12, DocumentKind.LIMITATION_REMINDER, AS_OF).pdf).split())
    assert "tre år" in text and "tio år" not in text
    assert "9 december 2026" in text


def test_a_demand_sent_days_after_its_date_is_refused_when_the_time_to_pay_gets_too_short(ctx):
    # dated Tuesday 1 December: last day Wednesday 9 December. Sent Friday 4 December it would give only
    # 5 days – inkassolagen 5 § wants at least 8 from sending, so a new version is needed.
    document = letters.produce(ctx, 2, DocumentKind.DEMAND, AS_OF)
    later = date(2026, 12, 4)
    with pytest.raises(Refused, match="minst 8 dagar"):
        letters.mark_sent(ctx, document.document_id, later, "post", later)
    assert case_view.show_case(ctx, 2, later).stage.value == "ny"
    fresh = letters.produce(ctx, 2, DocumentKind.DEMAND, later)
    assert letters.mark_sent(ctx, fresh.document_id, later, "post", later) is not None
