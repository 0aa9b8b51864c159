"""Events: the dated facts of a case (what really happened). Append-only; everything else is derived."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.ids import EventId


class EventKind(StrEnum):
    REMINDER_SENT = "reminder-sent"
    DEMAND_SENT = "demand-sent"
    OBJECTION = "objection"
    OBJECTION_RESOLVED = "objection-resolved"
    FILED = "filed"
    SOCIAL_NOTIFIED = "social-notified"
    DEBTOR_INFORMED = "debtor-informed"
    SERVICE_STARTED = "service-started"
    SERVICE_FAILED = "service-failed"
    SERVED = "served"
    BOARD_DECISION = "board-decision"
    COHABITANT_NOTIFIED = "cohabitant-notified"
    ENFORCEMENT_REQUESTED = "enforcement-requested"
    EVICTED = "evicted"
    ENFORCEMENT_CLOSED = "enforcement-closed"  # Kronofogden finished, or found nothing to distrain
    PLEDGEE_NOTIFIED = "pledgee-notified"
    FORCED_SALE_REQUESTED = "forced-sale-requested"
    PAYMENT_PLAN = "payment-plan"
    PAYMENT_PLAN_BROKEN = "payment-plan-broken"
    MOVED_OUT = "moved-out"
    LIMITATION_REMINDER_SENT = "limitation-reminder-sent"
    WITHDRAWN = "withdrawn"
    WRITTEN_OFF = "written-off"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.REMINDER_SENT: "Påminnelse skickad",
    EventKind.DEMAND_SENT: "Inkassokrav skickat",
    EventKind.OBJECTION: "Bestridande mottaget",
    EventKind.OBJECTION_RESOLVED: "Bestridande utrett",
    EventKind.FILED: "Ansökan till Kronofogden (betalningsföreläggande och avhysning), uppsägning",
    EventKind.SOCIAL_NOTIFIED: "Socialnämnden underrättad",
    EventKind.DEBTOR_INFORMED: "Gäldenären informerad",
    EventKind.SERVICE_STARTED: "Delgivning påbörjad",
    EventKind.SERVICE_FAILED: "Delgivningsförsök misslyckades",
    EventKind.SERVED: "Delgiven",
    EventKind.BOARD_DECISION: "Styrelsebeslut om avhysning",
    EventKind.COHABITANT_NOTIFIED: "Sambo uppmanad att flytta",
    EventKind.ENFORCEMENT_REQUESTED: "Verkställighet begärd",
    EventKind.EVICTED: "Avhysning verkställd",
    EventKind.ENFORCEMENT_CLOSED: "Verkställighet avslutad",
    EventKind.PLEDGEE_NOTIFIED: "Panthavare underrättad",
    EventKind.FORCED_SALE_REQUESTED: "Tvångsförsäljning begärd",
    EventKind.PAYMENT_PLAN: "Amorteringsplan upprättad",
    EventKind.PAYMENT_PLAN_BROKEN: "Amorteringsplan bruten",
    EventKind.MOVED_OUT: "Avflyttad",
    EventKind.LIMITATION_REMINDER_SENT: "Preskriptionsavbrytande påminnelse skickad",
    EventKind.WITHDRAWN: "Återkallad",
    EventKind.WRITTEN_OFF: "Avskriven",
}


class ServiceMethod(StrEnum):
    """How a document was served (delgivning) – a termination must be served, JB 12:8 / DelgL."""

    KRONOFOGDEN = "kronofogden"
    STAMNINGSMAN = "stamningsman"  # DelgL 32, 35, 36, 38 §§
    PERSONAL = "personlig"  # personal delivery with receipt
    REGISTERED_AND_COPY = "rekommenderat-och-kopia"  # JB 8:8: registered letter plus copy left at the home


class SendMethod(StrEnum):
    POST = "post"
    REGISTERED = "rekommenderat"
    EMAIL = "e-post"
    HAND = "hand"
    E_SERVICE = "e-tjanst"  # Kronofogden's e-service


class WithdrawalScope(StrEnum):
    EVICTION = "avhysning"  # only the eviction part (paid within the recovery period)
    ALL = "allt"


@dataclass(frozen=True)
class PaymentPlanTerms:
    """A written payment plan (amorteringsplan): equal monthly instalments from first_due, the remainder last."""

    first_due: date
    instalment_ore: int
    count: int
    interval_months: int = 1
    last_instalment_ore: int | None = None  # the last one carries the remainder; None = same as the others


@dataclass(frozen=True)
class Event:
    kind: EventKind
    on: date
    event_id: EventId | None = None
    method: str | None = None
    note: str = ""
    grounded: bool | None = None  # objection: a grounded objection pauses collection of that part
    decision: bool | None = None  # board-decision: yes (carry out eviction) / no
    disputed_ore: int | None = None  # objection: the disputed amount, None = all of it
    scope: WithdrawalScope | None = None  # withdrawn: eviction part only, or the whole case
    plan: PaymentPlanTerms | None = None  # payment-plan
    minutes_ref: str | None = None  # board-decision: protokollsreferens
    extra: tuple[tuple[str, str], ...] = field(default=())


METHOD_LABELS: dict[str, str] = {
    ServiceMethod.KRONOFOGDEN.value: "Kronofogden",
    ServiceMethod.STAMNINGSMAN.value: "Stämningsman",
    ServiceMethod.PERSONAL.value: "Personligen mot kvitto",
    ServiceMethod.REGISTERED_AND_COPY.value: "Rekommenderat brev och kopia i bostaden",
    SendMethod.POST.value: "Brev",
    SendMethod.REGISTERED.value: "Rekommenderat brev",
    SendMethod.EMAIL.value: "E-post",
    SendMethod.HAND.value: "Lämnat personligen",
    SendMethod.E_SERVICE.value: "Kronofogdens e-tjänst",
}


def method_label(code: str | None) -> str:
    """How something was sent or served, in Swedish; free text is shown as written."""
    if not code:
        return ""
    return METHOD_LABELS.get(code, code)
