"""The only input of a letter: frozen facts about the creditor, the recipients, the unit and the case.

Services build a `LetterContext` from the database; `compose()` never looks anywhere else. Dates are
facts already derived by the domain (deadlines, recovery period): the letters state them, they do
not compute them. Money is integer öre. A field a document needs but finds empty makes `compose()`
raise `MissingField` naming it – nothing is left blank silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from app.domain.allocation import Settlement
from app.domain.event import PaymentPlanTerms, WithdrawalScope
from app.domain.facts import ClaimFact, FeeKind
from app.domain.payment_plan import Instalment
from app.domain.tenure import Tenure


@dataclass(frozen=True)
class Address:
    street: str  # "Solrosvägen 12 lgh 1203" – one line, as on the envelope
    postcode: str  # "123 45"
    city: str  # "Exempelstad" (printed as given; Posten prefers capitals but accepts this)
    care_of: str = ""  # "c/o Andersson" – printed above the street when given

    def lines(self) -> tuple[str, ...]:
        first = (self.care_of,) if self.care_of else ()
        return (*first, self.street, f"{self.postcode} {self.city}".strip())

    def one_line(self) -> str:
        return ", ".join(self.lines())


@dataclass(frozen=True)
class Creditor:
    """The association (or landlord) that collects: letterhead, footer, payee and contact."""

    name: str
    orgnr: str  # 10 digits, with or without hyphen
    address: Address
    bankgiro: str  # 7–8 digits, with or without hyphen
    email: str = ""
    phone: str = ""
    contact_person: str = ""  # who answers questions ("Anna Kassör")
    municipality: str = ""  # the kommun where the property lies, without "kommun": "Exempelstad"
    signatory: str = ""  # who signs; defaults to contact_person
    signatory_title: str = ""  # "Kassör", "Ordförande"
    website: str = ""


@dataclass(frozen=True)
class Person:
    """A natural person: debtor (bostadsrättshavare/hyresgäst) or cohabitant."""

    name: str
    personnummer: str  # 12 digits; printed only in documents that need identification
    address: Address
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Organisation:
    """An organisation that receives a document: socialnämnden, Kronofogden, a bank, a stämningsman."""

    name: str
    address: Address
    attention: str = ""  # printed under the name in the address block: "Att: Försörjningsstöd"
    reference: str = ""  # their reference: målnummer, loan/pledge number, their case number
    email: str = ""
    phone: str = ""
    orgnr: str = ""


# Kronofogden's postal address for applications (kronofogden.se, verify): the default recipient.
KRONOFOGDEN = Organisation("Kronofogden", Address("Box 1050", "172 21", "Sundbyberg"))


@dataclass(frozen=True)
class Unit:
    """The flat or premises the claims belong to."""

    number: str  # the association's number ("1203"); for Kronofogden also `official_number`
    address: Address  # the unit's postal address
    tenure: Tenure
    monthly_charge_ore: int  # current månadsavgift / månadshyra
    rooms: int | None = None  # number of rooms (formulär 3 asks for the size)
    area_m2: Decimal | int | None = None
    kitchen: bool = True  # "3 rum och kök"
    official_number: str = ""  # Lantmäteriets lägenhetsnummer ("1102"), when known
    description: str = ""  # premises: what it is used for ("lokal för frisörverksamhet")


class FeeLine(NamedTuple):
    """One fee still outstanding on the letter date, with its kind's label (FeeKind.label)."""

    kind: FeeKind
    amount_ore: int
    charged_on: date


@dataclass(frozen=True)
class CaseDates:
    """Dates of the case as the domain derived or the user recorded them. Fill what is known."""

    letter_date: date  # the date printed on the document
    reminder_sent: date | None = None
    demand_sent: date | None = None  # K
    payment_deadline: date | None = None  # P: the demand's last day to pay and to object
    filed: date | None = None  # application to Kronofogden (usually also the termination date)
    termination: date | None = None  # date of the termination letter; defaults to `filed`
    social_notice: date | None = None  # S: social services notified
    served: date | None = None  # D: the termination was served
    recovery_period_end: date | None = None  # E = max(D, S) + 3 (2) weeks, next vardag
    earliest_eviction_decision: date | None = None  # 3rd vardag after E
    decision: date | None = None  # Kronofogden's utslag
    board_decision: date | None = None  # the board decided on eviction
    eviction: date | None = None  # the date Kronofogden set for the eviction, when known
    evicted: date | None = None  # the eviction was carried out (forced sale needs it)
    limitation_date: date | None = None  # the claim becomes time-barred on this date
    moved_out: date | None = None
    reply_by: date | None = None  # a date by which we ask for an answer (cohabitant, pledgee, server)

    @property
    def termination_date(self) -> date | None:
        return self.termination or self.filed


@dataclass(frozen=True)
class Household:
    """Who lives in the home (formulär 3; the board weighs children's interests)."""

    adults: int
    children: int


@dataclass(frozen=True)
class KronofogdenInfo:
    """What the application, enforcement request, withdrawal and forced-sale request need.

    Amounts are the current statutory figures (LAW.md, effective-dated data: pass them in).
    """

    case_number: str = ""  # Kronofogden's målnummer, once known
    eviction: bool = True  # the application also asks for vanlig handräckning (avhysning)
    enforcement_wanted: bool = False  # ask for enforcement directly if the decision goes our way
    transfer_to_court: bool = True  # if the debtor contests, send the case to tingsrätten
    application_fee_ore: int = 30_000  # förordning 1992:1094: one fee for BF + handräckning
    own_work_payment_order_ore: int = 38_000  # lag 1990:746 48 §
    own_work_eviction_ore: int = 42_000  # lag 1990:746 48 §
    enforcement_fee_ore: int = 60_000  # grundavgift för verkställighet
    claim_own_work: bool = True  # claim compensation for own work in the application


