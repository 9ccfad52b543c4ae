"""The bundled font really draws Chinese: each hanzi gets its own ink, none is a .notdef box."""

from __future__ import annotations

import pytest

from kiosk.qt import QApplication, QColor, QFont, QFontMetrics, QImage, QPainter, QRectF, Qt
from kiosk.qt.fonts import load_fonts

HANZI = "购票取码银幕影院"
# A noncharacter no font maps: Qt draws the font's .notdef glyph (a box) for it.
UNASSIGNED = "\U0010fffd"


def _ink(text: str, font: QFont) -> bytes:
    image = QImage(96, 96, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 96, 96), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return bytes(image.constBits())


@pytest.fixture(scope="module")
def font(qapp: QApplication) -> QFont:
    family = load_fonts(qapp)
    font = QFont(family)
    font.setPixelSize(64)
    # No fallback to other (system) fonts: a glyph missing from ours must show as a box.
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def test_load_fonts_makes_the_bundled_family_the_default(qapp: QApplication, font: QFont) -> None:
    assert qapp.font().family() == font.family()
    assert "Noto Sans" in font.family()


def test_every_hanzi_renders_distinct_real_glyphs(font: QFont) -> None:
    metrics = QFontMetrics(font)
    blank = _ink(" ", font)
    notdef = _ink(UNASSIGNED, font)
    inks = {}
    for char in HANZI:
        assert metrics.inFontUcs4(ord(char)), char
        ink = _ink(char, font)
        assert ink != blank, f"{char} drew nothing"
        assert ink != notdef, f"{char} drew the missing-glyph box"
        inks[char] = ink
    assert len(set(inks.values())) == len(HANZI), "two hanzi drew the same shape"
    assert not metrics.inFontUcs4(ord(UNASSIGNED))


def _font_sizes() -> list[int]:
    """Every ``font-size`` in px the kiosk's style sheet and screens ask for."""
    import re
    from pathlib import Path

    import kiosk.ui
    from kiosk.ui import theme

    sizes = [int(n) for n in re.findall(r"font-size: *(\d+)px", theme.STYLESHEET)]
    for path in Path(kiosk.ui.__file__).parent.rglob("*.py"):
        found = re.findall(r"font-size: *(\d+)px", path.read_text(encoding="utf-8"))
        sizes += [int(n) for n in found]
    return sizes


def test_every_text_size_the_screens_use_is_drawn_from_cached_glyphs(font: QFont) -> None:
    """Text above Qt's glyph-cache limit is drawn from its outlines at every paint
    (4-7 ms a line of 72 px text); load_fonts raises the limit above the largest size
    the screens use, before anything is drawn."""
    import os

    from kiosk.qt.fonts import LARGEST_CACHED_GLYPH_PX
    from kiosk.ui import theme

    sizes = [*_font_sizes(), theme.HERO_PX + 24]  # the still-there countdown: an f-string
    assert max(sizes) <= LARGEST_CACHED_GLYPH_PX
    assert int(os.environ["QT_MAX_CACHED_GLYPH_SIZE"]) >= LARGEST_CACHED_GLYPH_PX
