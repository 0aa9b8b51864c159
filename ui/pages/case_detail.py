"""One case in full: header, the actions available now (or why not), and tabs for the overview,
balance on a chosen day, claims, payments, events, documents with preview, scores and notes.

Every command goes through `UiContext.perform`; the page reloads from the services on `changed`.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.action import ActionKind, DueAction, DocumentKind
from app.domain.event import EventKind
from app.domain.problem import Refused
from app.domain.progress import MAIN_LINE
from app.services import case_view, cases, payments, scoring
from app.services.case_view import CaseView, DocumentRow
from app.domain.masking import initials
from ui import presentation
from ui.context import Change, UiContext
from ui.dialogs.event_dialog import EventContext, EventDialog
from ui.dialogs.letter_inputs_dialog import LetterInputsDialog, needs_inputs
from ui.dialogs.mark_sent_dialog import MarkSentDialog
from ui.dialogs.messages import Messages
from ui.dialogs.payment_dialog import PaymentDialog
from ui.dialogs.score_dialog import ScoreDialog
from ui.models.case_columns import CLAIM_COLUMNS, EVENT_COLUMNS, PAYMENT_COLUMNS, SCORE_COLUMNS, event_columns
from ui.tables.row_model import RowTableModel
from ui.widgets.case_actions import SCORE_ACTIONS, CaseActions, unsent_document
from ui.widgets.case_balance import CaseBalance, table
from ui.widgets.case_documents import CaseDocuments
from ui.widgets.case_overview import CaseOverview

NOTE_HINT = "Egna anteckningar om ärendet: samtal, löften, överenskommelser …"
MASKED_NOTE = "Anteckningarna visas inte i maskerat läge – de kan innehålla namn."
TABS = ("Översikt", "Saldo", "Fordringar", "Inbetalningar", "Händelser", "Dokument", "Riskbedömning", "Anteckningar")


def letters():  # noqa: ANN201
    """The letters service, imported on first use: it brings ReportLab (about a second at start-up)."""
    from app.services import letters as service

    return service


def chip(text: str, colour: str) -> str:
    return f"<span style='background:{colour}; color:white; font-weight:bold'>&nbsp;{text}&nbsp;</span>"


class CaseDetailPage(QWidget):
    back_requested = Signal()

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.case_id: int | None = None
        self.view: CaseView | None = None
        self.setAccessibleName("Ärende")
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Senaste åtgärden")
        self.status.setStyleSheet("color: #2e7d32; font-weight: bold;")
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.actions = CaseActions()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.actions)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumWidth(300)
        split.addWidget(scroll)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Ärendets flikar")
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 1000])
        layout.addWidget(split, 1)
        self._build_tabs()
        self._connect()
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.back_requested.emit)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested.emit)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back = QPushButton("← &Tillbaka")
        self.back.setToolTip("Tillbaka till föregående sida (Esc)")
        self.back.clicked.connect(self.back_requested.emit)
        row.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setAccessibleName("Ärendets rubrik")
        row.addWidget(self.title, 1)
        self.owed = QLabel()
        self.owed.setTextFormat(Qt.TextFormat.RichText)
        self.owed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.owed.setAccessibleName("Att betala i dag")
        row.addWidget(self.owed)
        return row

    def _build_tabs(self) -> None:
        self.overview = CaseOverview()
        self.balance = CaseBalance()
        self.claims = RowTableModel(CLAIM_COLUMNS, self)
        self.payments = RowTableModel(PAYMENT_COLUMNS, self, struck=lambda p: p.undone)
        self.events = RowTableModel(EVENT_COLUMNS, self, struck=lambda e: e.undone or e.reverses is not None)
        self.scores = RowTableModel(SCORE_COLUMNS, self)
        self.documents = CaseDocuments(self._load_pdf)
        self.payments_table = table(self.payments, "Inbetalningar")
        payments_tab = QWidget()
        p_layout = QVBoxLayout(payments_tab)
        p_layout.addWidget(self.payments_table)
        p_buttons = QHBoxLayout()
        self.add_payment = QPushButton("Registrera &inbetalning …")
        self.undo_payment = QPushButton("Ångra markerad inbetalning …")
        p_buttons.addWidget(self.add_payment)
        p_buttons.addWidget(self.undo_payment)
        p_buttons.addStretch(1)
        p_layout.addLayout(p_buttons)
        self.scores_table = table(self.scores, "Riskbedömningar")
        scores_tab = QWidget()
        s_layout = QVBoxLayout(scores_tab)
        s_layout.addWidget(self.scores_table, 1)
        self.score_detail = QLabel()
        self.score_detail.setWordWrap(True)
        self.score_detail.setTextFormat(Qt.TextFormat.RichText)
        self.score_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        s_layout.addWidget(self.score_detail, 2)
        notes_tab = QWidget()
        n_layout = QVBoxLayout(notes_tab)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Anteckningar")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(NOTE_HINT)
        n_layout.addWidget(self.note, 1)
        self.save_note = QPushButton("&Spara anteckningen")
        n_layout.addWidget(self.save_note, 0, Qt.AlignmentFlag.AlignLeft)
        for widget, name in ((self.overview, "Översikt"), (self.balance, "Saldo"), (table(self.claims, "Fordringar"), "Fordringar"),
                             (payments_tab, "Inbetalningar"), (table(self.events, "Händelser"), "Händelser"),
                             (self.documents, "Dokument"), (scores_tab, "Riskbedömning"), (notes_tab, "Anteckningar")):
            self.tabs.addTab(widget, name)

    def _connect(self) -> None:
        self.actions.action_requested.connect(self.do_action)
        self.actions.event_requested.connect(self.record_event)
        self.actions.payment_requested.connect(self.register_payment)
        self.actions.score_requested.connect(self.score)
        self.actions.undo_requested.connect(self.undo)
        self.add_payment.clicked.connect(self.register_payment)
        self.undo_payment.clicked.connect(self.undo_selected_payment)
        self.documents.mark_sent_requested.connect(self.mark_sent)
        self.balance.date_changed.connect(lambda _day: self._show_balance())
        self.save_note.clicked.connect(self.store_note)
        self.scores_table.selectionModel().selectionChanged.connect(lambda *_: self._show_score())

    # --- loading ---
    def show_case(self, case_id: int) -> None:
        if case_id != self.case_id:
            self.status.clear()
            self.tabs.setCurrentIndex(0)
            self.balance.set_day(self.ui.as_of)
        self.case_id = case_id
        self.reload()

    def reload(self) -> None:
        if self.case_id is None:
            return
        try:
            view = case_view.show_case(self.ui.ctx, self.case_id, self.ui.as_of)
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems))
            self.case_id = None
            self.back_requested.emit()
            return
        self.view = view
        self._show(view)

    def _show(self, view: CaseView) -> None:
        masked, read_only = self.ui.masked, self.ui.read_only
        debtor = " ".join(initials(p.name) for p in view.debtors) if masked else ", ".join(p.name for p in view.debtors)
        chips = [chip(view.stage.label, "#37474f")]
        chips += [chip(s.label, presentation.SIDE_STATE_COLOURS[s].name()) for s in sorted(view.side_states, key=lambda s: s.value)]
        if view.scores:
            band = view.scores[-1].band
            chips.append(chip(presentation.BAND_TEXT.get(band, band), presentation.BAND_COLOURS[band].name() if band in presentation.BAND_COLOURS else "#777"))
        self.title.setText(f"<span style='font-size:17pt; font-weight:bold'>Objekt {view.unit.number}</span>"
                           f"<span style='font-size:14pt'> &nbsp;{debtor or '–'}</span><br>"
                           f"<span style='font-size:10pt'>Ärende {view.case_id} · {view.unit.tenure.label} · </span>{' '.join(chips)}")
        self.owed.setText(f"<span style='font-size:10pt'>Att betala per {view.as_of.isoformat()}</span><br>"
                          f"<span style='font-size:17pt; font-weight:bold'>{presentation.kronor(view.settlement.total_ore)}</span>")
        self.actions.show_view(view, read_only)
        self.overview.show_view(view, masked)
        self.claims.set_rows(list(view.claims))
        self.payments.set_rows(list(view.payments))
        self.events.columns = event_columns(masked)
        self.events.set_rows(list(view.events))
        self.scores.set_rows(list(view.scores))
        self.documents.show_view(view, read_only, masked)
        if masked:
            # notes are free text that may name people: not shown, and not editable, on a projector
            self.note.setPlainText("")
            self.note.setPlaceholderText(MASKED_NOTE)
        elif not self.note.hasFocus():
            self.note.setPlaceholderText(NOTE_HINT)
            self.note.setPlainText(view.note)
        self._show_balance()
        self._show_score()
        for widget in (self.add_payment, self.undo_payment):
            widget.setEnabled(not read_only)
        self.save_note.setEnabled(not read_only and not masked)
        self.note.setReadOnly(read_only or masked)

    def _show_balance(self) -> None:
        if self.view is None:
            return
        day = self.balance.day()
        if day == self.view.as_of:
            self.balance.show_view(self.view)
            return
        try:
            self.balance.show_view(case_view.show_case(self.ui.ctx, self.view.case_id, day))
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems))

    def _show_score(self) -> None:
        rows = self.scores_table.selectionModel().selectedRows()
        snapshot = self.scores.row_at(rows[0].row()) if rows else (self.view.scores[-1] if self.view and self.view.scores else None)
        if snapshot is None:
            self.score_detail.setText("Ingen riskbedömning är gjord i ärendet ännu.")
            return
        data = snapshot.factors if isinstance(snapshot.factors, dict) else {}
        factors = "".join(f"<li>{f['text']}</li>" for f in data.get("factors", []))
        flags = "".join(f"<li><b>{f['text']}</b></li>" for f in data.get("flags", []))
        text = (f"<b>{snapshot.scored_on.isoformat()}: {snapshot.score} poäng – {presentation.BAND_TEXT.get(snapshot.band, snapshot.band)}</b>"
                f"<br>Rekommendation: {data.get('recommendation', '–')}<ul>{factors}</ul>")
        if flags:
            text += f"Observera:<ul>{flags}</ul>"
        self.score_detail.setText(text)

    def _load_pdf(self, document_id: int) -> bytes | None:
        try:
            return letters().document_pdf(self.ui.ctx, document_id)
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems))
            return None

    def on_changed(self, change: Change) -> None:
        if self.case_id is not None and (change.touches(self.case_id) or change.kind in ("date", "refresh", "settings", "external")):
            self.reload()

    # --- Page ---
    def refresh(self) -> None:
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        if self.view is not None:
            self._show(self.view)

    def set_masked(self, masked: bool) -> None:
        if self.view is not None:
            self._show(self.view)

    def print_current(self) -> None:
        self.tabs.setCurrentWidget(self.documents)
        self.documents.preview.print_document()

    # --- commands ---
    def _context(self) -> EventContext:
        view = self.view
        main = [e.on for e in view.events if e.kind in MAIN_LINE and not e.undone and e.reverses is None]
        return EventContext(as_of=self.ui.as_of, opened_on=view.opened_on, last_main_event=max(main) if main else None,
                            owed_ore=view.settlement.total_ore, unit=view.unit.number)

    def _perform(self, command, change_kind: str, done: str = ""):  # noqa: ANN001, ANN202
        before = self.view.stage if self.view else None

        def report(_result: object) -> None:
            after = self.view.stage if self.view else None
            moved = f" Ärendet är nu i steget {after.label}." if after is not None and after is not before else ""
            if done:
                self.status.setText(done + moved)

        return self.ui.perform(self, command, Change(change_kind, (self.case_id,)), on_success=report)

    def start_action(self, kind: ActionKind) -> None:
        """Carry out a due action straight from the to-do list."""
        if self.view is None:
            return
        action = next((a for a in self.view.due_actions if a.action is ActionKind(kind)), None)
        if action is not None:
            self.do_action(action)

    def do_action(self, action: DueAction) -> None:
        waiting = unsent_document(self.view, action) if self.view else None
        if waiting is not None:
            # produced already: show it and go on to sending it, rather than making another version
            self.tabs.setCurrentWidget(self.documents)
            self.documents.select(waiting.document_id)
            self.mark_sent(waiting)
        elif action.document is not None:
            self.produce(action.document)
        elif action.action in SCORE_ACTIONS:
            self.score()
        elif action.completes_with is not None:
            self.record_event(action.completes_with)
        elif action.action is ActionKind.CHECK_PAYMENT_PLAN:
            self.tabs.setCurrentIndex(TABS.index("Inbetalningar"))
            Messages.inform(self, action.action.label, action.reason)
        else:
            Messages.inform(self, action.action.label, action.reason)

    def produce(self, kind: DocumentKind) -> None:
        if self.view is None or self.ui.read_only:
            return
        inputs = LetterInputsDialog.ask(self, kind, self.ui.as_of) if needs_inputs(kind) else None
        if needs_inputs(kind) and inputs is None:
            return
        case_id = self.case_id
        document = self._perform(lambda: letters().produce(self.ui.ctx, case_id, kind, self.ui.as_of, inputs), "document",
                                 f"{kind.label} är skapat. Granska det och markera det som skickat när det har gått iväg.")
        if document is not None:
            self.tabs.setCurrentWidget(self.documents)
            self.documents.select(document.document_id)
            self.documents.mark_sent.setFocus()

    def mark_sent(self, row: DocumentRow) -> None:
        kind = DocumentKind(row.kind)
        sending = MarkSentDialog.ask(self, kind, row.letter_date, self.ui.as_of)
        if sending is None:
            return
        self._perform(lambda: letters().mark_sent(self.ui.ctx, row.document_id, sending.sent_on, sending.method, self.ui.as_of),
                      "event", f"{kind.label} är markerat som skickat {sending.sent_on.isoformat()}.")

    def record_event(self, kind: EventKind) -> None:
        if self.view is None or self.ui.read_only:
            return
        event = EventDialog.ask(self, [kind], self._context(), f"Objekt {self.view.unit.number}: {kind.label}")
        if event is None:
            return
        case_id, version = self.case_id, self.view.version
        self._perform(lambda: cases.record_event(self.ui.ctx, case_id, event, self.ui.as_of, expected_version=version),
                      "event", f"Registrerat: {kind.label} {event.on.isoformat()}.")

    def register_payment(self) -> None:
        if self.view is None or self.ui.read_only:
            return
        given = PaymentDialog.ask(self, self.ui.as_of, self.view.ocr, f"Objekt {self.view.unit.number}, ärende {self.view.case_id}")
        if given is None:
            return
        case_id = self.case_id
        self._perform(lambda: payments.register_payment(self.ui.ctx, case_id, given.amount_ore, given.order_date, self.ui.as_of,
                                                        booking_date=given.booking_date, reference=given.reference, note=given.note),
                      "payment", f"Inbetalning på {presentation.kronor(given.amount_ore)} registrerad.")

    def undo_selected_payment(self) -> None:
        rows = self.payments_table.selectionModel().selectedRows()
        if not rows:
            Messages.inform(self, "Markera först inbetalningen som ska ångras.")
            return
        payment = self.payments.row_at(rows[0].row())
        if payment.undone or payment.amount_ore < 0:
            Messages.refused(self, ("Inbetalningen är redan ångrad.",))
            return
        if Messages.confirm(self, f"Ångra inbetalningen på {presentation.kronor(payment.amount_ore)} från {payment.order_date.isoformat()}?",
                            "Den tas inte bort: en motpost registreras, så att det syns vad som hände.", yes="Ångra inbetalningen"):
            self._perform(lambda: payments.undo_payment(self.ui.ctx, payment.payment_id), "payment", "Inbetalningen är ångrad.")

    def undo(self) -> None:
        """Ctrl+Z: undo the last recorded step, after confirmation."""
        if self.view is None or self.ui.read_only:
            return
        standing = [e for e in self.view.events if not e.undone and e.reverses is None]
        if not standing:
            Messages.refused(self, ("Det finns ingen händelse att ångra i ärendet.",))
            return
        last = standing[-1]
        if Messages.confirm(self, f"Ångra ”{last.kind.label}” från {last.on.isoformat()}?",
                            "Händelsen tas inte bort: en motpost registreras, och avgifter som den förde med sig återförs.",
                            yes="Ångra steget"):
            case_id = self.case_id
            self._perform(lambda: cases.undo_last_event(self.ui.ctx, case_id), "event", f"”{last.kind.label}” är ångrad.")

    def score(self) -> None:
        if self.view is None or self.ui.read_only:
            return
        try:
            inputs = scoring.prefilled_inputs(self.ui.ctx, self.view.case_id, self.ui.as_of)
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems))
            return
        request = ScoreDialog.ask(self, self.ui.as_of, inputs)
        if request is None:
            return
        case_id = self.case_id
        result = self._perform(lambda: scoring.score_case(self.ui.ctx, case_id, self.ui.as_of, kfm=request.kfm), "score")
        if result is not None:
            self.status.setText(f"Riskbedömning: {result.score} poäng, {result.band.label.lower()} risk. {result.recommendation}.")
            self.tabs.setCurrentIndex(TABS.index("Riskbedömning"))

    def store_note(self) -> None:
        if self.view is None or self.ui.masked:
            return  # masked: the field shows nothing, and saving it would wipe the real note
        case_id, version, text = self.case_id, self.view.version, self.note.toPlainText()
        self._perform(lambda: cases.save_note(self.ui.ctx, case_id, text, expected_version=version), "note", "Anteckningen är sparad.")

    def current_day(self) -> date:
        return self.ui.as_of
