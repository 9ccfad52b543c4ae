"""Captions a patron must read at arm's length are large and near-white, not muted."""

from __future__ import annotations

from PySide6.QtGui import QPalette

from kiosk.qt import QColor, QLabel
from kiosk.ui import theme
from kiosk.ui.screens.done import DoneScreen
from kiosk.ui.screens.payment import PaymentScreen

from .conftest import Host
from .samples import DONE, PAYMENT


def _readable(label: QLabel) -> None:
    label.ensurePolished()
    assert label.font().pixelSize() >= theme.LARGE_PX
    colour = label.palette().color(QPalette.ColorRole.WindowText)
    background = QColor(theme.BACKGROUND)
    assert colour.lightness() - background.lightness() >= 200  # near-white on the dark ground


def test_code_valid_for_and_pickup_code_captions_are_readable(
    qtbot: object, host: Host, translations: object
) -> None:
    payment = PaymentScreen()
    host(payment, 1080, 1920)
    payment.show_payment(PAYMENT)
    _readable(payment._expires)
    done = DoneScreen()
    host(done, 1920, 1080)
    done.show_done(DONE)
    _readable(done._fallback)
