"""Three realistic cases as letter contexts, built with the real domain settlement on each letter date.

- Brf Solrosen, bostadsrätt 1203 (two holders, a cohabitant, a pledgee): årsavgift Jan–Mar 2026.
- Fastighets AB Exempelgården, hyresrätt (one tenant, two children): rent Jul–Aug 2026 – the
  referensränta for H2 2026 is not in the table, so interest is provisional.
- Fastighets AB Exempelgården, lokal let to a hair salon company: rent Oct–Nov 2025.
Only Skatteverket test personnummer. Dates follow the PROCESS.md timeline on the 2025–2026 calendar.
"""
from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, timedelta
from decimal import Decimal

from pypdf import PdfReader

from app.documents import (
    Address,
    BoardInfo,
    CaseDates,
    Creditor,
    FeeLine,
    Household,
    KronofogdenInfo,
    LetterContext,
    ObjectionInfo,
    Organisation,
    PaymentPlanInfo,
    Person,
    ServiceInfo,
    Unit,
    WithdrawalInfo,
)
from app.domain.action import DocumentKind
from app.domain.allocation import settle
from app.domain.event import WithdrawalScope
from app.domain.facts import ClaimFact, FeeFact, FeeKind, PaymentFact
from app.domain.ids import ClaimId, FeeId, PaymentId
from app.domain.payment_plan import propose_plan, schedule
from app.domain.rates import RateTable, ReferenceRate
from app.domain.tenure import ClaimKind, Tenure

K = DocumentKind

RATES = RateTable.of(
    [
        ReferenceRate(date(2025, 1, 1), Decimal("3.00")),
        ReferenceRate(date(2025, 7, 1), Decimal("2.00")),
        ReferenceRate(date(2026, 1, 1), Decimal("2.00")),
    ]
)

BRF = Creditor(
    name="Brf Solrosen",
    orgnr="7696123459",
    address=Address("Solrosvägen 2", "123 45", "Exempelstad"),
    bankgiro="50501055",
    email="kassor@brfsolrosen.se",
    phone="08-123 456 78",
    contact_person="Karin Kassör",
    municipality="Exempelstad",
    signatory_title="Kassör",
)
LANDLORD = Creditor(
    name="Fastighets AB Exempelgården",
    orgnr="5566778899",
    address=Address("Storgatan 1", "411 01", "Göteborg"),
    bankgiro="1234566",
    email="hyra@exempelgarden.se",
    phone="031-70 80 90",
    contact_person="Per Förvaltare",
    municipality="Göteborg",
    signatory="Per Förvaltare",
    signatory_title="Förvaltare",
)

SOLROS_HOME = Address("Solrosvägen 12 lgh 1203", "123 45", "Exempelstad")
TOLVAN = Person("Tolvan Tolvansson", "191212121212", SOLROS_HOME, phone="070-123 45 67")
TOLVA = Person("Tolva Tolvansson", "199006022397", SOLROS_HOME)
COHABITANT = Person("Maja Exempel", "194408139089", SOLROS_HOME)
SVEN = Person("Sven Svensson", "198112189876", Address("Storgatan 5 lgh 1102", "411 01", "Göteborg"))
SALON = Person("Frisörsalongen Lugna Gatan AB", "5561234567", Address("Storgatan 3", "411 01", "Göteborg"))

SOCIAL_EXEMPELSTAD = Organisation(
    "Socialnämnden i Exempelstads kommun", Address("Box 100", "123 21", "Exempelstad"), attention="Att: Socialtjänsten"
)
SOCIAL_GBG = Organisation(
    "Socialnämnden Centrum, Göteborgs Stad", Address("Box 5048", "402 21", "Göteborg"), attention="Att: Vräkningsförebyggande"
)
BANK = Organisation("Exempelbanken AB", Address("Box 7", "101 20", "Stockholm"), attention="Att: Panter", reference="Pant 55-1203")
SERVER = Organisation("Delgivningsbyrån i Mälardalen AB", Address("Kungsgatan 9", "111 43", "Stockholm"), reference="Uppdr 881")


