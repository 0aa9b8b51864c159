"""The values a letter template may name (`$name`), read lazily from the letter context.

A value is computed only when a template names it, so an empty context field fails exactly where a
document needs it (MissingField, naming the field). The personnummer is a value only in documents
that need identification. Date values come as `name` ('10 mars 2026'), `name_iso` and `name_day`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta

from app.documents import formatting as fmt
from app.documents.context import LetterContext, Person
from app.documents.template import MissingField, TemplateError
from app.domain.interest import exact_interest
from app.domain.money import round_half_up
from app.domain.tenure import Tenure

Value = object | Callable[[], object]


class Values(Mapping[str, str]):
    """Named values for one document; unknown names are template errors, empty ones missing fields."""

    def __init__(self, document: str):
        self.document = document
        self._items: dict[str, Value] = {}
        self._sources: dict[str, str] = {}

    def set(self, key: str, value: Value, source: str = "") -> None:
        self._items[key] = value
        self._sources[key] = source or key

    def date(self, key: str, value: date | None, source: str) -> None:
        self.set(key, lambda: None if value is None else fmt.date_long(value), source)
        self.set(f"{key}_iso", lambda: None if value is None else fmt.date_iso(value), source)
        self.set(f"{key}_day", lambda: None if value is None else fmt.date_weekday(value), source)

    def __getitem__(self, key: str) -> str:
        if key not in self._items:
            raise TemplateError(f"{self.document}: mallen använder ett okänt fält ${key}.")
        value = self._items[key]
        if callable(value):
            value = value()
        if value is None or value == "":
            raise MissingField(f"{self.document}: uppgiften ”{self._sources[key]}” saknas i underlaget.")
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def need(value, source: str, document: str):
    """`value`, or MissingField when it is None – for values code needs outside templates."""
    if value is None or value == "":
        raise MissingField(f"{document}: uppgiften ”{source}” saknas i underlaget.")
    return value


def genitive(name: str) -> str:
    return name if name[-1:].lower() in "sxz" else name + "s"


def kommun(municipality: str) -> str:
    """'Exempelstad' -> 'Exempelstads kommun'."""
    return f"{genitive(municipality)} kommun" if municipality else ""


def addressees(ctx: LetterContext) -> tuple[Person, ...]:
    """The debtors living at the first debtor's address: one letter goes to one address."""
    first = ctx.debtors[0].address
    return tuple(p for p in ctx.debtors if p.address == first)


def unpaid_claims(ctx: LetterContext):
    unpaid = {b.claim_id: b.capital_ore for b in ctx.settlement.claims if b.capital_ore > 0}
    return tuple(c for c in ctx.claims if c.claim_id in unpaid)


def claims_ground(ctx: LetterContext) -> str:
    """'obetald årsavgift för lägenhet 1203 avseende januari–mars 2026 (avi 10231, 10232), förfallen …'."""
    claims = unpaid_claims(ctx) or ctx.claims
    kinds = fmt.joined(sorted({c.kind.label.lower() for c in claims}))
    starts = [c.period_from for c in claims if c.period_from]
    ends = [c.period_to for c in claims if c.period_to]
    span = f" avseende {fmt.period(min(starts), max(ends))}" if starts and ends else ""
    avis = [c.avi_number for c in claims if c.avi_number]
    avi_text = f" (avi {', '.join(avis)})" if avis else ""
    due = fmt.joined([fmt.date_iso(c.due_date) for c in claims])
    noun = TENURE_WORDS[ctx.tenure]["unit_indef"]
    return f"obetald {kinds} för {noun} {ctx.unit.number}{span}{avi_text}, förfallen {due}"


def current_rate(ctx: LetterContext):
    lines = ctx.settlement.interest_lines
    return max(lines, key=lambda line: (line.end, line.start)) if lines else None


def rate_text(reference_percent, provisional: bool) -> str:
    total = reference_percent + 8
    text = f"referensränta {fmt.percent(reference_percent)} + 8 procentenheter = {fmt.percent(total)}"
    return text + " (preliminär)" if provisional else text


