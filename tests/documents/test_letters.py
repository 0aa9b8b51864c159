"""What each document says, read back from the rendered PDF (LAW.md; inkassolagen 5 §; formulär 1–3)."""
from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from app.documents import DocumentError, compose, render_document
from app.domain.action import DocumentKind as K
from app.domain.facts import FeeKind

from tests.documents.cases import BRF_CASE, CASES, HR_CASE, LETTER_DAYS, NOT_APPLICABLE, flat, letter_context, pdf_text


def text_of(rendered, case: str, kind: K) -> str:
    return flat(pdf_text(rendered[(case, kind)]))


def assert_all(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if p not in text]
    assert not missing, f"missing {missing}"


# Worked example, Brf Solrosen on 2 March 2026: three avgifter of 4 850 kr (due 30 Dec, 30 Jan, 27 Feb),
# 1 000 kr paid 10 Feb (capital first, oldest first) -> 3 850 + 4 850 + 4 850 = 13 550 kr capital.
# Interest at referensränta 2 % + 8 = 10 %, actual days/365, rounded per line:
#   10231: 4 850 kr,  1 day (31 Dec)            -> 485000*0.10*1/365  = 132.9 öre  ->   1,33 kr
#   10231: 4 850 kr, 41 days (1 Jan – 10 Feb)   -> 485000*0.10*41/365 = 5447.9     ->  54,48 kr
#   10231: 3 850 kr, 20 days (11 Feb – 2 Mar)   -> 385000*0.10*20/365 = 2109.6     ->  21,10 kr
#   10244: 4 850 kr, 31 days (31 Jan – 2 Mar)   -> 4119.2                          ->  41,19 kr
#   10257: 4 850 kr,  3 days (28 Feb – 2 Mar)   -> 398.6                           ->   3,99 kr
# sum 122,09 kr; inkassoavgift 180 kr; total 13 550 + 122,09 + 180 = 13 852,09 kr. The first two lines have
# the same capital and rate (both half-years 2 %), so the letter shows them as one row: 42 days, 55,81 kr.
def test_demand_states_everything_inkassolagen_5_requires(rendered):
    text = text_of(rendered, "bostadsratt", K.DEMAND)
    assert_all(
        text,
        "Inkassokrav",
        # creditor and ground: unit, periods, avi numbers
        "Borgenär är Brf Solrosen, organisationsnummer 769612-3459",
        "obetald årsavgift för lägenhet 1203 avseende januari–mars 2026 (avi 10231, 10244, 10257)",
        # capital, per claim and in total
        "10231 Årsavgift januari 2026 2025-12-30 4 850,00 kr 3 850,00 kr",
        "Obetalt kapital 13 550,00 kr",
        # interest: one row per line with capital base, period, days, rate, amount
        "10231 4 850,00 kr 2025-12-31 – 2026-02-10 42 10 % 55,81 kr",
        "10231 3 850,00 kr 2026-02-11 – 2026-03-02 20 10 % 21,10 kr",
        "10244 4 850,00 kr 2026-01-31 – 2026-03-02 31 10 % 41,19 kr",
        "10257 4 850,00 kr 2026-02-28 – 2026-03-02 3 10 % 3,99 kr",
        "Upplupen ränta 122,09 kr",
        "2025-07-01 – 2026-06-30: referensränta 2 % + 8 procentenheter = 10 %",
        "verkligt antal dagar/365",
        # fees each separately, total
        "Inkassoavgift (debiterad 2026-03-02) 180,00 kr",
        "Att betala 13 852,09 kr",
        # last day to pay (K + 8 = Tuesday 10 March), how to pay
        "Betala 13 852,09 kr senast tisdag 10 mars 2026 till bankgiro 5050-1055 med OCR-nummer 700001290",
        # how and by when to object, whom to contact
        "skriftligt senast 10 mars 2026",
        "e-post kassor@brfsolrosen.se",
        "Karin Kassör, telefon 08-123 456 78",
        # the concrete next step
        "betalningsföreläggande och avhysning (vanlig handräckning)",
        "ansökningsavgift 300,00 kr",
        "nyttjanderätten till lägenheten, som är förverkad enligt 7 kap. 18 § bostadsrättslagen (1991:614)",
        "underrättar socialnämnden i Exempelstads kommun",
        # humane: a way out and where to get help
        "amorteringsplan",
        "budget- och skuldrådgivningen i Exempelstads kommun",
    )
    # two holders at one address are addressed together, as "ni"
    assert "Anser ni att kravet är fel?" in text
    assert "preliminär" not in text  # both half-years have their referensränta


