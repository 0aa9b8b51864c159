"""Bankgirot BgMax files (incoming Bankgiro payments): a strict parser and a writer for tests.

80-character fixed records in latin-1 (LAW.md, Identity numbers and payments). A file is taken whole
or refused: counts (TK70) and each deposit's sum and count (TK15) are checked, and the first fault
is reported with its line number in Swedish. Right-trimmed lines, TABs, CRLF/LF are tolerated and
unknown record types are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.money import kronor_text
from app.domain.problem import Problem

RECORD_LENGTH = 80
TAB_STOP = 8  # a TAB in a record stands for spaces up to the next multiple of 8 (as `expand` does)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines: latin-1 0x85 (NEL) is not a line break here

REFERENCE_CODES: dict[int, str] = {
    0: "ingen referens",
    1: "ingen referens",
    2: "korrekt OCR-nummer",
    3: "en eller flera referenser",
    4: "korrekt referens",
    5: "felaktig referens",
}
CHANNELS: dict[int, str] = {1: "elektronisk betalning", 2: "leverantörsbetalning", 3: "blankett", 4: "autogiro"}


class BgMaxError(Exception):
    """The file is refused: `message` (Swedish) says what is wrong on line `line_number`."""

    def __init__(self, line_number: int, message: str):
        self.line_number = line_number
        self.message = message
        super().__init__(f"Rad {line_number}: {message}")

    @property
    def problem(self) -> Problem:
        return Problem("bgmax.invalid", f"BgMax-filen, rad {self.line_number}: {self.message}", "fil")


@dataclass(frozen=True)
class ExtraReference:
    """TK22 (TK23 when `negative`): one more reference the payer gave for the same payment."""

    reference: str
    amount_ore: int = 0
    reference_code: int = 2
    negative: bool = False
    line_number: int = field(default=0, compare=False)

    @property
    def signed_amount_ore(self) -> int:
        return -self.amount_ore if self.negative else self.amount_ore


@dataclass(frozen=True)
class BgPayment:
    """A payment (TK20) or a deduction (TK21, `deduction_code` set) with the records that follow it."""

    payer_bankgiro: str  # digits without leading zeros; "" when unknown
    reference: str
    amount_ore: int
    reference_code: int = 2  # 2 = a correct OCR number (REFERENCE_CODES)
    channel: int = 1  # CHANNELS
    serial: int = 0  # Bankgirot's serial number for the payment
    image: bool = False
    extra_references: tuple[ExtraReference, ...] = ()
    information: tuple[str, ...] = ()  # TK25
    payer_name: str = ""  # TK26
    payer_extra_name: str = ""
    address: str = ""  # TK27
    postcode: str = ""
    town: str = ""  # TK28
    country: str = ""
    country_code: str = ""
    payer_org_number: str = ""  # TK29, as given (12 digits)
    deduction_code: int | None = None  # TK21 only
    line_number: int = field(default=0, compare=False)

    @property
    def is_deduction(self) -> bool:
        return self.deduction_code is not None

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference given, once each: the record's own (split at spaces – with reference code 3 it
        may list several), then the extra ones (TK22/23)."""
        found = (*self.reference.split(), *(x.reference for x in self.extra_references))
        return tuple(dict.fromkeys(r for r in found if r))


@dataclass(frozen=True)
class Deposit:
    """One deposit to the payee's account: TK05 … TK15."""

    payee_bankgiro: str
    currency: str
    payment_date: date
    deposit_amount_ore: int
    payments: tuple[BgPayment, ...]
    deductions: tuple[BgPayment, ...] = ()
    payee_plusgiro: str = ""
    payee_account: str = ""  # digits without leading zeros
    deposit_serial: int = 0
    deposit_type: str = ""
    line_number: int = field(default=0, compare=False)

    @classmethod
    def of(
        cls,
        payee_bankgiro: str,
        payment_date: date,
        payments: tuple[BgPayment, ...],
        deductions: tuple[BgPayment, ...] = (),
        currency: str = "SEK",
    ) -> "Deposit":
        """A deposit whose amount is its payments minus its deductions."""
        amount = sum(p.amount_ore for p in payments) - sum(d.amount_ore for d in deductions)
        return cls(payee_bankgiro, currency, payment_date, amount, tuple(payments), tuple(deductions))

    @property
    def record_count(self) -> int:
        return len(self.payments) + len(self.deductions)