TENURE_WORDS: dict[Tenure, dict[str, str]] = {
    Tenure.BOSTADSRATT: {
        "charge": "årsavgift", "charge_def": "årsavgiften", "unit_noun": "lägenheten", "unit_indef": "lägenhet",
        "right": "nyttjanderätten till lägenheten", "right_short": "bostadsrätten",
        "debtor_role": "bostadsrättshavare", "creditor_role": "föreningen", "late_limit": "mer än en vecka",
        "forfeiture_rule": "7 kap. 18 § bostadsrättslagen (1991:614)",
        "cure_rule": "7 kap. 21 § bostadsrättslagen (1991:614)",
        "recovery_rule": "7 kap. 23 § bostadsrättslagen (1991:614)",
        "form_rule": "formulär 1 i förordningen (2003:37)", "social_form_rule": "formulär 3 i förordningen (2003:37)",
        "agreement": "upplåtelseavtalet", "forfeiture_short": "BRL 7:18", "recovery_short": "BRL 7:23",
    },
    Tenure.HYRESRATT: {
        "charge": "hyra", "charge_def": "hyran", "unit_noun": "lägenheten", "unit_indef": "lägenhet",
        "right": "hyresrätten till lägenheten", "right_short": "hyresrätten",
        "debtor_role": "hyresgäst", "creditor_role": "hyresvärden", "late_limit": "mer än en vecka",
        "forfeiture_rule": "12 kap. 42 § första stycket 1 jordabalken",
        "cure_rule": "12 kap. 43 § jordabalken",
        "recovery_rule": "12 kap. 44 § jordabalken",
        "form_rule": "formulär 1 i förordningen (1978:314)", "social_form_rule": "formulär 3 i förordningen (1978:314)",
        "agreement": "hyresavtalet", "forfeiture_short": "JB 12:42", "recovery_short": "JB 12:44",
    },
    Tenure.LOKAL: {
        "charge": "hyra", "charge_def": "hyran", "unit_noun": "lokalen", "unit_indef": "lokal",
        "right": "hyresrätten till lokalen", "right_short": "hyresrätten",
        "debtor_role": "hyresgäst", "creditor_role": "hyresvärden", "late_limit": "mer än två vardagar",
        "forfeiture_rule": "12 kap. 42 § första stycket 1 jordabalken",
        "cure_rule": "12 kap. 43 § jordabalken",
        "recovery_rule": "12 kap. 44 § jordabalken",
        "form_rule": "formulär 2 i förordningen (1978:314)", "social_form_rule": "",
        "agreement": "hyresavtalet", "forfeiture_short": "JB 12:42", "recovery_short": "JB 12:44",
    },
    Tenure.OVRIGT: {
        "charge": "avgift", "charge_def": "avgiften", "unit_noun": "objektet", "unit_indef": "objekt",
        "right": "", "right_short": "", "debtor_role": "gäldenär", "creditor_role": "föreningen",
        "late_limit": "", "forfeiture_rule": "", "cure_rule": "", "recovery_rule": "", "form_rule": "",
        "social_form_rule": "", "agreement": "avtalet", "forfeiture_short": "", "recovery_short": "",
    },
}

DEFAULT_LIMITATION_YEARS = {Tenure.BOSTADSRATT: 10, Tenure.HYRESRATT: 3, Tenure.LOKAL: 10, Tenure.OVRIGT: 10}


def contact_line(ctx: LetterContext) -> str:
    c = ctx.creditor
    reach = [f"telefon {c.phone}" if c.phone else "", f"e-post {c.email}" if c.email else ""]
    reach = [r for r in reach if r]
    if not reach:
        return ""
    who = f"{c.contact_person}, " if c.contact_person else ""
    return who + fmt.joined(reach)


def base_values(ctx: LetterContext, document: str, identifies: bool) -> Values:
    v = Values(document)
    _creditor_values(v, ctx)
    _debtor_values(v, ctx, identifies)
    _unit_values(v, ctx)
    _money_values(v, ctx)
    _date_values(v, ctx)
    return v


def _creditor_values(v: Values, ctx: LetterContext) -> None:
    c = ctx.creditor
    v.set("association_name", c.name, "creditor.name")
    v.set("association_orgnr", lambda: fmt.orgnr(c.orgnr), "creditor.orgnr")
    v.set("association_address", c.address.one_line(), "creditor.address")
    v.set("association_email", c.email, "creditor.email")
    v.set("association_phone", c.phone, "creditor.phone")
    v.set("bankgiro", lambda: fmt.bankgiro(c.bankgiro), "creditor.bankgiro")
    v.set("contact_person", c.contact_person, "creditor.contact_person")
    v.set("contact", lambda: contact_line(ctx), "creditor.phone / creditor.email")
    v.set("signatory", c.signatory or c.contact_person, "creditor.signatory")
    v.set("municipality", c.municipality, "creditor.municipality")
    v.set("kommun", kommun(c.municipality), "creditor.municipality")
    v.set("ocr", ctx.ocr, "ocr")
    v.set("case_reference", ctx.case_reference, "case_reference")
    v.set("kfm_case_number", ctx.kfm.case_number, "kfm.case_number")
    social = ctx.social_services
    v.set("social_services", social.name if social else None, "social_services")