# Worked example, hyresrätt on 10 August 2026: July and August rent of 9 125 kr, due 30 June and 31 July.
# 912500*0.10*41/365 = 10250 öre (1 July – 10 Aug) and 912500*0.10*10/365 = 2500 öre (1–10 Aug).
# The referensränta for H2 2026 is not in the table: the latest (2 %) stands in and is marked preliminary.
def test_demand_marks_a_provisional_rate_and_speaks_to_one_tenant(rendered):
    text = text_of(rendered, "hyresratt", K.DEMAND)
    assert_all(
        text,
        "2026-07-01 – 2026-08-10 41 10 % * 102,50 kr",
        "2026-08-01 – 2026-08-10 10 10 % * 25,00 kr",
        "referensränta 2 % + 8 procentenheter = 10 % (preliminär)",
        "* = preliminär räntesats",
        "Räntan för det halvåret (markerad *) är beräknad med den senast kända referensräntan",
        "Att betala 18 557,50 kr",
        "hyresrätten till lägenheten, som är förverkad enligt 12 kap. 42 § första stycket 1 jordabalken",
        "socialnämnden i Göteborgs kommun",
        "Anser du att kravet är fel?",
    )


# Premises: 2 × 15 000 kr, 2 500 kr paid 20 Oct 2025 -> 12 500 + 15 000 = 27 500 kr capital.
# 1500000*0.1*20/365 = 8219.2 -> 82,19; 1250000*0.1*21/365 = 7191.8 -> 71,92; 1500000*0.1*10/365 = 4109.6 -> 41,10.
def test_demand_for_premises_has_no_social_services_and_two_vardagar(rendered):
    text = text_of(rendered, "lokal", K.DEMAND)
    assert_all(text, "Upplupen ränta 195,21 kr", "Att betala 27 875,21 kr", "mer än två vardagar efter förfallodagen")
    assert "socialnämnden" not in text


def test_demand_refuses_a_deadline_under_eight_days():
    ctx = letter_context("bostadsratt", K.DEMAND)
    short = dataclasses.replace(ctx, dates=dataclasses.replace(ctx.dates, payment_deadline=date(2026, 3, 9)))
    with pytest.raises(DocumentError, match="minst 8 dagar"):
        compose(K.DEMAND, short)


def test_reminder_charges_a_fee_only_where_agreed(rendered):
    # only January's avgift is due on 12 January; 2025-H2 and 2026-H1 share the rate, so one period rounded
    # once: 485000*0.10*13/365 = 1727.4 -> 17,27 kr (30 Dec – 12 Jan); 4 850,00 + 17,27 = 4 867,27 kr
    text = text_of(rendered, "bostadsratt", K.REMINDER)
    assert_all(text, "Betalningspåminnelse", "Betala 4 867,27 kr senast torsdag 22 januari 2026", "700001290",
               "(avi 10231)")
    assert "10244" not in text
    assert "Påminnelseavgift" not in text and "Inkassoavgift" not in text
    # with a reminder fee agreed in the lease, the services put it in the context: the letter says why
    case = dataclasses.replace(
        BRF_CASE, fees=BRF_CASE.fees + (BRF_CASE.fees[0].__class__(98, FeeKind.REMINDER, 6_000, date(2026, 1, 12)),)
    )
    day = LETTER_DAYS["bostadsratt"][K.REMINDER]
    agreed = flat(pdf_text(render_document(K.REMINDER, case.context(day, payment_deadline=day + timedelta(days=10)))))
    assert_all(agreed, "Påminnelseavgift (debiterad 2026-01-12) 60,00 kr", "avtalades när skulden uppstod")


