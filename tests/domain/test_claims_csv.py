"""The claim-import CSV (CLI.md): good files become rows; a bad row refuses the file, naming row and field."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.claims_csv import ClaimRow, parse_claims_csv
from app.domain.tenure import Tenure

HEADER = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp"
TOLVAN = "191212121212;Tolvan Tolvansson;Storgatan 1;123 45;Storstad;1101;bostadsratt;A-2026-03;2026-03-01;2026-03-31;2026-02-27;4512"
SVEN = "194408139089;Sven Svensson;Storgatan 1;12345;Storstad;1102;hyresratt;A-2026-04;2026-04-01;2026-04-30;2026-03-31;7 125,50"


def luhn_ok(text: str) -> str | None:
    """A stand-in for the stdnum hook the services pass: 12 digits with a valid Luhn check digit."""
    digits = text.replace("-", "")
    if len(digits) != 12 or not digits.isdigit():
        return "ogiltigt personnummer (ska vara ÅÅÅÅMMDD-NNNN)."
    total = sum(sum(divmod(int(c) * (2 - i % 2), 10)) for i, c in enumerate(digits[2:11]))
    return None if (10 - total % 10) % 10 == int(digits[11]) else "personnumret har fel kontrollsiffra."


def parse(*rows: str, header: str = HEADER, encoding: str = "utf-8"):
    return parse_claims_csv("\n".join([header, *rows, ""]).encode(encoding), luhn_ok)


def messages(result) -> list[str]:
    assert not result.rows
    return [p.message for p in result.problems]


def test_a_good_file_gives_one_row_per_avi():
    result = parse(TOLVAN, SVEN)
    assert result.ok and result.problems == ()
    first, second = result.rows
    assert first == ClaimRow(
        row_number=2,
        personal_number="191212121212",
        name="Tolvan Tolvansson",
        address="Storgatan 1",
        postcode="12345",
        city="Storstad",
        unit="1101",
        tenure=Tenure.BOSTADSRATT,
        avi_number="A-2026-03",
        period_from=date(2026, 3, 1),
        period_to=date(2026, 3, 31),
        due_date=date(2026, 2, 27),
        amount_ore=451_200,
    )
    assert (second.row_number, second.tenure, second.amount_ore) == (3, Tenure.HYRESRATT, 712_550)


def test_bom_comma_separator_and_optional_columns():
    header = HEADER.replace(";", ",") + ",epost,telefon,rum,kvm,kommun"
    row = TOLVAN.replace(";", ",") + ',tolvan@example.se,070-123 45 67,3,"74,5",Storstad'
    result = parse_claims_csv(("\ufeff" + header + "\r\n" + row + "\r\n").encode("utf-8"), luhn_ok)
    (claim,) = result.rows
    assert (claim.email, claim.phone, claim.rooms, claim.area_sqm, claim.municipality) == (
        "tolvan@example.se", "070-123 45 67", 3, Decimal("74.5"), "Storstad"
    )
    # an amount with a decimal comma, quoted, in a comma-separated file
    quoted = TOLVAN.replace(";", ",").replace(",4512", ',"4512,50"')
    assert parse_claims_csv(f"{header}\n{quoted},,,,,\n", luhn_ok).rows[0].amount_ore == 451_250


def test_swedish_spellings_in_the_header_and_values_are_accepted():
    header = HEADER.replace("lagenhet", "Lägenhet").replace("upplatelseform", "Upplåtelseform").replace(
        "forfallodag", "förfallodag"
    )
    (claim,) = parse(TOLVAN.replace("bostadsratt", "Bostadsrätt"), header=header).rows
    assert claim.tenure is Tenure.BOSTADSRATT


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("4512", "45x2"), "Rad 2, fält belopp: ”45x2” är inget belopp. Skriv kronor, t.ex. 1234 eller 1234,50."),
        (("4512", "0"), "Rad 2, fält belopp: beloppet ska vara större än noll, inte 0."),
        (("2026-02-27", "27/2 2026"), "Rad 2, fält forfallodag: ”27/2 2026” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31."),
        (("2026-02-27", "2026-02-30"), "Rad 2, fält forfallodag: ”2026-02-30” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31."),
        (("2026-03-01", "2026-04-01"), "Rad 2, fält period_till: perioden slutar (2026-03-31) före den börjar (2026-04-01)."),
        (("bostadsratt", "villa"), "Rad 2, fält upplatelseform: ”villa” ska vara bostadsratt, hyresratt, lokal eller ovrigt."),
        (("123 45", "1234"), "Rad 2, fält postnummer: ”1234” är inget postnummer; det ska ha fem siffror, t.ex. 123 45."),
        (("Storstad;1101", ";1101"), "Rad 2, fält ort: värde saknas."),
        (("191212121212", "191212121213"), "Rad 2, fält personnummer: personnumret har fel kontrollsiffra."),
    ],
)
def test_a_bad_field_refuses_the_file_naming_row_and_field(change, message):
    old, new = change
    assert messages(parse(TOLVAN.replace(old, new, 1))) == [message]


def test_every_bad_row_is_reported_and_none_is_imported():
    bad = SVEN.replace("7 125,50", "-5")
    result = parse(TOLVAN, bad, TOLVAN.replace("A-2026-03", "A-2026-05").replace("2026-03-31", "2026-13-31"))
    assert messages(result) == [
        "Rad 3, fält belopp: beloppet ska vara större än noll, inte -5.",
        "Rad 4, fält period_till: ”2026-13-31” är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-31.",
    ]


def test_row_numbers_are_lines_in_the_file_even_with_blank_lines():
    result = parse(TOLVAN, "", ";;;;;;;;;;;", SVEN.replace("12345", "ABCDE"))
    assert messages(result) == ["Rad 5, fält postnummer: ”ABCDE” är inget postnummer; det ska ha fem siffror, t.ex. 123 45."]


def test_cross_row_checks():
    twice = parse(TOLVAN, TOLVAN)
    assert messages(twice) == ["Rad 3, fält avinummer: avinumret A-2026-03 står redan på rad 2."]
    other_tenure = parse(TOLVAN, TOLVAN.replace("A-2026-03", "A-2026-04").replace("bostadsratt", "lokal"))
    assert messages(other_tenure) == [
        "Rad 3, fält upplatelseform: lägenhet 1101 har upplåtelseformen bostadsratt på rad 2, här lokal."
    ]


def test_header_problems():
    assert messages(parse(TOLVAN, header=HEADER.replace(";belopp", ""))) == ["Rad 1: rubrikraden saknar belopp."]
    unknown = messages(parse(TOLVAN + ";x", header=HEADER + ";epsot"))
    assert unknown[0].startswith("Rad 1, fält epsot: okänd kolumn. Tillåtna kolumner: personnummer, namn,")
    assert messages(parse(TOLVAN + ";1", header=HEADER + ";namn")) == ["Rad 1, fält namn: kolumnen finns två gånger."]
    assert messages(parse()) == ["Rad 1: filen innehåller inga avier under rubrikraden."]
    assert messages(parse_claims_csv(b"", luhn_ok))[0].startswith("Rad 1: rubrikraden saknar personnummer")


def test_an_unquoted_decimal_comma_in_a_comma_file_is_explained():
    header = HEADER.replace(";", ",")
    row = TOLVAN.replace(";", ",").replace(",4512", ",4512,50")
    assert messages(parse(row, header=header)) == [
        "Rad 2: raden har 13 fält men rubrikraden 12. Belopp med decimalkomma ska stå inom citattecken när "
        "fälten skiljs med komma."
    ]


def test_not_utf8_is_refused_with_the_line():
    result = parse(TOLVAN, SVEN.replace("Sven", "Sören"), encoding="latin-1")
    assert messages(result) == ["Rad 3: filen är inte UTF-8-kodad. Spara den som ”CSV UTF-8” och försök igen."]


def test_broken_quoting_is_refused():
    (message,) = messages(parse(TOLVAN.replace("Tolvan Tolvansson", '"Tolvan'), SVEN))
    assert message == "Rad 2: filen går inte att läsa som CSV: ett citattecken öppnas men stängs aldrig."


def test_the_personnummer_hook_decides():
    seen = []

    def hook(text: str) -> str | None:
        seen.append(text)
        return "inget testpersonnummer" if text != "191212121212" else None

    result = parse_claims_csv(f"{HEADER}\n{TOLVAN}\n{SVEN}\n".encode(), hook)
    assert seen == ["191212121212", "194408139089"]
    assert messages(result) == ["Rad 3, fält personnummer: inget testpersonnummer"]


def test_many_problems_are_capped():
    rows = [TOLVAN.replace("A-2026-03", f"A{i}").replace("4512", "x") for i in range(60)]
    result = parse(*rows)
    assert len(result.problems) == 51 and result.problems[-1].message == "… och 10 problem till."


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    result = parse_claims_csv(text, luhn_ok)
    assert bool(result.rows) != bool(result.problems)
    assert all(p.message.startswith("Rad ") or p.code == "claims_csv.more" for p in result.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    result = parse_claims_csv(data, luhn_ok)
    assert bool(result.rows) != bool(result.problems)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20), min_size=12, max_size=14))
def test_arbitrary_cells_under_a_good_header_never_raise(cells):
    row = ";".join(c.replace(";", "").replace("\n", "").replace("\r", "").replace('"', "") for c in cells)
    result = parse(row)
    assert bool(result.rows) != bool(result.problems)


def test_a_broken_header_is_refused_as_such():
    (message,) = messages(parse_claims_csv(f'"{HEADER}\n'.encode(), luhn_ok))
    assert message.startswith("Rad 1: filen går inte att läsa som CSV")