def _debtor_values(v: Values, ctx: LetterContext, identifies: bool) -> None:
    people = ctx.debtors
    v.set("debtor_names", fmt.joined([p.name for p in people]), "debtors")
    v.set("debtor_name", people[0].name, "debtors")
    v.set("debtor_address", people[0].address.one_line(), "debtors[0].address")
    several = len(addressees(ctx)) > 1
    for word, (one, many) in PRONOUNS.items():
        v.set(word, many if several else one)
    hidden = "personnumret visas bara i handlingar som kräver identifiering"
    v.set(
        "debtor_personnummer",
        (lambda: fmt.joined([f"{p.name} ({fmt.personnummer(p.personnummer)})" for p in people])) if identifies else None,
        "debtors.personnummer" if identifies else hidden,
    )
    v.set("cohabitant_names", fmt.joined([p.name for p in ctx.cohabitants]), "cohabitants")
    v.set("pledgee", ctx.pledgee.name if ctx.pledgee else None, "pledgee")
    v.set("pledgee_reference", ctx.pledgee.reference if ctx.pledgee else None, "pledgee.reference")


PRONOUNS = {
    "du": ("du", "ni"), "Du": ("Du", "Ni"), "dig": ("dig", "er"), "din": ("din", "er"),
    "ditt": ("ditt", "ert"), "dina": ("dina", "era"),
}


def _unit_values(v: Values, ctx: LetterContext) -> None:
    u = ctx.unit
    v.set("unit_number", u.number, "unit.number")
    v.set("unit_official_number", u.official_number, "unit.official_number")
    v.set("unit_address", u.address.one_line(), "unit.address")
    v.set("unit_rooms", fmt.rooms(u.rooms, u.kitchen), "unit.rooms")
    v.set("unit_area", fmt.area(u.area_m2), "unit.area_m2")
    v.set("unit_size", ", ".join(x for x in (fmt.rooms(u.rooms, u.kitchen), fmt.area(u.area_m2)) if x), "unit.rooms")
    v.set("unit_description", u.description, "unit.description")
    v.set("tenure_label", u.tenure.label.lower(), "unit.tenure")
    v.set("monthly_charge", fmt.amount(u.monthly_charge_ore), "unit.monthly_charge_ore")
    for key, text in TENURE_WORDS[u.tenure].items():
        v.set(key, text, f"unit.tenure ({u.tenure.label})")
        v.set(key.capitalize(), text[:1].upper() + text[1:], f"unit.tenure ({u.tenure.label})")
    weeks = u.tenure.recovery_weeks
    v.set("recovery_weeks", f"{fmt.number_word(weeks)} veckor" if weeks else None, "unit.tenure")
    years = ctx.limitation_years or DEFAULT_LIMITATION_YEARS[u.tenure]
    v.set("limitation_years", f"{fmt.number_word(years)} år", "limitation_years")
    h = ctx.household
    v.set("adults", h.adults if h else None, "household")
    v.set("children", h.children if h else None, "household")
    v.set("household", fmt.household(h.adults, h.children) if h else None, "household")


def _money_values(v: Values, ctx: LetterContext) -> None:
    s = ctx.settlement
    v.set("capital", fmt.amount(s.capital_ore))
    v.set("interest", fmt.amount(s.interest_ore))
    v.set("fees", fmt.amount(s.fees_ore))
    v.set("total", fmt.amount(s.total_ore))
    v.set("claims_ground", lambda: claims_ground(ctx))
    v.set("avi_numbers", ", ".join(c.avi_number for c in (unpaid_claims(ctx) or ctx.claims) if c.avi_number), "claims.avi_number")
    rec = ctx.recovery_amount_ore
    v.set("recovery_amount", None if rec is None else fmt.amount(rec), "recovery_amount_ore")
    line = current_rate(ctx)
    v.set("rate", None if line is None else fmt.percent(line.interest_percent), "settlement.interest_lines")
    v.set("rate_text", None if line is None else rate_text(line.reference_percent, line.provisional), "settlement.interest_lines")
    if line is not None:
        daily = round_half_up(exact_interest(s.capital_ore, line.interest_percent, 1))
        v.set("daily_interest", fmt.amount(daily))
    else:
        v.set("daily_interest", None, "settlement.interest_lines")
    first = min((c.due_date for c in unpaid_claims(ctx)), default=None)
    v.date("interest_from", None if first is None else first + timedelta(days=1), "claims.due_date")
    k = ctx.kfm
    v.set("kfm_application_fee", fmt.amount(k.application_fee_ore))
    v.set("kfm_own_work", fmt.amount(k.own_work_payment_order_ore + (k.own_work_eviction_ore if k.eviction else 0)))
    v.set("kfm_enforcement_fee", fmt.amount(k.enforcement_fee_ore))


def _date_values(v: Values, ctx: LetterContext) -> None:
    d = ctx.dates
    v.date("interest_until", ctx.settlement.as_of, "settlement.as_of")
    for name in (
        "letter_date", "reminder_sent", "demand_sent", "payment_deadline", "filed", "social_notice", "served",
        "recovery_period_end", "earliest_eviction_decision", "decision", "board_decision", "eviction", "evicted",
        "limitation_date", "moved_out", "reply_by",
    ):
        v.date(name, getattr(d, name), f"dates.{name}")
    v.date("termination_date", d.termination_date, "dates.termination")
