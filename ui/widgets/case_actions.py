"""The case's actions: what is due now (each one button away), the events the process offers today,
and – folded away – the ones it refuses, each with its reason."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from app.domain.action import ActionKind, DocumentKind, DueAction
from app.domain.event import EventKind
from app.services.case_view import CaseView, DocumentRow
from ui import presentation

# The due actions done by scoring rather than by a document or an event.
SCORE_ACTIONS = frozenset({ActionKind.SCORE, ActionKind.RESCORE})


def unsent_document(view: CaseView, action: DueAction) -> DocumentRow | None:
    """The latest produced but unsent document for the action, if any: the next step is sending it."""
    if action.document is None:
        return None
    waiting = [d for d in view.documents if d.kind == action.document.value and d.sent_on is None]
    return waiting[-1] if waiting else None


def waiting_label(document: DocumentRow) -> str:
    label = DocumentKind(document.kind).label
    return f"{label[0].lower()}{label[1:]}"


def action_button_text(action: DueAction) -> str:
    if action.document is not None:
        label = action.document.label
        return f"Skapa {label[0].lower()}{label[1:]} …"
    if action.action in SCORE_ACTIONS:
        return "Gör riskbedömning …"
    if action.completes_with is not None:
        return f"Registrera: {action.completes_with.label} …"
    return "Visa hur …"


class ActionButton(QPushButton):
    """A left-aligned button that fits the panel: a long label is shortened with '…' (full text as tooltip)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full_text = text
        self.setStyleSheet("text-align: left; padding: 5px 8px;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(text.replace("&", "").rstrip(" …"))
        if not self.toolTip():
            self.setToolTip(text.replace("&", ""))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(80, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        room = max(20, self.width() - 20)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room))


def _clear(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # gone at once: deleteLater alone leaves it painted until the event loop runs
            widget.setParent(None)
            widget.deleteLater()


def _small(text: str, colour: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    style = "font-size: 9pt;"
    if colour:
        style += f" color: {colour};"
    label.setStyleSheet(style)
    return label


class CaseActions(QWidget):
    action_requested = Signal(object)  # DueAction
    event_requested = Signal(object)  # EventKind
    payment_requested = Signal()
    score_requested = Signal()
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Åtgärder i ärendet")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.due_title = QLabel("<b>Att göra nu</b>")
        layout.addWidget(self.due_title)
        self.due_box = QVBoxLayout()
        layout.addLayout(self.due_box)
        layout.addWidget(self._line())
        layout.addWidget(QLabel("<b>Registrera det som har hänt</b>"))
        self.offered_box = QVBoxLayout()
        layout.addLayout(self.offered_box)
        self.payment = ActionButton("Registrera &inbetalning …")
        self.payment.clicked.connect(self.payment_requested)
        self.score = ActionButton("Ny &riskbedömning …")
        self.score.clicked.connect(self.score_requested)
        self.undo = ActionButton("Å&ngra senaste steget …")
        self.undo.setToolTip("Ångrar den senast registrerade händelsen med en motpost (Ctrl+Z)")
        self.undo.clicked.connect(self.undo_requested)
        for button in (self.payment, self.score, self.undo):
            layout.addWidget(button)
        layout.addWidget(self._line())
        self.refused_toggle = QToolButton()
        self.refused_toggle.setCheckable(True)
        self.refused_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refused_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.refused_toggle.setStyleSheet("QToolButton { border: none; font-weight: bold; }")
        self.refused_toggle.toggled.connect(self._toggle_refused)
        layout.addWidget(self.refused_toggle)
        self.refused = QWidget()
        self.refused_box = QVBoxLayout(self.refused)
        self.refused_box.setContentsMargins(12, 0, 0, 0)
        self.refused.hide()
        layout.addWidget(self.refused)
        layout.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        self.setMinimumWidth(260)

    @staticmethod
    def _line() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _toggle_refused(self, on: bool) -> None:
        self.refused.setVisible(on)
        self.refused_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def show_view(self, view: CaseView, read_only: bool) -> None:
        for box in (self.due_box, self.offered_box, self.refused_box):
            _clear(box)
        self.buttons = {}
        self._show_due(view, read_only)
        offered = [kind for kind, problems in view.offered if not problems]
        refused = [(kind, problems) for kind, problems in view.offered if problems]
        for kind in offered:
            button = ActionButton(f"{kind.label} …")
            button.setToolTip(f"Registrera att detta har skett: {kind.label}")
            button.setEnabled(not read_only)
            button.clicked.connect(lambda _=False, k=kind: self.event_requested.emit(k))
            self.buttons[f"event:{kind.value}"] = button
            self.offered_box.addWidget(button)
        if not offered:
            self.offered_box.addWidget(_small("Inga händelser kan registreras i dag."))
        for kind, problems in refused:
            reasons = "\n".join(p.message for p in problems)
            button = ActionButton(kind.label)
            button.setEnabled(False)
            button.setToolTip(reasons)
            button.setAccessibleDescription(f"Inte möjligt nu: {reasons}")
            self.buttons[f"event:{kind.value}"] = button
            self.refused_box.addWidget(button)
            self.refused_box.addWidget(_small(problems[0].message, "#8a8a8a"))
        self.refused_toggle.setText(f"Inte möjligt nu ({len(refused)}) – visa varför")
        open_case = view.stage.value != "avslutad"
        self.payment.setEnabled(not read_only)
        self.score.setEnabled(not read_only and open_case)
        self.undo.setEnabled(not read_only and any(not e.undone and e.reverses is None for e in view.events))
        if read_only:
            for button in (self.payment, self.score, self.undo):
                button.setToolTip("Skrivskyddat läge – inga ändringar kan göras.")

    def _show_due(self, view: CaseView, read_only: bool) -> None:
        actions = view.due_actions
        self.due_title.setText(f"<b>Att göra nu</b> ({len(actions)})" if actions else "<b>Att göra nu</b>")
        if not actions:
            self.due_box.addWidget(_small("Inget är förfallet i ärendet."))
            return
        for action in actions[:4]:
            key = presentation.urgency(action.due_date, view.as_of)
            colour = presentation.urgency_colour(key).name()
            title = QLabel(f"<b>{action.action.label}</b><br><span style='color:{colour}'>"
                           f"{presentation.due_text(action.due_date, view.as_of)}</span>")
            title.setWordWrap(True)
            title.setToolTip(action.reason)
            self.due_box.addWidget(title)
            waiting = unsent_document(view, action)
            button = ActionButton(f"Markera {waiting_label(waiting)} som skickat …" if waiting else action_button_text(action))
            button.setToolTip(action.reason)
            button.setEnabled(not read_only)
            button.clicked.connect(lambda _=False, a=action: self.action_requested.emit(a))
            self.buttons[f"action:{action.action.value}"] = button
            self.due_box.addWidget(button)
        if len(actions) > 4:
            self.due_box.addWidget(_small(f"… och {len(actions) - 4} till längre fram."))

    def button_for_event(self, kind: EventKind) -> QPushButton | None:
        return self.buttons.get(f"event:{kind.value}")

    def button_for_action(self, kind: ActionKind) -> QPushButton | None:
        return self.buttons.get(f"action:{kind.value}")