def _claims(kind: ClaimKind, amount: int, dues: list[tuple[date, date, str]], first_id: int) -> tuple[ClaimFact, ...]:
    out = []
    for n, (due, start, avi) in enumerate(dues):
        end = (date(start.year + (start.month == 12), start.month % 12 + 1, 1)) - timedelta(days=1)
        out.append(ClaimFact(ClaimId(first_id + n), due, amount, avi, kind, start, end))
    return tuple(out)


BR_CLAIMS = _claims(
    ClaimKind.AVGIFT, 485_000,
    [(date(2025, 12, 30), date(2026, 1, 1), "10231"), (date(2026, 1, 30), date(2026, 2, 1), "10244"),
     (date(2026, 2, 27), date(2026, 3, 1), "10257")],
    1,
)
HR_CLAIMS = _claims(
    ClaimKind.HYRA, 912_500,
    [(date(2026, 6, 30), date(2026, 7, 1), "2026-07-1102"), (date(2026, 7, 31), date(2026, 8, 1), "2026-08-1102")],
    11,
)
LOKAL_CLAIMS = _claims(
    ClaimKind.HYRA, 1_500_000,
    [(date(2025, 9, 30), date(2025, 10, 1), "L-2510"), (date(2025, 10, 31), date(2025, 11, 1), "L-2511")],
    21,
)


@dataclasses.dataclass(frozen=True)
class Case:
    """A case's recorded facts; `context(letter_date)` gives what a letter of that day may know."""

    creditor: Creditor
    debtors: tuple[Person, ...]
    unit: Unit
    claims: tuple[ClaimFact, ...]
    payments: tuple[PaymentFact, ...]
    fees: tuple[FeeFact, ...]
    events: dict[str, date]  # CaseDates field -> date it happened (or was set)
    ocr: str
    reference: str
    extra: dict

    def context(self, letter_date: date, **changes) -> LetterContext:
        fees = tuple(f for f in self.fees if f.charged_on <= letter_date)
        claims = tuple(c for c in self.claims if c.due_date <= letter_date)
        s = settle(claims, self.payments, fees, letter_date, RATES)
        open_fees = dict(s.fees)
        known = {k: v for k, v in self.events.items() if v <= letter_date}
        ev = self.events
        if "demand_sent" in known:
            known["payment_deadline"] = ev["payment_deadline"]
        if "served" in known and "social_notice" in known or ("served" in known and not self.unit.tenure.is_home):
            known["recovery_period_end"] = ev["recovery_period_end"]
            known["earliest_eviction_decision"] = ev["earliest_eviction_decision"]
        if "enforcement_requested" in ev and letter_date >= ev["enforcement_requested"]:
            known["eviction"] = ev["eviction"]
        known.pop("enforcement_requested", None)
        for name in ("limitation_date", "reply_by", "payment_deadline"):
            if name in changes:
                known[name] = changes.pop(name)
        known.setdefault("reply_by", letter_date + timedelta(days=14))
        known = {k: v for k, v in known.items() if k in {f.name for f in dataclasses.fields(CaseDates)}}
        base = LetterContext(
            creditor=self.creditor,
            debtors=self.debtors,
            unit=self.unit,
            claims=claims,
            settlement=s,
            fees=tuple(FeeLine(f.kind, open_fees[f.fee_id], f.charged_on) for f in fees),
            ocr=self.ocr,
            case_reference=self.reference,
            dates=CaseDates(letter_date=letter_date, **known),
            **self.extra,
        )
        return dataclasses.replace(base, **changes) if changes else base


def _fee(n: int, kind: FeeKind, amount: int, on: date) -> FeeFact:
    return FeeFact(FeeId(n), kind, amount, on)


