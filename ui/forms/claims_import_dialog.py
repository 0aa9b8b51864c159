"""CSV import of unpaid claims (avier): checked whole first; a bad file is listed row by row and nothing is saved."""
from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.domain.problem import Problem, Refused
from app.services import claims_import
from app.services.claims_import import ClaimImportSummary
from ui import presentation
from ui.context import READ_ONLY_MESSAGE, UiContext
from ui.forms.background import Cancelled, run_with_progress
from ui.tables.row_model import Column
from ui.tables.table_panel import TablePanel

_WHERE = re.compile(r"^Rad (\d+)(?:, fält ([^:]+))?: (.*)$", re.DOTALL)


@dataclass(frozen=True)
class RowProblem:
    row: int | None
    field: str
    message: str


def row_problems(problems: tuple[Problem, ...]) -> list[RowProblem]:
    """'Rad 3, fält belopp: …' split into its row, field and message, for the table."""
    rows = []
    for problem in problems:
        match = _WHERE.match(problem.message)
        if match:
            rows.append(RowProblem(int(match.group(1)), match.group(2) or "", match.group(3)))
        else:
            rows.append(RowProblem(None, problem.field or "", problem.message))
    return rows


PROBLEM_COLUMNS = (
    Column[RowProblem]("Rad", lambda p, _m: "" if p.row is None else str(p.row), sort=lambda p: p.row or 0, right=True),
    Column[RowProblem]("Fält", lambda p, _m: p.field),
    Column[RowProblem]("Fel", lambda p, _m: p.message),
)


class ClaimsImportDialog(QDialog):
    """Either the row-by-row errors of a refused file, or the summary of a good one with "Importera"."""

    def __init__(self, ui: UiContext, data: bytes, filename: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.data, self.filename = ui, data, filename
        self.summary: ClaimImportSummary | None = None
        self.problems: list[RowProblem] = []
        self.setWindowTitle(f"Importera avier – {filename}")
        self.resize(860, 480)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = TablePanel("Fel i filen", PROBLEM_COLUMNS, search_hint="Sök i felen …")
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("Importera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.commit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def check(self) -> bool:
        """The dry run: fills the error table or the summary. True when the file can be imported."""
        try:
            preview = run_with_progress(self.parentWidget(), f"Kontrollerar {self.filename} …",
                                        lambda: claims_import.import_claims(self.ui.ctx, self.data, dry_run=True), cancellable=True)
        except Refused as refused:
            self._show_problems(refused.problems)
            return False
        self.table.hide()
        self.heading.setText(
            f"<b>{self.filename}</b> är korrekt: {preview.rows} avier på sammanlagt {presentation.kronor(preview.total_ore)}; "
            f"{preview.persons_created} nya personer och {preview.units_created} nya objekt läggs upp. Inget är sparat ännu."
        )
        self.import_button.setText(f"Importera {preview.rows} avier")
        self.import_button.setEnabled(not self.ui.read_only)
        return True

    def _show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems = row_problems(problems)
        self.heading.setText(
            f"<b>{self.filename}</b> kan inte importeras: {len(self.problems)} fel. Ingenting har sparats – "
            "rätta filen och läs in den igen."
        )
        self.table.set_rows(self.problems, False)
        self.table.show()
        self.import_button.hide()

    def commit(self) -> bool:
        if self.ui.read_only:
            self.heading.setText(READ_ONLY_MESSAGE)
            return False
        try:
            self.summary = run_with_progress(self, "Importerar avier …",
                                             lambda: claims_import.import_claims(self.ui.ctx, self.data, dry_run=False))
        except Refused as refused:
            self._show_problems(refused.problems)
            return False
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext, data: bytes, filename: str) -> ClaimImportSummary | None:
        dialog = cls(ui, data, filename, parent)
        try:
            dialog.check()
        except Cancelled:
            return None
        return dialog.summary if dialog.exec() == QDialog.DialogCode.Accepted else None