# Recovery amounts: the unpaid capital the termination rests on – 3 × 4 850 − 1 000; 2 × 9 125; 2 × 15 000 − 2 500.
@pytest.mark.parametrize(
    "case, amount, weeks, form, rule, social",
    [
        ("bostadsratt", "13 550,00 kr", "tre veckor", "formulär 1 i förordningen (2003:37)",
         "7 kap. 23 § bostadsrättslagen", True),
        ("hyresratt", "18 250,00 kr", "tre veckor", "formulär 1 i förordningen (1978:314)",
         "12 kap. 44 § jordabalken", True),
        ("lokal", "27 500,00 kr", "två veckor", "formulär 2 i förordningen (1978:314)", "12 kap. 44 § jordabalken", False),
    ],
)
def test_termination_carries_the_recovery_notice(rendered, case, amount, weeks, form, rule, social):
    ctx = letter_context(case, K.TERMINATION)
    text = text_of(rendered, case, K.TERMINATION)
    assert_all(text, f"Belopp att betala {amount}", "säger härmed upp", "till avflyttning", weeks, form, rule,
               "delge", "Bankgiro", ctx.ocr, "upprepade tillfällen", "sjukdom", "tredje vardagen", "Underskrift")
    assert ("socialnämnden" in text) is social


def test_premises_termination_printed_after_service_names_no_social_notice():
    # served 27 Nov 2025: premises need no social notice, the 2 weeks run from service to 11 Dec 2025
    ctx = CASES["lokal"].context(date(2025, 12, 1))
    text = flat(pdf_text(render_document(K.TERMINATION, ctx)))
    assert_all(text, "Fristen har börjat löpa och går ut torsdag 11 december 2025")
    assert "socialnämnden" not in text


def test_termination_amount_is_exact(rendered):
    # 13 550 kr is the unpaid capital (avgifter) – interest and fees are not needed to recover (JB 12:44)
    text = text_of(rendered, "bostadsratt", K.TERMINATION)
    assert_all(text, "Betala 13 550,00 kr inom tre veckor", "Belopp att betala 13 550,00 kr",
               "Ränta och avgifter behöver inte vara betalda")


def test_social_notice_has_formulär_3_content(rendered):
    text = text_of(rendered, "bostadsratt", K.SOCIAL_NOTICE)
    assert_all(
        text,
        "formulär 3 i förordningen (2003:37)",
        "Solrosvägen 12 lgh 1203, 123 45 Exempelstad",
        "Storlek 3 rum och kök, 74,5 m²",
        "Vuxna 3", "Barn 0",
        "Tolvan Tolvansson Personnummer 19121212-1212",
        "Tolva Tolvansson Personnummer 19900602-2397",
        "Nyttjanderätten till lägenheten är förverkad enligt 7 kap. 18 § bostadsrättslagen",
        "Belopp som ska betalas för återvinning 13 550,00 kr",
        "Uppsägningen är daterad 2026-03-13",
        "Uppsägningen delgavs Delgivning pågår",
        "Ansökan om avhysning hos Kronofogden 2026-03-13",
        "Kopia av uppsägningen med underrättelse om återvinning, daterad 2026-03-13",
    )


