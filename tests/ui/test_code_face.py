"""Pickup codes are shown in a face where 0 and O, 1 and I cannot be taken for each
other: the field a patron types into, the keys, and the code on the done screen."""

from __future__ import annotations

import pytest

from kiosk.qt import QColor, QFont, QImage, QPainter, QRectF, Qt, QWidget
from kiosk.qt.fonts import CODE_FAMILY
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import DoneView

pytestmark = pytest.mark.ui

SIDE = 120


def _ink(char: str, font: QFont) -> QImage:
    image = QImage(SIDE, SIDE, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(font)
    font.setPixelSize(96)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, SIDE, SIDE), Qt.AlignmentFlag.AlignCenter, char)
    painter.end()
    return image


def _inked(image: QImage, x: int, y: int) -> bool:
    return QColor(image.pixel(x, y)).value() < 128


def _difference(a: QImage, b: QImage) -> float:
    differ = sum(_inked(a, x, y) != _inked(b, x, y) for x in range(SIDE) for y in range(SIDE))
    return differ / sum(_inked(a, x, y) for x in range(SIDE) for y in range(SIDE))


def _tells_apart(font: QFont) -> None:
    zero, oh = _ink("0", font), _ink("O", font)
    # a dotted zero has ink at its very middle, the letter O none
    centre = SIDE // 2
    assert any(_inked(zero, centre + dx, centre + dy) for dx in (-3, 0, 3) for dy in (-3, 0, 3))
    assert not _inked(oh, centre, centre)
    assert _difference(_ink("1", font), _ink("I", font)) > 0.3


def test_the_field_the_keys_and_the_done_code_tell_0_from_o_and_1_from_i(
    qtbot: object, settings: Settings, translations: Translations
) -> None:
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(1080, 1920)
    win.show()
    entry = win.collect_entry
    win.show_screen(entry)
    win.done.show_done(DoneView("W7T801I", 2))
    key = next(
        k
        for k in entry.keypad.findChildren(QWidget)
        if getattr(k, "text", None) and k.text() == "0"
    )  # type: ignore[attr-defined]
    code = win.done._code
    for widget in (entry.field, key, code):
        widget.ensurePolished()
        assert widget.font().families()[0] == CODE_FAMILY, widget
        _tells_apart(widget.font())
