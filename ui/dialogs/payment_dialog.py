"""Registering a payment by hand on a case: amount in Swedish format, payment-order and booking dates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.problem import Problem
from ui.widgets.fields import DateField, ErrorLabel, MoneyField


@dataclass(frozen=True)
class PaymentInput:
    amount_ore: int
    order_date: date  # betalningsdag: what the law looks at (payment within the recovery period)
    booking_date: date
    reference: str
    note: str


class PaymentDialog(QDialog):
    def __init__(self, parent: QWidget | None, as_of: date, reference: str = "", heading: str = "") -> None:
        super().__init__(parent)
        self.as_of = as_of
        self.result_payment: PaymentInput | None = None
        self.setWindowTitle("Registrera inbetalning")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if heading:
            layout.addWidget(QLabel(f"<b>{heading}</b>"))
        form = QFormLayout()
        self.amount = MoneyField("Belopp")
        form.addRow("&Belopp (kr)", self.amount)
        self.order_date = DateField(as_of, "Betalningsdag")
        self.order_date.setMaximumDate(self.order_date.date())
        self.order_date.setToolTip("Dagen då gäldenären betalade (betalningsdag) – den avgör om betalningen kom i tid.")
        form.addRow("Betal&ningsdag", self.order_date)
        self.booking_date = DateField(as_of, "Bokföringsdag")
        self.booking_date.setMaximumDate(self.booking_date.date())
        form.addRow("B&okföringsdag", self.booking_date)
        self.reference = QLineEdit(reference)
        self.reference.setAccessibleName("Referens (OCR)")
        form.addRow("&Referens (OCR)", self.reference)
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")
        form.addRow("&Anteckning", self.note)
        layout.addLayout(form)
        self.errors = ErrorLabel()
        layout.addWidget(self.errors)
        buttons = QDialogButtonBox()
        buttons.addButton("&Registrera", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.validate_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def build(self) -> PaymentInput | list[str]:
        problems = []
        amount = self.amount.ore()
        if isinstance(amount, Problem):
            problems.append(amount.message)
        elif amount is not None and amount <= 0:
            problems.append("Beloppet måste vara större än noll.")
        order, booking = self.order_date.value(), self.booking_date.value()
        if order > self.as_of or booking > self.as_of:
            problems.append(f"En inbetalning kan inte ha ett datum efter i dag ({self.as_of.isoformat()}).")
        if booking < order:
            problems.append("Bokföringsdagen kan inte ligga före betalningsdagen.")
        if problems or not isinstance(amount, int):
            return problems
        return PaymentInput(amount, order, booking, self.reference.text().strip(), self.note.text().strip())

    def validate_and_accept(self) -> None:
        result = self.build()
        if isinstance(result, list):
            self.errors.show_problems(result)
            return
        self.result_payment = result
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, as_of: date, reference: str = "", heading: str = "") -> PaymentInput | None:
        dialog = cls(parent, as_of, reference, heading)
        return dialog.result_payment if dialog.exec() == QDialog.DialogCode.Accepted else None
