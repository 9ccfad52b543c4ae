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