@dataclass(frozen=True)
class BgMaxFile:
    timestamp: datetime
    test_flag: bool  # True: a test file (T); False: production (P)
    deposits: tuple[Deposit, ...]
    version: int = 1

    @property
    def payments(self) -> tuple[BgPayment, ...]:
        return tuple(p for d in self.deposits for p in d.payments)

    @property
    def total_ore(self) -> int:
        return sum(d.deposit_amount_ore for d in self.deposits)

    @property
    def identity(self) -> str:
        """Bankgirot's timestamp with the payee: the same file imported twice has the same identity."""
        payees = ",".join(sorted({d.payee_bankgiro for d in self.deposits}))
        return f"{self.timestamp.strftime('%Y%m%d%H%M%S%f')}:{payees}"


class _Line:
    """One record padded to 80 characters, with field readers that name the line when they fail."""

    def __init__(self, number: int, text: str):
        self.number = number
        self.text = text.ljust(RECORD_LENGTH)

    @property
    def code(self) -> str:
        return self.text[:2]

    def fail(self, message: str) -> BgMaxError:
        return BgMaxError(self.number, message)

    def text_at(self, first: int, last: int) -> str:
        """Positions first…last (1-based, as in Bankgirot's manual), stripped."""
        return self.text[first - 1 : last].strip(" ")  # fields are space-padded; keep other characters

    def digits(self, first: int, last: int, what: str) -> str:
        raw = self.text[first - 1 : last]
        if not (raw.isascii() and raw.isdigit()):
            raise self.fail(f"{what} (position {first}–{last}) ska vara siffror men är ”{raw.strip()}”.")
        return raw

    def number_at(self, first: int, last: int, what: str) -> int:
        return int(self.digits(first, last, what))

    def optional_digits(self, first: int, last: int, what: str) -> str:
        raw = self.text_at(first, last)
        return self.digits(first, last, what).lstrip("0") if raw else ""

    def date_at(self, first: int, last: int, what: str) -> date:
        raw = self.digits(first, last, what)
        try:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
        except ValueError:
            raise self.fail(f"{what} ”{raw}” är inget giltigt datum.") from None


def _records(text: str) -> list[_Line]:
    lines = _LINE_BREAK.split(text.rstrip("\x1a"))  # old DOS files may end with Ctrl-Z
    records = []
    for number, raw in enumerate(lines, start=1):
        if "\t" in raw:
            expanded = raw.expandtabs(TAB_STOP)
            # TABs that replaced runs of spaces restore the layout; a TAB typed inside text is one space
            raw = expanded if len(expanded.rstrip(" ")) <= RECORD_LENGTH else raw.replace("\t", " ")
        if not raw.strip(" "):
            continue
        raw = raw.rstrip(" ")
        if len(raw) > RECORD_LENGTH:
            raise BgMaxError(number, f"raden är {len(raw)} tecken lång; en BgMax-post har högst 80.")
        records.append(_Line(number, raw))
    return records


