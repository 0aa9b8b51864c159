"""OCR references: length digit + Luhn check digit (Bankgirot's 'OCR-kontroll med längd och checksiffra')."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.ocr import case_id_from_ocr, case_ocr, check_ocr, luhn_digit, make_ocr


def test_make_ocr_worked_example():
    # base 1234, total length 6 -> length digit 6: 12346.
    # Luhn from the right: 6*2=12 -> 1+2=3, 4, 3*2=6, 2, 1*2=2: sum 17 -> check digit (10 - 7) = 3
    assert make_ocr("1234") == "123463"


@pytest.mark.parametrize(
    "reference",
    # every reference Bankgirot's own example file marks as a correct OCR number (reference code 2)
    ["655969", "650861", "659763", "658260", "658369", "658468", "657866", "658765", "657767", "657965"],
)
def test_bankgirots_example_references_pass(reference):
    assert check_ocr(reference) == ()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "ocr.empty"),
        ("   ", "ocr.empty"),
        ("6559 69", "ocr.digits"),
        ("65596X", "ocr.digits"),
        ("٦٥٥٩٦٩", "ocr.digits"),  # Arabic-Indic digits are not OCR digits
        ("5", "ocr.length"),
        ("1" * 26, "ocr.length"),
        ("655968", "ocr.check_digit"),  # last digit wrong
        ("655959", "ocr.length_digit"),  # length digit 5 in a 6-digit number (and so the check digit is off too)
    ],
)
def test_check_ocr_refuses(text, code):
    problems = check_ocr(text)
    assert code in [p.code for p in problems]
    assert all(p.field == "ocr" for p in problems)


def test_check_ocr_messages_are_swedish():
    (problem,) = check_ocr("655968")
    assert problem.message == "OCR-numret ”655968” har fel kontrollsiffra (sista siffran)."


def test_a_reference_without_length_digit_can_be_checked_on_its_check_digit_alone():
    # "Luhn only" references (the length digit is optional in Bankgirot's scheme)
    # 12345 + Luhn: 5*2=10 -> 1, 4, 3*2=6, 2, 1*2=2: sum 15 -> 5. Six digits, but "length digit" 5.
    assert check_ocr("123455", with_length_digit=False) == ()
    assert [p.code for p in check_ocr("123455")] == ["ocr.length_digit"]


def test_make_ocr_limits():
    assert len(make_ocr("1" * 23)) == 25
    with pytest.raises(ValueError):
        make_ocr("1" * 24)
    for bad in ("", "12a", "١٢"):
        with pytest.raises(ValueError):
            make_ocr(bad)


@given(st.text(alphabet="0123456789", min_size=1, max_size=23))
def test_made_references_pass_and_any_single_digit_error_is_caught(base):
    reference = make_ocr(base)
    assert check_ocr(reference) == ()
    assert len(reference) == len(base) + 2 and int(reference[-2]) == len(reference) % 10
    for position in range(len(reference)):
        for digit in "0123456789":
            if digit != reference[position]:
                wrong = reference[:position] + digit + reference[position + 1 :]
                assert check_ocr(wrong) != ()


def test_luhn_digit_known_values():
    assert luhn_digit("7992739871") == "3"  # the classic Luhn example
    assert luhn_digit("0") == "0"


def test_case_references_are_fixed_per_case():
    assert case_ocr(1) == "700000193"
    assert case_ocr(42) == "700004294"
    assert case_ocr(1) == case_ocr(1) and case_ocr(1) != case_ocr(2)
    assert check_ocr(case_ocr(1_000_000)) == ()  # past the padding width the reference just grows
    with pytest.raises(ValueError):
        case_ocr(0)


@given(st.integers(min_value=1, max_value=10**15))
def test_case_id_reads_back_from_the_reference(case_id):
    reference = case_ocr(case_id)
    assert check_ocr(reference) == ()
    assert case_id_from_ocr(reference) == case_id
    assert case_id_from_ocr(f" {reference} ") == case_id


@pytest.mark.parametrize("text", ["655969", "700000194", "", "abc", "700000", make_ocr("8000001")])
def test_other_references_point_to_no_case(text):
    assert case_id_from_ocr(text) is None
