"""Bad input at the service level: BgMax and claim-CSV imports and the validation of the forms
(association, identity numbers, settings, payments) get arbitrary and mangled input. Never a crash:
either the input is taken, or it is refused with Swedish messages and the database is unchanged."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.problem import Problem, Refused
from app.services import association, bgmax_import, claims_import, identity, payments
from app.services import settings as settings_service
from app.services.context import open_database
from tests.safety import DEMO_AS_OF, demo_db, demo_master, dump  # noqa: F401 - fixtures

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
BGMAX = (Path(__file__).parent.parent / "fixtures" / "bgmax" / "bankgirot-exempelfil-ocr-checksiffra-langd.bgmax").read_bytes()
CSV_HEADER = "personnummer;namn;adress;postnummer;ort;lagenhet;upplatelseform;avinummer;period_fran;period_till;forfallodag;belopp"
CSV_ROW = "194408139089;Test Testsson;Solgläntevägen 9;123 45;Lindköping;1999;bostadsratt;A-2027-01;2027-01-01;2027-01-31;2026-12-31;4123,00"
PYTHONIC = re.compile(r"Traceback|Error\b|Exception|object at 0x|NoneType|\bself\b|File \"")
SWEDISH = re.compile(r"[a-zåäö]{2}", re.IGNORECASE)


def _is_swedish(problem: Problem) -> None:
    assert isinstance(problem.message, str) and problem.message.strip(), problem
    assert not PYTHONIC.search(problem.message), problem.message
    assert SWEDISH.search(problem.message), problem.message


@pytest.fixture
def ctx(demo_db):
    context = open_database(str(demo_db), daily_backup=False)
    yield context
    context.close()


def _taken_or_refused(path: Path, call) -> object:  # noqa: ANN001
    """Run `call`; a refusal must be in Swedish and leave the database exactly as it was."""
    before = dump(path)
    try:
        return call()
    except Refused as refused:
        assert refused.problems
        for problem in refused.problems:
            _is_swedish(problem)
        assert dump(path) == before
        return refused


@st.composite
def mangled(draw, base: bytes) -> bytes:
    """The valid file with a few bytes replaced, cut, duplicated or inserted."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "cut", "insert", "duplicate-line", "truncate"]))
        chunk = draw(st.binary(min_size=1, max_size=12))
        if action == "replace":
            data[at:at + len(chunk)] = chunk
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 90))]
        elif action == "insert":
            data[at:at] = chunk
        elif action == "duplicate-line":
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end + 1
            data[end:end] = data[start:end]
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), mangled(BGMAX), st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_bgmax_import_never_crashes_and_a_refusal_changes_nothing(ctx, demo_db, data):
    _taken_or_refused(demo_db, lambda: bgmax_import.import_bgmax(ctx, data, "fil.bgmax"))


CELL = st.one_of(
    st.text(max_size=25),
    st.sampled_from(["", " ", "0", "-1", "1e9", "99999999999999999999999", "2026-02-30", "20261301", "1 234,50", "12,3,4",
                     "bostadsratt", "hyresratt", "lokal", "191212121212", "19121212-1212", "\"", "\x00", "=cmd|' /C calc'!A0"]),
)


@st.composite
def claim_files(draw) -> bytes:
    choice = draw(st.sampled_from(["cells", "mangled", "raw"]))
    if choice == "raw":
        return draw(st.binary(max_size=400))
    if choice == "mangled":
        return draw(mangled(f"{CSV_HEADER}\n{CSV_ROW}\n".encode("utf-8")))
    header = CSV_HEADER.split(";")
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        cells = CSV_ROW.split(";")
        for index in draw(st.sets(st.integers(0, len(cells) - 1), max_size=4)):
            cells[index] = draw(CELL)
        rows.append(draw(st.sampled_from([";", ","])).join(cells) if draw(st.booleans()) else ";".join(cells))
    return ("\n".join([";".join(header), *rows]) + "\n").encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])),
                                                               "replace")


@FUZZ
@given(data=claim_files())
def test_claim_import_never_crashes_and_a_refusal_changes_nothing(ctx, demo_db, data):
    _taken_or_refused(demo_db, lambda: claims_import.import_claims(ctx, data))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=30), st.from_regex(r"[0-9 +\-]{0,16}", fullmatch=True)))