class _Reader:
    """The state machine over the records: file → deposits → payments with their extra records."""

    def __init__(self) -> None:
        self.header: tuple[int, datetime, bool] | None = None
        self.deposits: list[Deposit] = []
        self.opening: dict | None = None  # the open deposit (after TK05)
        self.payments: list[dict] = []
        self.deductions: list[dict] = []
        self.current: dict | None = None  # the payment/deduction the extra records belong to
        self.extra_count = 0
        self.ended = False

    def feed(self, line: _Line) -> None:
        code = line.code
        if self.ended:
            raise line.fail("det finns poster efter slutposten (TK70).")
        if not (code.isascii() and code.isdigit()):
            raise line.fail(f"raden är ingen BgMax-post (posttyp ”{code}”).")
        if self.header is None and code != "01":
            raise line.fail("filen börjar inte med en startpost (TK01) – är det en BgMax-fil?")
        handler = _HANDLERS.get(code)
        if handler is not None:
            handler(self, line)
        # unknown record types are skipped (Bankgirot may add new ones)

    def start(self, line: _Line) -> None:
        if self.header is not None:
            raise line.fail("filen har mer än en startpost (TK01).")
        if line.text_at(3, 22) != "BGMAX":
            raise line.fail("startposten ska innehålla ”BGMAX” (position 3–22).")
        version = line.number_at(23, 24, "Versionsnumret")
        stamp = line.digits(25, 44, "Skrivtidpunkten")
        try:
            moment = datetime.strptime(stamp[:14], "%Y%m%d%H%M%S").replace(microsecond=int(stamp[14:]))
        except ValueError:
            raise line.fail(f"skrivtidpunkten ”{stamp}” är ingen giltig tidpunkt.") from None
        flag = line.text[44]
        if flag not in "TP":
            raise line.fail(f"testmarkeringen (position 45) ska vara T eller P men är ”{flag.strip()}”.")
        self.header = (version, moment, flag == "T")

    def open_deposit(self, line: _Line) -> None:
        if self.opening is not None:
            raise line.fail("en ny öppningspost (TK05) kommer innan förra insättningen avslutats med TK15.")
        currency = line.text_at(23, 25)
        if not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
            raise line.fail(f"valutan (position 23–25) ska vara tre bokstäver, t.ex. SEK, men är ”{currency}”.")
        self.opening = {
            "payee_bankgiro": line.digits(3, 12, "Mottagarens bankgironummer").lstrip("0"),
            "payee_plusgiro": line.optional_digits(13, 22, "Mottagarens plusgironummer"),
            "currency": currency,
            "line": line.number,
        }
        self.payments, self.deductions, self.current = [], [], None

    def payment(self, line: _Line) -> None:
        if self.opening is None:
            raise line.fail("betalnings- eller avdragspost utan öppningspost (TK05) före.")
        deduction = line.code == "21"
        record = {
            "payer_bankgiro": line.digits(3, 12, "Avsändarens bankgironummer").lstrip("0"),
            "reference": line.text_at(13, 37),
            "amount_ore": line.number_at(38, 55, "Beloppet"),
            "reference_code": line.number_at(56, 56, "Referenskoden"),
            "channel": line.number_at(57, 57, "Betalningskanalen"),
            "serial": line.number_at(58, 69, "BGC-löpnumret"),
            "image": line.number_at(70, 70, "Avibildmarkeringen") == 1,
            "deduction_code": line.number_at(71, 71, "Avdragskoden") if deduction else None,
            "extra_references": [],
            "information": [],
            "line_number": line.number,
        }
        (self.deductions if deduction else self.payments).append(record)
        self.current = record

    def _owner(self, line: _Line) -> dict:
        if self.current is None:
            raise line.fail(f"post TK{line.code} hör till en betalning, men ingen betalningspost (TK20/21) står före.")
        return self.current

    def extra_reference(self, line: _Line) -> None:
        owner = self._owner(line)
        owner["extra_references"].append(
            ExtraReference(
                reference=line.text_at(13, 37),
                amount_ore=line.number_at(38, 55, "Beloppet"),
                reference_code=line.number_at(56, 56, "Referenskoden"),
                negative=line.code == "23",
                line_number=line.number,
            )
        )
        self.extra_count += 1

    def information(self, line: _Line) -> None:
        self._owner(line)["information"].append(line.text_at(3, 52))

    def details(self, line: _Line) -> None:
        owner = self._owner(line)
        fields = _DETAIL_FIELDS[line.code]
        if any(name in owner for name, _, _ in fields):
            raise line.fail(f"betalningen har redan en post TK{line.code}.")
        for name, first, last in fields:
            owner[name] = line.text_at(first, last)
        if line.code == "29" and owner["payer_org_number"]:
            line.digits(3, 14, "Organisations-/personnumret")

    def close_deposit(self, line: _Line) -> None:
        if self.opening is None:
            raise line.fail("insättningspost (TK15) utan öppningspost (TK05) före.")
        payments = tuple(_payment(r) for r in self.payments)
        deductions = tuple(_payment(r) for r in self.deductions)
        deposit = Deposit(
            payee_bankgiro=self.opening["payee_bankgiro"],
            currency=self.opening["currency"],
            payment_date=line.date_at(38, 45, "Betalningsdagen"),
            deposit_amount_ore=line.number_at(51, 68, "Insättningsbeloppet"),
            payments=payments,
            deductions=deductions,
            payee_plusgiro=self.opening["payee_plusgiro"],
            payee_account=line.optional_digits(3, 37, "Mottagarens kontonummer"),
            deposit_serial=line.number_at(46, 50, "Insättningslöpnumret"),
            deposit_type=line.text_at(80, 80),
            line_number=self.opening["line"],
        )
        _check_deposit(deposit, line)
        self.deposits.append(deposit)
        self.opening, self.current = None, None

    def end(self, line: _Line) -> None:
        if self.opening is not None:
            raise line.fail(f"insättningen som börjar på rad {self.opening['line']} saknar insättningspost (TK15).")
        found = {
            "betalningsposter": (line.number_at(3, 10, "Antal betalningsposter"), len(self.all_payments())),
            "avdragsposter": (line.number_at(11, 18, "Antal avdragsposter"), len(self.all_deductions())),
            "extra referensposter": (line.number_at(19, 26, "Antal extra referensposter"), self.extra_count),
            "insättningsposter": (line.number_at(27, 34, "Antal insättningsposter"), len(self.deposits)),
        }
        for what, (stated, counted) in found.items():
            if stated != counted:
                raise line.fail(f"slutposten anger {stated} {what} men filen innehåller {counted}.")
        self.ended = True

    def all_payments(self) -> list[BgPayment]:
        return [p for d in self.deposits for p in d.payments]

    def all_deductions(self) -> list[BgPayment]:
        return [p for d in self.deposits for p in d.deductions]


