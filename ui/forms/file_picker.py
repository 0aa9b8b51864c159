"""File dialogs behind classmethods, so tests can hand over a path instead of clicking."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


class FilePicker:
    @classmethod
    def open(cls, parent: QWidget | None, title: str, name_filter: str) -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(parent, title, "", name_filter)
        return Path(path) if path else None

    @classmethod
    def save(cls, parent: QWidget | None, title: str, suggested: str, name_filter: str) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(parent, title, suggested, name_filter)
        return Path(path) if path else None

    @classmethod
    def folder(cls, parent: QWidget | None, title: str, start: str = "") -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(path) if path else None
