"""Money as integer öre: parsing Swedish/CLI amounts and rounding exact values half-up to öre."""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from app.domain.problem import Problem

ORE_PER_KRONA = 100

# ASCII digits only: `\d` would also take Arabic-Indic and other Unicode digits, which Decimal accepts
_AMOUNT = re.compile(r"(-?)([0-9]+)(?:[.,]([0-9]{1,2}))?")
# spaces people and formatters put in amounts: space, no-break space, narrow no-break space (CLDR sv)
_GROUPING = ("\u00a0", "\u202f", " ")


def round_half_up(value: Fraction | Decimal) -> int:
    """Round an exact amount in öre half-up (away from zero for .5) to whole öre.

    Exact integer arithmetic: independent of the decimal context's precision and rounding.
    """
    exact = Fraction(value)
    magnitude = (2 * abs(exact.numerator) + exact.denominator) // (2 * exact.denominator)
    return -magnitude if exact < 0 else magnitude


def parse_kronor(text: str, field: str = "belopp") -> int | Problem:
    """'1234', '1234.50', '1234,50', '1 234,50 kr' -> öre. Returns a Problem for anything else."""
    cleaned = text.strip().removesuffix("kr").strip().replace("\u2212", "-")  # kronor_text writes U+2212
    for space in _GROUPING:
        cleaned = cleaned.replace(space, "")
    match = _AMOUNT.fullmatch(cleaned)
    if not match:
        return Problem("amount.invalid", f"Ogiltigt belopp i {field}: ”{text}”. Skriv t.ex. 1234,50.", field)
    # integer arithmetic: exact for any length (Decimal would round past the context's 28 digits)
    sign, whole, fraction = match.groups()
    ore = int(whole) * ORE_PER_KRONA + int((fraction or "").ljust(2, "0"))
    return -ore if sign else ore


def kronor_text(ore: int) -> str:
    """Plain Swedish amount without babel, for places that must stay pure: '1 234,50 kr'."""
    sign = "−" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), ORE_PER_KRONA)
    grouped = f"{kronor:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{rest:02d}\u00a0kr"