_DETAIL_FIELDS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "26": (("payer_name", 3, 37), ("payer_extra_name", 38, 72)),
    "27": (("address", 3, 37), ("postcode", 38, 46)),
    "28": (("town", 3, 37), ("country", 38, 72), ("country_code", 73, 74)),
    "29": (("payer_org_number", 3, 14),),
}

_HANDLERS = {
    "01": _Reader.start,
    "05": _Reader.open_deposit,
    "20": _Reader.payment,
    "21": _Reader.payment,
    "22": _Reader.extra_reference,
    "23": _Reader.extra_reference,
    "25": _Reader.information,
    "26": _Reader.details,
    "27": _Reader.details,
    "28": _Reader.details,
    "29": _Reader.details,
    "15": _Reader.close_deposit,
    "70": _Reader.end,
}


def _payment(record: dict) -> BgPayment:
    values = dict(record)
    values["extra_references"] = tuple(values["extra_references"])
    values["information"] = tuple(values["information"])
    return BgPayment(**values)


def _check_deposit(deposit: Deposit, line: _Line) -> None:
    paid = sum(p.amount_ore for p in deposit.payments)
    deducted = sum(d.amount_ore for d in deposit.deductions)
    if deposit.deposit_amount_ore != paid - deducted:
        raise line.fail(
            f"insättningsbeloppet {kronor_text(deposit.deposit_amount_ore)} stämmer inte med posterna: "
            f"betalningar {kronor_text(paid)} minus avdrag {kronor_text(deducted)} är {kronor_text(paid - deducted)}."
        )
    stated = line.number_at(72, 79, "Antal betalningar")
    if stated != deposit.record_count:
        raise line.fail(f"insättningsposten anger {stated} betalningar men insättningen innehåller {deposit.record_count}.")
    currency = line.text_at(69, 71)
    if currency != deposit.currency:
        raise line.fail(f"valutan {currency} skiljer sig från öppningspostens {deposit.currency}.")


def parse_bgmax(data: bytes | str) -> BgMaxFile:
    """The whole file, or BgMaxError naming the first bad line. Bytes are read as latin-1."""
    text = data.decode("latin-1") if isinstance(data, bytes) else data
    reader = _Reader()
    records = _records(text)
    for line in records:
        reader.feed(line)
    if reader.header is None:
        raise BgMaxError(1, "filen är tom – ingen startpost (TK01).")
    if not reader.ended:
        raise BgMaxError(records[-1].number, "filen slutar utan slutpost (TK70) – den är ofullständig.")
    version, moment, test_flag = reader.header
    return BgMaxFile(timestamp=moment, test_flag=test_flag, deposits=tuple(reader.deposits), version=version)


def check_bgmax(data: bytes | str) -> tuple[Problem, ...]:
    """The problems that refuse the file (at most one: the first), or none."""
    try:
        parse_bgmax(data)
    except BgMaxError as error:
        return (error.problem,)
    return ()
