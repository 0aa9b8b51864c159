"""Recording what happened in a case: the event's date, how it was done, and the details it needs.

Validated before anything is sent to the service (no future dates, none out of order, amounts in
Swedish format); the service checks the process's guards again and its refusals are shown as they come.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.calendar import add_months
from app.domain.event import Event, EventKind, PaymentPlanTerms, SendMethod, ServiceMethod, WithdrawalScope
from app.domain.problem import Problem
from app.domain.progress import MAIN_LINE
from ui import presentation
from ui.widgets.fields import DateField, ErrorLabel, MoneyField

SEND_METHODS = (SendMethod.POST, SendMethod.REGISTERED, SendMethod.EMAIL, SendMethod.HAND, SendMethod.E_SERVICE)
SERVICE_METHODS = (ServiceMethod.KRONOFOGDEN, ServiceMethod.STAMNINGSMAN, ServiceMethod.PERSONAL, ServiceMethod.REGISTERED_AND_COPY)
_SERVICE_KINDS = {EventKind.SERVICE_STARTED, EventKind.SERVICE_FAILED, EventKind.SERVED}
_KRONOFOGDEN_KINDS = {EventKind.FILED, EventKind.ENFORCEMENT_REQUESTED, EventKind.FORCED_SALE_REQUESTED}
_SENT_KINDS = {
    EventKind.REMINDER_SENT, EventKind.DEMAND_SENT, EventKind.SOCIAL_NOTIFIED, EventKind.DEBTOR_INFORMED,
    EventKind.COHABITANT_NOTIFIED, EventKind.PLEDGEE_NOTIFIED, EventKind.LIMITATION_REMINDER_SENT, EventKind.WITHDRAWN,
    EventKind.PAYMENT_PLAN, *_KRONOFOGDEN_KINDS,
}


@dataclass(frozen=True)
class EventContext:
    """What the dialog needs to know about the case to validate before asking the service."""

    as_of: date
    opened_on: date
    last_main_event: date | None = None  # the latest event of the main line (order check)
    owed_ore: int = 0  # the debt today, for proposing a payment plan
    unit: str = ""


def methods_for(kind: EventKind) -> tuple[str, ...]:
    if kind in _SERVICE_KINDS:
        return tuple(SERVICE_METHODS)
    if kind in _KRONOFOGDEN_KINDS:
        return (SendMethod.E_SERVICE, SendMethod.POST)
    if kind in _SENT_KINDS:
        return tuple(SEND_METHODS)
    return ()


def check_date(kind: EventKind, on: date, context: EventContext) -> list[str]:
    problems = []
    if on > context.as_of:
        problems.append(f"Datumet {on.isoformat()} ligger i framtiden (i dag är det {context.as_of.isoformat()}). "
                        "En händelse registreras när den har skett.")
    if kind is not EventKind.REMINDER_SENT and on < context.opened_on:
        problems.append(f"Datumet ligger före ärendets öppnande {context.opened_on.isoformat()}.")
    if kind in MAIN_LINE and context.last_main_event and on < context.last_main_event:
        problems.append(f"Datumet ligger före den senast registrerade händelsen i ärendeflödet ({context.last_main_event.isoformat()}). "
                        "Registrera stegen i den ordning de skedde.")
    return problems


class EventDialog(QDialog):
    def __init__(self, parent: QWidget | None, kinds: Sequence[EventKind], context: EventContext, heading: str = "") -> None:
        super().__init__(parent)
        self.context = context
        self.result_event: Event | None = None
        self.setWindowTitle("Registrera händelse")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if heading:
            title = QLabel(f"<b>{heading}</b>")
            title.setWordWrap(True)
            layout.addWidget(title)
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Händelse")
        for kind in kinds:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setEnabled(len(kinds) > 1)
        form.addRow("&Händelse", self.kind)
        self.on = DateField(context.as_of, "Datum")
        self.on.setMaximumDate(self.on.date())
        form.addRow("&Datum", self.on)
        self.method = QComboBox()
        self.method.setAccessibleName("Sätt")
        form.addRow("&Sätt", self.method)
        self.details = QWidget()
        self.details_form = QFormLayout(self.details)
        self.details_form.setContentsMargins(0, 0, 0, 0)
        self._build_details()
        form.addRow(self.details)
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")
        form.addRow("&Anteckning", self.note)
        layout.addLayout(form)
        self.errors = ErrorLabel()
        layout.addWidget(self.errors)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("&Registrera", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.validate_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _build_details(self) -> None:
        f = self.details_form
        self.grounded = QCheckBox("Bestridandet är sakligt grundat (invändning mot själva skulden)")
        self.grounded.setAccessibleName("Sakligt grundat")
        self.disputed = MoneyField("Bestritt belopp", optional=True)
        self.decision_yes = QRadioButton("Ja, avhysningen ska verkställas")
        self.decision_no = QRadioButton("Nej")
        self.decision = QButtonGroup(self)
        self.decision.addButton(self.decision_yes)
        self.decision.addButton(self.decision_no)
        decision_row = QWidget()
        row = QHBoxLayout(decision_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.decision_yes)
        row.addWidget(self.decision_no)
        self.minutes = QLineEdit()
        self.minutes.setAccessibleName("Protokoll")
        self.minutes.setPlaceholderText("t.ex. Styrelseprotokoll 2026-12-03 § 7")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Återkallelsen gäller")
        self.scope.addItem("Hela ärendet", WithdrawalScope.ALL.value)
        self.scope.addItem("Bara avhysningen (skulden drivs vidare)", WithdrawalScope.EVICTION.value)
        self.first_due = DateField(add_months(self.context.as_of, 1), "Första delbetalning")
        self.count = QSpinBox()
        self.count.setRange(1, 60)
        self.count.setValue(6)
        self.count.setSuffix(" månader")
        self.count.setAccessibleName("Antal delbetalningar")
        self.instalment = MoneyField("Belopp per månad")
        self.count.valueChanged.connect(self._propose_instalment)
        self._propose_instalment()
        self.rows = {
            "grounded": (None, self.grounded), "disputed": ("Bestritt belopp", self.disputed),
            "decision": ("Styrelsens beslut", decision_row), "minutes": ("Protokoll", self.minutes),
            "scope": ("Återkallelsen gäller", self.scope), "first_due": ("Första delbetalning", self.first_due),
            "count": ("Antal delbetalningar", self.count), "instalment": ("Belopp per månad", self.instalment),
        }
        for label, widget in self.rows.values():
            if label is None:
                f.addRow(widget)
            else:
                f.addRow(label, widget)

    def _propose_instalment(self) -> None:
        if self.context.owed_ore > 0:
            self.instalment.set_ore(math.ceil(self.context.owed_ore / self.count.value() / 100) * 100)

    def current_kind(self) -> EventKind:
        return EventKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.method.clear()
        for method in methods_for(kind):
            self.method.addItem(presentation.method_label(method), str(method))
        self.method.setEnabled(self.method.count() > 0)
        shown = {
            EventKind.OBJECTION: {"grounded", "disputed"},
            EventKind.BOARD_DECISION: {"decision", "minutes"},
            EventKind.WITHDRAWN: {"scope"},
            EventKind.PAYMENT_PLAN: {"first_due", "count", "instalment"},
        }.get(kind, set())
        for key, (_label, widget) in self.rows.items():
            self.details_form.setRowVisible(widget, key in shown)
        self.details.setVisible(bool(shown))
        self.adjustSize()

    def build_event(self) -> Event | Problem | list[str]:
        kind, on = self.current_kind(), self.on.value()
        problems = check_date(kind, on, self.context)
        method = self.method.currentData() if self.method.count() else None
        extra: dict = {}
        if kind is EventKind.OBJECTION:
            disputed = self.disputed.ore()
            if isinstance(disputed, Problem):
                problems.append(disputed.message)
            extra = {"grounded": self.grounded.isChecked(), "disputed_ore": disputed if isinstance(disputed, int) else None}
        elif kind is EventKind.BOARD_DECISION:
            if self.decision.checkedButton() is None:
                problems.append("Ange styrelsens beslut: ja eller nej.")
            extra = {"decision": self.decision_yes.isChecked(), "minutes_ref": self.minutes.text().strip() or None}
        elif kind is EventKind.WITHDRAWN:
            extra = {"scope": WithdrawalScope(self.scope.currentData())}
        elif kind is EventKind.PAYMENT_PLAN:
            plan = self._plan(on, problems)
            extra = {"plan": plan}
        if problems:
            return problems
        return Event(kind=kind, on=on, method=method, note=self.note.text().strip(), **extra)

    def _plan(self, on: date, problems: list[str]) -> PaymentPlanTerms | None:
        instalment = self.instalment.ore()
        if isinstance(instalment, Problem) or instalment is None:
            problems.append(instalment.message if isinstance(instalment, Problem) else "Ange belopp per månad.")
            return None
        first = self.first_due.value()
        if first < on:
            problems.append("Första delbetalningen kan inte ligga före planens datum.")
        count = self.count.value()
        # the last instalment carries what is left, so the plan covers the whole debt (lag 1981:739 4 §)
        last = self.context.owed_ore - instalment * (count - 1) if self.context.owed_ore else None
        if last is not None and last <= 0:
            problems.append("Beloppet per månad är för stort för antalet delbetalningar – minska antalet eller beloppet.")
            return None
        return PaymentPlanTerms(first_due=first, instalment_ore=instalment, count=count, last_instalment_ore=last)

    def validate_and_accept(self) -> None:
        result = self.build_event()
        if isinstance(result, list):
            self.errors.show_problems(result)
            return
        self.result_event = result
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, kinds: Sequence[EventKind], context: EventContext, heading: str = "") -> Event | None:
        dialog = cls(parent, kinds, context, heading)
        return dialog.result_event if dialog.exec() == QDialog.DialogCode.Accepted else None
