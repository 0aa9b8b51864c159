"""Guards of the transition table: pure checks that refuse an event with a Swedish reason naming the rule.

Each guard looks at the case as it stood on the event's date (`Probe`) and returns a `Problem` or None.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from app.domain.arrears import CapitalHistory, owed_on
from app.domain.deadlines import ForfeitureState, forfeiture_on
from app.domain.event import Event, EventKind, WithdrawalScope
from app.domain.facts import CaseFacts
from app.domain.money import kronor_text
from app.domain.payment_plan import covers_whole_debt, debt_to_cover, plan_total
from app.domain.problem import Problem
from app.domain.progress import Progress
from app.domain.rules import Rules
from app.domain.stage import Stage
from app.domain.tenure import Tenure

FLOW = "ärendeflödet"
IKL_4 = "inkassolagen (1974:182) 4 § (god inkassosed)"
IKL_5 = "inkassolagen (1974:182) 5 §"
IKL_6 = "inkassolagen (1974:182) 6 §"
OBJECTION_RULE = "inkassolagen 4 § och Finansinspektionens vägledning: en grundad invändning stoppar indrivningen av den bestridda delen"
PLAN_RULE = "lag (1981:739) om ersättning för inkassokostnader 4 §: skriftlig plan som omfattar hela skulden"
FORCED_SALE_RULE = "8 kap. bostadsrättslagen"


@dataclass(frozen=True)
class Citations:
    forfeiture: str
    cure: str
    recovery: str


def citations(tenure: Tenure) -> Citations:
    if tenure is Tenure.BOSTADSRATT:
        return Citations("7 kap. 18 § bostadsrättslagen", "7 kap. 21 § bostadsrättslagen", "7 kap. 23 § bostadsrättslagen")
    return Citations("12 kap. 42 § 1 st. 1 jordabalken", "12 kap. 43 § jordabalken", "12 kap. 44 § jordabalken")


@dataclass(frozen=True)
class Probe:
    """The case on the event's date: the events recorded up to that day, and the proposed event."""

    facts: CaseFacts
    rules: Rules
    as_of: date
    money: CapitalHistory
    progress: Progress
    stage: Stage
    event: Event

    @property
    def on(self) -> date:
        return self.event.on

    @property
    def capital(self) -> int:
        return self.money.outstanding(self.on)

    @cached_property
    def owed(self) -> int:
        """Capital, interest and fees owed on the event's date (settles only when the capital is paid)."""
        return owed_on(self.facts, self.money, self.on, self.rules.rates, self.rules.settings.allocation_order)


def _p(code: str, message: str, field: str | None = None) -> Problem:
    return Problem(code, message, field)


def later_event(probe: Probe, kind: EventKind) -> date | None:
    """The date of an event of `kind` recorded with a later date than the probe's, to explain the order."""
    later = [e.on for e in probe.facts.events if e.kind is kind and e.on > probe.on]
    return min(later) if later else None


def _needs(probe: Probe, have: date | None, kind: EventKind, what: str, rule: str) -> Problem | None:
    """`have` must be recorded on or before the event's date."""
    if have is not None and have <= probe.on:
        return None
    later = later_event(probe, kind)
    when = f" (den är registrerad först {later.isoformat()})" if later else ""
    return _p(f"{probe.event.kind.value}.needs-{kind.value}", f"”{what}” kan registreras först efter ”{kind.label}”{when} – {rule}.")


# --- common to every event ---------------------------------------------------------------------
def not_in_future(probe: Probe) -> Problem | None:
    if probe.on > probe.as_of:
        return _p("event.future", f"Datumet {probe.on.isoformat()} ligger efter dagens datum {probe.as_of.isoformat()}: framtida datum kan inte registreras – {FLOW}: en händelse registreras när den har skett.", "date")
    return None