BR_EVENTS = {
    "demand_sent": date(2026, 3, 2),
    "payment_deadline": date(2026, 3, 10),
    "filed": date(2026, 3, 13),
    "social_notice": date(2026, 3, 13),
    "served": date(2026, 4, 2),  # the Thursday before påsk (långfredag 3 April)
    "recovery_period_end": date(2026, 4, 23),
    "earliest_eviction_decision": date(2026, 4, 28),
    "board_decision": date(2026, 4, 24),
    "decision": date(2026, 4, 30),
    "enforcement_requested": date(2026, 5, 4),
    "eviction": date(2026, 5, 27),
    "evicted": date(2026, 5, 27),
    "limitation_date": date(2036, 3, 2),
}

BRF_CASE = Case(
    creditor=BRF,
    debtors=(TOLVAN, TOLVA),
    unit=Unit("1203", SOLROS_HOME, Tenure.BOSTADSRATT, 485_000, rooms=3, area_m2=Decimal("74.5"), official_number="1102"),
    claims=BR_CLAIMS,
    payments=(PaymentFact(PaymentId(1), 100_000, date(2026, 2, 10), date(2026, 2, 11)),),
    fees=(
        _fee(1, FeeKind.DEMAND, 18_000, date(2026, 3, 2)),
        _fee(2, FeeKind.KFM_APPLICATION, 30_000, date(2026, 3, 13)),
        _fee(3, FeeKind.OWN_WORK_PAYMENT_ORDER, 38_000, date(2026, 3, 13)),
        _fee(4, FeeKind.OWN_WORK_EVICTION, 42_000, date(2026, 3, 13)),
        _fee(5, FeeKind.ENFORCEMENT, 60_000, date(2026, 5, 4)),
    ),
    events=BR_EVENTS,
    ocr="700001290",
    reference="Ärende 2026-0012",
    extra=dict(
        recovery_amount_ore=3 * 485_000 - 100_000,
        household=Household(adults=3, children=0),
        cohabitants=(COHABITANT,),
        pledgee=BANK,
        social_services=SOCIAL_EXEMPELSTAD,
        kfm=KronofogdenInfo(case_number="KFM 26-123456-78"),
        service=ServiceInfo(SERVER, attempts=((date(2026, 3, 24), "Ingen öppnade; lapp lämnad"),)),
        board=BoardInfo(date(2026, 4, 24), True, "Protokoll 2026-04-24 § 7", "Risk: hög (72 av 100)"),
    ),
)

HR_EVENTS = {
    "demand_sent": date(2026, 8, 10),
    "payment_deadline": date(2026, 8, 18),
    "filed": date(2026, 8, 21),
    "social_notice": date(2026, 8, 21),
    "served": date(2026, 9, 7),
    "recovery_period_end": date(2026, 9, 28),
    "earliest_eviction_decision": date(2026, 10, 1),
    "board_decision": date(2026, 9, 29),
    "limitation_date": date(2029, 6, 30),
}

HR_CASE = Case(
    creditor=LANDLORD,
    debtors=(SVEN,),
    unit=Unit("1102", SVEN.address, Tenure.HYRESRATT, 912_500, rooms=2, area_m2=61),
    claims=HR_CLAIMS,
    payments=(),
    fees=(_fee(11, FeeKind.DEMAND, 18_000, date(2026, 8, 10)),),
    events=HR_EVENTS,
    ocr="700003494",
    reference="EG-2026-044",
    extra=dict(
        recovery_amount_ore=2 * 912_500,
        household=Household(adults=1, children=2),
        cohabitants=(Person("Lisa Svensson", "201212121212", SVEN.address),),
        social_services=SOCIAL_GBG,
        kfm=KronofogdenInfo(case_number="KFM 26-654321-01", enforcement_wanted=True),
        service=ServiceInfo(SERVER, documents=("Uppsägning med underrättelse om återvinning daterad 2026-08-21 (3 sidor)",)),
        board=BoardInfo(date(2026, 9, 29)),
    ),
)

