"""Limitation (preskription) of a case's claims: preskriptionslagen (1981:130) and JB 12:61.

Per claim from its due date, restarted by the latest interruption: a written demand or reminder (we
count the sending day – earlier than receipt, so never too late), a payment (payment-order date), a
written payment plan (an acknowledgement) or a filing. For a lease, after the tenant moved out, JB 12:61
also requires a filing within two years; a letter does not interrupt that.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.domain.arrears import CapitalHistory
from app.domain.calendar import add_years
from app.domain.event import Event, EventKind
from app.domain.facts import CaseFacts, ClaimFact, PaymentFact
from app.domain.ids import ClaimId
from app.domain.tenure import ClaimKind, Tenure

GENERAL_YEARS = 10  # preskriptionslagen 2 § 1 st.
CONSUMER_YEARS = 3  # preskriptionslagen 2 § 2 st.: a business's claim on a consumer
LEASE_AFTER_MOVE_OUT_YEARS = 2  # JB 12:61

# Written demands and reminders that interrupt limitation (preskriptionslagen 5 § 2).
LETTER_KINDS = frozenset({EventKind.REMINDER_SENT, EventKind.DEMAND_SENT, EventKind.LIMITATION_REMINDER_SENT})

_INTERRUPTION_TEXT = {
    EventKind.REMINDER_SENT: "påminnelse skickad",
    EventKind.DEMAND_SENT: "inkassokrav skickat",
    EventKind.LIMITATION_REMINDER_SENT: "preskriptionsavbrytande påminnelse skickad",
    EventKind.PAYMENT_PLAN: "amorteringsplan (erkännande)",
    EventKind.FILED: "ansökan hos Kronofogden",
}


@dataclass(frozen=True)
class Limitation:
    date: date | None  # the earliest day an unpaid claim of the case becomes time-barred
    rule: str = ""  # Swedish: the rule and the interruption it counts from
    needs_filing: bool = False  # JB 12:61 binds: only a filing (e.g. a BF application) interrupts it
    claim_id: ClaimId | None = None  # the claim that sets the date


def claim_years(tenure: Tenure, kind: ClaimKind) -> int:
    """10 years for a bostadsrätt's årsavgift and for premises; 3 years for a consumer otherwise.

    Rent for a home, and anything not plainly årsavgift or premises, counts as a consumer claim:
    the shorter period is the safe one.
    """
    if tenure is Tenure.LOKAL:
        return GENERAL_YEARS
    if tenure is Tenure.BOSTADSRATT and kind is ClaimKind.AVGIFT:
        return GENERAL_YEARS
    return CONSUMER_YEARS


@dataclass(frozen=True)
class _Interruption:
    on: date
    text: str


def _latest_general(events: Iterable[Event], payments: Iterable[PaymentFact], as_of: date) -> _Interruption | None:
    """The latest interruption that concerns every claim of the case: letters, plans, filings, case payments."""
    best: _Interruption | None = None
    for event in events:
        if event.on <= as_of and (event.kind in LETTER_KINDS or event.kind in (EventKind.FILED, EventKind.PAYMENT_PLAN)):
            if best is None or event.on >= best.on:
                best = _Interruption(event.on, _INTERRUPTION_TEXT[event.kind])
    for payment in payments:
        if payment.claim_id is None and payment.order_date <= as_of and (best is None or payment.order_date > best.on):
            best = _Interruption(payment.order_date, "betalning (erkännande)")
    return best


def _claim_start(claim: ClaimFact, general: _Interruption | None, own: dict[ClaimId, date]) -> _Interruption:
    start = _Interruption(claim.due_date, "förfallodagen")
    if general is not None and general.on > start.on:
        start = general
    own_day = own.get(claim.claim_id)
    if own_day is not None and own_day > start.on:
        start = _Interruption(own_day, "betalning (erkännande)")
    return start


def limitation(facts: CaseFacts, money: CapitalHistory, as_of: date, extra_unpaid: Iterable[ClaimId] = ()) -> Limitation:
    """The case's limitation date: the earliest of its unpaid claims', and JB 12:61 after a move-out.

    `extra_unpaid`: claims whose capital is paid but whose interest is still owed.
    """
    events = [e for e in facts.events if e.on <= as_of]
    general = _latest_general(events, facts.payments, as_of)
    own: dict[ClaimId, date] = {}
    for payment in facts.payments:
        if payment.claim_id is not None and payment.order_date <= as_of:
            own[payment.claim_id] = max(payment.order_date, own.get(payment.claim_id, payment.order_date))
    extra = set(extra_unpaid)
    best: Limitation | None = None
    for claim in money.claims:
        if money.remaining(claim, as_of) <= 0 and claim.claim_id not in extra:
            continue
        start = _claim_start(claim, general, own)
        years = claim_years(facts.tenure, claim.kind)
        end = add_years(start.on, years)
        if best is None or best.date is None or end < best.date:
            best = Limitation(end, _general_rule(years, start, claim, filed=_filed(events)), False, claim.claim_id)
    if best is None:
        return Limitation(None)
    return _lease_rule(facts, events, best)


def _filed(events: list[Event]) -> bool:
    return any(e.kind is EventKind.FILED for e in events)


def _general_rule(years: int, start: _Interruption, claim: ClaimFact, filed: bool) -> str:
    if years == CONSUMER_YEARS:
        rule = "3 år (preskriptionslagen 2 § 2 st., konsumentfordran)"
        if filed:
            rule += "; gäller även efter Kronofogdens beslut (NJA 2022 s. 150)"
    else:
        rule = "10 år (preskriptionslagen 2 § 1 st.)"
    label = f"avi {claim.avi_number}" if claim.avi_number else "äldsta obetalda fordran"
    return f"{rule}, räknat från {start.on.isoformat()} ({start.text}) för {label}"


def _lease_rule(facts: CaseFacts, events: list[Event], general: Limitation) -> Limitation:
    """JB 12:61: a lease's claims must be filed within two years after the tenant moved out."""
    if not facts.tenure.is_lease or _filed(events):
        return general
    moved = [e.on for e in events if e.kind is EventKind.MOVED_OUT]
    if not moved:
        return general
    lease_end = add_years(moved[0], LEASE_AFTER_MOVE_OUT_YEARS)
    if general.date is not None and general.date <= lease_end:
        return general
    rule = (
        f"JB 12:61: talan ska väckas inom 2 år efter avflyttningen {moved[0].isoformat()} – "
        "endast en ansökan hos Kronofogden (eller stämning) avbryter, inte ett brev"
    )
    return Limitation(lease_end, rule, True, general.claim_id)
