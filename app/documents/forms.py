"""Form sections shared by the filings: applicant, debtor (with identity number), unit, checkboxes."""
from __future__ import annotations

from datetime import timedelta

from app.documents import formatting as fmt
from app.documents.context import LetterContext, Person
from app.documents.description import Fields, SignatureParty, Signatures, Table
from app.documents.values import TENURE_WORDS, claims_ground, unpaid_claims
from app.domain.tenure import Tenure

CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐ (DejaVu Sans has both)


def yes_no(value: bool) -> str:
    return f"{CHECKED if value else UNCHECKED} Ja   {UNCHECKED if value else CHECKED} Nej"


def identity_number(digits: str) -> tuple[str, str]:
    """(label, number): a personnummer (12 digits) or, for a company tenant, an organisationsnummer (10)."""
    clean = digits.replace("-", "").strip()
    if len(clean) == 10:
        return "Organisationsnummer", fmt.orgnr(clean)
    return "Personnummer", fmt.personnummer(clean)


def creditor_fields(ctx: LetterContext, title: str = "Sökande", for_filing: bool = True) -> Fields:
    """The creditor as a form section; `for_filing` adds the payout bankgiro and 'Sökandens referens'."""
    c = ctx.creditor
    rows = [
        ("Namn", c.name),
        ("Organisationsnummer", fmt.orgnr(c.orgnr)),
        ("Adress", c.address.one_line()),
        ("Telefon", c.phone or "–"),
        ("E-post", c.email or "–"),
        ("Kontaktperson", c.contact_person or "–"),
    ]
    if for_filing:
        rows.insert(5, ("Bankgiro (för utbetalning)", fmt.bankgiro(c.bankgiro)))
        rows.append(("Sökandens referens", ctx.case_reference))
    else:
        rows.append(("Vår referens", ctx.case_reference))
    return Fields(tuple(rows), title)


def signed_by_creditor(ctx: LetterContext, heading: str = "") -> Signatures:
    """Lines to sign by hand, the signatory's name printed under them."""
    c = ctx.creditor
    party = SignatureParty(heading or f"För {c.name}", c.signatory or c.contact_person, c.signatory_title)
    return Signatures((party,), place_and_date=True)


def person_fields(people: tuple[Person, ...], title: str, identify: bool) -> Fields:
    rows: list[tuple[str, str]] = []
    for person in people:
        rows.append(("Namn", person.name))
        if identify:
            rows.append(identity_number(person.personnummer))
        rows.append(("Adress", person.address.one_line()))
        if person.phone:
            rows.append(("Telefon", person.phone))
    return Fields(tuple(rows), title)


def unit_fields(ctx: LetterContext, title: str = "Lägenheten") -> Fields:
    u = ctx.unit
    words = TENURE_WORDS[u.tenure]
    rows = [
        ("Adress", u.address.one_line()),
        (f"{words['unit_indef'].capitalize()}snummer (föreningens)", u.number),
    ]
    if u.official_number:
        rows.append(("Lägenhetsnummer (Lantmäteriet)", u.official_number))
    size = ", ".join(x for x in (fmt.rooms(u.rooms, u.kitchen), fmt.area(u.area_m2)) if x)
    rows.append(("Storlek", size or "–"))
    if u.description:
        rows.append(("Används som", u.description))
    rows.append(("Upplåtelseform", u.tenure.label))
    label = "Årsavgift, per månad" if u.tenure is Tenure.BOSTADSRATT else f"{words['charge'].capitalize()} per månad"
    rows.append((label, fmt.amount(u.monthly_charge_ore)))
    return Fields(tuple(rows), title)


def claim_form_table(ctx: LetterContext) -> Table:
    """The claim as Kronofogden asks for it: capital per avi, the interest accrued up to the letter
    date as its own amount, and running interest on each capital from the next day (no interest on
    interest: the running interest is on capital only)."""
    balance = {b.claim_id: b.capital_ore for b in ctx.settlement.claims}
    claims = unpaid_claims(ctx)
    as_of = ctx.settlement.as_of
    running_from = fmt.date_iso(as_of + timedelta(days=1))
    rows = tuple(
        (
            c.avi_number or "–",
            f"{c.kind.label} {fmt.period(c.period_from, c.period_to)}".strip(),
            fmt.date_iso(c.due_date),
            fmt.amount(balance[c.claim_id]),
            running_from,
        )
        for c in claims
    )
    capital = sum(balance[c.claim_id] for c in claims)
    interest = ctx.settlement.interest_ore
    return Table(
        header=("Avi", "Avser", "Förfallodag", "Kapital", "Ränta fr.o.m."),
        rows=rows,
        widths=(0.17, 0.31, 0.16, 0.18, 0.18),
        align="LLLRL",
        footer=(
            ("Summa kapital", "", "", fmt.amount(capital), ""),
            (f"Upplupen ränta t.o.m. {fmt.date_iso(as_of)}", "", "", fmt.amount(interest), ""),
            ("Summa kapital och upplupen ränta", "", "", fmt.amount(capital + interest), ""),
        ),
        note="Ränta enligt 6 § räntelagen (1975:635), referensränta + 8 procentenheter, på respektive "
        "kapitalbelopp från angiven dag till dess betalning sker. Upplupen ränta från förfallodagarna till och med "
        f"{fmt.date_iso(as_of)} enligt bifogad specifikation. Grund: " + claims_ground(ctx) + ".",
    )
