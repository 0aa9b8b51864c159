"""The case's documents: every stored version, the selected one previewed as the exact PDF kept, with
print, save as and "mark sent" (which records the event the document completes)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.domain.action import DocumentKind
from app.services.case_view import CaseView, DocumentRow
from ui.models.case_columns import DOCUMENT_COLUMNS
from ui.tables.row_model import RowTableModel
from ui.widgets.case_balance import table
from ui.widgets.pdf_preview import PdfPreview


def file_name(view: CaseView, document: DocumentRow) -> str:
    return f"arende-{view.case_id}-objekt-{view.unit.number}-{document.kind}-v{document.version}.pdf".replace(" ", "-")


class CaseDocuments(QWidget):
    mark_sent_requested = Signal(object)  # DocumentRow

    def __init__(self, load_pdf: Callable[[int], bytes | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.load_pdf = load_pdf
        self.view: CaseView | None = None
        self.read_only = False
        layout = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.model = RowTableModel(DOCUMENT_COLUMNS, self)
        self.table = table(self.model, "Dokument i ärendet")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        top_layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.mark_sent = QPushButton("&Markera som skickat …")
        self.mark_sent.setToolTip("Ange när och hur dokumentet skickades – då registreras händelsen och ärendet går vidare")
        self.mark_sent.clicked.connect(self._mark_sent)
        self.print_button = QPushButton("Skriv &ut …")
        self.print_button.setToolTip("Skriv ut dokumentet (Ctrl+P)")
        self.save_button = QPushButton("S&para som …")
        for button in (self.mark_sent, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        split.addWidget(top)
        self.preview = PdfPreview()
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        layout.addWidget(split)
        self.print_button.clicked.connect(self.preview.print_document)
        self.save_button.clicked.connect(self.preview.save_as)
        self._update_buttons()

    def show_view(self, view: CaseView, read_only: bool, masked: bool = False) -> None:
        keep = self.selected()
        self.view, self.read_only = view, read_only
        self.preview.set_masked(masked)
        self.model.set_rows(list(reversed(view.documents)))  # newest first
        if keep is not None and self.select(keep.document_id):
            return
        self.preview.clear()
        self._update_buttons()

    def selected(self) -> DocumentRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, document_id: int) -> bool:
        for r, row in enumerate(self.model.rows()):
            if row.document_id == document_id:
                self.table.selectRow(r)
                self._show(row)
                return True
        return False

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected()
        if row is not None:
            self._show(row)
        self._update_buttons()

    def _show(self, row: DocumentRow) -> None:
        if self.view is None:
            return
        if self.preview.data and self.preview.file_name == file_name(self.view, row):
            self._update_buttons()
            return
        data = self.load_pdf(row.document_id)
        if data is None:
            self.preview.clear()
        else:
            sent = f"skickat {row.sent_on.isoformat()}" if row.sent_on else "inte skickat ännu"
            self.preview.set_pdf(data, f"<b>{DocumentKind(row.kind).label}</b>, version {row.version}, daterat "
                                       f"{row.letter_date.isoformat()} – {sent}", file_name(self.view, row))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        self.mark_sent.setEnabled(row is not None and row.sent_on is None and not self.read_only)
        self.print_button.setEnabled(row is not None)
        self.save_button.setEnabled(row is not None)
        if row is not None and row.sent_on is not None:
            self.mark_sent.setToolTip(f"Redan skickat {row.sent_on.isoformat()}. Skapa en ny version om det ska skickas igen.")

    def _mark_sent(self) -> None:
        row = self.selected()
        if row is not None:
            self.mark_sent_requested.emit(row)
