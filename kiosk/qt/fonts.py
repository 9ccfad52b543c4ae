"""Register the bundled Noto Sans SC subset so Chinese renders on a bare machine."""

from __future__ import annotations

from kiosk.paths import CJK_FONT_BOLD, CJK_FONT_REGULAR, CODE_FONT
from kiosk.qt import QApplication, QFont, QFontDatabase

# Body text size in pixels: readable at arm's length on a 24" 1080p panel.
DEFAULT_PIXEL_SIZE = 30
# The families the bundled files declare (the style sheet names them).
CJK_FAMILY = "Noto Sans CJK SC"
CODE_FAMILY = "DejaVu Sans Mono"


class FontError(RuntimeError):
    """The bundled font is missing or unreadable: the kiosk would show empty boxes."""


def load_fonts(app: QApplication) -> str:
    """Add the bundled fonts, make them the application default and return the family."""
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
