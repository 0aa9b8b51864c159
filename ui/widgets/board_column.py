"""One column of the case board: a list of cards that can be dragged to another column.

A drop changes nothing by itself: the column only reports which case was dropped on which stage, and
the board page asks the process which event would record that move.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QVBoxLayout, QWidget

from app.domain.stage import Stage
from ui import presentation
from ui.models.board import CASE_MIME, BoardModel, StageColumnModel
from ui.widgets.case_card import CaseCardDelegate


class BoardColumnView(QListView):
    case_dropped = Signal(int, object)  # case id, target Stage
    case_activated = Signal(int)

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSpacing(1)
        self.setAccessibleName(f"Ärenden i steget {stage.label}")
        self.activated.connect(self._activated)
        self.doubleClicked.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(BoardModel.CaseIdRole)
        if case_id is not None:
            self.case_activated.emit(int(case_id))

    def set_drag_enabled(self, enabled: bool) -> None:
        self.setDragEnabled(enabled)
        self.setAcceptDrops(enabled)
        self.viewport().setAcceptDrops(enabled)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(CASE_MIME) and event.source() is not self:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CASE_MIME) and event.source() is not self:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if not event.mimeData().hasFormat(CASE_MIME):
            event.ignore()
            return
        case_id = int(bytes(event.mimeData().data(CASE_MIME).data()).decode())
        # CopyAction: the source view must not remove anything – the models refresh from `changed`.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.case_dropped.emit(case_id, self.stage)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activated(self.currentIndex())
            return
        super().keyPressEvent(event)


class BoardColumn(QFrame):
    """A stage's heading (name, number of cases, what they owe) over its list of cards."""

    def __init__(self, stage: Stage, model: StageColumnModel, delegate: CaseCardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.model = model
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("boardColumn")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.heading)
        self.view = BoardColumnView(stage)
        self.view.setModel(model)
        self.view.setItemDelegate(delegate)
        layout.addWidget(self.view, 1)
        model.modelReset.connect(self.update_heading)
        model.layoutChanged.connect(self.update_heading)
        model.rowsInserted.connect(self.update_heading)
        model.rowsRemoved.connect(self.update_heading)
        self.update_heading()

    def update_heading(self) -> None:
        count = self.model.rowCount()
        self.heading.setText(
            f"<span style='font-size:14pt; font-weight:bold'>{self.stage.label}</span><br>"
            f"<span style='font-size:11pt'>{count} st · {presentation.whole_kronor(self.model.total_ore())}</span>"
        )
        self.heading.setAccessibleName(f"{self.stage.label}: {count} ärenden")
