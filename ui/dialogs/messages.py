"""Message boxes in Swedish: refusals with their reasons, confirmations, information.

Tests replace these classmethods (monkeypatch) instead of clicking modal boxes.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "Bostadsinkasso"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str, informative: str = "") -> QMessageBox:
    box = QMessageBox(icon, TITLE, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    return box


class Messages:
    @classmethod
    def refused(cls, parent: QWidget | None, reasons: Sequence[str], heading: str = "Det gick inte.") -> None:
        text = "\n\n".join(f"• {r}" for r in reasons) if len(reasons) > 1 else (reasons[0] if reasons else "")
        box = _box(parent, QMessageBox.Icon.Warning, heading, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("OK")
        box.exec()

    @classmethod
    def confirm(cls, parent: QWidget | None, question: str, detail: str = "", yes: str = "Ja", no: str = "Avbryt") -> bool:
        box = _box(parent, QMessageBox.Icon.Question, question, detail)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.exec()
        return box.clickedButton() is yes_button

    @classmethod
    def inform(cls, parent: QWidget | None, text: str, detail: str = "") -> None:
        box = _box(parent, QMessageBox.Icon.Information, text, detail)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("OK")
        box.exec()