LOKAL_EVENTS = {
    "demand_sent": date(2025, 11, 10),
    "payment_deadline": date(2025, 11, 18),
    "filed": date(2025, 11, 21),
    "served": date(2025, 11, 27),
    "recovery_period_end": date(2025, 12, 11),
    "earliest_eviction_decision": date(2025, 12, 16),
    "board_decision": date(2025, 12, 12),
    "limitation_date": date(2035, 9, 30),
}

LOKAL_CASE = Case(
    creditor=LANDLORD,
    debtors=(SALON,),
    unit=Unit("L3", SALON.address, Tenure.LOKAL, 1_500_000, area_m2=48, description="frisörsalong"),
    claims=LOKAL_CLAIMS,
    payments=(PaymentFact(PaymentId(21), 250_000, date(2025, 10, 20), date(2025, 10, 21)),),
    fees=(_fee(21, FeeKind.DEMAND, 18_000, date(2025, 11, 10)),),
    events=LOKAL_EVENTS,
    ocr="700005697",
    reference="EG-2025-090",
    extra=dict(
        recovery_amount_ore=2 * 1_500_000 - 250_000,
        kfm=KronofogdenInfo(case_number="KFM 25-777777-77"),
        service=ServiceInfo(SERVER),
        board=BoardInfo(date(2025, 12, 12)),
    ),
)

CASES = {"bostadsratt": BRF_CASE, "hyresratt": HR_CASE, "lokal": LOKAL_CASE}

# The day each document is written in each case (PROCESS.md timeline).
LETTER_DAYS = {
    "bostadsratt": {
        K.REMINDER: date(2026, 1, 12), K.DEMAND: date(2026, 3, 2), K.TERMINATION: date(2026, 3, 13),
        K.SOCIAL_NOTICE: date(2026, 3, 13), K.APPLICATION: date(2026, 3, 13), K.PLEDGEE_NOTICE: date(2026, 3, 13),
        K.DEBTOR_INFO: date(2026, 3, 16), K.SERVICE_INSTRUCTION: date(2026, 3, 30),
        K.OBJECTION_REPLY: date(2026, 3, 9), K.BOARD_DECISION: date(2026, 4, 24), K.COHABITANT: date(2026, 5, 4),
        K.ENFORCEMENT_REQUEST: date(2026, 5, 4), K.WITHDRAWAL: date(2026, 4, 22), K.PAYMENT_PLAN: date(2026, 4, 27),
        K.FORCED_SALE: date(2026, 6, 8), K.LIMITATION_REMINDER: date(2035, 12, 3),
    },
    "hyresratt": {
        K.REMINDER: date(2026, 7, 13), K.DEMAND: date(2026, 8, 10), K.TERMINATION: date(2026, 8, 21),
        K.SOCIAL_NOTICE: date(2026, 8, 21), K.APPLICATION: date(2026, 8, 21), K.DEBTOR_INFO: date(2026, 8, 24),
        K.SERVICE_INSTRUCTION: date(2026, 9, 7), K.OBJECTION_REPLY: date(2026, 8, 14),
        K.BOARD_DECISION: date(2026, 9, 29), K.COHABITANT: date(2026, 10, 5), K.ENFORCEMENT_REQUEST: date(2026, 10, 5),
        K.WITHDRAWAL: date(2026, 9, 25), K.PAYMENT_PLAN: date(2026, 9, 1), K.LIMITATION_REMINDER: date(2029, 3, 1),
    },
    "lokal": {
        K.REMINDER: date(2025, 10, 13), K.DEMAND: date(2025, 11, 10), K.TERMINATION: date(2025, 11, 21),
        K.APPLICATION: date(2025, 11, 21), K.DEBTOR_INFO: date(2025, 11, 24), K.SERVICE_INSTRUCTION: date(2025, 11, 24),
        K.OBJECTION_REPLY: date(2025, 11, 14), K.BOARD_DECISION: date(2025, 12, 12),
        K.ENFORCEMENT_REQUEST: date(2025, 12, 17), K.WITHDRAWAL: date(2025, 12, 8), K.PAYMENT_PLAN: date(2025, 12, 1),
        K.LIMITATION_REMINDER: date(2035, 6, 1),
    },
}