def test_application_is_a_complete_kronofogden_form(rendered):
    text = text_of(rendered, "bostadsratt", K.APPLICATION)
    assert_all(
        text,
        "Ansökan om betalningsföreläggande och vanlig handräckning (avhysning)",
        "3 § lagen (1990:746)",
        "Sökande Namn Brf Solrosen Organisationsnummer 769612-3459",
        "Bankgiro (för utbetalning) 5050-1055",
        "Svarande Namn Tolvan Tolvansson Personnummer 19121212-1212",
        "Personnummer 19900602-2397",
        # capital per avi with running interest from the day after filing, accrued interest as its own amount:
        # 55,81 (10231, 4 850 kr, 42 days) + 32,70 (3 850 kr, 11 Feb – 13 Mar, 31 days)
        # + 55,81 (10244, 42 days) + 18,60 (10257, 14 days) = 162,92 kr
        "10231 Årsavgift januari 2026 2025-12-30 3 850,00 kr 2026-03-14",
        "Summa kapital 13 550,00 kr",
        "Upplupen ränta t.o.m. 2026-03-13 162,92 kr",
        "Ränta enligt 6 § räntelagen (1975:635), referensränta + 8 procentenheter",
        "Grund: obetald årsavgift för lägenhet 1203 avseende januari–mars 2026",
        "förfallen 2025-12-30, 2026-01-30 och 2026-02-27",
        "Inkassoavgift 180,00 kr",
        "Ansökningsavgift Kronofogden 300,00 kr",
        "Ersättning för eget arbete (betalningsföreläggande) 380,00 kr",
        "Ersättning för eget arbete (handräckning) 420,00 kr",
        "Summa kapital, upplupen ränta och kostnader 14 992,92 kr",
        "Avhysning från Solrosvägen 12 lgh 1203",
        "är förverkad enligt 7 kap. 18 § bostadsrättslagen",
        "har ännu inte delgetts; sökanden begär att Kronofogden delger den",
        "Socialnämnden i Exempelstads kommun: 2026-03-13",
        "Verkställighet begärs om utslag meddelas ☐ Ja ☒ Nej",
        "överlämnas till tingsrätten om svaranden bestrider ☒ Ja ☐ Nej",
        "skickat 2026-03-02, sista betalningsdag 2026-03-10",
        "Ort och datum", "Underskrift", "Namnförtydligande",
        "Bilagor",
        "Kopia av inkassokravet daterat 2026-03-02",
        "Uppsägning med underrättelse om återvinning daterad 2026-03-13",
        "Kopia av underrättelsen till socialnämnden daterad 2026-03-13",
    )


def test_application_for_a_company_tenant_uses_its_organisationsnummer(rendered):
    text = text_of(rendered, "lokal", K.APPLICATION)
    assert_all(text, "Frisörsalongen Lugna Gatan AB Organisationsnummer 556123-4567", "Verkställighet")
    assert "socialnämnden" not in text.lower()


def test_debtor_info_tells_what_was_done_and_what_follows(rendered):
    text = text_of(rendered, "bostadsratt", K.DEBTOR_INFO)
    assert_all(
        text,
        "Den 13 mars 2026 ansökte vi hos Kronofogden om betalningsföreläggande och avhysning",
        "Den 13 mars 2026 underrättade vi socialnämnden i Exempelstads kommun",
        "tio dagar",
        "återvinning av utslaget",
        # lag (1990:746) 50 §: one month from the day the utslag was given, not from when it reached the debtor
        "inom en månad från den dag då utslaget meddelades",
        "betala 13 550,00 kr inom tre veckor",
        "tredje vardagen",
        # interest to 16 March: 1,33 + 54,48 + 35,86 (3 850 kr, 34 days) + 59,79 (4 850 kr, 45 days)
        # + 22,59 (4 850 kr, 17 days) = 174,05; fees 180 + 300 + 380 + 420 = 1 280
        "Ränta till och med 2026-03-16 174,05 kr",
        "Att betala 15 004,05 kr",
        "Budget- och skuldrådgivningen i Exempelstads kommun",
    )


def test_service_instruction_says_what_to_serve_on_whom_and_how_to_report(rendered):
    text = text_of(rendered, "bostadsratt", K.SERVICE_INSTRUCTION)
    assert_all(
        text,
        "Delgivningsuppdrag",
        "Delgivningsbyrån i Mälardalen AB",
        "Den som ska delges Namn Tolvan Tolvansson Personnummer 19121212-1212",
        "Uppsägning med underrättelse om återvinning daterad 2026-03-13 (formulär 1 i förordningen (2003:37))",
        "32 § delgivningslagen",
        "35, 36 och 38 §§",
        "2026-03-24 Ingen öppnade; lapp lämnad",
        "senast 13 april 2026",
        "Er referens Uppdr 881",
    )


