"""Dokument: every produced letter and filing across the cases – previewed, printed, saved, marked
sent – and the day's batch ("Skriv ut allt som är förfallet")."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.problem import Refused
from app.services.document_list import DocumentListRow, list_documents
from ui import presentation
from ui.context import Change, UiContext
from ui.dialogs.mark_sent_dialog import MarkSentDialog
from ui.dialogs.messages import Messages
from ui.tables.row_model import Column, FilterProxy, RowTableModel
from ui.pages import ORDER, PageSpec
from ui.tables.views import row_table
from ui.widgets.pdf_preview import PdfPreview


def letters():  # noqa: ANN201
    """The letters service, imported on first use: it brings ReportLab (about a second at start-up)."""
    from app.services import letters as service

    return service


def document_columns(masked: bool) -> tuple[Column, ...]:
    return (
        Column("Daterat", lambda d, _m: d.letter_date.isoformat(), sort=lambda d: (d.letter_date, d.document_id)),
        Column("Objekt", lambda d, _m: d.unit),
        Column("Gäldenär", lambda d, _m: d.debtor_initials if masked else d.debtor),
        Column("Dokument", lambda d, _m: d.kind.label),
        Column("Version", lambda d, _m: str(d.version), right=True, sort=lambda d: d.version),
        Column("Skickat", lambda d, _m: f"{d.sent_on.isoformat()} ({presentation.method_label(d.sent_method)})" if d.sent_on else "Inte skickat",
               colour=lambda d: None if d.sent_on else presentation.urgency_colour("today"),
               sort=lambda d: d.sent_on.toordinal() if d.sent_on else 0),
    )


def file_name(row: DocumentListRow) -> str:
    return f"arende-{row.case_id}-objekt-{row.unit}-{row.kind.value}-v{row.version}.pdf".replace(" ", "-")


class DocumentsPage(QWidget):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.batch = None
        self.setAccessibleName("Dokument")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Sök objekt, namn, dokument … (Ctrl+F)")
        self.search.setAccessibleName("Sök bland dokumenten")
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.unsent_only = QCheckBox("Bara &ej skickade")
        bar.addWidget(self.unsent_only)
        self.batch_button = QPushButton("Skriv ut allt som är &förfallet …")
        bar.addWidget(self.batch_button)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowTableModel(document_columns(ui.masked), self)
        self.proxy = FilterProxy(self.model, self)
        self.table = row_table(self.proxy, "Dokument", sort_column=0, order=Qt.SortOrder.DescendingOrder)
        left_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_case = QPushButton("Ö&ppna ärendet")
        self.mark_sent = QPushButton("&Markera som skickat …")
        self.print_button = QPushButton("Skriv &ut …")
        self.save_button = QPushButton("S&para som …")
        for button in (self.open_case, self.mark_sent, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        split.addWidget(left)
        self.preview = PdfPreview()
        self.preview.set_masked(ui.masked)
        split.addWidget(self.preview)
        split.setSizes([620, 560])
        layout.addWidget(split, 1)
        self.search.textChanged.connect(self.proxy.set_text)
        self.unsent_only.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.open_case.clicked.connect(lambda: self.selected() and self.ui.open_case(self.selected().case_id))
        self.mark_sent.clicked.connect(self.mark_selected_sent)
        self.print_button.clicked.connect(self.preview.print_document)
        self.save_button.clicked.connect(self.preview.save_as)
        self.batch_button.clicked.connect(self.print_all_due)
        self._update_buttons()

    def refresh(self) -> None:
        keep = self.selected()
        self.model.set_rows(list_documents(self.ui.ctx, unsent_only=self.unsent_only.isChecked()))
        if keep is not None:
            self.select(keep.document_id)
        else:
            self._update_buttons()

    def selected(self) -> DocumentListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def select(self, document_id: int) -> bool:
        for r in range(self.proxy.rowCount()):
            if self.proxy.row_at(r).document_id == document_id:
                self.table.selectRow(r)
                return True
        return False

    def _selected(self) -> None:
        row = self.selected()
        if row is None:
            self.preview.clear()
        elif self.preview.file_name != file_name(row) or not self.preview.data:
            try:
                data = letters().document_pdf(self.ui.ctx, row.document_id)
            except Refused as refused:
                Messages.refused(self, tuple(p.message for p in refused.problems))
                data = None
            if data is None:
                self.preview.clear()
            else:
                sent = f"skickat {row.sent_on.isoformat()}" if row.sent_on else "inte skickat ännu"
                self.preview.set_pdf(data, f"<b>{row.kind.label}</b>, objekt {row.unit}, version {row.version} – {sent}", file_name(row))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.open_case, self.print_button, self.save_button):
            button.setEnabled(row is not None)
        self.mark_sent.setEnabled(row is not None and row.sent_on is None and not self.ui.read_only)
        self.batch_button.setEnabled(not self.ui.read_only)

    def mark_selected_sent(self) -> None:
        row = self.selected()
        if row is None:
            return
        sending = MarkSentDialog.ask(self, row.kind, row.letter_date, self.ui.as_of)
        if sending is not None:
            self.ui.perform(self, lambda: letters().mark_sent(self.ui.ctx, row.document_id, sending.sent_on, sending.method, self.ui.as_of),
                            Change("event", (row.case_id,)))

    def print_current(self) -> None:
        if self.selected() is not None:
            self.preview.print_document()
        else:
            self.print_all_due()

    def print_all_due(self) -> None:
        from ui.batch_letters import print_all_due

        self.batch = print_all_due(self, self.ui)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_read_only(self, read_only: bool) -> None:
        self._update_buttons()

    def set_masked(self, masked: bool) -> None:
        self.model.columns = document_columns(masked)
        self.preview.set_masked(masked)
        self.refresh()


PAGES = (PageSpec(key="documents", title="Dokument", order=ORDER["documents"], factory=DocumentsPage,
                  tooltip="Alla skapade brev och ansökningar"),)
