"""A busy overlay that appears only if waiting lasts longer than 300 ms.

Quick answers then cause no flicker, while anything slower shows at once that
the kiosk is working. While shown it covers its parent, so a second tap cannot
start the same action twice. A wait that drags on (a slow network) must not trap
the patron: after ``OFFER_LEAVE_AFTER_MS`` the overlay offers "Start over", which
cancels whatever was under way, just as walking away would.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.qt import (
    QColor,
    QCoreApplication,
    QHideEvent,
    QLabel,
    QPainter,
    QPaintEvent,
    QPen,
    QPushButton,
    QRectF,
    QShowEvent,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.widgets.overlay import Overlay

SHOW_AFTER_MS = 300
OFFER_LEAVE_AFTER_MS = 10_000
SPIN_MS = 40
SPINNER_PX = 120

translate = QCoreApplication.translate


def getting_ready() -> str:
    """While recovery runs at start, before the first patron (see :mod:`kiosk.app`)."""
    return translate("BusyOverlay", "Getting ready, one moment please…")


def _no_message() -> str:
    return ""


class Spinner(QWidget):
    """A rotating arc; animates only while visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(SPIN_MS)
        self._timer.timeout.connect(self._step)
        self.setFixedSize(SPINNER_PX, SPINNER_PX)

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _step(self) -> None:
        self._angle = (self._angle + 12) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = SPINNER_PX * 0.1
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(QColor(theme.SURFACE_RAISED), width))
        painter.drawEllipse(rect)
        pen = QPen(QColor(theme.ACCENT), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(rect, -self._angle * 16, 100 * 16)
        painter.end()


class BusyOverlay(Overlay):
    """Covers its parent with a dimmed layer, a spinner and a short message."""

    leaveRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, dim_alpha=215)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_AFTER_MS)
        self._delay.timeout.connect(self._appear)
        self._offer = QTimer(self)
        self._offer.setSingleShot(True)
        self._offer.setInterval(OFFER_LEAVE_AFTER_MS - SHOW_AFTER_MS)
        self._offer.timeout.connect(self._offer_leave)
        self._leavable = True
        self._words: Callable[[], str] = _no_message
        self._message = QLabel()
        self._message.setProperty("role", "large")
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self.leave_button = QPushButton()
        self.leave_button.setMinimumWidth(360)
        self.leave_button.clicked.connect(self._leave)
        self.leave_button.hide()
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(Spinner(), 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(theme.GAP_PX)
        box.addWidget(self._message)
        box.addSpacing(theme.GAP_PX * 2)
        box.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        self._retranslate()

    def start(self, message: Callable[[], str] = _no_message, *, leavable: bool = True) -> None:
        """Begin waiting; the overlay shows if ``stop`` is not called within 300 ms.

        ``message`` words the wait in the current language; it runs again after
        every language switch. ``leavable`` waits offer "Start over" after ten
        seconds; only the start-up wait, with no patron and nothing to cancel, is not."""
        self._words = message
        self._leavable = leavable
        self._message.setText(message())
        if not self.isVisible() and not self._delay.isActive():
            self._delay.start()

    def stop(self) -> None:
        self._delay.stop()
        self._offer.stop()
        self.leave_button.hide()
        self.hide()

    def offers_leave(self) -> bool:
        return self.leave_button.isVisible()

    def message(self) -> str:
        return self._message.text()

    def is_pending(self) -> bool:
        return self._delay.isActive()

    def _appear(self) -> None:
        self.cover()
        if self._leavable:
            self._offer.start()

    def _offer_leave(self) -> None:
        if self.isVisible() and self._leavable:
            self.leave_button.show()

    def _leave(self) -> None:
        self.stop()
        self.leaveRequested.emit()

    def _retranslate(self) -> None:
        self._message.setText(self._words())
        self.leave_button.setText(translate("BusyOverlay", "Start over"))
