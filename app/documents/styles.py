"""Paragraph styles of every document, all derived from one base (DejaVu Sans, 10 pt)."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from app.documents.fonts import BOLD, register_fonts

GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.93, 0.93, 0.93)
RULE = colors.Color(0.6, 0.6, 0.6)
BOX_BACK = colors.Color(0.95, 0.96, 0.98)
BOX_RULE = colors.Color(0.25, 0.3, 0.45)


@lru_cache(maxsize=2)
def styles(compact: bool = False) -> dict[str, ParagraphStyle]:
    """The style sheet; `compact` shrinks everything for the one-page board packet and reports."""
    regular = register_fonts()
    size = 8.6 if compact else 10
    base = ParagraphStyle(
        "base", fontName=regular, bulletFontName=regular, fontSize=size, leading=size * 1.3, alignment=TA_LEFT
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": derive("body", spaceAfter=size * 0.5),
        "title": derive("title", fontName=BOLD, fontSize=size * 1.5, leading=size * 1.85, spaceAfter=size * 0.9),
        "heading": derive(
            "heading", fontName=BOLD, fontSize=size * 1.1, leading=size * 1.4, spaceBefore=size * 0.7,
            spaceAfter=size * 0.3, keepWithNext=1,
        ),
        "box": derive(
            # indented by its padding, so the frame lines up with the text column instead of sticking out
            "box", borderWidth=0.9, borderColor=BOX_RULE, borderPadding=(6, 7, 7, 7), backColor=BOX_BACK,
            leftIndent=7, rightIndent=7,
            spaceBefore=size * 0.6, spaceAfter=size * 1.5, leading=size * 1.4,
        ),
        "small": derive("small", fontSize=size * 0.8, leading=size * 1.05, textColor=GREY, spaceAfter=size * 0.5),
        "bullet": derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=size * 0.3),
        "cell": derive("cell", fontSize=size * 0.88, leading=size * 1.1),
        "cell_right": derive("cell_right", fontSize=size * 0.88, leading=size * 1.1, alignment=TA_RIGHT),
        "cell_bold": derive("cell_bold", fontName=BOLD, fontSize=size * 0.88, leading=size * 1.1),
        "cell_bold_right": derive(
            "cell_bold_right", fontName=BOLD, fontSize=size * 0.88, leading=size * 1.1, alignment=TA_RIGHT
        ),
        "label": derive("label", fontSize=size * 0.76, leading=size * 0.98, textColor=GREY),
        "big": derive("big", fontName=BOLD, fontSize=size * 1.3, leading=size * 1.6),
        "address": derive("address", fontSize=10, leading=12.5),
        "return": derive("return", fontSize=6.5, leading=8, textColor=GREY),
        "letterhead": derive("letterhead", fontName=BOLD, fontSize=12.5, leading=15),
        "footer": derive("footer", fontSize=7, leading=8.5, textColor=GREY),
    }
