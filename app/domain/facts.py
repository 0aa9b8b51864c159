"""The recorded facts of one case, as frozen values: the input of every derivation."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.event import Event, EventKind
from app.domain.ids import CaseId, ClaimId, FeeId, PaymentId
from app.domain.tenure import ClaimKind, Tenure


class FeeKind(StrEnum):
    """Statutory fees, lag (1981:739) 4 §, förordning 1992:1094, lag 1990:746 48 §."""

    REMINDER = "paminnelse"
    DEMAND = "inkassokrav"
    PAYMENT_PLAN = "amorteringsplan"
    KFM_APPLICATION = "kfm-ansokan"
    OWN_WORK_PAYMENT_ORDER = "eget-arbete-bf"
    OWN_WORK_EVICTION = "eget-arbete-handrackning"
    ENFORCEMENT = "verkstallighet"

    @property
    def label(self) -> str:
        return FEE_LABELS[self]


FEE_LABELS = {
    FeeKind.REMINDER: "Påminnelseavgift",
    FeeKind.DEMAND: "Inkassoavgift",
    FeeKind.PAYMENT_PLAN: "Avgift för amorteringsplan",
    FeeKind.KFM_APPLICATION: "Ansökningsavgift Kronofogden",
    FeeKind.OWN_WORK_PAYMENT_ORDER: "Ersättning för eget arbete (betalningsföreläggande)",
    FeeKind.OWN_WORK_EVICTION: "Ersättning för eget arbete (handräckning)",
    FeeKind.ENFORCEMENT: "Grundavgift för verkställighet",
}


class AllocationOrder(StrEnum):
    CAPITAL_FIRST = "kapital-ranta-avgifter"  # default: cures forfeiture first (JB 12:43-44)
    FEES_FIRST = "avgifter-ranta-kapital"


@dataclass(frozen=True)
class ClaimFact:
    claim_id: ClaimId
    due_date: date
    amount_ore: int
    avi_number: str = ""
    kind: ClaimKind = ClaimKind.AVGIFT
    period_from: date | None = None
    period_to: date | None = None
    reference: str | None = None  # the avi's own OCR reference


@dataclass(frozen=True)
class PaymentFact:
    payment_id: PaymentId
    amount_ore: int
    order_date: date  # when the bank received the payment order – what the law looks at (JB 12:20)
    booking_date: date
    claim_id: ClaimId | None = None  # paid with that claim's own reference


@dataclass(frozen=True)
class FeeFact:
    fee_id: FeeId
    kind: FeeKind
    amount_ore: int
    charged_on: date


@dataclass(frozen=True)
class ScoreFact:
    on: date
    score: int
    band: str  # "lag" | "medel" | "hog"


@dataclass(frozen=True)
class CaseFacts:
    case_id: CaseId
    tenure: Tenure
    opened_on: date
    claims: tuple[ClaimFact, ...]
    payments: tuple[PaymentFact, ...] = ()
    fees: tuple[FeeFact, ...] = ()
    events: tuple[Event, ...] = ()  # in recorded order; undone events already removed
    scores: tuple[ScoreFact, ...] = ()
    has_cohabitant: bool = False
    has_pledgee: bool = False
    private_letting: bool = False  # privatuthyrningslagen: out of scope for this track
    monthly_charge_ore: int = 0

    def events_of(self, kind: EventKind) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind is kind)

    def last(self, kind: EventKind) -> Event | None:
        found = self.events_of(kind)
        return found[-1] if found else None


@dataclass(frozen=True)
class ProcessSettings:
    """Offsets of the timeline (PROCESS.md), in days after the demand was sent (K) unless named.

    `LEGAL_MINIMUMS` holds the floors that settings may not go below.
    """

    payment_days: int = 8  # K+8: at least 8 days from sending (IkL 5 §, IMY)
    score_day: int = 9
    file_day: int = 11
    inform_day: int = 12
    service_day: int = 26
    objection_reply_days: int = 14
    rescore_months: int = 6
    limitation_reminder_days: int = 90
    pledgee_notify_day: int = 11  # BRL: keep a setting (LAW.md: verify)
    allocation_order: AllocationOrder = AllocationOrder.CAPITAL_FIRST
    reminder_fee_agreed: bool = False  # lag 1981:739 4 §: only when agreed when the debt arose
    extra: tuple[tuple[str, str], ...] = field(default=())


LEGAL_MINIMUMS: dict[str, int] = {
    "payment_days": 8,
    "score_day": 9,  # after the deadline P
    "file_day": 9,  # IkL 6 §: not before the demand's deadline has passed
    "inform_day": 9,
    "service_day": 9,
    "objection_reply_days": 1,
    "rescore_months": 1,
    "limitation_reminder_days": 30,
    "pledgee_notify_day": 0,
}