def test_board_decision_is_one_page_with_options_and_minutes(rendered):
    from pypdf import PdfReader
    import io

    for case in ("bostadsratt", "hyresratt", "lokal"):
        assert len(PdfReader(io.BytesIO(rendered[(case, K.BOARD_DECISION)])).pages) == 1, case
    text = text_of(rendered, "bostadsratt", K.BOARD_DECISION)
    assert_all(
        text,
        "Återvinningsfristen gick ut 23 april 2026 utan att 13 550,00 kr betalades",
        "tidigast 28 april 2026",
        "2026-03-02 Inkassokrav skickat",
        "2026-04-02 Uppsägningen delgiven",
        "2026-04-23 Återvinningsfristen gick ut",
        "Att betala",
        "Grundavgift 600,00 kr",
        "amorteringsplan",
        "Tvångsförsäljning",
        "Hushållet: 3 vuxna och inga barn",
        "Riskbedömning: Risk: hög (72 av 100)",
        "Förslag till protokollstext",
        "Styrelsen beslutade att begära att Kronofogden verkställer avhysningen från lägenhet 1203",
    )
    assert "19121212" not in text
    hyres = text_of(rendered, "hyresratt", K.BOARD_DECISION)
    assert "Tvångsförsäljning" not in hyres
    assert "Det finns barn i hushållet" in hyres
    premises = text_of(rendered, "lokal", K.BOARD_DECISION)
    assert_all(premises, "avhysning från lokal L3", "om hyresvärden ska begära", "Hyresgästen måste flytta")
    assert "Hushåll" not in premises


def test_cohabitant_letter_names_no_debt_and_no_personnummer(rendered):
    text = text_of(rendered, "bostadsratt", K.COHABITANT)
    assert_all(text, "Maja Exempel", "Meddelande till dig som bor i lägenhet 1203",
               "beslutade den 24 april 2026", "27 maj 2026", "egen rätt att bo kvar", "Socialtjänsten")
    # the debt is not the cohabitant's business: no amount, and the holders are not named
    assert " kr" not in text
    assert "Tolvan" not in text and "Tolva " not in text


def test_enforcement_request(rendered):
    text = text_of(rendered, "bostadsratt", K.ENFORCEMENT_REQUEST)
    assert_all(text, "Begäran om verkställighet", "mål nr KFM 26-123456-78", "Personnummer 19121212-1212",
               "Protokoll 2026-04-24 § 7", "Utslag meddelat 2026-04-30", "beslutade om detta den 24 april 2026",
               "Grundavgift för verkställighet (debiterad 2026-05-04) 600,00 kr", "Maja Exempel")


def test_withdrawal_after_recovery_keeps_the_payment_order(rendered):
    text = text_of(rendered, "bostadsratt", K.WITHDRAWAL)
    assert_all(text, "Återkallelse av ansökan om avhysning", "mål nr KFM 26-123456-78",
               "Svaranden betalade 13 550,00 kr den 20 april 2026, inom återvinningsfristen",
               "7 kap. 23 § bostadsrättslagen", "Ansökan om betalningsföreläggande står kvar",
               "Obetalt kapital 0,00 kr", "Kopia till: Tolvan Tolvansson; Tolva Tolvansson")


def test_payment_plan_has_schedule_and_both_signatures(rendered):
    ctx = letter_context("bostadsratt", K.PAYMENT_PLAN)
    plan = ctx.payment_plan
    text = text_of(rendered, "bostadsratt", K.PAYMENT_PLAN)
    assert plan.debt_ore == ctx.settlement.total_ore
    assert sum(i.amount_ore for i in plan.schedule) == plan.debt_ore
    assert_all(text, "Amorteringsplan", "Planen omfattar hela skulden", "Avgift för amorteringsplan",
               "170,00 kr", "6 delbetalningar", "första gången senast 28 maj 2026",
               "sista gången senast 28 oktober 2026", "För Brf Solrosen", "Gäldenär Ort och datum", "Tolva Tolvansson",
               "två likalydande exemplar", "Ort och datum", "Namnförtydligande")
    for instalment in plan.schedule:
        assert f"{instalment.number} {instalment.due_date.isoformat()}" in text


