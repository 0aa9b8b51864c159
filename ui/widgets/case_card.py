"""The board's card: a delegate that paints one case (unit, debtor, debt, days in stage, badges, next action).

Painted, not built from widgets, so a column of a thousand cards scrolls smoothly; the sizes follow the
font, so the board can be enlarged for a projector.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.cases import CaseRow
from ui import presentation
from ui.models.board import BoardModel, debtor_text

Index = QModelIndex | QPersistentModelIndex
PAD = 8
STRIPE = 6


class CaseCardDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, masked: bool = False) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.masked = masked
        self.zoom = 1.0

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = option.font
        return (presentation.scaled_font(base, 1.25 * self.zoom, bold=True),
                presentation.scaled_font(base, 1.0 * self.zoom),
                presentation.scaled_font(base, 0.9 * self.zoom, bold=True))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        big, normal, small = (QFontMetrics(f) for f in self._fonts(option))
        height = big.height() + 3 * normal.height() + small.height() + 2 * PAD + 10
        return QSize(max(160, option.rect.width()), height + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row: CaseRow | None = index.data(BoardModel.RowRole)
        if row is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        card = QRectF(option.rect.adjusted(3, 3, -3, -3))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focus = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight) if selected else palette.color(QPalette.ColorRole.Mid),
                            3 if selected or focus else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(card, 6, 6)
        key = presentation.urgency(row.next_action.due_date if row.next_action else None, row.as_of)
        colour = presentation.urgency_colour(key)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(card.left() + 1, card.top() + 1, STRIPE, card.height() - 2), 3, 3)
        self._paint_text(painter, card.toRect().adjusted(STRIPE + PAD, PAD, -PAD, -PAD), option, row, colour)
        painter.restore()

    def _paint_text(self, painter: QPainter, area: QRect, option: QStyleOptionViewItem, row: CaseRow, colour: QColor) -> None:
        big, normal, small = self._fonts(option)
        text = option.palette.color(QPalette.ColorRole.Text)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
        y = area.top()
        # line 1: unit (left) and what is owed (right)
        painter.setFont(big)
        fm = QFontMetrics(big)
        painter.setPen(text)
        amount = presentation.whole_kronor(row.total_ore)
        amount_w = fm.horizontalAdvance(amount)
        painter.drawText(QRect(area.left(), y, area.width() - amount_w - 6, fm.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, fm.elidedText(row.unit, Qt.TextElideMode.ElideRight, area.width() - amount_w - 6))
        painter.drawText(QRect(area.right() - amount_w, y, amount_w + 1, fm.height()), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, amount)
        y += fm.height()
        # line 2: debtor
        painter.setFont(normal)
        fm = QFontMetrics(normal)
        painter.drawText(QRect(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(debtor_text(row, self.masked), Qt.TextElideMode.ElideRight, area.width()))
        y += fm.height() + 2
        # line 3: badges (side states, score band) and days in stage
        y = self._paint_badges(painter, area, y, option, row, small, muted)
        # lines 4-5: the next action and its due date, coloured by urgency
        painter.setFont(normal)
        fm = QFontMetrics(normal)
        if row.next_action is None:
            painter.setPen(muted)
            painter.drawText(QRect(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, "Inget att göra")
            return
        painter.setPen(text)
        painter.drawText(QRect(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(row.next_action.action.label, Qt.TextElideMode.ElideRight, area.width()))
        y += fm.height()
        due = row.next_action.due_date
        bold = QFont(normal)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(colour)
        label = presentation.due_text_short(due, row.as_of)
        painter.drawText(QRect(area.left(), y, area.width(), fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(label, Qt.TextElideMode.ElideRight, area.width()))

    def _paint_badges(self, painter: QPainter, area: QRect, y: int, option: QStyleOptionViewItem, row: CaseRow,
                      font: QFont, muted: QColor) -> int:
        painter.setFont(font)
        fm = QFontMetrics(font)
        h = fm.height() + 4
        x = area.left()
        badges = [(s.label, presentation.SIDE_STATE_COLOURS[s]) for s in row.side_states]
        if row.band:
            badges.append((presentation.BAND_TEXT.get(row.band, row.band), presentation.BAND_COLOURS.get(row.band, muted)))
        days_text = f"{row.days_in_stage} d i steget"
        days_w = fm.horizontalAdvance(days_text)
        room = area.right() - days_w - 6
        if sum(fm.horizontalAdvance(label) + 14 for label, _c in badges) > room - x and row.band:
            # narrow card: the score band in its short form, so every badge stays on the card
            badges[-1] = (presentation.BAND_SHORT.get(row.band, row.band), badges[-1][1])
        for label, colour in badges:
            w = fm.horizontalAdvance(label) + 10
            if x + w > room:
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y, w, h), h / 2, h / 2)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(QRect(x, y, w, h), Qt.AlignmentFlag.AlignCenter, label)
            x += w + 4
        painter.setPen(muted)
        painter.drawText(QRect(area.right() - days_w, y, days_w + 1, h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, days_text)
        return y + h + 4
