"""Register the bundled Noto Sans SC subset so Chinese renders on a bare machine."""

from __future__ import annotations

import os

from kiosk.paths import CJK_FONT_BOLD, CJK_FONT_REGULAR, CODE_FONT
from kiosk.qt import QApplication, QFont, QFontDatabase

# Body text size in pixels: readable at arm's length on a 24" 1080p panel.
DEFAULT_PIXEL_SIZE = 30
# The families the bundled files declare (the style sheet names them).
CJK_FAMILY = "Noto Sans CJK SC"
CODE_FAMILY = "DejaVu Sans Mono"
# Qt's raster engine draws text larger than 64 px from its outlines at every paint, and
# keeps smaller glyphs as bitmaps after their first draw: a line of the kiosk's 72 px
# buttons and titles took 4-7 ms a paint as outlines, 0.04 ms from bitmaps. Up to this
# size (the largest text the screens show, the done screen's tick) glyphs are kept.
# Qt reads it once, at the first text it draws; a value in the environment wins.
LARGEST_CACHED_GLYPH_PX = 160


class FontError(RuntimeError):
    """The bundled font is missing or unreadable: the kiosk would show empty boxes."""


def load_fonts(app: QApplication) -> str:
    """Add the bundled fonts, make them the application default and return the family."""
    os.environ.setdefault("QT_MAX_CACHED_GLYPH_SIZE", str(LARGEST_CACHED_GLYPH_PX))
    families: list[str] = []
    for path in (CJK_FONT_REGULAR, CJK_FONT_BOLD):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FontError(f"cannot load the bundled font {path}")
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if not families:
        raise FontError("the bundled fonts declare no family name")
    if QFontDatabase.addApplicationFont(str(CODE_FONT)) < 0:
        raise FontError(f"cannot load the bundled font {CODE_FONT}")
    family = families[0]
    font = QFont(family)
    font.setPixelSize(DEFAULT_PIXEL_SIZE)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    return family
