"""A produced PDF in its own window: preview, print (Ctrl+P) and save as – used for the batch of letters."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.widgets.pdf_preview import PdfPreview


class DocumentDialog(QDialog):
    def __init__(self, parent: QWidget | None, data: bytes, caption: str, file_name: str, masked: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption)
        self.resize(860, 940)
        layout = QVBoxLayout(self)
        self.preview = PdfPreview(self)
        self.preview.set_pdf(data, caption, file_name)
        self.preview.set_masked(masked)
        layout.addWidget(self.preview, 1)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton("&Skriv ut …", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("Skriv ut (Ctrl+P)")
        self.save_button = buttons.addButton("S&para som …", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.preview.print_document)
        self.save_button.clicked.connect(self.preview.save_as)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, data: bytes, caption: str, file_name: str, masked: bool = False) -> None:
        cls(parent, data, caption, file_name, masked).exec()
