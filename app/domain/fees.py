"""Collection fees: effective-dated caps and the condition each fee needs before it may be charged.

Lag (1981:739) om ersättning för inkassokostnader m.m. 4 § (reminder, demand, payment plan),
förordning (1992:1094) (Kronofogden's fees) and lag (1990:746) 48 § (own work). LAW.md, Fees.
"""
from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.event import Event, EventKind
from app.domain.facts import CaseFacts, FeeKind, ProcessSettings
from app.domain.money import kronor_text
from app.domain.payment_plan import covers_whole_debt, debt_to_cover, plan_total
from app.domain.problem import Problem
from app.domain.rates import RateTable

# The rule each fee rests on, as users read it next to the figure.
FEE_RULES: dict[FeeKind, str] = {
    FeeKind.REMINDER: "lag (1981:739) om ersättning för inkassokostnader 4 §",
    FeeKind.DEMAND: "lag (1981:739) om ersättning för inkassokostnader 4 §",
    FeeKind.PAYMENT_PLAN: "lag (1981:739) om ersättning för inkassokostnader 4 §",
    FeeKind.KFM_APPLICATION: "förordning (1992:1094) om avgifter vid Kronofogdemyndigheten",
    FeeKind.OWN_WORK_PAYMENT_ORDER: "lag (1990:746) om betalningsföreläggande och handräckning 48 §",
    FeeKind.OWN_WORK_EVICTION: "lag (1990:746) om betalningsföreläggande och handräckning 48 §",
    FeeKind.ENFORCEMENT: "förordning (1992:1094) om avgifter vid Kronofogdemyndigheten",
}

# Which recorded event charges which fee (PROCESS.md, Money; LAW.md, Fees).
EVENT_FEES: dict[EventKind, FeeKind] = {
    EventKind.REMINDER_SENT: FeeKind.REMINDER,
    EventKind.DEMAND_SENT: FeeKind.DEMAND,
    EventKind.FILED: FeeKind.KFM_APPLICATION,
    EventKind.PAYMENT_PLAN: FeeKind.PAYMENT_PLAN,
    EventKind.ENFORCEMENT_REQUESTED: FeeKind.ENFORCEMENT,
}

# The event a fee needs before it, and the fee is charged at most once per such event.
_REQUIRED_EVENT: dict[FeeKind, EventKind] = {
    FeeKind.REMINDER: EventKind.REMINDER_SENT,
    FeeKind.DEMAND: EventKind.DEMAND_SENT,
    FeeKind.PAYMENT_PLAN: EventKind.PAYMENT_PLAN,
    FeeKind.KFM_APPLICATION: EventKind.FILED,
    FeeKind.OWN_WORK_PAYMENT_ORDER: EventKind.FILED,
    FeeKind.OWN_WORK_EVICTION: EventKind.FILED,
    FeeKind.ENFORCEMENT: EventKind.ENFORCEMENT_REQUESTED,
}

_MISSING_EVENT: dict[FeeKind, str] = {
    FeeKind.REMINDER: "ingen skriftlig betalningspåminnelse är registrerad",
    FeeKind.DEMAND: "inget skriftligt inkassokrav enligt inkassolagen 5 § är registrerat",
    FeeKind.PAYMENT_PLAN: "ingen skriftlig amorteringsplan med gäldenären är registrerad",
    FeeKind.KFM_APPLICATION: "ingen ansökan till Kronofogden är registrerad",
    FeeKind.OWN_WORK_PAYMENT_ORDER: "ingen ansökan till Kronofogden är registrerad",
    FeeKind.OWN_WORK_EVICTION: "ingen ansökan till Kronofogden är registrerad",
    FeeKind.ENFORCEMENT: "ingen begäran om verkställighet är registrerad",
}

_ALREADY_CHARGED: dict[FeeKind, str] = {
    FeeKind.REMINDER: "en påminnelseavgift är redan uttagen för samma skuld",
    FeeKind.DEMAND: "en inkassoavgift är redan uttagen för ett tidigare inkassokrav om samma skuld",
    FeeKind.PAYMENT_PLAN: "avgiften för den här amorteringsplanen är redan uttagen",
    FeeKind.KFM_APPLICATION: "ansökningsavgiften är redan uttagen – betalningsföreläggande och vanlig handräckning "
    "i samma ansökan ger en enda avgift",
    FeeKind.OWN_WORK_PAYMENT_ORDER: "ersättningen för eget arbete är redan uttagen för den här ansökan",
    FeeKind.OWN_WORK_EVICTION: "ersättningen för eget arbete är redan uttagen för den här ansökan",
    FeeKind.ENFORCEMENT: "grundavgiften är redan uttagen för den här begäran om verkställighet",
}