def not_before_opened(probe: Probe) -> Problem | None:
    if probe.event.kind is not EventKind.REMINDER_SENT and probe.on < probe.facts.opened_on:
        return _p("event.before-opened", f"Datumet {probe.on.isoformat()} ligger före ärendets öppnande {probe.facts.opened_on.isoformat()} – {FLOW}: händelser hör till ärendet från att det öppnades.", "date")
    return None


def in_order(probe: Probe, last_main: date | None) -> Problem | None:
    if last_main is not None and probe.on < last_main:
        return _p("event.out-of-order", f"Händelsen är daterad {probe.on.isoformat()}, före den senast registrerade händelsen i ärendeflödet ({last_main.isoformat()}) – {FLOW}: registrera ärendets steg i den ordning de skedde.", "date")
    return None


# --- demand and objection ----------------------------------------------------------------------
def something_overdue(probe: Probe) -> Problem | None:
    if probe.money.outstanding(probe.on, due_before=probe.on) <= 0:
        return _p("demand.nothing-due", f"Det finns ingen förfallen och obetald fordran den {probe.on.isoformat()} – ett krav får bara avse en förfallen fordran ({IKL_5}).")
    return None


def something_owed(probe: Probe) -> Problem | None:
    if probe.owed <= 0:
        return _p("case.nothing-owed", f"Inget är obetalt den {probe.on.isoformat()} – det finns inget att driva in ({IKL_4}).")
    return None


def no_open_objection(probe: Probe) -> Problem | None:
    open_ = probe.progress.objection
    if open_ is not None:
        return _p("objection.already-open", f"Ett bestridande från {open_.on.isoformat()} är redan öppet – registrera först att det är utrett ({OBJECTION_RULE}).")
    return None


def objection_amount(probe: Probe) -> Problem | None:
    disputed = probe.event.disputed_ore
    if disputed is not None and disputed <= 0:
        return _p("objection.amount", f"Bestritt belopp måste vara större än noll (lämna tomt om hela skulden är bestridd) – {OBJECTION_RULE}.", "disputed_ore")
    return None


def open_objection(probe: Probe) -> Problem | None:
    if probe.progress.objection is None:
        return _p("objection-resolved.none-open", f"Det finns inget öppet bestridande den {probe.on.isoformat()} att avsluta ({OBJECTION_RULE}).")
    return None


# --- filing --------------------------------------------------------------------------------------
def deadline_passed(probe: Probe) -> Problem | None:
    deadline = probe.progress.payment_deadline
    if deadline is None:
        return _p("filed.no-demand", f"Inget inkassokrav är skickat – ingen ansökan hos Kronofogden innan ett krav enligt 5 § har skickats och betalningstiden har gått ut ({IKL_6}).")
    if probe.on <= deadline:
        return _p("filed.before-deadline", f"Betalningstiden i inkassokravet löper till och med {deadline.isoformat()} – ansökan kan göras tidigast {(deadline + timedelta(days=1)).isoformat()} ({IKL_6}).")
    return None


def not_disputed(probe: Probe) -> Problem | None:
    objection = probe.progress.grounded_objection
    if objection is None:
        return None
    disputed = objection.disputed_ore
    if disputed is not None and disputed < probe.capital:
        return None
    return _p("filed.disputed", f"Skulden är bestridd ({objection.on.isoformat()}) med en grundad invändning – ingen ansökan om betalningsföreläggande på en bestridd del; utred och svara först, eller ansök bara om den obestridda delen ({OBJECTION_RULE}).")


def no_kept_plan(probe: Probe) -> Problem | None:
    if probe.progress.plan_kept(probe.on):
        return _p("filed.payment-plan", f"Gäldenären följer amorteringsplanen – ingen ansökan medan planen hålls ({IKL_4}).")
    return None


