"""The one font family of every document: DejaVu Sans (open licence), embedded and registered once."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.documents.resources import font_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register regular and bold (as their own italic too) once; returns the regular font's name.

    Only TrueType fonts are used so every glyph is embedded (/FontFile2) – a standard Type 1 font
    such as Helvetica would not be, and Swedish letters must print the same everywhere.
    """
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_path("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_path("DejaVuSans-Bold.ttf"))))
    # <i> maps to the upright faces: no oblique face is shipped, and no markup may fall back to Helvetica
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
