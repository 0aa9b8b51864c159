"""BgMax: Bankgirot's published example file, refusals that name the line, and generated files."""
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.bgmax import BgMaxError, BgMaxFile, BgPayment, Deposit, ExtraReference, check_bgmax, parse_bgmax
from app.domain.bgmax_writer import write_bgmax

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bgmax" / "bankgirot-exempelfil-ocr-checksiffra-langd.bgmax"
RAW = FIXTURE.read_bytes()


def lines_of(data: bytes) -> list[bytes]:
    return data.split(b"\r\n")


def replace_line(data: bytes, number: int, new: bytes) -> bytes:
    lines = lines_of(data)
    lines[number - 1] = new
    return b"\r\n".join(lines)


def refused(data: bytes) -> BgMaxError:
    with pytest.raises(BgMaxError) as caught:
        parse_bgmax(data)
    return caught.value


# --- the published example file ----------------------------------------------------------------


def test_example_file_as_the_fixture_readme_describes_it():
    bgmax = parse_bgmax(RAW)
    assert bgmax.timestamp == datetime(2004, 5, 25, 17, 30, 35, 10331)
    assert bgmax.test_flag is False and bgmax.version == 1
    assert [(d.payee_bankgiro, d.currency, d.payment_date) for d in bgmax.deposits] == [
        ("9912346", "SEK", date(2004, 5, 25)),
        ("9912346", "SEK", date(2004, 5, 25)),
    ]
    first, second = bgmax.deposits
    # deposit 1: 1 000,00 + 1 400,00 - 500,00 = 1 900,00 kr, 3 records; deposit 2: 8 000,00 kr, 4 records
    assert [p.amount_ore for p in first.payments] == [100_000, 140_000]
    assert [p.amount_ore for p in first.deductions] == [50_000]
    assert (first.deposit_amount_ore, first.record_count) == (190_000, 3)
    assert [p.amount_ore for p in second.payments] == [110_000, 120_000, 70_000, 500_000]
    assert (second.deposit_amount_ore, second.record_count) == (800_000, 4)
    assert bgmax.total_ore == 990_000
    assert len(bgmax.payments) == 6
    assert sum(len(p.extra_references) for d in bgmax.deposits for p in (*d.payments, *d.deductions)) == 6


def test_example_file_references_and_payer_details():
    first, second = parse_bgmax(RAW).deposits
    ocr, several = first.payments
    assert (ocr.reference, ocr.reference_code, ocr.line_number) == ("655969", 2, 3)
    assert (ocr.payer_bankgiro, ocr.channel, ocr.serial, ocr.image) == ("3783511", 2, 10, False)
    assert (ocr.payer_name, ocr.address, ocr.postcode, ocr.town) == ("Kalles Plåt AB", "Storgatan 2", "12345", "Storåker")
    assert ocr.payer_org_number == "005500001234"
    # reference code 3: several references, listed again in the TK22 records that follow
    assert several.reference_code == 3
    assert several.references == ("657866", "658765", "657767", "657965")
    assert several.information == ("Betalning med extra refnr 657965",)
    # the TK22 on line 17 has TABs where spaces were; its reference still sits in positions 13–37
    assert [(x.reference, x.line_number) for x in several.extra_references][-1] == ("657965", 17)
    (deduction,) = first.deductions
    assert (deduction.reference, deduction.deduction_code, deduction.is_deduction) == ("89853", 0, True)
    blank = second.payments[1]
    assert (blank.reference, blank.reference_code, blank.references, blank.channel, blank.image) == ("", 1, (), 3, True)
    assert second.payments[2].payer_name == "Berits Garn"
    assert second.payments[3].information == ("Faktura 658369", "Faktura 658468")
    assert second.payments[3].references == ("658260", "658369", "658468")


def test_line_endings_and_trimmed_lines_are_tolerated():
    expected = parse_bgmax(RAW)
    assert parse_bgmax(RAW.replace(b"\r\n", b"\n")) == expected
    assert parse_bgmax(RAW.replace(b"\r\n", b"\r")) == expected
    trimmed = b"\n".join(line.rstrip(b" ") for line in lines_of(RAW))
    assert parse_bgmax(trimmed) == expected
    assert parse_bgmax(RAW + b"\r\n\r\n\x1a") == expected  # blank lines and a DOS end-of-file mark
    assert parse_bgmax(RAW.decode("latin-1")) == expected


def test_unknown_record_types_are_skipped():
    lines = lines_of(RAW)
    lines.insert(5, b"99 a record type Bankgirot may add one day".ljust(80))
    assert parse_bgmax(b"\r\n".join(lines)) == parse_bgmax(RAW)


def test_the_example_file_round_trips_through_the_writer():
    bgmax = parse_bgmax(RAW)
    written = write_bgmax(bgmax)
    assert parse_bgmax(written) == bgmax
    assert all(len(line) == 80 for line in lines_of(written)[:-1]) and lines_of(written)[-1] == b""


# --- refusals name the line -----------------------------------------------------------------------


