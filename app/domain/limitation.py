"""Limitation (preskription) of a case's claims: preskriptionslagen (1981:130) and JB 12:61.

Per claim from its due date, restarted by the latest interruption: a written demand or reminder (we
count the sending day – earlier than receipt, so never too late), a payment (payment-order date), a
written payment plan (an acknowledgement) or a filing. For a lease, after the tenant moved out, JB 12:61
also requires a filing within two years; a letter does not interrupt that.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.arrears import CapitalHistory
from app.domain.calendar import add_years
from app.domain.event import EventKind
from app.domain.facts import CaseFacts, ClaimFact
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


_INTERRUPTING = LETTER_KINDS | {EventKind.FILED, EventKind.PAYMENT_PLAN}
_PAYMENT_TEXT = "betalning (erkännande)"
_DUE_TEXT = "förfallodagen"


@dataclass
class _Scan:
    """One pass over a case's events and payments up to as_of: what interrupts, filings, the move-out."""

    general: tuple[date, str] | None = None  # the latest interruption for every claim of the case
    own: dict[ClaimId, date] = field(default_factory=dict)  # the latest own-reference payment per claim
    filed: bool = False
    moved_out: date | None = None


def _scan(facts: CaseFacts, as_of: date) -> _Scan:
    found = _Scan()
    for event in facts.events:
        if event.on > as_of:
            continue
        kind = event.kind
        if kind in _INTERRUPTING and (found.general is None or event.on >= found.general[0]):
            found.general = (event.on, _INTERRUPTION_TEXT[kind])
        if kind is EventKind.FILED:
            found.filed = True
        elif kind is EventKind.MOVED_OUT and found.moved_out is None:
            found.moved_out = event.on
    for payment in facts.payments:
        day = payment.order_date
        if day > as_of:
            continue
        if payment.claim_id is None:
            if found.general is None or day > found.general[0]:
                found.general = (day, _PAYMENT_TEXT)
        elif day > found.own.get(payment.claim_id, day - timedelta(days=1)):
            found.own[payment.claim_id] = day
    return found


def _claim_start(claim: ClaimFact, scan: _Scan) -> tuple[date, str]:
    start = (claim.due_date, _DUE_TEXT)
    if scan.general is not None and scan.general[0] > start[0]:
        start = scan.general
    own_day = scan.own.get(claim.claim_id)
    if own_day is not None and own_day > start[0]:
        start = (own_day, _PAYMENT_TEXT)
    return start


def limitation(
    facts: CaseFacts, money: CapitalHistory, as_of: date, extra_unpaid: Iterable[ClaimId] = ()
) -> Limitation:
    """The case's limitation date: the earliest of its unpaid claims', and JB 12:61 after a move-out.

    `extra_unpaid`: claims whose capital is paid but whose interest is still owed.
    """
    scan = _scan(facts, as_of)
    extra = set(extra_unpaid)
    best: tuple[date, int, tuple[date, str], ClaimFact] | None = None
    for claim in money.claims:
        if money.remaining(claim, as_of) <= 0 and claim.claim_id not in extra:
            continue
        start = _claim_start(claim, scan)
        years = claim_years(facts.tenure, claim.kind)
        end = add_years(start[0], years)
        if best is None or end < best[0]:
            best = (end, years, start, claim)
    if best is None:
        return Limitation(None)
    end, years, start, claim = best
    general = Limitation(end, _general_rule(years, start, claim, scan.filed), False, claim.claim_id)
    return _lease_rule(facts, scan, general)


def _general_rule(years: int, start: tuple[date, str], claim: ClaimFact, filed: bool) -> str:
    if years == CONSUMER_YEARS:
        rule = "3 år (preskriptionslagen 2 § 2 st., konsumentfordran)"
        if filed:
            rule += "; gäller även efter Kronofogdens beslut (NJA 2022 s. 150)"
    else:
        rule = "10 år (preskriptionslagen 2 § 1 st.)"
    label = f"avi {claim.avi_number}" if claim.avi_number else "äldsta obetalda fordran"
    return f"{rule}, räknat från {start[0].isoformat()} ({start[1]}) för {label}"


def _lease_rule(facts: CaseFacts, scan: _Scan, general: Limitation) -> Limitation:
    """JB 12:61: a lease's claims must be filed within two years after the tenant moved out."""
    moved = scan.moved_out
    if not facts.tenure.is_lease or scan.filed or moved is None:
        return general
    lease_end = add_years(moved, LEASE_AFTER_MOVE_OUT_YEARS)
    if general.date is not None and general.date <= lease_end:
        return general
    rule = (
        f"JB 12:61: talan ska väckas inom 2 år efter avflyttningen {moved.isoformat()} – "
        "endast en ansökan hos Kronofogden (eller stämning) avbryter, inte ett brev"
    )
    return Limitation(lease_end, rule, True, general.claim_id)