def forfeited_if_eviction(probe: Probe) -> Problem | None:
    """Eviction may be sought only once the home is förverkad (JB 12:42, BRL 7:18); BF-only otherwise goes on."""
    if probe.facts.private_letting:
        return None
    forfeiture = forfeiture_on(probe.facts.tenure, probe.money, probe.on, probe.rules.calendar)
    if forfeiture.state is not ForfeitureState.NOT_YET:
        return None
    late = "mer än två vardagar" if probe.facts.tenure is Tenure.LOKAL else "mer än en vecka"
    earliest = forfeiture.earliest.isoformat() if forfeiture.earliest else "senare"
    return _p("filed.not-forfeited", f"Nyttjanderätten är inte förverkad ännu: avgiften/hyran måste vara {late} försenad ({citations(probe.facts.tenure).forfeiture}). Uppsägning och ansökan om avhysning kan göras tidigast {earliest}.")


# --- Kronofogden and service ---------------------------------------------------------------------
def after_filing(probe: Probe) -> Problem | None:
    return _needs(probe, probe.progress.filed, EventKind.FILED, probe.event.kind.label, f"{FLOW}: steget följer på ansökan och uppsägningen")


def social_needed(probe: Probe) -> Problem | None:
    if not probe.facts.tenure.needs_social_notice:
        return _p("social-notified.not-needed", f"Underrättelse till socialnämnden behövs bara för bostäder, inte för {probe.facts.tenure.label.lower()} ({citations(probe.facts.tenure).recovery}).")
    progress = probe.progress
    if progress.filed is not None and progress.filed <= probe.on and not progress.eviction:
        return _p("social-notified.no-eviction", f"Ansökan avser bara betalningsföreläggande (ingen uppsägning för förverkande) – ingen underrättelse till socialnämnden behövs ({citations(probe.facts.tenure).recovery}).")
    return None


def once(attribute: str, code: str, sentence: str) -> Callable[[Probe], Problem | None]:
    """A step recorded at most once; `sentence` says so in Swedish ("Delgivningen är redan registrerad")."""

    def guard(probe: Probe) -> Problem | None:
        done = getattr(probe.progress, attribute)
        if done is not None:
            return _p(code, f"{sentence} ({done.isoformat()}) – {FLOW}: steget registreras en gång.")
        return None

    return guard


