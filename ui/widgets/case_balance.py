"""The balance on a chosen day: capital, interest with its basis (period, capital, reference rate),
fees, and any overpayment – computed by the services for that day."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget

from app.services.case_view import CaseView
from ui import presentation
from ui.models.case_columns import FEE_COLUMNS, INTEREST_COLUMNS
from ui.tables.row_model import RowTableModel
from ui.tables.views import row_table
from ui.widgets.fields import DateField


def table(model: RowTableModel, name: str) -> QTableView:
    return row_table(model, name)


class CaseBalance(QWidget):
    date_changed = Signal(object)  # date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Saldo per"))
        self.on = DateField(date.today(), "Saldo per datum")
        self.on.dateChanged.connect(lambda _d: self.date_changed.emit(self.on.value()))
        top.addWidget(self.on)
        top.addStretch(1)
        layout.addLayout(top)
        form = QFormLayout()
        self.labels = {key: QLabel() for key in ("capital", "interest", "fees", "total", "credit")}
        for key, text in (("capital", "Kapital"), ("interest", "Ränta"), ("fees", "Avgifter"), ("total", "Att betala"),
                          ("credit", "Överskott att betala tillbaka")):
            self.labels[key].setAccessibleName(text)
            form.addRow(text, self.labels[key])
        layout.addLayout(form)
        self.provisional = QLabel()
        self.provisional.setWordWrap(True)
        self.provisional.setStyleSheet("color: #9a6a00;")
        layout.addWidget(self.provisional)
        layout.addWidget(QLabel("<b>Ränta</b> (dröjsmålsränta: referensränta + 8 procentenheter, räntelagen 6 §)"))
        self.interest = RowTableModel(INTEREST_COLUMNS, self)
        layout.addWidget(table(self.interest, "Räntans beräkning"), 2)
        layout.addWidget(QLabel("<b>Avgifter</b>"))
        self.fees = RowTableModel(FEE_COLUMNS, self, struck=lambda f: f.undone)
        layout.addWidget(table(self.fees, "Avgifter"), 1)

    def set_day(self, day: date) -> None:
        self.on.blockSignals(True)
        self.on.set_value(day)
        self.on.blockSignals(False)

    def day(self) -> date:
        return self.on.value()

    def show_view(self, view: CaseView) -> None:
        s = view.settlement
        self.labels["capital"].setText(presentation.kronor(s.capital_ore))
        self.labels["interest"].setText(presentation.kronor(s.interest_ore))
        self.labels["fees"].setText(presentation.kronor(s.fees_ore))
        self.labels["total"].setText(f"<b>{presentation.kronor(s.total_ore)}</b>")
        self.labels["credit"].setText(presentation.kronor(s.credit_ore) if s.credit_ore else "–")
        self.provisional.setText("Räntan är preliminär: referensräntan för ett halvår saknas och den senast kända används."
                                 if s.provisional else "")
        avi = {c.claim_id: c.avi_number for c in view.claims}
        self.interest.set_rows([(avi.get(line.claim_id, str(line.claim_id)), line) for line in s.interest_lines])
        self.fees.set_rows(list(view.fees))