@dataclass(frozen=True)
class ServiceInfo:
    """A service assignment (delgivningsuppdrag) to a stämningsman or service company."""

    server: Organisation  # who is to serve
    documents: tuple[str, ...] = ()  # what to serve; default: the termination with recovery notice
    report_by: date | None = None  # when we need the proof of service; default dates.reply_by
    attempts: tuple[tuple[date, str], ...] = ()  # earlier failed attempts (date, what happened)


@dataclass(frozen=True)
class ObjectionInfo:
    """The debtor's objection (bestridande) and the association's answer after investigating it."""

    received_on: date
    statement: str  # what the debtor wrote, in short
    grounded: bool  # True: the debtor is right (wholly or in part); False: the claim stands
    reply: str  # the association's reasoning, written by the treasurer (required, non-empty)
    disputed_ore: int | None = None  # the disputed part; None = all of it
    credited_ore: int = 0  # what was struck or credited because the objection was right


@dataclass(frozen=True)
class BoardInfo:
    """The board meeting that decides on eviction (PROCESS.md, Beslut)."""

    meeting_date: date | None = None
    decision: bool | None = None  # yes = carry out the eviction
    minutes_ref: str = ""  # "Protokoll 2026-04-23 § 7"
    risk_summary: str = ""  # e.g. the score and band, in Swedish
    notes: str = ""
    plan_fee_cap_ore: int = 17_000  # the payment-plan fee cap in force (lag 1981:739 4 §; fee_caps.csv)


@dataclass(frozen=True)
class PaymentPlanInfo:
    """A written payment plan (amorteringsplan) covering the whole debt (lag 1981:739 4 §)."""

    terms: PaymentPlanTerms
    schedule: tuple[Instalment, ...]  # app.domain.payment_plan.schedule(terms)
    debt_ore: int  # the whole debt the plan covers, incl. the plan fee
    fee_ore: int = 0  # the plan fee charged (max 170 kr), already inside debt_ore
    interest_runs: bool = True  # dröjsmålsränta keeps running on unpaid capital during the plan


@dataclass(frozen=True)
class WithdrawalInfo:
    """Withdrawing (part of) the application, e.g. after the debtor recovered the home."""

    scope: WithdrawalScope
    paid_on: date | None = None  # when the recovery amount was paid (payment-order date)
    paid_ore: int = 0
    reason: str = ""  # free text when the reason is something else


@dataclass(frozen=True)
class LetterTexts:
    """User overrides: a whole template replaced (by template name, e.g. "demand"), and a free note."""

    templates: tuple[tuple[str, str], ...] = ()
    note: str = ""  # an extra paragraph printed before the signature, when given

    def template(self, name: str) -> str | None:
        return dict(self.templates).get(name)


@dataclass(frozen=True)
class LetterContext:
    """Everything any document of one case needs (see the field comments for who fills what).

    - `claims`: the case's claims (avier) due on the letter date, with their original amounts;
      `settlement` (settle() on the letter date over the same claims) gives what is unpaid of each
      and the interest lines. Claims not yet due do not belong in a letter.
    - `fees`: every fee outstanding on the letter date, including the one this letter charges (the
      inkassoavgift is charged on the demand date); their sum must equal `settlement.fees_ore`.
    - `recovery_amount_ore`: the exact capital that must be paid to recover the home (JB 12:44,
      BRL 7:23) – required by the termination, the social-services notice and letters citing it.
    """

    creditor: Creditor
    debtors: tuple[Person, ...]
    unit: Unit
    claims: tuple[ClaimFact, ...]
    settlement: Settlement
    ocr: str  # the case's own OCR reference (Bankgiro)
    case_reference: str  # "Ärende 2026-0012": printed as "Vår referens"
    dates: CaseDates
    fees: tuple[FeeLine, ...] = ()
    recovery_amount_ore: int | None = None
    household: Household | None = None
    cohabitants: tuple[Person, ...] = ()
    pledgee: Organisation | None = None  # the bank holding a pledge in the bostadsrätt
    social_services: Organisation | None = None  # "Socialnämnden i Exempelstads kommun"
    kronofogden: Organisation = KRONOFOGDEN
    kfm: KronofogdenInfo = field(default_factory=KronofogdenInfo)
    service: ServiceInfo | None = None
    objection: ObjectionInfo | None = None
    board: BoardInfo | None = None
    payment_plan: PaymentPlanInfo | None = None
    withdrawal: WithdrawalInfo | None = None
    texts: LetterTexts = field(default_factory=LetterTexts)
    limitation_years: int | None = None  # None: 10 for bostadsrätt and premises, 3 for a rented home
    demand_days: int = 8  # days given to pay in the demand (IkL 5 §: at least 8)

    def __post_init__(self) -> None:
        # plain tuples are accepted for fee lines: (FeeKind, amount_ore, charged_on)
        object.__setattr__(self, "fees", tuple(FeeLine(*f) for f in self.fees))
        if not self.debtors:
            raise ValueError("a letter context needs at least one debtor")
        listed = sum(f.amount_ore for f in self.fees)
        if listed != self.settlement.fees_ore:
            raise ValueError(
                f"fees listed ({listed} öre) differ from the settlement's outstanding fees "
                f"({self.settlement.fees_ore} öre)"
            )

    @property
    def tenure(self) -> Tenure:
        return self.unit.tenure

    @property
    def open_fees(self) -> tuple[FeeLine, ...]:
        return tuple(f for f in self.fees if f.amount_ore > 0)
