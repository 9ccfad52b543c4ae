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


def _sizes_in_use() -> set[int]:
    """Every ``font-size`` in px the style sheet and the screens' sources name."""
    import re
    from pathlib import Path

    import kiosk.ui
    from kiosk.ui import theme

    pattern = re.compile(r"font-size: *(\d+)px")
    sizes = {int(n) for n in pattern.findall(theme.STYLESHEET)}
    for path in Path(kiosk.ui.__file__).parent.rglob("*.py"):
        sizes |= {int(n) for n in pattern.findall(path.read_text(encoding="utf-8"))}
    return sizes


def test_text_draws_at_every_size_the_screens_use(font: QFont) -> None:
    """Big text is the easiest to lose: Qt draws glyphs above its cache limit (64 px)
    another way, and a limit raised past what its engine holds draws none of them at
    all (a home screen without its titles)."""
    sizes = _sizes_in_use()
    assert max(sizes) >= 100  # the done screen's tick and the out-of-service sign
    for px in sorted(sizes):
        sized = QFont(font)
        sized.setPixelSize(px)
        image = QImage(px * 3, px * 2, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(sized)
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(0, 0, px * 3, px * 2), Qt.AlignmentFlag.AlignCenter, "购票")
        painter.end()
        dark = bytes(image.constBits()).count(0)
        assert dark > px, f"{px} px text drew nothing"