NOT_APPLICABLE = {
    "hyresratt": {K.PLEDGEE_NOTICE, K.FORCED_SALE},
    "lokal": {K.PLEDGEE_NOTICE, K.FORCED_SALE, K.SOCIAL_NOTICE, K.COHABITANT},
}


def letter_context(case_name: str, kind: DocumentKind) -> LetterContext:
    """The context the services would build for `kind` on its day in the case."""
    case = CASES[case_name]
    day = LETTER_DAYS[case_name][kind]
    if kind is K.REMINDER:
        return case.context(day, payment_deadline=day + timedelta(days=10))
    if kind is K.OBJECTION_REPLY:
        return _objection(case, day)
    if kind is K.WITHDRAWAL:
        return _withdrawal(case, day)
    if kind is K.PAYMENT_PLAN:
        return _plan(case, day)
    if kind is K.LIMITATION_REMINDER:
        return case.context(day, payment_deadline=day + timedelta(days=14))
    return case.context(day)


def _objection(case: Case, day: date) -> LetterContext:
    grounded = case is HR_CASE
    info = ObjectionInfo(
        received_on=day - timedelta(days=3),
        statement="Jag har redan betalat 1 000 kr i februari och anser att kravet är för högt."
        if not grounded else "Inkassoavgiften är fel, jag fick aldrig någon avi för juli.",
        grounded=grounded,
        reply="Vi har gått igenom kontoutdragen. Inbetalningen på 1 000,00 kr den 10 februari 2026 är registrerad "
        "och avräknad från januariavgiften. Kravet ovan gäller det som återstår efter den betalningen.\n\n"
        "Avierna för januari–mars skickades till lägenhetens adress den 1 december 2025."
        if not grounded else "Avin för juli skickades till fel adress efter ert byte av lägenhet. Vi stryker "
        "därför inkassoavgiften.",
        credited_ore=18_000 if grounded else 0,
    )
    if grounded:  # the inkassoavgift is struck: the services remove the fee before the reply is written
        case = dataclasses.replace(case, fees=tuple(f for f in case.fees if f.kind is not FeeKind.DEMAND))
    return case.context(day, objection=info, payment_deadline=day + timedelta(days=14))


def _withdrawal(case: Case, day: date) -> LetterContext:
    rec = case.extra["recovery_amount_ore"]
    paid_on = day - timedelta(days=2)
    paid = dataclasses.replace(
        case, payments=case.payments + (PaymentFact(PaymentId(99), rec, paid_on, paid_on + timedelta(days=1)),)
    )
    return paid.context(day, withdrawal=WithdrawalInfo(WithdrawalScope.EVICTION, paid_on, rec))


def _plan(case: Case, day: date) -> LetterContext:
    with_fee = dataclasses.replace(case, fees=case.fees + (_fee(90, FeeKind.PAYMENT_PLAN, 17_000, day),))
    ctx = with_fee.context(day)
    debt = ctx.settlement.total_ore
    terms = propose_plan(debt, 6, date(day.year + (day.month == 12), day.month % 12 + 1, 28))
    info = PaymentPlanInfo(terms, schedule(terms), debt_ore=debt, fee_ore=17_000)
    return dataclasses.replace(ctx, payment_plan=info)


def all_cases() -> list[tuple[str, DocumentKind]]:
    return [(name, kind) for name in CASES for kind in LETTER_DAYS[name]]


def pdf_text(pdf: bytes) -> str:
    """Text of all pages, whitespace normalised (non-breaking spaces become spaces)."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \u00a0\t]+", " ", text)


def flat(text: str) -> str:
    """All whitespace (line breaks too) as single spaces – for phrases that may wrap."""
    return re.sub(r"\s+", " ", text)