def test_payment_plan_fee_needs_a_plan_covering_the_whole_debt():
    ctx = letter_context("bostadsratt", K.PAYMENT_PLAN)
    short = dataclasses.replace(ctx.payment_plan, schedule=ctx.payment_plan.schedule[:-1])
    with pytest.raises(DocumentError, match="hela skulden"):
        compose(K.PAYMENT_PLAN, dataclasses.replace(ctx, payment_plan=short))


def test_objection_reply_rejecting_and_accepting(rendered):
    rejected = text_of(rendered, "bostadsratt", K.OBJECTION_REPLY)
    assert_all(rejected, "Svar på er invändning", "den 6 mars 2026", "Jag har redan betalat 1 000 kr",
               "Inbetalningen på 1 000,00 kr den 10 februari 2026 är registrerad", "Kravet står kvar",
               "tingsrätten")
    accepted = text_of(rendered, "hyresratt", K.OBJECTION_REPLY)
    assert_all(accepted, "Du har rätt i din invändning", "Vi har därför krediterat 180,00 kr",
               "Att betala 18 397,50 kr")  # 18 250 capital + 147,50 interest to 14 August, no fee
    assert "Inkassoavgift (debiterad" not in accepted


@pytest.mark.parametrize("case, years", [("bostadsratt", "tio år"), ("hyresratt", "tre år"), ("lokal", "tio år")])
def test_limitation_reminder_interrupts_limitation(rendered, case, years):
    text = text_of(rendered, case, K.LIMITATION_REMINDER)
    ocr = letter_context(case, K.LIMITATION_REMINDER).ocr
    assert_all(text, "Påminnelse om skuld", "5 § preskriptionslagen (1981:130)", f"ny preskriptionstid på {years}",
               "Att betala", "Bankgiro", ocr)


def test_pledgee_notice(rendered):
    text = text_of(rendered, "bostadsratt", K.PLEDGEE_NOTICE)
    assert_all(text, "Exempelbanken AB", "Er referens Pant 55-1203", "panthavare i bostadsrätten till lägenhet nr 1203",
               "Föreningen har den 13 mars 2026 sagt upp", "8 kap. bostadsrättslagen", "Att betala")


def test_forced_sale(rendered):
    text = text_of(rendered, "bostadsratt", K.FORCED_SALE)
    assert_all(text, "Begäran om tvångsförsäljning av bostadsrätt", "Bostadsrättshavare Namn Tolvan Tolvansson",
               "Personnummer 19121212-1212", "avhysning 2026-05-27", "8 kap. bostadsrättslagen",
               "Känd panthavare Namn Exempelbanken AB", "Lägenhetsnummer (Lantmäteriet) 1102")


@pytest.mark.parametrize("case", sorted(NOT_APPLICABLE))
def test_documents_that_do_not_apply_are_refused(case):
    for kind in NOT_APPLICABLE[case]:
        ctx = HR_CASE.context(date(2026, 9, 1)) if case == "hyresratt" else letter_context(case, K.DEMAND)
        with pytest.raises(DocumentError):
            compose(kind, ctx)


def test_application_waits_until_the_demand_deadline_has_passed():
    # IkL 6 §: the demand of 2 March gave until Tuesday 10 March; on that day no application may be made
    on_deadline = BRF_CASE.context(date(2026, 3, 10))
    with pytest.raises(DocumentError, match="inkassolagen 6 §"):
        compose(K.APPLICATION, on_deadline)
    next_day = BRF_CASE.context(date(2026, 3, 11))
    filed = dataclasses.replace(next_day, dates=dataclasses.replace(next_day.dates, filed=date(2026, 3, 11)))
    assert compose(K.APPLICATION, filed).title.startswith("Ansökan")
