"""A paragraph of plain text (no markup), broken into lines greedily and drawn line by line.

Most of a letter is plain sentences; ReportLab's Paragraph parses markup and builds fragments for
each, which made a letter three times as slow as a plain page. Text with markup, borders or a
background still goes through Paragraph; this draws the same way (first baseline one font size
below the top, then one leading per line).
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import ParagraphStyle


def is_plain(markup: str, style: ParagraphStyle) -> bool:
    """True when `markup` has no tags or entities and the style draws no frame."""
    return "<" not in markup and "&" not in markup and not style.borderWidth and style.backColor is None


class PlainText(Flowable):
    def __init__(self, text: str, style: ParagraphStyle, bullet: str = "", lines: list[str] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self.bullet = bullet
        self._lines = lines  # given for the pieces of a split: already broken for that width
        self._width: float | None = None
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def _break(self, width: float) -> list[str]:
        font, size = self.style.fontName, self.style.fontSize
        space = stringWidth(" ", font, size)
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in self.text.split(" "):
            if not word:
                continue
            w = stringWidth(word, font, size)
            if current and used + space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used += (space if current else 0) + w
                current.append(word)
        if current:
            lines.append(" ".join(current))
        return lines or [""]

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        if self._lines is None or (self._width is not None and self._width != availWidth):
            self._lines = self._break(availWidth - self.style.leftIndent - self.style.rightIndent)
            self._width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        fit = int(availHeight // self.style.leading)
        if fit < 2 or len(self._lines) - fit < 1:  # no orphan line at the foot of a page
            return []
        first = PlainText(self.text, self.style, self.bullet, self._lines[:fit])
        rest = PlainText(self.text, self.style, "", self._lines[fit:])
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    def draw(self):
        style = self.style
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.fontSize)
            canvas.drawString(style.bulletIndent, y, self.bullet)
        canvas.setFont(style.fontName, style.fontSize)
        for line in self._lines:
            canvas.drawString(style.leftIndent, y, line)
            y -= style.leading
