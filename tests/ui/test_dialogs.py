"""The dialogs validate before anything reaches a service: no future dates, none out of order,
amounts in Swedish format, payment plans covering the whole debt."""
from __future__ import annotations

from datetime import date

import pytest

from app.domain.action import DocumentKind
from app.domain.event import Event, EventKind, WithdrawalScope
from ui.dialogs.event_dialog import EventContext, EventDialog
from ui.dialogs.letter_inputs_dialog import LetterInputsDialog
from ui.dialogs.mark_sent_dialog import MarkSentDialog
from ui.dialogs.payment_dialog import PaymentDialog, PaymentInput

pytestmark = pytest.mark.usefixtures("no_qt_warnings")
MIDSUMMER = date(2026, 6, 19)  # midsommarafton 2026, a Friday
CONTEXT = EventContext(as_of=MIDSUMMER, opened_on=date(2026, 5, 4), last_main_event=date(2026, 6, 1), owed_ore=1_234_567)


def dialog(qtbot, cls, *args):  # noqa: ANN001, ANN202
    d = cls(None, *args)
    qtbot.addWidget(d)
    return d


def test_an_event_cannot_be_dated_in_the_future_or_before_the_last_step(qtbot):
    d = dialog(qtbot, EventDialog, [EventKind.FILED], CONTEXT)
    d.on.setMaximumDate(d.on.date().addDays(30))  # what a user could not type; checked all the same
    d.on.set_value(date(2026, 6, 22))
    d.validate_and_accept()
    assert "ligger i framtiden (i dag är det 2026-06-19)" in d.errors.text()
    assert d.result_event is None
    d.on.set_value(date(2026, 5, 29))
    d.validate_and_accept()
    assert "före den senast registrerade händelsen i ärendeflödet (2026-06-01)" in d.errors.text()
    d.on.set_value(date(2026, 6, 18))
    d.validate_and_accept()
    assert d.result_event == Event(EventKind.FILED, date(2026, 6, 18), method="e-tjanst", note="")


def test_a_board_decision_needs_an_answer(qtbot):
    d = dialog(qtbot, EventDialog, [EventKind.BOARD_DECISION], CONTEXT)
    assert not d.method.isEnabled()
    d.validate_and_accept()
    assert d.errors.text() == "Ange styrelsens beslut: ja eller nej."
    d.decision_yes.setChecked(True)
    d.minutes.setText("Protokoll 2026-06-18 § 4")
    d.validate_and_accept()
    assert d.result_event.decision is True and d.result_event.minutes_ref == "Protokoll 2026-06-18 § 4"


def test_an_objection_amount_is_written_the_swedish_way(qtbot):
    d = dialog(qtbot, EventDialog, [EventKind.OBJECTION], CONTEXT)
    d.grounded.setChecked(True)
    d.disputed.setText("1 250,50")
    d.validate_and_accept()
    assert d.result_event.disputed_ore == 125_050 and d.result_event.grounded is True
    d = dialog(qtbot, EventDialog, [EventKind.OBJECTION], CONTEXT)
    d.disputed.setText("tolv kronor")
    d.validate_and_accept()
    assert "Ogiltigt belopp" in d.errors.text() and d.result_event is None


def test_a_payment_plan_covers_the_whole_debt_with_the_last_instalment(qtbot):
    d = dialog(qtbot, EventDialog, [EventKind.PAYMENT_PLAN], CONTEXT)
    d.count.setValue(4)
    assert d.instalment.text() == "3\u00a0087,00"  # 12 345,67 kr / 4, rounded up to whole kronor
    d.validate_and_accept()
    plan = d.result_event.plan
    assert (plan.count, plan.instalment_ore, plan.last_instalment_ore) == (4, 308_700, 1_234_567 - 3 * 308_700)
    assert plan.first_due == date(2026, 7, 19)


def test_withdrawal_scope_and_choosing_between_offered_events(qtbot):
    d = dialog(qtbot, EventDialog, [EventKind.WITHDRAWN, EventKind.WRITTEN_OFF], CONTEXT)
    assert d.kind.isEnabled() and d.kind.count() == 2
    d.scope.setCurrentIndex(1)
    d.validate_and_accept()
    assert d.result_event.scope is WithdrawalScope.EVICTION
    d = dialog(qtbot, EventDialog, [EventKind.WITHDRAWN, EventKind.WRITTEN_OFF], CONTEXT)
    d.kind.setCurrentIndex(1)
    d.validate_and_accept()
    assert d.result_event.kind is EventKind.WRITTEN_OFF and d.result_event.method is None


def test_tab_walks_the_payment_dialog_field_by_field(qtbot):
    from PySide6.QtCore import Qt

    d = dialog(qtbot, PaymentDialog, MIDSUMMER, "700001795")
    d.show()
    qtbot.waitExposed(d)
    d.amount.setFocus()
    seen = []
    for _ in range(7):
        field = d.focusWidget()
        seen.append(field.accessibleName() or field.text())
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    # a date proposed as today is passed with one Tab, not three (year, month, day)
    assert seen == ["Belopp", "Betalningsdag", "Bokföringsdag", "Referens (OCR)", "Anteckning", "&Registrera", "Avbryt"]


def test_payment_dialog(qtbot):
    d = dialog(qtbot, PaymentDialog, MIDSUMMER, "700000896")
    d.amount.setText("1 234,5")
    d.order_date.set_value(date(2026, 6, 18))
    d.booking_date.set_value(date(2026, 6, 17))
    d.validate_and_accept()
    assert d.errors.text() == "Bokföringsdagen kan inte ligga före betalningsdagen."
    d.booking_date.set_value(MIDSUMMER)
    d.validate_and_accept()
    assert d.result_payment == PaymentInput(123_450, date(2026, 6, 18), MIDSUMMER, "700000896", "")
    d = dialog(qtbot, PaymentDialog, MIDSUMMER)
    d.amount.setText("-5")
    d.validate_and_accept()
    assert d.result_payment is None and d.errors.isVisibleTo(d)


def test_a_document_cannot_be_sent_before_its_own_date(qtbot):
    d = dialog(qtbot, MarkSentDialog, DocumentKind.DEMAND, date(2026, 6, 18), MIDSUMMER)
    assert [d.method.itemText(i) for i in range(d.method.count())][:2] == ["Brev", "Rekommenderat brev"]
    d.sent_on.set_value(date(2026, 6, 17))
    d.validate_and_accept()
    assert "före sitt eget datum (2026-06-18)" in d.errors.text()
    d.sent_on.set_value(MIDSUMMER)
    d.validate_and_accept()
    assert d.result_sending.sent_on == MIDSUMMER and d.result_sending.method == "post"


def test_letter_inputs_for_an_objection_reply(qtbot):
    d = dialog(qtbot, LetterInputsDialog, DocumentKind.OBJECTION_REPLY, MIDSUMMER)
    d.validate_and_accept()
    assert d.errors.text() == "Skriv föreningens svar på bestridandet."
    d.widgets["objection_reply"].setPlainText("Avgiften är beslutad av stämman.")
    d.widgets["credited_ore"].setText("200")
    d.validate_and_accept()
    assert d.result_inputs.objection_reply == "Avgiften är beslutad av stämman." and d.result_inputs.credited_ore == 20_000
