"""OCR payment references for Bankgiro: a length digit and a Luhn (modulus 10) check digit last.

LAW.md, Identity numbers and payments: digits only, at most 25; the length digit is the total length
including both added digits, modulo 10. Each case gets its own reference (PROCESS.md, Money).
"""
from __future__ import annotations

from app.domain.problem import Problem

MAX_LENGTH = 25
MIN_LENGTH = 2  # Bankgirot: an OCR reference has at least two digits
CASE_PREFIX = "7"  # every case reference starts with it, so they stand apart from other numbers
CASE_ID_WIDTH = 6  # zero-padded, so references for the first million cases have equal length


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for `digits` (weights 2, 1, 2 … from the right of `digits`)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def make_ocr(base_digits: str) -> str:
    """`base_digits` + length digit + Luhn check digit."""
    if not base_digits or not base_digits.isascii() or not base_digits.isdigit():
        raise ValueError(f"OCR base must be digits, got {base_digits!r}")
    if len(base_digits) + 2 > MAX_LENGTH:
        raise ValueError(f"OCR base {base_digits!r} too long: at most {MAX_LENGTH - 2} digits")
    with_length = base_digits + str((len(base_digits) + 2) % 10)
    return with_length + luhn_digit(with_length)


def check_ocr(text: str, with_length_digit: bool = True) -> tuple[Problem, ...]:
    """Problems with an OCR reference (Swedish messages); empty when it is valid."""
    reference = text.strip()
    if not reference:
        return (Problem("ocr.empty", "OCR-numret saknas.", "ocr"),)
    if not (reference.isascii() and reference.isdigit()):
        return (Problem("ocr.digits", f"OCR-numret ”{reference}” får bara innehålla siffror.", "ocr"),)
    if not MIN_LENGTH <= len(reference) <= MAX_LENGTH:
        return (
            Problem(
                "ocr.length",
                f"OCR-numret ”{reference}” har {len(reference)} siffror; det ska ha {MIN_LENGTH}–{MAX_LENGTH}.",
                "ocr",
            ),
        )
    problems: list[Problem] = []
    if with_length_digit and int(reference[-2]) != len(reference) % 10:
        problems.append(
            Problem("ocr.length_digit", f"OCR-numret ”{reference}” har fel längdsiffra (näst sista siffran).", "ocr")
        )
    if luhn_digit(reference[:-1]) != reference[-1]:
        problems.append(
            Problem("ocr.check_digit", f"OCR-numret ”{reference}” har fel kontrollsiffra (sista siffran).", "ocr")
        )
    return tuple(problems)


def case_ocr(case_id: int) -> str:
    """The case's own OCR reference: the prefix, the zero-padded case id, length and check digit."""
    if case_id < 1:
        raise ValueError(f"case id must be positive, got {case_id}")
    return make_ocr(CASE_PREFIX + str(case_id).zfill(CASE_ID_WIDTH))


def case_id_from_ocr(text: str) -> int | None:
    """The case id a reference made by `case_ocr` points to, or None when it is not one of ours."""
    reference = text.strip()
    if check_ocr(reference) or not reference.startswith(CASE_PREFIX) or len(reference) < CASE_ID_WIDTH + 3:
        return None
    case_id = int(reference[len(CASE_PREFIX) : -2])
    return case_id if case_id >= 1 and case_ocr(case_id) == reference else None
