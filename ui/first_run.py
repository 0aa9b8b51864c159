"""First run: a wizard that creates the association's database, or opens the demo association.

Each page is checked before the next is shown (organisationsnummer and bankgiro with their check
digits); nothing is written until the last page is accepted.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from app.domain.problem import Problem, Refused
from app.services import association, demo
from app.services.association import AssociationInfo
from app.services.clock import today
from app.services.context import database_exists, default_database, is_server_target
from ui.forms.field_form import FieldForm

ASSOCIATION_FIELDS = (
    ("name", "Föreningens namn", "t.ex. Bostadsrättsföreningen Solgläntan"),
    ("orgnr", "Organisationsnummer", "tio siffror, t.ex. 769999-9996"),
    ("bankgiro", "Bankgiro", "dit gäldenärerna betalar, t.ex. 5555-5551"),
    ("address", "Postadress", ""),
    ("postcode", "Postnummer", ""),
    ("city", "Ort", ""),
    ("contact_name", "Kontaktperson", "den som svarar på frågor om kraven, oftast kassören"),
    ("email", "E-post", ""),
    ("phone", "Telefon", ""),
)
SOCIAL_FIELDS = (
    ("municipality", "Kommun", "kommunen där föreningens bostäder ligger, t.ex. Lindköpings kommun"),
    ("social_services_name", "Socialnämnd", "mottagare av underrättelser när en bostad kan gå förlorad"),
    ("social_services_address", "Socialnämndens adress", ""),
    ("social_services_postcode", "Postnummer", ""),
    ("social_services_city", "Ort", ""),
)
PAGE_CHOICE, PAGE_ASSOCIATION, PAGE_SOCIAL, PAGE_FEES = range(4)


def _form(spec: tuple[tuple[str, str, str], ...]) -> tuple[FieldForm, dict[str, QLineEdit]]:
    form = FieldForm()
    edits = {}
    for key, label, hint in spec:
        edit = QLineEdit()
        edit.setObjectName(key)
        edits[key] = form.add(key, label, edit, hint)
    return form, edits


class ChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Välkommen till Bostadsinkasso")
        self.setSubTitle("Det finns ingen databas ännu. Lägg upp er förening, eller prova programmet med en påhittad demoförening.")
        layout = QVBoxLayout(self)
        self.create = QRadioButton("Lägg upp vår förening")
        self.demo = QRadioButton("Öppna demoföreningen (påhittade ärenden i alla steg, testpersonnummer)")
        self.create.setChecked(True)
        for button in (self.create, self.demo):
            layout.addWidget(button)
        layout.addStretch()

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return -1 if self.demo.isChecked() else PAGE_ASSOCIATION

    def isFinalPage(self) -> bool:  # noqa: N802
        return self.demo.isChecked()


class FieldsPage(QWizardPage):
    """A page of association fields, checked with `association.validate` before moving on."""

    def __init__(self, title: str, subtitle: str, spec: tuple[tuple[str, str, str], ...]) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form, self.edits = _form(spec)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch()

    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        problems = self.wizard().problems_for(set(self.edits))
        self.form.show_problems(problems)
        return not problems


class FeesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Påminnelseavgift")
        self.setSubTitle("Sista steget. Allt kan ändras senare under Inställningar.")
        layout = QVBoxLayout(self)
        self.reminder = QCheckBox("Påminnelseavgift är avtalad (i stadgarna, hyresavtalet eller upplåtelseavtalet)")
        layout.addWidget(self.reminder)
        why = QLabel(
            "En påminnelseavgift (högst 60 kr) får bara tas ut om den avtalades när skulden uppstod "
            "(lag 1981:739 om ersättning för inkassokostnader m.m., 4 §). Är du osäker – låt rutan vara tom."
        )
        why.setWordWrap(True)
        layout.addWidget(why)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addSpacing(12)
        layout.addWidget(self.summary)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setAccessibleName("Fel")
        layout.addWidget(self.error)
        layout.addStretch()

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        info = self.wizard().info()

        def joined(*parts: str) -> str:
            return ", ".join(p.strip() for p in parts if p.strip())

        lines = [
            joined(info.name, f"org.nr {info.orgnr}", f"bankgiro {info.bankgiro}"),
            joined(info.address, f"{info.postcode} {info.city}"),
            "Underrättelser till " + joined(info.social_services_name or "socialnämnden", info.social_services_address,
                                            f"{info.social_services_postcode} {info.social_services_city}"),
        ]
        self.summary.setText("\n".join(line for line in lines if line))


class FirstRunWizard(QWizard):
    """Returns (through `ask`) the database path to open, or None when the user gives up."""

    def __init__(self, target: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.target = target
        self.result_target: str | None = None
        self.setWindowTitle("Bostadsinkasso – kom igång")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, "Nästa >"), (QWizard.WizardButton.BackButton, "< Tillbaka"),
                             (QWizard.WizardButton.FinishButton, "Skapa"), (QWizard.WizardButton.CancelButton, "Avbryt")):
            self.setButtonText(button, text)
        self.choice = ChoicePage()
        self.association_page = FieldsPage("Föreningen", "Uppgifterna står på varje brev och krav.", ASSOCIATION_FIELDS)
        self.social_page = FieldsPage(
            "Kommun och socialtjänst",
            "När en bostad kan sägas upp för obetald avgift eller hyra ska socialnämnden underrättas (JB 12:44, BRL 7:23).",
            SOCIAL_FIELDS,
        )
        self.fees_page = FeesPage()
        for page_id, page in ((PAGE_CHOICE, self.choice), (PAGE_ASSOCIATION, self.association_page),
                              (PAGE_SOCIAL, self.social_page), (PAGE_FEES, self.fees_page)):
            self.setPage(page_id, page)
        self.choice.demo.toggled.connect(lambda demo_chosen: self.setButtonText(
            QWizard.WizardButton.FinishButton, "Öppna demo" if demo_chosen else "Skapa"))
        self.social_page.edits["municipality"].editingFinished.connect(self._suggest_social_services)
        self.resize(720, 600)

    def edits(self) -> dict[str, QLineEdit]:
        return {**self.association_page.edits, **self.social_page.edits}

    def info(self) -> AssociationInfo:
        values = {key: edit.text() for key, edit in self.edits().items()}
        return AssociationInfo(**values, reminder_fee_agreed=self.fees_page.reminder.isChecked())

    def problems_for(self, keys: set[str]) -> list[Problem]:
        """The problems of the fields on one page (the service checks them all)."""
        _normalised, problems = association.validate(self.info())
        problems = [p for p in problems if p.field in keys]
        for key, label in (("municipality", "Kommunen"), ("social_services_name", "Socialnämnden"),
                           ("social_services_address", "Socialnämndens adress")):
            if key in keys and not self.edits()[key].text().strip():
                problems.append(Problem(f"{key}.missing", f"{label} saknas – den behövs för underrättelsen till socialnämnden.", key))
        code = self.edits().get("social_services_postcode")
        if "social_services_postcode" in keys and code is not None and code.text().strip():
            digits = code.text().replace(" ", "")
            if not (digits.isdigit() and len(digits) == 5):
                problems.append(Problem("postcode.invalid", f"Ogiltigt postnummer: ”{code.text().strip()}”.", "social_services_postcode"))
        return problems

    def _suggest_social_services(self) -> None:
        edits = self.edits()
        municipality = edits["municipality"].text().strip()
        if municipality and not edits["social_services_name"].text().strip():
            edits["social_services_name"].setText(f"Socialnämnden i {municipality}")
        if municipality and not edits["social_services_city"].text().strip():
            edits["social_services_city"].setText(municipality.removesuffix(" kommun").removesuffix("s"))

    def accept(self) -> None:
        if self.choice.demo.isChecked():
            if self.open_demo():
                super().accept()
            return
        if self.create_association():
            super().accept()

    def create_association(self) -> bool:
        try:
            association.create(self.target, self.info()).close()
        except Refused as refused:
            self._show_refusal(refused)
            return False
        self.result_target = self.target
        return True

    def open_demo(self) -> bool:
        # the demo is a file beside the database – or, for a server database, beside the default file
        beside = default_database() if is_server_target(self.target) else Path(self.target)
        demo_target = str(beside.with_name("demo.sqlite"))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if not database_exists(demo_target):
                demo.create_demo(demo_target, today()).close()
        except Refused as refused:
            self.choice.setSubTitle("\n".join(p.message for p in refused.problems))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.result_target = demo_target
        return True

    def _show_refusal(self, refused: Refused) -> None:
        """Every message under its field, and back to the first page holding one; others on this page."""
        pages = (self.association_page, self.social_page)
        for page in pages:
            page.form.show_problems([p for p in refused.problems if p.field in page.edits])
        self.fees_page.error.setText("\n".join(p.message for p in refused.problems if p.field not in self.edits()))
        faulty = [page for page in pages if any(p.field in page.edits for p in refused.problems)]
        while faulty and self.currentPage() is not faulty[0] and self.currentId() != PAGE_CHOICE:
            self.back()

    @classmethod
    def ask(cls, target: str) -> str | None:
        wizard = cls(target)
        return wizard.result_target if wizard.exec() == QWizard.DialogCode.Accepted else None


FirstRunDialog = FirstRunWizard  # the composition root's name for it
