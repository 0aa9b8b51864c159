"""The claim-import file (CLI.md, import-claims): one unpaid avi per row, parsed and checked.

UTF-8 (with or without BOM), a header row, `;` or `,` separated. A bad row refuses the whole file:
every problem names the row and the field in Swedish. Personnummer are checked by a hook the
services pass in (python-stdnum lives outside the domain).
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.money import parse_kronor
from app.domain.problem import Problem
from app.domain.tenure import Tenure

REQUIRED = (
    "personnummer", "namn", "adress", "postnummer", "ort", "lagenhet", "upplatelseform",
    "avinummer", "period_fran", "period_till", "forfallodag", "belopp",
)  # fmt: skip
OPTIONAL = ("epost", "telefon", "rum", "kvm", "kommun")
MAX_PROBLEMS = 50  # enough to fix a file; the rest are counted
_SWEDISH_LETTERS = str.maketrans("åäöÅÄÖé", "aaoAAOe")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"[0-9]{1,6}(?:[.,][0-9]{1,2})?")


@dataclass(frozen=True)
class ClaimRow:
    row_number: int  # the line in the file (the header is line 1)
    personal_number: str  # personnummer as written; checked by the hook
    name: str
    address: str
    postcode: str  # five digits
    city: str
    unit: str  # lägenhetsbeteckning
    tenure: Tenure
    avi_number: str
    period_from: date
    period_to: date
    due_date: date
    amount_ore: int
    email: str = ""
    phone: str = ""
    rooms: int | None = None
    area_sqm: Decimal | None = None
    municipality: str = ""


@dataclass(frozen=True)
class ParsedClaims:
    """Either rows (the file is good) or problems (it is refused whole) – never both."""

    rows: tuple[ClaimRow, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


PersonnummerCheck = Callable[[str], "str | None"]


def parse_claims_csv(data: bytes | str, validate_personnummer: PersonnummerCheck) -> ParsedClaims:
    """Parse and check the whole file; `validate_personnummer` returns an error message or None."""
    text = _decode(data)
    if isinstance(text, Problem):
        return ParsedClaims((), (text,))
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return _parse_rows(reader, validate_personnummer)


def _decode(data: bytes | str) -> str | Problem:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _problem(line, None, "filen är inte UTF-8-kodad. Spara den som ”CSV UTF-8” och försök igen.")


def _parse_rows(reader, validate_personnummer: PersonnummerCheck) -> ParsedClaims:
    records = _records(reader)
    _, header = next(records, (1, []))
    if isinstance(header, Problem):
        return ParsedClaims((), (header,))
    columns = _columns(header)
    if isinstance(columns, tuple):
        return ParsedClaims((), columns)
    rows: list[ClaimRow] = []
    problems: list[Problem] = []
    seen = _Seen()
    last_line = reader.line_num
    for row_number, cells in records:
        if isinstance(cells, Problem):
            return ParsedClaims((), (*_capped(problems), cells))
        last_line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        row, row_problems = _row(row_number, cells, columns, reader.dialect.delimiter, validate_personnummer)
        problems.extend(row_problems)
        if row is not None:
            problems.extend(seen.check(row))
            rows.append(row)
    if not rows and not problems:
        problems.append(_problem(last_line, None, "filen innehåller inga avier under rubrikraden."))
    if problems:
        return ParsedClaims((), _capped(problems))
    return ParsedClaims(tuple(rows), ())


def _records(reader) -> Iterator[tuple[int, list[str] | Problem]]:
    """(line where the record starts, its cells); a record the csv module cannot read ends it with a Problem."""
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a quote left open, a NUL character
            yield start, _problem(start, None, f"filen går inte att läsa som CSV: {_csv_reason(error)}.")
            return
        yield start, cells


def _csv_reason(error: csv.Error) -> str:
    text = str(error).lower()
    if "end of data" in text or "eof" in text:
        return "ett citattecken öppnas men stängs aldrig"
    if "larger than field limit" in text:
        return "ett fält är orimligt långt"
    return "citattecknen stämmer inte – ett fält inom citattecken ska följas direkt av avgränsaren"


def _columns(header: list[str]) -> dict[str, int] | tuple[Problem, ...]:
    names = [_normalise(cell) for cell in header]
    problems = []
    for index, name in enumerate(names):
        if name and name not in REQUIRED and name not in OPTIONAL:
            allowed = ", ".join(REQUIRED + OPTIONAL)
            problems.append(_problem(1, header[index].strip(), f"okänd kolumn. Tillåtna kolumner: {allowed}."))
        elif name and names.index(name) != index:
            problems.append(_problem(1, name, "kolumnen finns två gånger."))
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.append(_problem(1, None, f"rubrikraden saknar {', '.join(missing)}."))
    if problems:
        return tuple(problems)
    return {name: index for index, name in enumerate(names) if name}


def _normalise(name: str) -> str:
    # people write "Lägenhet" or "upplåtelseform" in a spreadsheet: accept it
    return name.strip().lower().translate(_SWEDISH_LETTERS).replace(" ", "_").replace("-", "_")


def _row(
    number: int, cells: list[str], columns: dict[str, int], delimiter: str, validate_personnummer: PersonnummerCheck
) -> tuple[ClaimRow | None, list[Problem]]:
    width = max(columns.values()) + 1
    if any(cell.strip() for cell in cells[width:]):
        hint = " Belopp med decimalkomma ska stå inom citattecken när fälten skiljs med komma." if delimiter == "," else ""
        return None, [_problem(number, None, f"raden har {len(cells)} fält men rubrikraden {width}.{hint}")]
    values = {name: (cells[index].strip() if index < len(cells) else "") for name, index in columns.items()}
    fields = _Fields(number, values)
    for name in REQUIRED:
        fields.require(name)
    personal_number = values["personnummer"]
    if personal_number:
        message = validate_personnummer(personal_number)
        if message:
            fields.add("personnummer", message)
    row = ClaimRow(
        row_number=number,
        personal_number=personal_number,
        name=values["namn"],
        address=values["adress"],
        postcode=fields.postcode("postnummer"),
        city=values["ort"],
        unit=values["lagenhet"],
        tenure=fields.tenure("upplatelseform"),
        avi_number=values["avinummer"],
        period_from=fields.day("period_fran"),
        period_to=fields.day("period_till"),
        due_date=fields.day("forfallodag"),
        amount_ore=fields.amount("belopp"),
        email=fields.email("epost"),
        phone=fields.phone("telefon"),
        rooms=fields.rooms("rum"),
        area_sqm=fields.area("kvm"),
        municipality=values.get("kommun", ""),
    )
    if fields.ok("period_fran", "period_till") and row.period_from > row.period_to:
        fields.add("period_till", f"perioden slutar ({row.period_to}) före den börjar ({row.period_from}).")
    return (row if not fields.problems else None), fields.problems


class _Fields:
    """Reads the cells of one row; each reader records a problem and returns a placeholder when it fails."""

    def __init__(self, number: int, values: dict[str, str]):
        self.number = number
        self.values = values
        self.problems: list[Problem] = []
        self.bad: set[str] = set()

    def add(self, field: str, message: str) -> None:
        self.problems.append(_problem(self.number, field, message))
        self.bad.add(field)

    def ok(self, *names: str) -> bool:
        return not self.bad.intersection(names)

    def require(self, name: str) -> None:
        if not self.values.get(name):
            self.add(name, "värde saknas.")

    def day(self, name: str) -> date:
        text = self.values.get(name, "")
        if _ISO_DATE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        if text:
            self.add(name, f"”{text}” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31.")
        return date.min

    def amount(self, name: str) -> int:
        text = self.values.get(name, "")
        if not text:
            return 0
        parsed = parse_kronor(text, name)
        if not isinstance(parsed, int):
            self.add(name, f"”{text}” är inget belopp. Skriv kronor, t.ex. 1234 eller 1234,50.")
            return 0
        if parsed <= 0:
            self.add(name, f"beloppet ska vara större än noll, inte {text}.")
        return parsed

    def tenure(self, name: str) -> Tenure:
        text = self.values.get(name, "")
        try:
            return Tenure(text.lower().translate(_SWEDISH_LETTERS))
        except ValueError:
            if text:
                self.add(name, f"”{text}” ska vara bostadsratt, hyresratt, lokal eller ovrigt.")
            return Tenure.OVRIGT

    def postcode(self, name: str) -> str:
        text = self.values.get(name, "")
        digits = text.replace(" ", "")
        if text and not (len(digits) == 5 and digits.isascii() and digits.isdigit()):
            self.add(name, f"”{text}” är inget postnummer; det ska ha fem siffror, t.ex. 123 45.")
        return digits

    def email(self, name: str) -> str:
        text = self.values.get(name, "")
        local, _, domain = text.partition("@")
        if text and (not local or "." not in domain or " " in text or domain.startswith(".")):
            self.add(name, f"”{text}” är ingen e-postadress.")
        return text

    def phone(self, name: str) -> str:
        text = self.values.get(name, "")
        allowed = set("0123456789+-() ")
        if text and (not set(text) <= allowed or sum(c.isdigit() for c in text) < 5):
            self.add(name, f"”{text}” är inget telefonnummer.")
        return text

    def rooms(self, name: str) -> int | None:
        text = self.values.get(name, "")
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and 0 < int(text) < 100):
            self.add(name, f"”{text}” är inget antal rum; skriv ett heltal, t.ex. 3.")
            return None
        return int(text)

    def area(self, name: str) -> Decimal | None:
        text = self.values.get(name, "")
        if not text:
            return None
        value = Decimal(text.replace(",", ".")) if _DECIMAL.fullmatch(text) else None
        if value is None or not 0 < value < 10000:
            self.add(name, f"”{text}” är ingen yta; skriv kvadratmeter, t.ex. 74 eller 74,5.")
            return None
        return value


class _Seen:
    """Checks across rows: an avi number once per file, one tenure per unit."""

    def __init__(self) -> None:
        self.avi: dict[str, int] = {}
        self.tenure: dict[str, tuple[Tenure, int]] = {}

    def check(self, row: ClaimRow) -> list[Problem]:
        problems = []
        if row.avi_number in self.avi:
            earlier = self.avi[row.avi_number]
            problems.append(_problem(row.row_number, "avinummer", f"avinumret {row.avi_number} står redan på rad {earlier}."))
        else:
            self.avi[row.avi_number] = row.row_number
        known = self.tenure.setdefault(row.unit, (row.tenure, row.row_number))
        if known[0] is not row.tenure:
            problems.append(
                _problem(
                    row.row_number,
                    "upplatelseform",
                    f"lägenhet {row.unit} har upplåtelseformen {known[0].value} på rad {known[1]}, här {row.tenure.value}.",
                )
            )
        return problems


def _problem(row: int, field: str | None, message: str) -> Problem:
    where = f"Rad {row}, fält {field}" if field else f"Rad {row}"
    return Problem("claims_csv.invalid", f"{where}: {message}", field)


def _capped(problems: list[Problem]) -> tuple[Problem, ...]:
    if len(problems) <= MAX_PROBLEMS:
        return tuple(problems)
    rest = len(problems) - MAX_PROBLEMS
    return (*problems[:MAX_PROBLEMS], Problem("claims_csv.more", f"… och {rest} problem till."))
