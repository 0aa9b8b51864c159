"""Marking a document sent: the day and how – which records the event the document completes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.domain.action import DOCUMENT_EVENT, DocumentKind
from ui import presentation
from ui.dialogs.event_dialog import SEND_METHODS, methods_for
from ui.widgets.fields import DateField, ErrorLabel


@dataclass(frozen=True)
class Sending:
    sent_on: date
    method: str


def sending_methods(kind: DocumentKind) -> tuple[str, ...]:
    event = DOCUMENT_EVENT.get(kind)
    return (methods_for(event) if event else ()) or tuple(SEND_METHODS)


class MarkSentDialog(QDialog):
    def __init__(self, parent: QWidget | None, kind: DocumentKind, letter_date: date, as_of: date) -> None:
        super().__init__(parent)
        self.kind, self.letter_date, self.as_of = kind, letter_date, as_of
        self.result_sending: Sending | None = None
        self.setWindowTitle("Markera som skickat")
        layout = QVBoxLayout(self)
        event = DOCUMENT_EVENT.get(kind)
        text = f"<b>{kind.label}</b> (daterat {letter_date.isoformat()})"
        if event is not None:
            text += f"<br>Då registreras händelsen <i>{event.label}</i> i ärendet."
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        form = QFormLayout()
        self.sent_on = DateField(as_of, "Skickat den")
        self.sent_on.setMaximumDate(self.sent_on.date())
        form.addRow("&Skickat den", self.sent_on)
        self.method = QComboBox()
        self.method.setAccessibleName("Sätt")
        for method in sending_methods(kind):
            self.method.addItem(presentation.method_label(method), str(method))
        form.addRow("S&ätt", self.method)
        layout.addLayout(form)
        self.errors = ErrorLabel()
        layout.addWidget(self.errors)
        buttons = QDialogButtonBox()
        buttons.addButton("&Markera som skickat", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.validate_and_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def validate_and_accept(self) -> None:
        on = self.sent_on.value()
        problems = []
        if on > self.as_of:
            problems.append(f"Datumet ligger i framtiden (i dag är det {self.as_of.isoformat()}).")
        if on < self.letter_date:
            problems.append(f"Ett dokument kan inte skickas före sitt eget datum ({self.letter_date.isoformat()}).")
        if problems:
            self.errors.show_problems(problems)
            return
        self.result_sending = Sending(on, self.method.currentData())
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, kind: DocumentKind, letter_date: date, as_of: date) -> Sending | None:
        dialog = cls(parent, kind, letter_date, as_of)
        return dialog.result_sending if dialog.exec() == QDialog.DialogCode.Accepted else None