def test_wrong_deposit_sum_is_refused_on_the_tk15_line():
    line = lines_of(RAW)[22]
    wrong = line[:50] + b"000000000000190001" + line[68:]
    error = refused(replace_line(RAW, 23, wrong))
    assert error.line_number == 23
    assert str(error) == (
        "Rad 23: insättningsbeloppet 1\u00a0900,01\u00a0kr stämmer inte med posterna: betalningar "
        "2\u00a0400,00\u00a0kr minus avdrag 500,00\u00a0kr är 1\u00a0900,00\u00a0kr."
    )


def test_wrong_deposit_count_is_refused_on_the_tk15_line():
    line = lines_of(RAW)[48]
    error = refused(replace_line(RAW, 49, line[:71] + b"00000005" + line[79:]))
    assert (error.line_number, error.message) == (
        49,
        "insättningsposten anger 5 betalningar men insättningen innehåller 4.",
    )


@pytest.mark.parametrize(
    ("end_record", "message"),
    [
        (b"7000000007000000010000000600000002", "slutposten anger 7 betalningsposter men filen innehåller 6."),
        (b"7000000006000000000000000600000002", "slutposten anger 0 avdragsposter men filen innehåller 1."),
        (b"7000000006000000010000000500000002", "slutposten anger 5 extra referensposter men filen innehåller 6."),
        (b"7000000006000000010000000600000003", "slutposten anger 3 insättningsposter men filen innehåller 2."),
        (b"700000000600000001000000060000000", "Antal insättningsposter (position 27–34) ska vara siffror men är ”0000000”."),
    ],
)
def test_wrong_end_counts_are_refused_on_the_tk70_line(end_record, message):
    error = refused(replace_line(RAW, 50, end_record))
    assert (error.line_number, error.message) == (50, message)


def test_a_truncated_file_is_refused():
    cut = b"\r\n".join(lines_of(RAW)[:30])
    error = refused(cut)
    assert error.line_number == 30 and "slutpost (TK70)" in error.message
    assert "ingen startpost" in refused(b"").message


@pytest.mark.parametrize(
    ("number", "record", "line", "fragment"),
    [
        (3, b"20000378351A" + b" " * 19 + b"655969000000000000100000220000000000100", 3, "Avsändarens bankgironummer"),
        (3, b"2000037835112", 3, "Beloppet (position 38–55) ska vara siffror"),
        (23, b"15" + b"0" * 35 + b"20040532" + b"00074000000000000190000SEK00000003", 23, "inget giltigt datum"),
        (1, b"01BGMAX               0120040525173035010331X", 1, "testmarkeringen"),
        (1, b"01BGMIN               0120040525173035010331P", 1, "BGMAX"),
        (2, b"050009912346          S1K", 2, "valutan"),
        (10, b"Storgatan 2 12345", 10, "ingen BgMax-post"),
        (10, b"x" * 81, 10, "81 tecken"),
        (24, b"26Plats utan betalning", 24, "ingen betalningspost"),
    ],
)
def test_broken_records_are_refused_with_their_line(number, record, line, fragment):
    error = refused(replace_line(RAW, number, record))
    assert error.line_number == line
    assert fragment in error.message


def test_structure_errors():
    lines = lines_of(RAW)
    no_tk15 = b"\r\n".join(lines[:22] + lines[23:])
    assert refused(no_tk15).message == "en ny öppningspost (TK05) kommer innan förra insättningen avslutats med TK15."
    after_end = RAW + b"200003783511" + b"\r\n"
    assert refused(after_end).message == "det finns poster efter slutposten (TK70)."
    assert refused(b"\r\n".join([lines[1], *lines])).message.startswith("filen börjar inte med en startpost")
    twice = b"\r\n".join([lines[0], *lines])
    assert (refused(twice).line_number, refused(twice).message) == (2, "filen har mer än en startpost (TK01).")
    duplicate_name = b"\r\n".join(lines[:4] + [lines[3]] + lines[4:])
    assert refused(duplicate_name).message == "betalningen har redan en post TK26."


def test_check_bgmax_gives_one_swedish_problem():
    assert check_bgmax(RAW) == ()
    (problem,) = check_bgmax(replace_line(RAW, 50, b"7000000007000000010000000600000002"))
    assert problem.message == "BgMax-filen, rad 50: slutposten anger 7 betalningsposter men filen innehåller 6."


# --- generated files ------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_categories=("Cc",)), max_size=35
).map(lambda s: s.strip(" "))
DIGITS = st.integers(min_value=1, max_value=10**10 - 1).map(str)


def short(text_strategy, size):
    return text_strategy.map(lambda s: s[:size].strip(" "))


