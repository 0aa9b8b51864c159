"""Money: amounts typed by people and the CLI become öre; exact values round half-up once."""
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import kronor_text, parse_kronor, round_half_up
from app.domain.problem import Problem


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("1234", 123400),
        ("1234.50", 123450),
        ("1234,50", 123450),
        ("1234,5", 123450),
        ("0,01", 1),
        ("1 234,50 kr", 123450),
        ("1\u00a0234,50\u00a0kr", 123450),
        ("4\u202f512,00 kr", 451200),  # narrow no-break space, as newer CLDR data formats Swedish amounts
        ("  180 ", 18000),
        ("-60", -6000),
        ("−1,50 kr", -150),  # U+2212, what kronor_text writes for a credit
        ("12345678901234567890123456789,99", 1234567890123456789012345678999),  # exact past Decimal's 28 digits
    ],
)
def test_parse_kronor_accepts_cli_and_swedish_forms(text, ore):
    assert parse_kronor(text) == ore


@pytest.mark.parametrize("text", ["", "kr", "12,345", "1.234,50", "12a", "١٢٣", "+5", "1,", ",5", "--1", "1e3"])
def test_parse_kronor_refuses_anything_else_naming_the_field(text):
    problem = parse_kronor(text, "hyra")
    assert isinstance(problem, Problem)
    assert problem.field == "hyra"
    assert "hyra" in problem.message and "1234,50" in problem.message


@pytest.mark.parametrize(
    ("ore", "text"),
    [(0, "0,00\u00a0kr"), (5, "0,05\u00a0kr"), (123450, "1\u00a0234,50\u00a0kr"), (-18000, "−180,00\u00a0kr")],
)
def test_kronor_text(ore, text):
    assert kronor_text(ore) == text


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_kronor_text_reads_back(ore):
    assert parse_kronor(kronor_text(ore)) == ore


@pytest.mark.parametrize(
    ("value", "ore"),
    [
        (Fraction(5, 2), 3),
        (Fraction(-5, 2), -3),  # half away from zero
        (Fraction(7, 3), 2),
        (Fraction(-7, 3), -2),
        (Fraction(249999, 100000), 2),
        (Decimal("2.5"), 3),
        (Decimal("1.49"), 1),
        (Fraction(0), 0),
    ],
)
def test_round_half_up(value, ore):
    assert round_half_up(value) == ore


def test_round_half_up_does_not_depend_on_the_decimal_context():
    # a caller that lowered the precision must not change interest amounts
    with localcontext() as context:
        context.prec = 3
        assert round_half_up(Fraction(12345651, 1000)) == 12346
        assert round_half_up(Decimal("123456.5")) == 123457


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=1, max_value=10**6))
def test_round_half_up_is_within_half_an_ore(numerator, denominator):
    exact = Fraction(numerator, denominator)
    rounded = round_half_up(exact)
    assert abs(rounded - exact) <= Fraction(1, 2)
    if abs(rounded - exact) == Fraction(1, 2):
        assert abs(rounded) > abs(exact)  # a tie goes away from zero
