"""Swedish wording of values in letters: amounts, dates, rates, identity numbers, names and periods."""
from __future__ import annotations

import calendar as _stdcal
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.domain.money import kronor_text

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
NUMBER_WORDS = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio", 10: "tio"}


def amount(ore: int) -> str:
    """'1 234,50 kr' (non-breaking spaces, so an amount never splits over two lines)."""
    return kronor_text(ore)


def date_iso(day: date) -> str:
    return day.isoformat()


def date_long(day: date) -> str:
    """'10 mars 2026' – used for deadlines, which a stressed reader must not misread."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_weekday(day: date) -> str:
    """'tisdag 10 mars 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {date_long(day)}"


def percent(value: Decimal | int) -> str:
    """'2 %', '2,5 %', '10,25 %' – Swedish decimal comma, no trailing zeros."""
    text = format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "\u00a0%"


def personnummer(digits: str) -> str:
    """12 stored digits -> 'ÅÅÅÅMMDD-NNNN' (the form Kronofogden and social services ask for)."""
    clean = digits.replace("-", "").replace("+", "").strip()
    if len(clean) != 12 or not clean.isdigit():
        raise ValueError(f"personnummer must have 12 digits, got {digits!r}")
    return f"{clean[:8]}-{clean[8:]}"


def orgnr(digits: str) -> str:
    """'7696001234' -> '769600-1234'."""
    clean = digits.replace("-", "").strip()
    if len(clean) == 12 and clean.startswith("16"):
        clean = clean[2:]
    if len(clean) != 10 or not clean.isdigit():
        raise ValueError(f"organisationsnummer must have 10 digits, got {digits!r}")
    return f"{clean[:6]}-{clean[6:]}"


def bankgiro(text: str) -> str:
    """'1234567' -> '123-4567', '12345678' -> '1234-5678'; an already formatted number is kept."""
    clean = text.replace("-", "").replace(" ", "").strip()
    if not clean.isdigit() or len(clean) not in (7, 8):
        raise ValueError(f"bankgiro must have 7 or 8 digits, got {text!r}")
    return f"{clean[:-4]}-{clean[-4:]}"


def joined(items: Sequence[str]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def month_period(start: date, end: date) -> str | None:
    """'januari 2026' or 'januari–mars 2026' when the period is made of whole months, else None."""
    if start.day != 1 or end.day != _stdcal.monthrange(end.year, end.month)[1] or end < start:
        return None
    if (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return f"{MONTHS[start.month - 1]} {start.year}–{MONTHS[end.month - 1]} {end.year}"


def period(start: date | None, end: date | None) -> str:
    """A claim's period in words where it is whole months, else 'ÅÅÅÅ-MM-DD – ÅÅÅÅ-MM-DD'."""
    if start is None or end is None:
        return ""
    return month_period(start, end) or f"{date_iso(start)} – {date_iso(end)}"


def area(m2: Decimal | int | None) -> str:
    if m2 is None:
        return ""
    return format(Decimal(m2).normalize(), "f").replace(".", ",") + "\u00a0m²"


def rooms(count: int | None, kitchen: bool) -> str:
    if count is None:
        return ""
    return f"{count} rum och kök" if kitchen else f"{count} rum"


def number_word(n: int) -> str:
    """'tre' for 3 – periods in letters are written out (tre veckor)."""
    return NUMBER_WORDS.get(n, str(n))


def household(adults: int, children: int) -> str:
    """'1 vuxen och 2 barn', '2 vuxna och inga barn'."""
    grown = f"{adults} vuxen" if adults == 1 else f"{adults} vuxna"
    young = "inga barn" if children == 0 else f"{children} barn"
    return f"{grown} och {young}"
