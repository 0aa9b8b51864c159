"""Inbetalningar: Bankgirot files in (preview, then book), unmatched payments matched by hand, payments
registered by hand, and avier imported from CSV."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.problem import Refused
from app.services import payments
from app.services.payments import UnmatchedRow
from ui import presentation
from ui.board_modes import EditControls, ModeBanner, mask_name
from ui.context import Change, UiContext
from ui.dialogs.messages import Messages
from ui.forms.bgmax_dialog import BgMaxPreviewDialog
from ui.forms.claims_import_dialog import ClaimsImportDialog
from ui.forms.file_picker import FilePicker
from ui.forms.payment_dialog import ManualPaymentDialog, MatchDialog
from ui.pages import ORDER, PageSpec
from ui.tables.row_model import Column
from ui.tables.table_panel import TablePanel

UNMATCHED_COLUMNS = (
    Column[UnmatchedRow]("Betalningsdag", lambda p, _m: presentation.day(p.order_date)),
    Column[UnmatchedRow]("Belopp", lambda p, _m: presentation.kronor(p.amount_ore), sort=lambda p: p.amount_ore, right=True),
    Column[UnmatchedRow]("Referens", lambda p, _m: p.reference or "–"),
    Column[UnmatchedRow]("Betalare", lambda p, m: mask_name(p.payer_name, m) if p.payer_name else "–"),
    Column[UnmatchedRow]("Källa", lambda p, _m: {"bgmax": "Bankgiro (BgMax)", "manual": "För hand"}.get(p.source, p.source)),
    Column[UnmatchedRow]("Anteckning", lambda p, _m: p.note),
)


def read_file(parent: QWidget, path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        Messages.refused(parent, (f"Filen {path.name} kunde inte läsas: {exc.strerror or exc}.",))
        return None


class PaymentsPage(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.edits = EditControls()
        layout = QVBoxLayout(self)
        self.banner = ModeBanner()
        layout.addWidget(self.banner)
        actions = QHBoxLayout()
        for text, slot, tip in (
            ("Läs in BgMax-fil …", self.import_bgmax, "Inbetalningar från Bankgirot: förhandsgranskas innan de bokförs"),
            ("Registrera inbetalning …", self.register_payment, "En inbetalning som inte kom via bankgirofilen"),
            ("Importera avier (CSV) …", self.import_claims, "Obetalda avier från avisystemet, kontrolleras rad för rad"),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            actions.addWidget(self.edits.add(button))
        actions.addStretch()
        layout.addLayout(actions)
        self.last_import = QLabel()
        self.last_import.setWordWrap(True)
        self.last_import.setAccessibleName("Senaste inläsning")
        self.last_import.hide()
        layout.addWidget(self.last_import)
        self.unmatched = TablePanel("Omatchade inbetalningar", UNMATCHED_COLUMNS, key=lambda p: p.payment_id,
                                    search_hint="Sök referens, betalare, belopp …")
        self.match_button = self.unmatched.add_button("Koppla till ärende …", self.match, "Koppla inbetalningen till ärende")
        self.edits.add(self.match_button, lambda: self.unmatched.selected() is not None)
        self.unmatched.selection_changed.connect(self.edits.update)
        self.unmatched.activated.connect(lambda _row: self.match())
        self.empty_note = QLabel("Inga omatchade inbetalningar – allt som kommit in är kopplat till sina ärenden.")
        layout.addWidget(self.empty_note)
        layout.addWidget(self.unmatched)
        self.set_read_only(ui.read_only)
        self.refresh()

    # --- the Page protocol ------------------------------------------------------------------------
    def refresh(self) -> None:
        rows = payments.unmatched(self.ui.ctx)
        self.unmatched.set_rows(rows, self.ui.masked)
        total = sum(r.amount_ore for r in rows)
        self.unmatched.title.setText(f"<b>Omatchade inbetalningar</b> – {len(rows)} st, {presentation.kronor(total)}")
        self.empty_note.setVisible(not rows)
        self.edits.update()

    def set_read_only(self, read_only: bool) -> None:
        self.edits.set_read_only(read_only)
        self.banner.show_modes(read_only, self.ui.masked)

    def set_masked(self, masked: bool) -> None:
        self.unmatched.model.set_masked(masked)
        self.banner.show_modes(self.edits.read_only, masked)

    def focus_search(self) -> None:
        """Ctrl+F: search the unmatched payments."""
        self.unmatched.focus_search()

    # --- actions ------------------------------------------------------------------------------------
    def import_bgmax(self, path: Path | None = None) -> None:
        path = path or FilePicker.open(self, "Välj BgMax-fil från Bankgirot", "BgMax-filer (*.txt *.bgmax *.dat);;Alla filer (*)")
        data = read_file(self, path) if path else None
        if data is None:
            return
        try:
            summary = BgMaxPreviewDialog.ask(self, self.ui, data, path.name)
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems), heading="Filen kan inte läsas in.")
            return
        if summary is not None:
            self.last_import.setText(
                f"Inläst {summary.filename}: {summary.payments} inbetalningar på {presentation.kronor(summary.total_ore)}, "
                f"{summary.matched} kopplade till ärenden, {summary.unmatched} omatchade."
            )
            self.last_import.show()
            self._changed("import")

    def register_payment(self) -> None:
        if ManualPaymentDialog.ask(self, self.ui) is not None:
            self._changed("payment")

    def import_claims(self, path: Path | None = None) -> None:
        path = path or FilePicker.open(self, "Välj CSV-fil med avier", "CSV-filer (*.csv *.txt);;Alla filer (*)")
        data = read_file(self, path) if path else None
        if data is None:
            return
        summary = ClaimsImportDialog.ask(self, self.ui, data, path.name)
        if summary is not None:
            self.last_import.setText(
                f"Importerat {path.name}: {summary.claims_created} avier på {presentation.kronor(summary.total_ore)}, "
                f"{summary.persons_created} nya personer, {summary.units_created} nya objekt."
            )
            self.last_import.show()
            self._changed("registers")

    def match(self) -> None:
        payment = self.unmatched.selected()
        if payment is not None and not self.ui.read_only and MatchDialog.ask(self, self.ui, payment) is not None:
            self._changed("payment")

    def _changed(self, kind: str) -> None:
        self.ui.notify(Change(kind))
        self.refresh()


PAGES = (
    PageSpec(key="payments", title="Inbetalningar", order=ORDER["payments"], factory=PaymentsPage,
             tooltip="Bankgirofiler, omatchade och manuella inbetalningar, import av avier"),
)
