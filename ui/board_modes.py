"""Board modes on a page: the read-only banner, the editing controls switched off together, the masked note.

In read-only mode (`--read-only`, or another instance holds the database) every control that would
change something is disabled, and a banner says why. Masked mode (projection at a board meeting)
shows unit numbers and initials only.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from app.domain.masking import initials

READ_ONLY_TEXT = "Skrivskyddat läge – du kan titta men inte ändra något."
READ_ONLY_TIP = "Inte tillgängligt i skrivskyddat läge."
MASKED_TEXT = "Maskerat läge – bara objektnummer och initialer visas."
HIDDEN = "dolt"


def mask_name(name: str, masked: bool) -> str:
    return initials(name) if masked else name


class ModeBanner(QLabel):
    """A strip at the top of a page saying which board modes are on; hidden when none is.

    Inside the main window, whose own banner (its `banner` attribute) already says it for every page,
    this one stays hidden so the modes are not announced twice.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Läge")
        self.setStyleSheet("background: #fff3cd; color: #5d4300; border: 1px solid #e0c36a; border-radius: 4px; padding: 6px 10px;")
        self.wanted = False
        self.hide()

    def show_modes(self, read_only: bool, masked: bool) -> None:
        parts = ([READ_ONLY_TEXT] if read_only else []) + ([MASKED_TEXT] if masked else [])
        self.setText("  ".join(parts))
        self.wanted = bool(parts)
        self.setVisible(self.wanted and not self._window_says_it())

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        if self._window_says_it():
            self.hide()
            return
        super().showEvent(event)

    def _window_says_it(self) -> bool:
        window_banner = getattr(self.window(), "banner", None)
        return isinstance(window_banner, QLabel) and window_banner is not self


class EditControls:
    """The controls of a page that change something, each with its own condition (e.g. a row selected)."""

    def __init__(self) -> None:
        self._controls: list[tuple[QWidget, Callable[[], bool], str]] = []
        self.read_only = False

    def add(self, widget: QWidget, when: Callable[[], bool] = lambda: True) -> QWidget:
        self._controls.append((widget, when, widget.toolTip()))
        self._apply(widget, when, widget.toolTip())
        return widget

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.update()

    def update(self) -> None:
        for widget, when, tip in self._controls:
            self._apply(widget, when, tip)

    def _apply(self, widget: QWidget, when: Callable[[], bool], tip: str) -> None:
        widget.setEnabled(not self.read_only and when())
        widget.setToolTip(READ_ONLY_TIP if self.read_only else tip)

    def widgets(self) -> list[QWidget]:
        return [w for w, _when, _tip in self._controls]
