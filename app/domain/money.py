"""Money as integer öre: parsing Swedish/CLI amounts and rounding exact values half-up to öre."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from app.domain.problem import Problem

ORE_PER_KRONA = 100

_AMOUNT = re.compile(r"^-?\d+(?:[.,]\d{1,2})?$")


def round_half_up(value: Fraction | Decimal) -> int:
    """Round an exact amount in öre half-up (away from zero for .5) to whole öre."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_kronor(text: str, field: str = "belopp") -> int | Problem:
    """'1234', '1234.50', '1234,50', '1 234,50 kr' -> öre. Returns a Problem for anything else."""
    cleaned = text.strip().removesuffix("kr").strip().replace("\u00a0", "").replace(" ", "")
    if not _AMOUNT.match(cleaned):
        return Problem("amount.invalid", f"Ogiltigt belopp i {field}: ”{text}”. Skriv t.ex. 1234,50.", field)
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return Problem("amount.invalid", f"Ogiltigt belopp i {field}: ”{text}”.", field)
    return int(value * ORE_PER_KRONA)


def kronor_text(ore: int) -> str:
    """Plain Swedish amount without babel, for places that must stay pure: '1 234,50 kr'."""
    sign = "−" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), ORE_PER_KRONA)
    grouped = f"{kronor:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{rest:02d}\u00a0kr"