@dataclass(frozen=True)
class FeeCap:
    kind: FeeKind
    valid_from: date
    cap_ore: int
    source: str = ""


@dataclass(frozen=True)
class FeeSchedule:
    """The caps in force, each effective from its date until the next one of the same kind."""

    caps: tuple[FeeCap, ...]

    @classmethod
    def of(cls, caps: Iterable[FeeCap]) -> "FeeSchedule":
        return cls(tuple(sorted(caps, key=lambda c: (c.kind.value, c.valid_from))))

    def entry_on(self, kind: FeeKind, day: date) -> FeeCap | None:
        found = [c for c in self.caps if c.kind is kind and c.valid_from <= day]
        return max(found, key=lambda c: c.valid_from) if found else None

    def cap_on(self, kind: FeeKind, day: date) -> int | None:
        """The cap in öre on `day`, or None when no cap is known (then the fee may not be charged)."""
        entry = self.entry_on(kind, day)
        return entry.cap_ore if entry else None


def read_fee_caps(text: str) -> tuple[tuple[FeeCap, ...], tuple[Problem, ...]]:
    """Parse fee_caps.csv (kind,valid_from,cap_ore,source) given as text; rows or problems naming the line."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    if not rows or [h.strip() for h in rows[0]][:3] != ["kind", "valid_from", "cap_ore"]:
        return (), (Problem("fee_caps.header", "Avgiftstabellen ska börja med kind,valid_from,cap_ore,source."),)
    caps: list[FeeCap] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            kind = FeeKind(row[0].strip())
            valid_from = date.fromisoformat(row[1].strip())
            cap = int(row[2].strip())
            if cap < 0:
                raise ValueError(cap)
        except (ValueError, IndexError):
            problems.append(Problem("fee_caps.row", f"Avgiftstabellen, rad {number}: ogiltig rad ”{','.join(row)}”."))
            continue
        caps.append(FeeCap(kind, valid_from, cap, row[3].strip() if len(row) > 3 else ""))
    return tuple(caps), tuple(problems)


def check_setting_fee(kind: FeeKind, amount_ore: int, on: date, schedule: FeeSchedule) -> tuple[Problem, ...]:
    """A configured fee amount must lie between 0 and the cap in force on `on`."""
    if amount_ore < 0:
        return (Problem("fee.negative", f"{kind.label} kan inte vara negativ.", kind.value),)
    return _cap_problems(kind, amount_ore, on, schedule)


def _cap_problems(kind: FeeKind, amount_ore: int, on: date, schedule: FeeSchedule) -> tuple[Problem, ...]:
    cap = schedule.cap_on(kind, on)
    if cap is None:
        return (
            Problem(
                "fee.no_cap",
                f"Inget högsta belopp för {kind.label.lower()} är känt den {on.isoformat()} "
                f"({FEE_RULES[kind]}); avgiften kan inte tas ut.",
                kind.value,
            ),
        )
    if amount_ore > cap:
        return (
            Problem(
                "fee.over_cap",
                f"{kind.label} får vara högst {kronor_text(cap)} ({FEE_RULES[kind]}); "
                f"{kronor_text(amount_ore)} är för mycket.",
                kind.value,
            ),
        )
    return ()


def check_fee(
    kind: FeeKind,
    amount_ore: int,
    on: date,
    schedule: FeeSchedule,
    facts: CaseFacts,
    settings: ProcessSettings,
    *,
    rates: RateTable | None = None,
) -> tuple[Problem, ...]:
    """Problems that forbid charging this fee on `on`; empty when it may be charged.

    `facts` hold the fees charged so far, not this one. For a payment plan, `rates` lets the check
    include interest in the debt the plan must cover; without them interest is left out.
    """
    if amount_ore <= 0:
        return (Problem("fee.amount", f"{kind.label} måste vara ett positivt belopp.", kind.value),)
    problems = list(_cap_problems(kind, amount_ore, on, schedule))
    if kind is FeeKind.REMINDER and not settings.reminder_fee_agreed:
        problems.append(
            _rule_problem(
                kind,
                "fee.not_agreed",
                "den får bara tas ut om den avtalades när skulden uppkom, t.ex. i avtalet eller stadgarna "
                "(ändra inställningen om så är fallet)",
            )
        )
    if kind is FeeKind.OWN_WORK_EVICTION and not facts.tenure.has_eviction_track:
        problems.append(_rule_problem(kind, "fee.no_eviction", "ärendet har ingen avhysning att begära handräckning för"))
    trigger = _latest(facts, _REQUIRED_EVENT[kind], on)
    if trigger is None:
        problems.append(_rule_problem(kind, "fee.no_event", _MISSING_EVENT[kind]))
        return tuple(problems)
    if _already_charged(kind, trigger, on, facts):
        problems.append(_rule_problem(kind, "fee.already_charged", _ALREADY_CHARGED[kind]))
    if kind is FeeKind.PAYMENT_PLAN:
        problems.extend(_plan_problems(trigger, facts, settings, rates))
    return tuple(problems)


def fees_for_event(
    event: Event,
    facts: CaseFacts,
    schedule: FeeSchedule,
    settings: ProcessSettings,
    *,
    amounts: Mapping[FeeKind, int] | None = None,
    rates: RateTable | None = None,
) -> tuple[tuple[FeeKind, int], ...]:
    """The fees that recording `event` charges on its date: (kind, öre) pairs, each within its cap.

    The amount is the configured one (`amounts`, e.g. from the settings) or else the cap; a fee whose
    condition does not hold (see `check_fee`) is not charged. `facts` may or may not hold `event`.
    """
    kind = EVENT_FEES.get(event.kind)
    if kind is None:
        return ()
    cap = schedule.cap_on(kind, event.on)
    if cap is None:
        return ()
    amount = min(cap, amounts.get(kind, cap)) if amounts else cap
    if event not in facts.events:
        facts = dataclasses.replace(facts, events=facts.events + (event,))
    if check_fee(kind, amount, event.on, schedule, facts, settings, rates=rates):
        return ()
    return ((kind, amount),)


def _rule_problem(kind: FeeKind, code: str, reason: str) -> Problem:
    return Problem(code, f"{kind.label} kan inte tas ut: {reason} ({FEE_RULES[kind]}).", kind.value)


def _latest(facts: CaseFacts, kind: EventKind, on: date) -> Event | None:
    found = [e for e in facts.events if e.kind is kind and e.on <= on]
    return max(found, key=lambda e: e.on) if found else None


def _already_charged(kind: FeeKind, trigger: Event, on: date, facts: CaseFacts) -> bool:
    """Is a fee of this kind already charged for the event that triggers it?

    Reminder and demand: one fee per debt – an earlier fee still covers this letter unless a claim fell
    due after that fee was charged (then the new letter asks for a new debt). Good collection
    practice, inkassolagen 4 §. The others: at most one fee per triggering event (one filing, one plan,
    one enforcement request).
    """
    earlier = [f for f in facts.fees if f.kind is kind and f.charged_on <= on]
    if kind in (FeeKind.REMINDER, FeeKind.DEMAND):
        if not earlier:
            return False
        last_charged = max(f.charged_on for f in earlier)
        return not any(last_charged < c.due_date <= on for c in facts.claims)
    return any(f.charged_on >= trigger.on for f in earlier)


def _plan_problems(
    trigger: Event, facts: CaseFacts, settings: ProcessSettings, rates: RateTable | None
) -> list[Problem]:
    # lag 1981:739 4 §: only a written plan covering the whole debt earns the fee
    terms = trigger.plan
    if terms is None:
        return [_rule_problem(FeeKind.PAYMENT_PLAN, "fee.plan_terms", "planens belopp och förfallodagar saknas")]
    debt = debt_to_cover(facts, trigger.on, settings.allocation_order, rates)
    if covers_whole_debt(terms, debt):
        return []
    return [
        _rule_problem(
            FeeKind.PAYMENT_PLAN,
            "fee.plan_partial",
            f"planen omfattar {kronor_text(plan_total(terms))} men skulden är {kronor_text(debt)} – "
            "den måste omfatta hela skulden",
        )
    ]