@st.composite
def payments(draw, deduction=False, max_amount=10**11):
    return BgPayment(
        payer_bankgiro=draw(st.one_of(st.just(""), DIGITS)),
        reference=draw(short(TEXT, 25)),
        amount_ore=draw(st.integers(min_value=0, max_value=max_amount)),
        reference_code=draw(st.integers(0, 9)),
        channel=draw(st.integers(0, 9)),
        serial=draw(st.integers(0, 10**12 - 1)),
        image=draw(st.booleans()),
        extra_references=tuple(
            ExtraReference(draw(short(TEXT, 25)), draw(st.integers(0, 10**11)), draw(st.integers(0, 9)), draw(st.booleans()))
            for _ in range(draw(st.integers(0, 3)))
        ),
        information=tuple(draw(st.lists(TEXT, max_size=2))),
        payer_name=draw(TEXT),
        payer_extra_name=draw(TEXT),
        address=draw(TEXT),
        postcode=draw(short(TEXT, 9)),
        town=draw(TEXT),
        country=draw(TEXT),
        country_code=draw(short(TEXT, 2)),
        payer_org_number=draw(st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=12, max_size=12))),
        deduction_code=draw(st.integers(0, 9)) if deduction else None,
    )


@st.composite
def deposits(draw):
    paid = tuple(draw(st.lists(payments(), min_size=1, max_size=4)))
    budget = sum(p.amount_ore for p in paid) // 3  # deductions never exceed what was paid in
    deducted = tuple(draw(st.lists(payments(deduction=True, max_amount=budget), max_size=2)))
    deposit = Deposit.of(draw(DIGITS), draw(st.dates(date(2000, 1, 1), date(2099, 12, 31))), paid, deducted,
                         currency=draw(st.sampled_from(["SEK", "EUR"])))
    return Deposit(
        deposit.payee_bankgiro, deposit.currency, deposit.payment_date, deposit.deposit_amount_ore, deposit.payments,
        deposit.deductions,
        payee_plusgiro=draw(st.one_of(st.just(""), DIGITS)),
        payee_account=draw(st.one_of(st.just(""), st.integers(1, 10**35 - 1).map(str))),
        deposit_serial=draw(st.integers(0, 99_999)),
        deposit_type=draw(st.sampled_from(["", "K", "D", "S"])),
    )


@st.composite
def files(draw):
    return BgMaxFile(
        timestamp=draw(st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31))),
        test_flag=draw(st.booleans()),
        deposits=tuple(draw(st.lists(deposits(), min_size=1, max_size=3))),
        version=draw(st.integers(0, 99)),
    )


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(files(), st.sampled_from(["\r\n", "\n"]))
def test_generated_files_round_trip(bgmax, line_end):
    written = write_bgmax(bgmax, line_end)
    parsed = parse_bgmax(written)
    assert parsed == bgmax
    # and the line numbers point at the records
    lines = written.decode("latin-1").split(line_end)
    for payment in (p for d in parsed.deposits for p in (*d.payments, *d.deductions)):
        assert lines[payment.line_number - 1][:2] == ("21" if payment.is_deduction else "20")


def record_lines(written: bytes) -> list[bytes]:
    return written.split(b"\r\n")[:-1]


@FAST
@given(files(), st.data())
def test_a_wrong_count_or_sum_is_refused_on_its_line(bgmax, data):
    lines = record_lines(write_bgmax(bgmax))
    targets = [i for i, line in enumerate(lines) if line[:2] in (b"15", b"70")]
    index = data.draw(st.sampled_from(targets))
    line = lines[index]
    if line[:2] == b"15":
        start, width = data.draw(st.sampled_from([(50, 18), (71, 8)]))  # amount or number of payments
    else:
        start, width = data.draw(st.sampled_from([(2, 8), (10, 8), (18, 8), (26, 8)]))
    old = int(line[start : start + width])
    new = data.draw(st.integers(0, 10**width - 1).filter(lambda n: n != old))
    lines[index] = line[:start] + str(new).zfill(width).encode() + line[start + width :]
    error = refused(b"\r\n".join(lines))
    assert error.line_number == index + 1


@FAST
@given(files(), st.data())
def test_a_truncated_file_is_refused(bgmax, data):
    written = write_bgmax(bgmax)
    end_record = written.rindex(b"\r\n70")
    cut = data.draw(st.integers(0, end_record + 2 + 32))  # anywhere before the TK70's last count digit
    error = refused(written[:cut])
    assert 1 <= error.line_number <= written[:cut].count(b"\n") + 1


@FAST
@given(files(), st.data())
def test_a_garbage_record_is_refused_on_its_line(bgmax, data):
    lines = record_lines(write_bgmax(bgmax))
    index = data.draw(st.integers(0, len(lines)))
    first = data.draw(st.characters(min_codepoint=0x21, max_codepoint=0xFF).filter(lambda c: not c.isdigit()))
    rest = data.draw(st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\r\n"), max_size=79))
    lines.insert(index, (first + rest).encode("latin-1"))
    error = refused(b"\r\n".join(lines))
    assert error.line_number == index + 1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    try:
        parse_bgmax(data)
    except BgMaxError as error:
        assert error.line_number >= 1 and error.message


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_mutated_example_file_is_read_or_refused_never_crashes(data):
    position = data.draw(st.integers(0, len(RAW) - 1))
    byte = data.draw(st.integers(0, 255))
    mutated = RAW[:position] + bytes([byte]) + RAW[position + 1 :]
    try:
        parsed = parse_bgmax(mutated)
    except BgMaxError as error:
        assert 1 <= error.line_number <= 52
    else:
        # if a changed byte was in a text field or a tolerated place, the money is still the same
        assert parsed.total_ore == 990_000
