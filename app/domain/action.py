"""The kinds of due action and the documents they produce (CLI.md names)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.event import EventKind


class DocumentKind(StrEnum):
    REMINDER = "reminder"
    DEMAND = "demand"
    TERMINATION = "termination"
    SOCIAL_NOTICE = "social-notice"
    APPLICATION = "application"
    DEBTOR_INFO = "debtor-info"
    SERVICE_INSTRUCTION = "service-instruction"
    BOARD_DECISION = "board-decision"
    COHABITANT = "cohabitant"
    ENFORCEMENT_REQUEST = "enforcement-request"
    WITHDRAWAL = "withdrawal"
    PAYMENT_PLAN = "payment-plan"
    OBJECTION_REPLY = "objection-reply"
    LIMITATION_REMINDER = "limitation-reminder"
    PLEDGEE_NOTICE = "pledgee-notice"
    FORCED_SALE = "forced-sale"

    @property
    def label(self) -> str:
        return DOCUMENT_LABELS[self]


DOCUMENT_LABELS: dict[DocumentKind, str] = {
    DocumentKind.REMINDER: "Betalningspåminnelse",
    DocumentKind.DEMAND: "Inkassokrav",
    DocumentKind.TERMINATION: "Uppsägning med underrättelse om återvinning",
    DocumentKind.SOCIAL_NOTICE: "Underrättelse till socialnämnden",
    DocumentKind.APPLICATION: "Ansökan om betalningsföreläggande och handräckning",
    DocumentKind.DEBTOR_INFO: "Information till gäldenären",
    DocumentKind.SERVICE_INSTRUCTION: "Delgivningsuppdrag",
    DocumentKind.BOARD_DECISION: "Underlag för styrelsebeslut",
    DocumentKind.COHABITANT: "Meddelande till sambo",
    DocumentKind.ENFORCEMENT_REQUEST: "Begäran om verkställighet",
    DocumentKind.WITHDRAWAL: "Återkallelse av avhysning",
    DocumentKind.PAYMENT_PLAN: "Amorteringsplan",
    DocumentKind.OBJECTION_REPLY: "Svar på bestridande",
    DocumentKind.LIMITATION_REMINDER: "Påminnelse om skuld (preskriptionsavbrott)",
    DocumentKind.PLEDGEE_NOTICE: "Underrättelse till panthavare",
    DocumentKind.FORCED_SALE: "Begäran om tvångsförsäljning",
}


class ActionKind(StrEnum):
    SEND_DEMAND = "send-demand"
    SCORE = "score"
    FILE_APPLICATION = "file-application"
    NOTIFY_SOCIAL_SERVICES = "notify-social-services"
    INFORM_DEBTOR = "inform-debtor"
    FOLLOW_SERVICE = "follow-service"
    BOARD_DECISION = "board-decision"
    NOTIFY_COHABITANT = "notify-cohabitant"
    REQUEST_ENFORCEMENT = "request-enforcement"
    WITHDRAW_EVICTION = "withdraw-eviction"
    REPLY_OBJECTION = "reply-objection"
    CHECK_PAYMENT_PLAN = "check-payment-plan"
    RESCORE = "rescore"
    LIMITATION_REMINDER = "limitation-reminder"
    NOTIFY_PLEDGEE = "notify-pledgee"
    RETRY_COLLECTION = "retry-collection"  # surveillance: the risk band dropped – try collecting again
    REFUND_CREDIT = "refund-credit"  # an overpayment waits to be paid back
    CLOSE_CASE = "close-case"  # paid in full with nothing left at Kronofogden

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[ActionKind, str] = {
    ActionKind.SEND_DEMAND: "Skicka inkassokrav",
    ActionKind.SCORE: "Gör riskbedömning",
    ActionKind.FILE_APPLICATION: "Ansök hos Kronofogden och säg upp",
    ActionKind.NOTIFY_SOCIAL_SERVICES: "Underrätta socialnämnden",
    ActionKind.INFORM_DEBTOR: "Informera gäldenären",
    ActionKind.FOLLOW_SERVICE: "Följ upp delgivningen",
    ActionKind.BOARD_DECISION: "Styrelsen beslutar om avhysning",
    ActionKind.NOTIFY_COHABITANT: "Uppmana sambo att flytta",
    ActionKind.REQUEST_ENFORCEMENT: "Begär verkställighet",
    ActionKind.WITHDRAW_EVICTION: "Återkalla avhysningen",
    ActionKind.REPLY_OBJECTION: "Svara på bestridandet",
    ActionKind.CHECK_PAYMENT_PLAN: "Kontrollera amorteringsplanen",
    ActionKind.RESCORE: "Gör ny riskbedömning",
    ActionKind.LIMITATION_REMINDER: "Avbryt preskriptionen",
    ActionKind.NOTIFY_PLEDGEE: "Underrätta panthavaren",
    ActionKind.RETRY_COLLECTION: "Försök driva in igen",
    ActionKind.REFUND_CREDIT: "Betala tillbaka överskott",
    ActionKind.CLOSE_CASE: "Avsluta ärendet",
}


@dataclass(frozen=True)
class DueAction:
    action: ActionKind
    due_date: date
    reason: str  # Swedish: why it is due, citing the rule
    document: DocumentKind | None = None  # what to produce for it
    completes_with: EventKind | None = None  # the event that records it done

    def overdue_days(self, as_of: date) -> int:
        return max(0, (as_of - self.due_date).days)


# The event that sending (or, for filings, submitting) a document records. The board-decision packet
# records nothing by itself: the board's answer is recorded as its own event.
DOCUMENT_EVENT: dict[DocumentKind, EventKind | None] = {
    DocumentKind.REMINDER: EventKind.REMINDER_SENT,
    DocumentKind.DEMAND: EventKind.DEMAND_SENT,
    DocumentKind.TERMINATION: None,  # sent with the application; service is recorded as `served`
    DocumentKind.SOCIAL_NOTICE: EventKind.SOCIAL_NOTIFIED,
    DocumentKind.APPLICATION: EventKind.FILED,
    DocumentKind.DEBTOR_INFO: EventKind.DEBTOR_INFORMED,
    DocumentKind.SERVICE_INSTRUCTION: EventKind.SERVICE_STARTED,
    DocumentKind.BOARD_DECISION: None,
    DocumentKind.COHABITANT: EventKind.COHABITANT_NOTIFIED,
    DocumentKind.ENFORCEMENT_REQUEST: EventKind.ENFORCEMENT_REQUESTED,
    DocumentKind.WITHDRAWAL: EventKind.WITHDRAWN,
    DocumentKind.PAYMENT_PLAN: EventKind.PAYMENT_PLAN,
    DocumentKind.OBJECTION_REPLY: EventKind.OBJECTION_RESOLVED,
    DocumentKind.LIMITATION_REMINDER: EventKind.LIMITATION_REMINDER_SENT,
    DocumentKind.PLEDGEE_NOTICE: EventKind.PLEDGEE_NOTIFIED,
    DocumentKind.FORCED_SALE: EventKind.FORCED_SALE_REQUESTED,
}
