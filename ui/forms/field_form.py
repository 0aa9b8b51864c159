"""A form whose every field has its own error line right under it: problems are shown where they belong."""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.problem import Problem

ERROR_STYLE = "color: #c62828;"


class FieldForm(QWidget):
    """Fields by key; `show_problems` puts each Problem under the field its `field` names.

    Problems naming no field (or an unknown one) go to the general line at the top of the form.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.general = _error_label("Fel i formuläret")
        outer.addWidget(self.general)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.layout_)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.aliases: dict[str, str] = {}
        self.hints: dict[str, str] = {}

    def add(self, key: str, label: str, widget: QWidget, hint: str = "", aliases: Iterable[str] = ()) -> QWidget:
        """Add a field; `aliases` are other Problem.field names that belong to it (e.g. 'personnummer')."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value:
            column.addWidget(widget)
        else:  # a date or a choice keeps its natural width; the hint and error below still get the whole row
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        self.hints[key] = hint
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(placeholder-text);")
            column.addWidget(note)
        error = _error_label(f"Fel i {label.lower()}")
        column.addWidget(error)
        title = QLabel(label + ":" if label else "")
        title.setBuddy(widget)
        self.layout_.addRow(title, cell)
        if not widget.accessibleName():
            widget.setAccessibleName(label)
        self.widgets[key] = widget
        self.errors[key] = error
        for alias in aliases:
            self.aliases[alias] = key
        return widget

    def add_row(self, label: str, widget: QWidget) -> None:
        self.layout_.addRow(label, widget)

    def clear_problems(self) -> None:
        for label in (self.general, *self.errors.values()):
            label.clear()
            label.hide()

    def show_problems(self, problems: Iterable[Problem | str]) -> None:
        self.clear_problems()
        general: list[str] = []
        placed: dict[str, list[str]] = {}
        first: QWidget | None = None
        for problem in problems:
            if isinstance(problem, str):
                general.append(problem)
                continue
            key = self.aliases.get(problem.field or "", problem.field or "")
            if key in self.errors:
                placed.setdefault(key, []).append(problem.message)
                first = first or self.widgets[key]
            else:
                general.append(problem.message)
        for key, messages in placed.items():
            self.errors[key].setText("\n".join(messages))
            self.errors[key].show()
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
        if first is not None:
            first.setFocus()
        self._relayout()

    def _relayout(self) -> None:
        """Shown or hidden messages change the rows' heights: have every enclosing layout make room."""
        widget: QWidget | None = self
        while widget is not None:
            if widget.layout() is not None:
                widget.layout().invalidate()
                widget.layout().activate()
            widget.updateGeometry()
            widget = widget.parentWidget()

    def set_error(self, key: str, message: str | None) -> None:
        """One field's message as soon as it is known (e.g. when the field is left); None clears it."""
        label = self.errors[key]
        label.setText(message or "")
        label.setVisible(bool(message))

    def error(self, key: str) -> str:
        """The message shown under a field ('' when none): what the user reads."""
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    def general_error(self) -> str:
        return self.general.text() if not self.general.isHidden() else ""


def _error_label(accessible: str) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setAccessibleName(accessible)
    label.hide()
    return label
