"""Payments by hand: registering one on a case, and matching an unmatched payment to a case or avi."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.domain.money import parse_kronor
from app.domain.problem import Problem, Refused
from app.services import claim_register, payments
from app.services.payments import UnmatchedRow
from ui import presentation
from ui.board_modes import mask_name
from ui.context import UiContext
from ui.forms.case_choice import CaseChoice
from ui.forms.form_dialog import FormDialog
from ui.widgets.fields import DateField


def _no_case() -> Refused:
    return Refused(Problem("case.missing", "Välj vilket ärende inbetalningen gäller.", "case"))


class ManualPaymentDialog(FormDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None, case_id: int | None = None) -> None:
        super().__init__(ui, "Registrera inbetalning", parent, save_text="Registrera")
        self.case = self.form.add("case", "Ärende", CaseChoice(ui, include_closed=True))
        self.amount = self.form.add("amount", "Belopp (kr)", QLineEdit(), "t.ex. 4 512,50", aliases=("belopp",))
        self.order_date = self.form.add("order_date", "Betalningsdag", DateField(ui.as_of, "Betalningsdag"),
                                        "dagen då betalaren gav banken uppdraget – den avgör om betalningen kom i tid (JB 12:20)",
                                        aliases=("datum",))
        self.booking_date = self.form.add("booking_date", "Bokföringsdag", DateField(ui.as_of, "Bokföringsdag"),
                                          aliases=("bokföringsdag",))
        self.reference = self.form.add("reference", "Referens", QLineEdit(), "OCR-nummer eller annan referens, om någon")
        self.note = self.form.add("note", "Anteckning", QLineEdit())
        if case_id is not None:
            self.case.choose(case_id)

    def perform(self) -> int:
        amount = parse_kronor(self.amount.text(), "beloppet")
        problems = [Problem(amount.code, amount.message, "amount")] if isinstance(amount, Problem) else []
        if self.case.case_id() is None:
            problems.insert(0, _no_case().problems[0])
        if problems:
            raise Refused(problems)
        return payments.register_payment(
            self.ui.ctx, self.case.case_id(), amount, self.order_date.value(), self.ui.as_of,
            booking_date=self.booking_date.value(), reference=self.reference.text(), note=self.note.text(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, case_id: int | None = None) -> int | None:
        dialog = cls(ui, parent, case_id)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None


class MatchDialog(FormDialog):
    """Ties an unmatched payment to a case – and, when it paid a particular avi, to that avi."""

    def __init__(self, ui: UiContext, payment: UnmatchedRow, parent: QWidget | None = None) -> None:
        super().__init__(ui, "Koppla inbetalning till ärende", parent, save_text="Koppla")
        self.payment = payment
        payer = mask_name(payment.payer_name, ui.masked) if payment.payer_name else "okänd betalare"
        self.form.add_row("Inbetalning:", _label(
            f"{presentation.kronor(payment.amount_ore)} den {presentation.day(payment.order_date)} från {payer}, "
            f"referens ”{payment.reference or '–'}”"))
        self.case = self.form.add("case", "Ärende", CaseChoice(ui, include_closed=True))
        self.claim = self.form.add("claim", "Avi", QComboBox(), "välj en avi bara om betalningen avsåg just den")
        self.case.currentIndexChanged.connect(self._case_chosen)
        self._case_chosen()

    def _case_chosen(self) -> None:
        self.claim.clear()
        self.claim.addItem("Ingen särskild avi (äldsta skulden först)", None)
        case_id = self.case.case_id()
        if case_id is None:
            return
        for claim in claim_register.list_claims(self.ui.ctx):
            if claim.case_id == case_id:
                self.claim.addItem(f"{claim.avi_number} – {presentation.kronor(claim.amount_ore)}, förföll {presentation.day(claim.due_date)}",
                                   claim.claim_id)

    def perform(self) -> int:
        if self.case.case_id() is None:
            raise _no_case()
        return payments.move_payment(self.ui.ctx, self.payment.payment_id, self.case.case_id(), self.claim.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, payment: UnmatchedRow) -> int | None:
        dialog = cls(ui, payment, parent)
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
