"""Validation of Swedish identity numbers and bankgiro numbers, with python-stdnum."""
from __future__ import annotations

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer as se_personnummer

from app.domain.problem import Problem


def normalise_personnummer(text: str) -> str | Problem:
    """Personnummer or samordningsnummer (day + 60) → 12 digits with century, or a Problem."""
    raw = text.strip()
    try:
        if not raw.isascii():  # "¹" and "٣" pass str.isdigit() but are never part of a personnummer
            raise ValidationError()
        compact = _validate_personal_number(raw)
        birth = se_personnummer.get_birth_date(_birth_date_form(compact))
    except ValidationError:
        return Problem(
            "personnummer.invalid",
            f"Ogiltigt personnummer eller samordningsnummer: ”{raw}”. Kontrollera siffrorna och kontrollsiffran.",
            "personnummer",
        )
    digits = "".join(ch for ch in compact if ch.isdigit())
    if len(digits) == 12:
        return digits
    return f"{birth.year // 100:02d}{digits}"


def _birth_date_form(compact: str) -> str:
    """A samordningsnummer has 60 added to the day of birth (folkbokföringslagen 18 a §): take it off."""
    day_at = len(compact) - 7
    day = compact[day_at:day_at + 2]
    if day.isdigit() and 61 <= int(day) <= 91:
        return f"{compact[:day_at]}{int(day) - 60:02d}{compact[day_at + 2:]}"
    return compact


def _validate_personal_number(raw: str) -> str:
    """stdnum's check of a personnummer, extended to samordningsnummer (the check digit covers the day + 60)."""
    compact = se_personnummer.compact(raw)
    birth_form = _birth_date_form(compact)
    if birth_form == compact:
        return se_personnummer.validate(raw)
    se_personnummer.validate(birth_form[:-1] + luhn.calc_check_digit("".join(ch for ch in birth_form if ch.isdigit())[-10:-1]))
    luhn.validate("".join(ch for ch in compact if ch.isdigit())[-10:])
    return compact


def personnummer_error(text: str) -> str | None:
    result = normalise_personnummer(text)
    return result.message if isinstance(result, Problem) else None


def format_personnummer(digits: str) -> str:
    """19121212-1212 style for letters (12 digits with century)."""
    return f"{digits[:8]}-{digits[8:]}" if len(digits) == 12 else digits


def normalise_orgnr(text: str) -> str | Problem:
    raw = text.strip()
    try:
        return se_orgnr.validate(raw)
    except ValidationError:
        return Problem(
            "orgnr.invalid",
            f"Ogiltigt organisationsnummer: ”{raw}”. Det ska ha tio siffror och rätt kontrollsiffra.",
            "orgnr",
        )


def format_orgnr(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


def normalise_bankgiro(text: str) -> str | Problem:
    """Bankgiro: 7 or 8 digits with a Luhn check digit, written 123-4567 or 1234-5678."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) not in (7, 8) or any(ch not in "0123456789- " for ch in text.strip()) or not luhn.is_valid(digits):
        return Problem("bankgiro.invalid", f"Ogiltigt bankgironummer: ”{text.strip()}”.", "bankgiro")
    return digits


def format_bankgiro(digits: str) -> str:
    return f"{digits[:-4]}-{digits[-4:]}"