def test_identity_numbers_are_normalised_or_a_swedish_problem(text):
    for check in (identity.normalise_personnummer, identity.normalise_orgnr, identity.normalise_bankgiro):
        result = check(text)
        if isinstance(result, Problem):
            _is_swedish(result)
        else:
            assert isinstance(result, str) and result.isdigit()


TEXT = st.text(max_size=40)


@FUZZ
@given(name=TEXT, orgnr=st.one_of(TEXT, st.just("769999-9996")), bankgiro=st.one_of(TEXT, st.just("5555-5551")),
       postcode=TEXT, email=TEXT, phone=TEXT)
def test_association_form_is_validated_or_refused(ctx, demo_db, name, orgnr, bankgiro, postcode, email, phone):
    info = association.AssociationInfo(name=name, orgnr=orgnr, bankgiro=bankgiro, postcode=postcode, email=email, phone=phone)
    _normalised, problems = association.validate(info)
    for problem in problems:
        _is_swedish(problem)
    _taken_or_refused(demo_db, lambda: association.update(ctx, info))


SETTING_KEYS = st.one_of(
    st.sampled_from([
        "process.payment_days", "process.file_day", "process.rescore_months", "process.limitation_reminder_days",
        "process.allocation_order", "reminder_fee_agreed", "treasurer_name", "backup_folder", "fee.inkassokrav", "fee.paminnelse",
        "fee.okand", "referensranta.2026-07-01", "referensranta.2026-02-30", "referensranta.x", "process.", "",
    ]),
    TEXT,
)
EDGE_VALUES = st.sampled_from([
    "8", "7", "²", "٣", "1e3", "-5", "99999999999999999999", "9" * 40, "ja", "nej", "1,75", "1,74", "NaN", "sNaN", "Infinity",
    "-Infinity", "1e999999", "180,00", "1 000 000", "\x00", " 12 ", "",
])


@FUZZ
@given(key=SETTING_KEYS, value=st.one_of(EDGE_VALUES, TEXT))
def test_settings_are_set_or_refused(ctx, demo_db, key, value):
    _taken_or_refused(demo_db, lambda: settings_service.set_value(ctx, key, value, DEMO_AS_OF))
    with ctx.reading() as session:  # a value that was taken must not break reading the settings afterwards
        settings_service.rules(session, DEMO_AS_OF)


@pytest.mark.parametrize(("key", "value"), [
    ("process.payment_days", "²"), ("process.rescore_months", "²"), ("process.rescore_months", "٣"),
    ("process.file_day", "9" * 40), ("process.rescore_months", "99999"), ("fee.inkassokrav", "9" * 40),
    ("referensranta.2026-07-01", "sNaN"), ("referensranta.2026-07-01", "NaN"), ("referensranta.2026-07-01", "1e999999"),
])
def test_setting_edge_values_are_refused_in_swedish(ctx, demo_db, key, value):
    result = _taken_or_refused(demo_db, lambda: settings_service.set_value(ctx, key, value, DEMO_AS_OF))
    assert isinstance(result, Refused)


HUGE = st.sampled_from([0, -1, 2**31, 2**63 - 1, 2**63, 10**20, -(2**63) - 1])


@FUZZ
@given(case_id=st.one_of(HUGE, st.integers(-5, 40), st.integers()), amount=st.one_of(HUGE, st.integers(-10**6, 10**7), st.integers()),
       order=st.dates(date(1900, 1, 1), date(2100, 12, 31)), booking=st.one_of(st.none(), st.dates()),
       reference=st.text(max_size=30))
def test_payments_are_registered_or_refused(ctx, demo_db, case_id, amount, order, booking, reference):
    _taken_or_refused(demo_db, lambda: payments.register_payment(ctx, case_id, amount, order, DEMO_AS_OF, booking, reference))


@pytest.mark.parametrize(("case_id", "amount"), [(1, 10**20), (1, 2**63), (10**20, 100), (2**63, 100), (-(2**63) - 1, 100)])
def test_payment_edge_values_are_refused_in_swedish(ctx, demo_db, case_id, amount):
    result = _taken_or_refused(demo_db, lambda: payments.register_payment(ctx, case_id, amount, date(2026, 11, 30), DEMO_AS_OF))
    assert isinstance(result, Refused)