def eviction_track(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.filed is not None and not progress.eviction:
        return _p("eviction.none", f"Ärendet har inget avhysningsspår (förverkandet läkt före uppsägningen, {probe.facts.tenure.label.lower()} eller privatuthyrning) – {citations(probe.facts.tenure).cure}.")
    return None


def recovery_period_over(probe: Probe) -> Problem | None:
    end = probe.progress.recovery_end
    rule = citations(probe.facts.tenure).recovery
    if end is None:
        return _p("board-decision.no-period", f"Återvinningsfristen har inte börjat: både delgivning och underrättelse till socialnämnden krävs ({rule}).")
    if probe.on <= end:
        return _p("board-decision.before-end", f"Återvinningsfristen löper till och med {end.isoformat()} – styrelsen kan besluta tidigast dagen efter ({rule}).")
    if probe.progress.recovered_on is not None:
        return _p("board-decision.recovered", f"Gäldenären betalade inom återvinningsfristen ({probe.progress.recovered_on.isoformat()}) och får behålla lägenheten – återkalla avhysningen ({rule}).")
    return None


def decision_given(probe: Probe) -> Problem | None:
    if probe.event.decision is None:
        return _p("board-decision.missing", f"Ange styrelsens beslut: ja (verkställ avhysningen) eller nej – beslutet tas efter återvinningsfristen ({citations(probe.facts.tenure).recovery}).", "decision")
    return None


def board_said_yes(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.board_yes and progress.board_on is not None and progress.board_on <= probe.on:
        return None
    return _p(f"{probe.event.kind.value}.no-board-yes", f"{probe.event.kind.label} kräver att styrelsen har beslutat att avhysningen ska verkställas (beslutet registreras efter återvinningsfristen, {citations(probe.facts.tenure).recovery}).")


def enforcement_allowed(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.enforcement is not None and progress.enforcement_closed is None:
        return _p("enforcement-requested.already", f"Verkställighet är redan begärd ({progress.enforcement.isoformat()}) – {FLOW}.")
    if progress.eviction and progress.eviction_pending:
        return board_said_yes(probe)
    return _needs(probe, progress.served, EventKind.SERVED, "Verkställighet (utmätning)", "betalningsföreläggandet måste vara delgivet (lag 1990:746 om betalningsföreläggande och handräckning)")


def bostadsratt_only(probe: Probe) -> Problem | None:
    if probe.facts.tenure is not Tenure.BOSTADSRATT:
        rule = FORCED_SALE_RULE if probe.event.kind is EventKind.FORCED_SALE_REQUESTED else "bostadsrättslagen: bara en bostadsrätt kan vara pantsatt"
        return _p(f"{probe.event.kind.value}.not-bostadsratt", f"”{probe.event.kind.label}” gäller bara bostadsrätter ({rule}).")
    return None


def eviction_requested(probe: Probe) -> Problem | None:
    progress = probe.progress
    problem = _needs(probe, progress.enforcement, EventKind.ENFORCEMENT_REQUESTED, "Avhysning", f"{FLOW}: Kronofogden verkställer först efter en begäran om verkställighet")
    if problem is not None:
        return problem
    earliest = progress.eviction_decision_from
    if earliest is not None and probe.on < earliest:
        return _p("evicted.too-early", f"Kronofogden kan besluta om avhysning tidigast {earliest.isoformat()}, tredje vardagen efter återvinningsfristen ({citations(probe.facts.tenure).recovery}).")
    return None


def enforcement_open(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.enforcement is None and progress.forced_sale is None:
        return _p("enforcement-closed.not-requested", f"Ingen verkställighet eller tvångsförsäljning är begärd som kan avslutas – {FLOW}.")
    return None


# --- plans, withdrawal -------------------------------------------------------------------------
def plan_terms(probe: Probe) -> Problem | None:
    terms = probe.event.plan
    if terms is None:
        return _p("payment-plan.terms", f"Ange amorteringsplanens villkor (första förfallodag, belopp, antal) – {PLAN_RULE}.", "plan")
    if terms.count < 1 or terms.instalment_ore <= 0 or terms.interval_months < 1:
        return _p("payment-plan.terms", f"Amorteringsplanen behöver minst en delbetalning med ett belopp över noll – {PLAN_RULE}.", "plan")
    if terms.first_due < probe.on:
        return _p("payment-plan.terms", f"Första delbetalningen ({terms.first_due.isoformat()}) kan inte ligga före planens datum {probe.on.isoformat()} – {PLAN_RULE}.", "plan")
    debt = debt_to_cover(probe.facts, probe.on, probe.rules.settings.allocation_order, probe.rules.rates)
    if not covers_whole_debt(terms, debt):
        return _p("payment-plan.not-whole-debt", f"Planen omfattar {kronor_text(plan_total(terms))} men skulden är {kronor_text(debt)} den {probe.on.isoformat()} (kapital, ränta och avgifter) – {PLAN_RULE}.", "plan")
    return None


def plan_to_break(probe: Probe) -> Problem | None:
    progress = probe.progress
    if progress.plan is None or progress.plan_broken is not None:
        return _p("payment-plan-broken.no-plan", f"Det finns ingen gällande amorteringsplan att markera som bruten – {FLOW}.")
    return None


def withdrawable(probe: Probe) -> Problem | None:
    progress = probe.progress
    if probe.event.scope is WithdrawalScope.EVICTION:
        if progress.filed is None or not progress.eviction_pending:
            return _p("withdrawn.no-eviction", f"Det finns ingen ansökan om avhysning hos Kronofogden att återkalla – {FLOW}.")
        return None
    if probe.stage is Stage.AVSLUTAD and (progress.filed is None or progress.withdrawn_all is not None):
        return _p("withdrawn.closed", f"Ärendet är redan avslutat – {FLOW}.")
    return None
