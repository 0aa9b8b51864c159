"""A document inside the app: the exact stored PDF shown with QtPdf, printed through the system's print
dialog, or saved where the treasurer wants it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

PRINT_DPI = 300
# A letter necessarily carries the debtor's name, address and often personnummer: on a projector
# (masked mode) the page is not drawn; printing and saving still hand over the exact document.
MASKED_TEXT = ("Maskerat läge: dokumentet visas inte här, eftersom det innehåller namn, adress och personnummer. "
               "Skriv ut och Spara som fungerar som vanligt.")


class FileDialogs:
    """System dialogs behind classmethods, so tests can replace them."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, "Spara dokumentet som", suggested, "PDF-dokument (*.pdf)")
        if not path:
            return None
        return Path(path if path.lower().endswith(".pdf") else path + ".pdf")

    @classmethod
    def printer(cls, parent: QWidget | None, pages: int) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Skriv ut")
        dialog.setMinMax(1, max(1, pages))
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render each page at the printer's resolution onto its page; returns the number of pages printed."""
    first, last = printer.fromPage(), printer.toPage()
    pages = range(first - 1, last) if first > 0 and last >= first else range(document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            target = printer.pageRect(QPrinter.Unit.DevicePixel)
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image: QImage = document.render(page, size)
            painter.drawImage(QPointF(0, 0), image)
            printed += 1
    finally:
        painter.end()
    return printed


class PdfPreview(QWidget):
    """Shows one PDF (all pages, scrolling) with a caption; print and save act on the bytes shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = b""
        self.file_name = "dokument.pdf"
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel("Välj ett dokument för att se det här.")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Förhandsvisning av dokumentet")
        layout.addWidget(self.view, 1)
        self.masked_note = QLabel(MASKED_TEXT)
        self.masked_note.setWordWrap(True)
        self.masked_note.setAccessibleName("Förhandsvisningen är dold")
        self.masked_note.hide()
        layout.addWidget(self.masked_note)
        layout.addStretch(0)
        self.masked = False

    def set_masked(self, masked: bool) -> None:
        """Masked mode: hide the page (names, personnummer) but keep the document for print and save."""
        self.masked = masked
        self.view.setVisible(not masked)
        self.masked_note.setVisible(masked)

    def set_pdf(self, data: bytes, caption: str, file_name: str) -> None:
        self.document.close()
        self.data = data
        self.file_name = file_name
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.caption.setText(caption)

    def clear(self) -> None:
        self.document.close()
        self.data = b""
        self.caption.setText("Välj ett dokument för att se det här.")

    def page_count(self) -> int:
        return self.document.pageCount()

    def has_document(self) -> bool:
        return bool(self.data) and self.document.status() == QPdfDocument.Status.Ready

    def print_document(self) -> int:
        if not self.has_document():
            return 0
        printer = FileDialogs.printer(self, self.page_count())
        return print_pdf(self.document, printer) if printer is not None else 0

    def save_as(self) -> Path | None:
        if not self.data:
            return None
        path = FileDialogs.save_path(self, str(Path.home() / self.file_name))
        if path is not None:
            path.write_bytes(self.data)
        return path


def page_image(document: QPdfDocument, page: int, width: int) -> QImage:
    """One page rendered `width` pixels wide (for tests and thumbnails)."""
    points = document.pagePointSize(page)
    return document.render(page, QSize(width, int(width * points.height() / points.width())))

