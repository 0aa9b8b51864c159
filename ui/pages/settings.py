"""Inställningar: the association, process offsets, fees, the referensränta table with its sources (and a
clear warning when the current half-year's rate is missing), letter texts and the backup folder."""
from __future__ import annotations

import re

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from app.services import settings
from app.services.rates_warning import RateRow, list_rates, missing_current_rate
from ui import presentation
from ui.board_modes import ModeBanner
from ui.context import UiContext
from ui.forms.settings_sections import (
    AssociationSection,
    FeesSection,
    ProcessSection,
    SettingsSection,
    TextsSection,
    half_year_choices,
)
from ui.pages import ORDER, PageSpec
from ui.tables.row_model import Column
from ui.tables.table_panel import TablePanel

WARNING_STYLE = "background: #fdecea; color: #8a1c13; border: 1px solid #e6a29b; border-radius: 4px; padding: 8px 10px;"
_SOURCE_WORDS = (  # the shipped table's notes, said in Swedish
    (re.compile(r"^riksbank\.se table$"), "Riksbankens tabell (riksbank.se)"),
    (re.compile(r"^riksbank\.se news (.+)$"), r"Riksbankens nyhet \1"),
    (re.compile(r"^secondary \((?:effective )?policy rate (\S+)(?: on (\S+))?(?: from (\S+))?(?: rounded up)?\)$"),
     r"andrahandsuppgift (styrräntan \1)"),
)


def source_text(source: str) -> str:
    for pattern, words in _SOURCE_WORDS:
        if pattern.match(source):
            return re.sub(r"(\d)\.(\d)", r"\1,\2", pattern.sub(words, source))
    return source or "–"


RATE_COLUMNS = (
    Column[RateRow]("Gäller från", lambda r, _m: presentation.day(r.valid_from)),
    Column[RateRow]("Referensränta", lambda r, _m: f"{r.percent_text} %", sort=lambda r: r.hundredths, right=True),
    Column[RateRow]("Dröjsmålsränta", lambda r, _m: f"{r.interest_text} %", sort=lambda r: r.hundredths, right=True),
    Column[RateRow]("Kontrollerad", lambda r, _m: "ja" if r.verified else "kontrollera"),
    Column[RateRow]("Källa", lambda r, _m: source_text(r.source)),
)


def warning_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(WARNING_STYLE)
    label.setAccessibleName("Varning om referensränta")
    label.hide()
    return label


class RatesSection(SettingsSection):
    """The referensränta per half-year (räntelagen 9 §): the table, and a form to enter or correct one."""

    title = "Referensränta"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        intro = QLabel("Dröjsmålsränta = referensräntan + 8 procentenheter (räntelagen 6 §). Riksbanken fastställer "
                       "referensräntan den 1 januari och den 1 juli; den avrundas uppåt till närmaste halva procentenhet.")
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        self.table = TablePanel("Referensräntor", RATE_COLUMNS, key=lambda r: r.valid_from, search_hint="Sök år, källa …")
        self.table.setMinimumHeight(260)
        self.layout().insertWidget(1, self.table, 1)
        self.half_year = QComboBox()
        for start in half_year_choices(ui.as_of):
            self.half_year.addItem(presentation.day(start), start.isoformat())  # Qt keeps str data as it is
        self.percent = QLineEdit()
        self.percent.setMaximumWidth(120)
        self.field("half_year", "Halvår från", self.half_year)
        self.field("rate", "Referensränta (%)", self.percent, "t.ex. 2,00 – hela eller halva procent, som Riksbanken publicerat")
        self.save_button.setText("Spara referensränta")
        self.table.selection_changed.connect(self._chosen)
        self.load()

    def _chosen(self) -> None:
        row = self.table.selected()
        if row is not None:
            self.half_year.setCurrentIndex(self.half_year.findData(row.valid_from.isoformat()))
            self.percent.setText(row.percent_text)

    def load(self) -> None:
        self.table.set_rows(list_rates(self.ui.ctx), False)
        if missing_current_rate(self.ui.ctx, self.ui.as_of):  # offer the missing half-year first
            missing = next((d for d in half_year_choices(self.ui.as_of) if d <= self.ui.as_of), None)
            self.half_year.setCurrentIndex(self.half_year.findData(missing.isoformat() if missing else None))

    def perform(self) -> None:
        key = settings.RATE_PREFIX + self.half_year.currentData()
        self.form.aliases[key] = "rate"  # the service names the setting's key: show it under the rate field
        settings.set_value(self.ui.ctx, key, self.percent.text(), self.ui.as_of)


class SettingsPage(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        layout = QVBoxLayout(self)
        self.banner = ModeBanner()
        layout.addWidget(self.banner)
        self.warning = warning_label()
        layout.addWidget(self.warning)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.association = AssociationSection(ui)
        self.process = ProcessSection(ui)
        self.fees = FeesSection(ui)
        self.rates = RatesSection(ui)
        self.texts = TextsSection(ui)
        self.sections: tuple[SettingsSection, ...] = (self.association, self.process, self.fees, self.rates, self.texts)
        for section in self.sections:
            if section is self.rates:
                self.tabs.addTab(section, section.title)
                continue
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(section)
            self.tabs.addTab(scroll, section.title)
        self.set_read_only(ui.read_only)
        self.refresh()

    def refresh(self) -> None:
        for section in self.sections:
            section.load()
        warning = missing_current_rate(self.ui.ctx, self.ui.as_of)
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))

    def set_read_only(self, read_only: bool) -> None:
        for section in self.sections:
            section.set_read_only(read_only)
        self.banner.show_modes(read_only, self.ui.masked)

    def set_masked(self, masked: bool) -> None:
        self.banner.show_modes(self.ui.read_only, masked)  # settings hold nothing personal


PAGES = (
    PageSpec(key="settings", title="Inställningar", order=ORDER["settings"], factory=SettingsPage,
             tooltip="Föreningen, tidsfrister, avgifter, referensränta, brev och säkerhetskopior"),
)
