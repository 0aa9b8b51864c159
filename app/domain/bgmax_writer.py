"""Writing BgMax files as Bankgirot sends them: for tests, demos and benchmarks (the app only reads them)."""
from __future__ import annotations

from app.domain.bgmax import RECORD_LENGTH, BgMaxFile, BgPayment


def write_bgmax(bgmax: BgMaxFile, line_end: str = "\r\n") -> bytes:
    """The file as Bankgirot would send it: latin-1, 80-character records. Raises ValueError if a value
    does not fit its field."""
    lines = [
        "01" + _alpha("BGMAX", 20) + _num(bgmax.version, 2) + bgmax.timestamp.strftime("%Y%m%d%H%M%S")
        + _num(bgmax.timestamp.microsecond, 6) + ("T" if bgmax.test_flag else "P")
    ]
    extras = 0
    for deposit in bgmax.deposits:
        lines.append("05" + _num(deposit.payee_bankgiro, 10) + _num(deposit.payee_plusgiro, 10, blank=True)
                     + _alpha(deposit.currency, 3))
        for payment in (*deposit.payments, *deposit.deductions):
            lines.extend(_payment_lines(payment))
            extras += len(payment.extra_references)
        lines.append(
            "15" + _num(deposit.payee_account, 35) + deposit.payment_date.strftime("%Y%m%d")
            + _num(deposit.deposit_serial, 5) + _num(deposit.deposit_amount_ore, 18) + _alpha(deposit.currency, 3)
            + _num(deposit.record_count, 8) + _alpha(deposit.deposit_type, 1)
        )
    payments = sum(len(d.payments) for d in bgmax.deposits)
    deductions = sum(len(d.deductions) for d in bgmax.deposits)
    lines.append("70" + _num(payments, 8) + _num(deductions, 8) + _num(extras, 8) + _num(len(bgmax.deposits), 8))
    for line in lines:
        if len(line) > RECORD_LENGTH:  # pragma: no cover - the field writers keep every record within 80
            raise ValueError(f"record too long: {line!r}")
    return "".join(line.ljust(RECORD_LENGTH) + line_end for line in lines).encode("latin-1")


def _payment_lines(payment: BgPayment) -> list[str]:
    common = _num(payment.payer_bankgiro, 10)
    tail = _num(payment.channel, 1) + _num(payment.serial, 12) + ("1" if payment.image else "0")
    code = "21" if payment.is_deduction else "20"
    first = code + common + _reference(payment.reference) + _num(payment.amount_ore, 18) + _num(
        payment.reference_code, 1
    ) + tail + (_num(payment.deduction_code, 1) if payment.is_deduction else "")
    lines = [first]
    for extra in payment.extra_references:
        lines.append(("23" if extra.negative else "22") + common + _reference(extra.reference)
                     + _num(extra.amount_ore, 18) + _num(extra.reference_code, 1) + tail)
    lines.extend("25" + _alpha(text, 50) for text in payment.information)
    if payment.payer_name or payment.payer_extra_name:
        lines.append("26" + _alpha(payment.payer_name, 35) + _alpha(payment.payer_extra_name, 35))
    if payment.address or payment.postcode:
        lines.append("27" + _alpha(payment.address, 35) + _alpha(payment.postcode, 9))
    if payment.town or payment.country or payment.country_code:
        lines.append("28" + _alpha(payment.town, 35) + _alpha(payment.country, 35) + _alpha(payment.country_code, 2))
    if payment.payer_org_number:
        lines.append("29" + _num(payment.payer_org_number, 12))
    return lines


def _num(value: int | str | None, width: int, blank: bool = False) -> str:
    text = "" if value is None else str(value)
    if blank and not text:
        return " " * width
    if not (text == "" or (text.isascii() and text.isdigit())) or len(text) > width:
        raise ValueError(f"{value!r} does not fit a {width}-digit field")
    return text.zfill(width)


def _alpha(value: str, width: int) -> str:
    if len(value) > width or any(c in value for c in "\r\n\t") or value != value.strip(" "):
        raise ValueError(f"{value!r} does not fit a {width}-character text field")
    value.encode("latin-1")  # UnicodeEncodeError (a ValueError) for characters latin-1 lacks
    return value.ljust(width)


def _reference(value: str) -> str:
    return _alpha(value, 25) and value.rjust(25)  # right-aligned, as Bankgirot writes OCR numbers
