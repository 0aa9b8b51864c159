"""Rapporter: charts for the board (outstanding by stage, opened and closed per month, days per stage), how
the risk bands turned out, and the board report and case file exported to PDF."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtWidgets import QDialog, QGridLayout, QHeaderView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.calibration import CalibrationRow, Outcome
from app.domain.problem import Problem, Refused
from app.services import reports, scoring, statistics
from app.services.statistics import Statistics
from ui import charts, presentation
from ui.board_modes import ModeBanner
from ui.context import UiContext
from ui.dialogs.messages import Messages
from ui.forms.background import run_with_progress
from ui.forms.case_choice import CaseChoice
from ui.forms.file_picker import FilePicker
from ui.forms.form_dialog import FormDialog
from ui.pages import ORDER, PageSpec
from ui.tables.row_model import Column
from ui.tables.table_panel import TablePanel

SHORT_OUTCOMES = {Outcome.PAYMENT_PLAN: "Amort.plan"}


def _percent(value: int | None) -> str:
    return "–" if value is None else f"{value} %"


CALIBRATION_COLUMNS = (
    Column[CalibrationRow]("Risk", lambda r, _m: r.band.label if r.band else "Alla"),
    Column[CalibrationRow]("Antal", lambda r, _m: str(r.total), sort=lambda r: r.total, right=True),
    *(Column[CalibrationRow](SHORT_OUTCOMES.get(o, o.label), lambda r, _m, o=o: str(r.count(o)), sort=lambda r, o=o: r.count(o), right=True)
      for o in Outcome),
    Column[CalibrationRow]("Andel betalda", lambda r, _m: _percent(r.collected_percent), sort=lambda r: r.collected_percent or 0, right=True),
)


class CaseFileDialog(FormDialog):
    """Which case's complete file (akt) to export."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, "Ärendeakt som PDF", parent, save_text="Skapa PDF …")
        self.save_button.setEnabled(True)  # exporting changes nothing: allowed in read-only mode
        self.case = self.form.add("case", "Ärende", CaseChoice(ui, include_closed=True))

    def save(self) -> bool:  # choosing is all this dialog does
        if self.case.case_id() is None:
            self.form.show_problems([Problem("case.missing", "Välj vilket ärende akten gäller.", "case")])
            return False
        self.result_value = self.case.case_id()
        self.accept()
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ui: UiContext) -> int | None:
        dialog = cls(ui, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReportsPage(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.stats: Statistics | None = None
        layout = QVBoxLayout(self)
        self.banner = ModeBanner()
        layout.addWidget(self.banner)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setAccessibleName("Sammanfattning")
        top.addWidget(self.summary, 1)
        self.board_button = QPushButton("Styrelserapport (PDF) …")
        self.case_button = QPushButton("Ärendeakt (PDF) …")
        self.board_button.setToolTip("Ärendena per steg med belopp och nästa frist – maskerad i maskerat läge")
        self.case_button.setToolTip("Hela akten för ett ärende: tidslinje, betalningar, specifikation och dokument")
        for button, slot in ((self.board_button, self.export_board_report), (self.case_button, self.export_case_file)):
            button.clicked.connect(lambda _checked=False, s=slot: s())
            top.addWidget(button)
        layout.addLayout(top)
        grid = QGridLayout()
        self.outstanding = charts.chart_view(QChart(), "Utestående belopp per steg")
        self.months = charts.chart_view(QChart(), "Öppnade och avslutade ärenden per månad")
        self.durations = charts.chart_view(QChart(), "Tid i varje steg")
        self.durations_note = QLabel()
        self.durations_note.setWordWrap(True)
        self.calibration = TablePanel("Utfall per riskklass (avslutade ärenden)", CALIBRATION_COLUMNS, search_hint="Sök …")
        self.calibration.search.hide()
        header = self.calibration.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(len(CALIBRATION_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.calibration.view.setMaximumHeight(190)
        self.calibration_notes = QLabel()
        self.calibration_notes.setWordWrap(True)
        grid.addWidget(self.outstanding, 0, 0)
        grid.addWidget(self.months, 0, 1)
        grid.addWidget(_stacked(self.durations, self.durations_note), 1, 0)
        grid.addWidget(_stacked(self.calibration, self.calibration_notes), 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout.addLayout(grid, 1)
        self.set_masked(ui.masked)
        self.refresh()

    # --- the Page protocol ------------------------------------------------------------------------
    def refresh(self) -> None:
        self.stats = statistics.statistics(self.ui.ctx, self.ui.as_of)
        stats = self.stats
        self.summary.setText(f"<b>{stats.open_cases} öppna ärenden</b> med sammanlagt <b>{presentation.kronor(stats.total_outstanding_ore)}</b> "
                             f"utestående per {presentation.long_day(stats.as_of)}.")
        for view, build in ((self.outstanding, charts.outstanding_chart), (self.months, charts.months_chart),
                            (self.durations, charts.durations_chart)):
            _replace_chart(view, build(stats))
        long = [d for d in stats.durations if d.stage in charts.LONG_RUNNING and d.stays]
        self.durations_note.setText(" ".join(
            f"{d.stage.label} visas inte: den pågår tills skulden är betald eller preskriberad "
            f"(i snitt {round(d.average_days or 0)} dagar hittills, {d.stays} ärenden)." for d in long))
        table = scoring.calibration(self.ui.ctx, self.ui.as_of)
        self.calibration.set_rows([*table.rows, table.total], False)
        self.calibration_notes.setText(" ".join(table.notes))

    def set_read_only(self, read_only: bool) -> None:
        self.banner.show_modes(read_only, self.ui.masked)  # reports change nothing: exports stay allowed

    def set_masked(self, masked: bool) -> None:
        self.banner.show_modes(self.ui.read_only, masked)

    # --- exports --------------------------------------------------------------------------------------
    def export_board_report(self, path: Path | None = None) -> Path | None:
        name = f"styrelserapport-{self.ui.as_of.isoformat()}{'-maskerad' if self.ui.masked else ''}.pdf"
        path = path or FilePicker.save(self, "Spara styrelserapporten", name, "PDF (*.pdf)")
        if path is None:
            return None
        return self._export(path, "Skapar styrelserapporten …",
                            lambda: reports.board_report(self.ui.ctx, self.ui.as_of, self.ui.masked))

    def export_case_file(self, case_id: int | None = None, path: Path | None = None) -> Path | None:
        case_id = case_id or CaseFileDialog.ask(self, self.ui)
        if case_id is None:
            return None
        path = path or FilePicker.save(self, "Spara ärendeakten", f"arende-{case_id}-akt-{self.ui.as_of.isoformat()}.pdf", "PDF (*.pdf)")
        if path is None:
            return None
        return self._export(path, f"Skapar akten för ärende {case_id} …",
                            lambda: reports.case_file(self.ui.ctx, case_id, self.ui.as_of, masked=self.ui.masked))

    def _export(self, path: Path, text: str, make) -> Path | None:  # noqa: ANN001 - () -> bytes
        try:
            pdf = run_with_progress(self, text, make)
            path.write_bytes(pdf)
        except Refused as refused:
            Messages.refused(self, tuple(p.message for p in refused.problems))
            return None
        except OSError as exc:
            Messages.refused(self, (f"Filen {path} kunde inte sparas: {exc.strerror or exc}.",))
            return None
        Messages.inform(self, "PDF-filen är sparad.", str(path))
        return path


def _stacked(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget, 1 if isinstance(widget, QChartView) else 0)
    column.addStretch()
    return box


def _replace_chart(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)  # the view takes the new chart and lets go of the old one
    old.deleteLater()


PAGES = (
    PageSpec(key="reports", title="Rapporter", order=ORDER["reports"], factory=ReportsPage,
             tooltip="Diagram för styrelsen, styrelserapport och ärendeakt som PDF"),
)
