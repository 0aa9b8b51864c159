"""The sections of Inställningar: each a form saved whole by one service call, refused field by field.

Process offsets never go below the legal minimums, fees never above their caps – the settings service
refuses, and its reasons are shown under the field.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.domain.facts import LEGAL_MINIMUMS, AllocationOrder
from app.domain.problem import Refused
from app.services import association, identity, settings
from app.services.association import AssociationInfo
from ui import presentation
from ui.board_modes import EditControls
from ui.context import Change, UiContext
from ui.forms.field_form import FieldForm
from ui.forms.file_picker import FilePicker

ALLOCATION_LABELS = {
    AllocationOrder.CAPITAL_FIRST: "Kapital först, sedan ränta och avgifter (rekommenderas: läker förverkandet, JB 12:43–44)",
    AllocationOrder.FEES_FIRST: "Avgifter först, sedan ränta och kapital",
}


class SettingsSection(QWidget):
    """A form with its own "Spara" button; `save()` returns True when the service took the whole form."""

    title = ""
    change_kind = "settings"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.edits = EditControls()
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        layout.addWidget(self.form)
        row = QHBoxLayout()
        self.save_button = QPushButton("Spara")
        self.save_button.setAccessibleName(f"Spara {self.title.lower()}")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        row.addWidget(self.edits.add(self.save_button))
        self.saved = QLabel()
        self.saved.setAccessibleName("Sparat")
        row.addWidget(self.saved)
        row.addStretch()
        layout.addLayout(row)
        layout.addStretch()

    def field(self, key: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        return self.edits.add(self.form.add(key, label, widget, hint))

    def load(self) -> None:
        raise NotImplementedError

    def perform(self) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        self.saved.clear()
        if self.ui.read_only:
            self.form.show_problems(["Skrivskyddat läge: inget kan sparas."])
            return False
        try:
            self.perform()
        except Refused as refused:
            self.form.show_problems(refused.problems)
            return False
        self.form.clear_problems()
        self.saved.setText("Sparat.")
        self.ui.notify(Change(self.change_kind))
        self.load()
        return True

    def set_read_only(self, read_only: bool) -> None:
        self.edits.set_read_only(read_only)


class AssociationSection(SettingsSection):
    title = "Föreningen"
    FIELDS = (
        ("name", "Namn"), ("orgnr", "Organisationsnummer"), ("bankgiro", "Bankgiro"), ("address", "Postadress"),
        ("postcode", "Postnummer"), ("city", "Ort"), ("contact_name", "Kontaktperson"), ("email", "E-post"), ("phone", "Telefon"),
        ("municipality", "Kommun"), ("social_services_name", "Socialnämnd"), ("social_services_address", "Socialnämndens adress"),
        ("social_services_postcode", "Socialnämndens postnummer"), ("social_services_city", "Socialnämndens ort"),
    )

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.lines = {key: self.field(key, label, QLineEdit()) for key, label in self.FIELDS}
        self.reminder = self.field("reminder_fee_agreed", "Påminnelseavgift", QCheckBox("avtalad när skulden uppstod"),
                                   "lag 1981:739 4 §: får bara tas ut om den avtalats, t.ex. i stadgarna eller hyresavtalet")
        self.load()

    def load(self) -> None:
        info = association.get(self.ui.ctx)
        for key, edit in self.lines.items():
            value = getattr(info, key)
            shown = {"orgnr": identity.format_orgnr, "bankgiro": identity.format_bankgiro}.get(key, lambda v: v)(value)
            edit.setText(shown)
        self.reminder.setChecked(info.reminder_fee_agreed)

    def perform(self) -> None:
        info = AssociationInfo(**{k: e.text() for k, e in self.lines.items()}, reminder_fee_agreed=self.reminder.isChecked())
        association.update(self.ui.ctx, info)


class ProcessSection(SettingsSection):
    title = "Tidsfrister"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.lines: dict[str, QLineEdit] = {}
        for name, label in settings.PROCESS_LABELS.items():
            key = settings.PROCESS_PREFIX + name
            minimum = LEGAL_MINIMUMS.get(name, 0)
            self.lines[key] = self.field(key, label, QLineEdit(), f"lägst {minimum}" if minimum else "")
            self.lines[key].setMaximumWidth(120)
        self.order = QComboBox()
        for order, text in ALLOCATION_LABELS.items():
            self.order.addItem(text, order)
        self.field("process.allocation_order", "Avräkning av inbetalningar", self.order)
        self.load()

    def load(self) -> None:
        values = {row.key: row.value for row in settings.show(self.ui.ctx, self.ui.as_of)}
        for key, edit in self.lines.items():
            edit.setText(values[key])
        self.order.setCurrentIndex(self.order.findData(AllocationOrder(values["process.allocation_order"])))

    def perform(self) -> None:
        values = {key: edit.text() for key, edit in self.lines.items()}
        values["process.allocation_order"] = str(self.order.currentData())
        settings.set_values(self.ui.ctx, values, self.ui.as_of)


class FeesSection(SettingsSection):
    title = "Avgifter"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.lines: dict[str, QLineEdit] = {}
        for fee in settings.fee_settings(ui.ctx, ui.as_of):
            key = settings.FEE_PREFIX + fee.kind.value
            cap = f"Högst {presentation.kronor(fee.cap_ore)}" if fee.cap_ore is not None else "Inget lagstadgat tak"
            self.lines[key] = self.field(key, f"{fee.kind.label} (kr)", QLineEdit(), f"{cap} – {fee.source}")
        self.load()

    def load(self) -> None:
        for fee in settings.fee_settings(self.ui.ctx, self.ui.as_of):
            self.lines[settings.FEE_PREFIX + fee.kind.value].setText(presentation.kronor(fee.amount_ore).removesuffix("\u00a0kr"))

    def perform(self) -> None:
        settings.set_values(self.ui.ctx, {key: edit.text() for key, edit in self.lines.items()}, self.ui.as_of)


class TextsSection(SettingsSection):
    title = "Brev och säkerhetskopior"

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.treasurer = self.field("treasurer_name", "Handläggare", QLineEdit(), "namnet som undertecknar breven")
        self.note = self.field("letter_note", "Eget stycke i breven", QPlainTextEdit(),
                               "skrivs före underskriften i alla brev, t.ex. telefontider eller hänvisning till budget- och skuldrådgivning")
        self.note.setFixedHeight(90)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.server = self.field("service_name", "Stämningsman", QLineEdit(), "anlitas för delgivning av uppsägningen")
        self.server_address = self.field("service_address", "Stämningsmannens adress", QLineEdit())
        folder_row = QWidget()
        folder_row.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Mapp för säkerhetskopior")
        choose = QPushButton("Välj mapp …")
        choose.clicked.connect(lambda _checked=False: self._choose_folder())
        row.addWidget(self.folder)
        row.addWidget(self.edits.add(choose))
        self.field("backup_folder", "Säkerhetskopior", folder_row, "gärna en annan disk eller en synkad mapp")
        self.edits.add(self.folder)
        self.load()

    def _choose_folder(self) -> None:
        chosen = FilePicker.folder(self, "Mapp för säkerhetskopior", self.folder.text())
        if chosen is not None:
            self.folder.setText(str(chosen))

    def load(self) -> None:
        values = {row.key: row.value for row in settings.show(self.ui.ctx, self.ui.as_of)}
        self.treasurer.setText(values.get("treasurer_name", ""))
        self.note.setPlainText(values.get("letter_note", ""))
        self.server.setText(values.get("service_name", ""))
        self.server_address.setText(values.get("service_address", ""))
        self.folder.setText(values.get("backup_folder", ""))

    def perform(self) -> None:
        settings.set_values(self.ui.ctx, {
            "treasurer_name": self.treasurer.text(), "letter_note": self.note.toPlainText(), "service_name": self.server.text(),
            "service_address": self.server_address.text(), "backup_folder": self.folder.text(),
        }, self.ui.as_of)


def half_year_choices(as_of: date) -> list[date]:
    """The half-years a rate can be entered for: this one, the next, and the earlier ones back to 2018."""
    first = date(as_of.year + (1 if as_of.month > 6 else 0), 1 if as_of.month > 6 else 7, 1)
    days, current = [], first
    while current >= date(2018, 1, 1):
        days.append(current)
        current = date(current.year, 1, 1) if current.month == 7 else date(current.year - 1, 7, 1)
    return days
