"""The demo association: a fictional cooperative with cases in every stage and side state.

Every history is built through the same services and guards as real use (events are recorded on
their own date), with dates relative to `as_of`, so the demo is deterministic for a given day.
Only Skatteverket's published test personnummer are used.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import os
from pathlib import Path

import sqlalchemy as sa

from app.domain.calendar import add_months
from app.domain.event import Event, EventKind, PaymentPlanTerms, WithdrawalScope
from app.domain.tenure import ClaimKind, Tenure
from app.persistence import models as m
from app.services import association, cases, legal_data, payments, scoring
from app.services.clock import now_utc
from app.domain.problem import Refused
from app.persistence.db import database_exists, fold_wal, display_target, is_server_target
from app.persistence.migrate import drop_schema
from app.services.context import AppContext, open_database

# Skatteverket's test personnummer (published test data; no real person has them)
TEST_PERSONNUMMER = (
    "199908232391 199909012388 199909152382 199910012385 199910152389 199911012392 199911152396 "
    "199912012391 199912152395 199912312395 200001012384 200001152388 200002012391 200002152395 "
    "200003012382 200003152386 200004012399 200004152393 200005012398 200005152392 200006012389 "
    "200006152383 200007012388 200007152382 200008012395 200008152399 200009012386 200009152380 "
    "200010012383 200010152387 200011012390 200011152394 200012012399 200012152393 200012312393 "
    "200101012383 200101152387 200101202398 194408139089 199006022397 191212121212"
).split()

FIRST_NAMES = ("Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Sara", "Per", "Emma", "Ali", "Fatima", "Mikael",
               "Elin", "Oskar", "Leila", "Nils", "Ida", "Jonas", "Hanna", "Ahmed", "Lina")
LAST_NAMES = ("Andersson", "Berg", "Carlsson", "Dahl", "Ek", "Forsberg", "Gustafsson", "Holm", "Isaksson", "Jansson",
              "Karlsson", "Lind", "Mohammadi", "Nyström", "Olsson", "Persson", "Quist", "Rahimi", "Sandberg")

DEMO_ASSOCIATION = association.AssociationInfo(
    name="Bostadsrättsföreningen Solgläntan (demo)",
    orgnr="769999-9996",
    bankgiro="5555-5551",
    address="Solgläntevägen 2",
    postcode="123 45",
    city="Lindköping",
    email="kassor@solglantan.example",
    phone="010-123 45 67",
    contact_name="Kassör Eva Exempel",
    municipality="Lindköpings kommun",
    social_services_name="Socialnämnden i Lindköpings kommun",
    social_services_address="Box 100",
    social_services_postcode="123 01",
    social_services_city="Lindköping",
    reminder_fee_agreed=True,
)


@dataclass(frozen=True)
class Step:
    """One event of a scripted history, `day` days after the demand date K."""

    day: int
    kind: EventKind
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Script:
    label: str
    tenure: Tenure
    k_days_ago: int | None  # days before as_of the demand was sent; None = no demand yet
    steps: tuple[Step, ...] = ()
    payments: tuple[tuple[int, float], ...] = ()  # (day after K, share of the capital)
    months: int = 1  # unpaid monthly claims
    cohabitant: bool = False
    children: int = 0


def _s(day: int, kind: EventKind, **extra: object) -> Step:
    return Step(day, kind, dict(extra))


FILED = (_s(11, EventKind.FILED), _s(11, EventKind.SOCIAL_NOTIFIED), _s(12, EventKind.DEBTOR_INFORMED))
FILED_LOKAL = (_s(11, EventKind.FILED), _s(12, EventKind.DEBTOR_INFORMED))


def _kfm(number: int) -> tuple[tuple[str, str], ...]:
    return (("kfm_case_number", f"BF-{number:05d}-26"),)


def _served(day: int) -> tuple[Step, ...]:
    return (*FILED, _s(26, EventKind.SERVICE_STARTED, method="stamningsman", extra=_kfm(day * 37)), _s(day, EventKind.SERVED, method="stamningsman"))


SURVEILLANCE_STARTS = frozenset({EventKind.EVICTED, EventKind.ENFORCEMENT_CLOSED, EventKind.MOVED_OUT})
DEMAND = (_s(0, EventKind.DEMAND_SENT, method="post"),)

SCRIPTS: tuple[Script, ...] = (
    Script("ny", Tenure.BOSTADSRATT, None),
    Script("ny, hyresrätt", Tenure.HYRESRATT, None, months=2),
    Script("ny, parkering", Tenure.OVRIGT, None),
    Script("inkassokrav", Tenure.BOSTADSRATT, 2, DEMAND),
    Script("inkassokrav, hyresrätt", Tenure.HYRESRATT, 5, DEMAND),
    Script("inkassokrav, bestridd", Tenure.BOSTADSRATT, 6, (*DEMAND, _s(4, EventKind.OBJECTION, grounded=True, note="Menar att avgiften redan är betald."))),
    Script("bedömning", Tenure.BOSTADSRATT, 10, DEMAND, children=2),
    Script("bedömning, två avier", Tenure.BOSTADSRATT, 13, DEMAND, months=2),
    Script("bedömning, amorteringsplan", Tenure.BOSTADSRATT, 40, (*DEMAND, _s(10, EventKind.PAYMENT_PLAN, plan=(6, 10))), payments=((15, 0.2), (45, 0.2))),
    Script("ansökan", Tenure.BOSTADSRATT, 16, (*DEMAND, *FILED)),
    Script("ansökan, hyresrätt", Tenure.HYRESRATT, 18, (*DEMAND, *FILED), cohabitant=True),
    Script("ansökan, parkering", Tenure.OVRIGT, 20, (*DEMAND, _s(11, EventKind.FILED))),
    Script("ansökan, tvist", Tenure.BOSTADSRATT, 24, (*DEMAND, *FILED, _s(22, EventKind.OBJECTION, note="Bestrider hos Kronofogden."))),
    Script("delgivning", Tenure.BOSTADSRATT, 30, (*DEMAND, *FILED, _s(26, EventKind.SERVICE_STARTED, method="kronofogden", extra=_kfm(4411)))),
    Script("delgivning, misslyckad", Tenure.HYRESRATT, 38, (*DEMAND, *FILED, _s(26, EventKind.SERVICE_STARTED, method="stamningsman"), _s(33, EventKind.SERVICE_FAILED, note="Ingen öppnade."))),
    Script("delgivning, lokal", Tenure.LOKAL, 32, (*DEMAND, *FILED_LOKAL, _s(26, EventKind.SERVICE_STARTED, method="stamningsman"))),
    Script("återvinningsfrist", Tenure.BOSTADSRATT, 36, (*DEMAND, *_served(30)), children=1),
    Script("återvinningsfrist, hyresrätt", Tenure.HYRESRATT, 40, (*DEMAND, *_served(31)), cohabitant=True),
    Script("återvinningsfrist, lokal", Tenure.LOKAL, 36, (*DEMAND, *FILED_LOKAL, _s(26, EventKind.SERVICE_STARTED), _s(29, EventKind.SERVED, method="stamningsman"))),
    Script("betalt inom återvinningsfristen", Tenure.BOSTADSRATT, 42, (*DEMAND, *_served(30)), payments=((38, 1.0),)),
    Script("beslut", Tenure.BOSTADSRATT, 60, (*DEMAND, *_served(30))),
    Script("beslut, hyresrätt med sambo", Tenure.HYRESRATT, 64, (*DEMAND, *_served(32)), cohabitant=True, children=2),
    Script("beslut, ja", Tenure.BOSTADSRATT, 70, (*DEMAND, *_served(31), _s(62, EventKind.BOARD_DECISION, decision=True, minutes_ref="Styrelseprotokoll § 7"))),
    Script("verkställighet", Tenure.BOSTADSRATT, 90, (*DEMAND, *_served(30), _s(58, EventKind.BOARD_DECISION, decision=True, minutes_ref="§ 4"), _s(60, EventKind.ENFORCEMENT_REQUESTED))),
    Script("verkställighet, tvångsförsäljning", Tenure.BOSTADSRATT, 100, (*DEMAND, _s(11, EventKind.FILED), _s(11, EventKind.SOCIAL_NOTIFIED), _s(11, EventKind.PLEDGEE_NOTIFIED), _s(12, EventKind.DEBTOR_INFORMED), _s(26, EventKind.SERVICE_STARTED), _s(30, EventKind.SERVED), _s(58, EventKind.BOARD_DECISION, decision=True, minutes_ref="§ 9"), _s(60, EventKind.FORCED_SALE_REQUESTED))),
    Script("efterbevakning efter avhysning", Tenure.HYRESRATT, 260, (*DEMAND, *_served(30), _s(58, EventKind.BOARD_DECISION, decision=True, minutes_ref="§ 3"), _s(60, EventKind.ENFORCEMENT_REQUESTED), _s(95, EventKind.EVICTED))),
    Script("efterbevakning, utflyttad", Tenure.HYRESRATT, 420, (*DEMAND, *FILED, _s(40, EventKind.MOVED_OUT, note="Flyttade innan delgivning.")), payments=((200, 0.1),)),
    Script("efterbevakning, inga tillgångar", Tenure.BOSTADSRATT, 300, (*DEMAND, *_served(30), _s(58, EventKind.BOARD_DECISION, decision=True, minutes_ref="§ 6"), _s(60, EventKind.ENFORCEMENT_REQUESTED), _s(120, EventKind.ENFORCEMENT_CLOSED, note="Kronofogden fann inga tillgångar."))),
    Script("efterbevakning, gammal", Tenure.BOSTADSRATT, 1080, (*DEMAND, *_served(30), _s(58, EventKind.BOARD_DECISION, decision=True, minutes_ref="§ 5"), _s(60, EventKind.ENFORCEMENT_REQUESTED), _s(92, EventKind.EVICTED)), months=3),
    Script("avslutad, betald", Tenure.BOSTADSRATT, 50, DEMAND, payments=((6, 1.05),)),
    Script("avslutad, avskriven", Tenure.BOSTADSRATT, 400, (*DEMAND, _s(300, EventKind.WRITTEN_OFF, note="Dödsbo utan tillgångar."))),
    Script("avslutad, återkallad", Tenure.HYRESRATT, 80, (*DEMAND, _s(20, EventKind.WITHDRAWN, scope=WithdrawalScope.ALL, note="Avin var felaktig."))),
)


def create_demo(target: str, as_of: date, cases: int | None = None) -> AppContext:
    """Build the demo in a temporary file and move it into place only when complete."""
    if database_exists(target):
        raise Refused(f"Det finns redan en databas på {display_target(target)}. Välj en annan fil för demoföreningen.")
    if is_server_target(target):
        return _create_demo_on_server(target, as_of, cases)
    final = Path(target)
    building = final.with_name(final.name + ".bygger")
    for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
        leftover.unlink(missing_ok=True)
    ctx = association.create(str(building), DEMO_ASSOCIATION)
    try:
        _Builder(ctx, as_of).build(cases)
    except BaseException:
        ctx.close()
        for leftover in (building, Path(f"{building}-wal"), Path(f"{building}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    ctx.close()
    fold_wal(building)  # every case is in the file itself before it moves into place
    os.replace(building, final)
    return open_database(str(final))


def _create_demo_on_server(target: str, as_of: date, cases: int | None) -> AppContext:
    """A server database cannot be renamed into place: build in it, and remove the tables if building fails."""
    ctx = association.create(target, DEMO_ASSOCIATION)
    try:
        _Builder(ctx, as_of).build(cases)
    except BaseException:
        drop_schema(ctx.engine)
        ctx.close()
        raise
    return ctx


def case_count(ctx: AppContext) -> int:
    with ctx.reading() as session:
        return session.scalar(sa.select(sa.func.count(m.Case.id))) or 0


def due_date_for(month_start: date, calendar) -> date:  # noqa: ANN001
    """JB 12:20: rent/fee is due at the latest on the last vardag before the calendar month."""
    day = month_start - timedelta(days=1)
    while not calendar.is_vardag(day):
        day -= timedelta(days=1)
    return day


class _Builder:
    def __init__(self, ctx: AppContext, as_of: date):
        self.ctx = ctx
        self.as_of = as_of
        self.calendar = legal_data.calendar_around(as_of)
        self.person_index = 0
        self.unit_index = 0

    def build(self, wanted: int | None) -> None:
        scripts = list(SCRIPTS)
        if wanted is not None:
            scripts = [SCRIPTS[i % len(SCRIPTS)] for i in range(max(1, wanted))]
        units_without_case = 8 if wanted is None else 0
        with self.ctx.transaction() as session:
            session.add_all([m.Setting(key="treasurer_name", value="Eva Exempel"),
                             m.Setting(key="service_name", value="Delgivningsbyrån Exempel AB"),
                             m.Setting(key="service_address", value="Box 200, 123 02 Lindköping")])
            for _ in range(units_without_case):
                self._unit(session, Tenure.BOSTADSRATT)
        for index, script in enumerate(scripts):
            self._case(script, index)

    def _person(self, session) -> m.Person:  # noqa: ANN001
        i = self.person_index
        self.person_index += 1
        pnr = TEST_PERSONNUMMER[i % len(TEST_PERSONNUMMER)] if i < len(TEST_PERSONNUMMER) else None
        person = m.Person(
            personnummer=pnr,
            name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7) % len(LAST_NAMES)]}",
            address="", postcode="", city="Lindköping", email="", phone=f"070-{100 + i:03d} {i % 100:02d} {(i * 3) % 100:02d}",
            created_at=now_utc(),
        )
        session.add(person)
        return person

    def _unit(self, session, tenure: Tenure) -> m.Unit:  # noqa: ANN001
        i = self.unit_index
        self.unit_index += 1
        number = {Tenure.LOKAL: f"L{101 + i}", Tenure.OVRIGT: f"P{201 + i}"}.get(tenure, f"{1001 + i}")
        rooms = None if tenure in (Tenure.LOKAL, Tenure.OVRIGT) else 1 + i % 4
        charge = {Tenure.OVRIGT: 65000, Tenure.LOKAL: 1200000}.get(tenure, 350000 + (i % 7) * 45000)
        unit = m.Unit(
            number=number, address=f"Solgläntevägen {2 + 2 * (i % 12)}", postcode="123 45", city="Lindköping",
            municipality="Lindköpings kommun", rooms=rooms, area_m2=None if rooms is None else 28 + rooms * 18 + i % 9,
            tenure=tenure, monthly_charge_ore=charge,
            pledgee_name="Exempelbanken AB" if tenure is Tenure.BOSTADSRATT and i % 2 == 0 else "",
            pledgee_address="Box 1, 105 00 Stockholm" if tenure is Tenure.BOSTADSRATT and i % 2 == 0 else "",
        )
        session.add(unit)
        holder = self._person(session)
        session.flush()
        session.add(m.Occupancy(unit_id=unit.id, person_id=holder.id, role="holder", moved_in=date(2018, 4, 1) + timedelta(days=37 * i)))
        return unit

    def _case(self, script: Script, index: int) -> None:
        k = None if script.k_days_ago is None else self.as_of - timedelta(days=script.k_days_ago)
        opened = (k or self.as_of) - timedelta(days=1 if k else 0)
        with self.ctx.transaction() as session:
            unit = self._unit(session, script.tenure)
            holder = session.scalars(sa.select(m.Occupancy).where(m.Occupancy.unit_id == unit.id)).one().person_id
            if script.cohabitant:
                partner = self._person(session)
                session.flush()
                session.add(m.Occupancy(unit_id=unit.id, person_id=partner.id, role="cohabitant", moved_in=date(2021, 9, 1)))
            last_month = date(opened.year, opened.month, 1)
            for n in range(script.months):
                month = add_months(last_month, -n)
                due = due_date_for(month, self.calendar)
                if due > opened:
                    month, due = add_months(month, -1), due_date_for(add_months(month, -1), self.calendar)
                session.add(m.Claim(
                    unit_id=unit.id, person_id=holder, avi_number=f"{month:%Y%m}-{unit.number}",
                    kind=ClaimKind.HYRA if script.tenure in (Tenure.HYRESRATT, Tenure.LOKAL) else ClaimKind.AVGIFT,
                    period_from=month, period_to=add_months(month, 1) - timedelta(days=1), due_date=due,
                    amount_ore=unit.monthly_charge_ore, reference=None, created_at=now_utc(),
                ))
            unit_number, has_pledgee = unit.number, bool(unit.pledgee_name)
        case_id = cases.open_case(self.ctx, unit_number, opened)
        with self.ctx.transaction() as session:
            case = session.get(m.Case, case_id)
            case.household_children = script.children
            case.household_adults = 2 if script.cohabitant else 1
            capital = sum(c.amount_ore for c in case.claims)
        timeline: list[tuple[date, int, object]] = []
        if k is not None:
            steps = list(script.steps)
            if has_pledgee and any(st.kind is EventKind.FILED for st in steps) and not any(st.kind is EventKind.PLEDGEE_NOTIFIED for st in steps):
                steps.append(_s(11, EventKind.PLEDGEE_NOTIFIED, method="post"))
            timeline += [(k + timedelta(days=st.day), 0, st) for st in steps]
            timeline += [(k + timedelta(days=d), 1, share) for d, share in script.payments]
        if k is not None and script.k_days_ago >= 9 and any(st.kind is EventKind.DEMAND_SENT for st in script.steps):
            # the day-9 risk assessment (PROCESS.md), with Kronofogden checked for every other case
            kfm = scoring.KronofogdenCheck(k + timedelta(days=9), debt_ore=(index % 3) * 1_250_000, cases=index % 3) if index % 2 else None
            timeline.append((k + timedelta(days=9), 2, kfm))
        surveillance_from = [k + timedelta(days=st.day) for st in script.steps if st.kind in SURVEILLANCE_STARTS] if k else []
        for start in surveillance_from[:1]:
            # re-scored every six months in surveillance, as a careful treasurer does (PROCESS.md)
            when = start + timedelta(days=183)
            while when < self.as_of - timedelta(days=25):
                timeline.append((when, 2, None))
                when += timedelta(days=183)
        for when, _order, item in sorted(timeline, key=lambda t: (t[0], t[1])):
            if when > self.as_of:
                continue
            if _order == 2:
                scoring.score_case(self.ctx, case_id, when, item)
            elif isinstance(item, Step):
                cases.record_event(self.ctx, case_id, self._event(item, when, capital), when)
            else:
                payments.register_payment(self.ctx, case_id, round(capital * item), when, when, when + timedelta(days=1))

    def _event(self, step: Step, when: date, capital: int) -> Event:
        extra = dict(step.extra)
        plan = extra.pop("plan", None)
        terms = None
        if plan is not None:
            count, first_in = plan
            instalment = -(-(capital + 60000) // count)  # covers capital, interest and fees with margin
            terms = PaymentPlanTerms(first_due=when + timedelta(days=first_in), instalment_ore=instalment, count=count)
        return Event(kind=step.kind, on=when, plan=terms, **extra)
