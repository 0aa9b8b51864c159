"""BgMax import: the file's payments shown first (matched or not, and the totals), booked only on request.

The preview is a dry run of the same import, so what is shown is exactly what will be booked.
"""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.domain.problem import Refused
from app.services import bgmax_import, cases
from app.services.bgmax_import import ImportedPayment, ImportSummary
from app.services.cases import CaseRow
from ui import presentation
from ui.board_modes import mask_name
from ui.context import READ_ONLY_MESSAGE, UiContext
from ui.forms.background import Cancelled, run_with_progress
from ui.tables.row_model import Column
from ui.tables.table_panel import TablePanel


def _target(payment: ImportedPayment, by_case: dict[int, CaseRow], masked: bool) -> str:
    if payment.amount_ore < 0:
        return "Avdrag – hanteras för hand"
    if payment.case_id is None and payment.claim_id is not None:
        return "Avi utan ärende (avins OCR)"
    if payment.case_id is None:
        return "Omatchad – väntar på dig"
    row = by_case.get(payment.case_id)
    where = f"Ärende {payment.case_id}"
    if row is not None:
        where += f", objekt {row.unit}, {row.debtor_initials if masked else row.debtor}"
    return where + (" (avins OCR)" if payment.claim_id is not None else "")


class BgMaxPreviewDialog(QDialog):
    """Shows the dry run; "Bokför" imports the file for real. `summary` is the committed result."""

    def __init__(self, ui: UiContext, data: bytes, filename: str, preview: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.data, self.filename, self.preview = ui, data, filename, preview
        self.summary: ImportSummary | None = None
        self.setWindowTitle(f"Förhandsgranska {filename}")
        self.resize(900, 560)
        by_case = {r.case_id: r for r in cases.list_cases(ui.ctx, ui.as_of)}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{filename}</b> – kontrollera inbetalningarna innan de bokförs. Inget är sparat ännu."))
        layout.addLayout(self._totals(preview))
        columns = (
            Column[ImportedPayment]("Rad", lambda p, _m: str(p.line_number), sort=lambda p: p.line_number, right=True),
            Column[ImportedPayment]("Belopp", lambda p, _m: presentation.kronor(p.amount_ore), sort=lambda p: p.amount_ore, right=True),
            Column[ImportedPayment]("Referens", lambda p, _m: p.reference),
            Column[ImportedPayment]("Betalare", lambda p, m: mask_name(p.payer_name, m) if p.payer_name else ""),
            Column[ImportedPayment]("Kopplas till", lambda p, m: _target(p, by_case, m)),
        )
        self.table = TablePanel("Inbetalningar i filen", columns, key=lambda p: p.line_number, search_hint="Sök referens, betalare …")
        self.table.set_rows(preview.rows, ui.masked)
        layout.addWidget(self.table)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.commit_button = buttons.addButton(f"Bokför {preview.payments} inbetalningar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.commit_button.clicked.connect(self.commit)
        self.commit_button.setEnabled(not ui.read_only and preview.payments > 0)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _totals(self, preview: ImportSummary) -> QGridLayout:
        grid = QGridLayout()
        self.totals = {
            "Inbetalningar": str(preview.payments),
            "Matchade": str(preview.matched),
            "Omatchade": str(preview.unmatched),
            "Summa": presentation.kronor(preview.total_ore),
        }
        for column, (label, value) in enumerate(self.totals.items()):
            grid.addWidget(QLabel(label), 0, column)
            shown = QLabel(f"<b>{value}</b>")
            shown.setAccessibleName(label)
            grid.addWidget(shown, 1, column)
        return grid

    def commit(self) -> bool:
        if self.ui.read_only:
            self.error.setText(READ_ONLY_MESSAGE)
            self.error.show()
            return False
        try:
            self.summary = run_with_progress(
                self, f"Bokför {self.preview.payments} inbetalningar …",
                lambda: bgmax_import.import_bgmax(self.ui.ctx, self.data, self.filename, dry_run=False),
            )
        except Refused as refused:
            self.error.setText("\n".join(p.message for p in refused.problems))
            self.error.show()
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, data: bytes, filename: str) -> ImportSummary | None:
        """Preview the file (a refusal is raised as Refused); returns the booked summary, or None."""
        try:
            preview = run_with_progress(parent, f"Läser {filename} …",
                                        lambda: bgmax_import.import_bgmax(ui.ctx, data, filename, dry_run=True), cancellable=True)
        except Cancelled:
            return None
        dialog = cls(ui, data, filename, preview, parent)
        return dialog.summary if dialog.exec() == QDialog.DialogCode.Accepted else None
