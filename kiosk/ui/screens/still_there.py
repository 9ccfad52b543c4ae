""" "Are you still there?": an overlay over the current step, with the time left to answer."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.widgets.countdown import Countdown
from kiosk.ui.widgets.overlay import Overlay

translate = QCoreApplication.translate


class StillThereScreen(Overlay):
    """Covers its parent; the step underneath stays as it was if the patron answers."""

    stayRequested = Signal()
    leaveRequested = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, dim_alpha=225)
        self._order = False
        card = QFrame()
        card.setProperty("role", "card")
        # A fixed width lets the wrapped explanation get the height it needs.
        card.setFixedWidth(880)
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._explain = QLabel()
        self._explain.setProperty("role", "large")
        self._explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._explain.setWordWrap(True)
        # Room for three wrapped lines in either language; labels in an overlay get no
        # height-for-width pass of their own.
        self._explain.setMinimumHeight(3 * theme.LARGE_PX * 3 // 2)
        self.countdown = Countdown(warn_s=10)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setStyleSheet(f"font-size: {theme.HERO_PX + 24}px;")
        self.countdown.expired.connect(self.expired)
        self.stay_button = QPushButton()
        self.stay_button.setProperty("variant", "primary")
        self.stay_button.clicked.connect(self.stayRequested)
        self.leave_button = QPushButton()
        self.leave_button.clicked.connect(self.leaveRequested)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.GAP_PX)
        buttons.addWidget(self.leave_button, 1)
        buttons.addWidget(self.stay_button, 1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(48, 48, 48, 48)
        inner.setSpacing(theme.GAP_PX)
        inner.addWidget(self._title)
        inner.addWidget(self._explain)
        inner.addWidget(self.countdown)
        inner.addSpacing(theme.GAP_PX)
        inner.addLayout(buttons)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX, theme.MARGIN_PX, theme.MARGIN_PX, theme.MARGIN_PX)
        box.addStretch(1)
        box.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        self._retranslate()

    def open_prompt(self, seconds: float, *, order: bool = False) -> None:
        """``order``: seats are held, and going back to the start cancels them."""
        self._order = order
        self._retranslate()
        self.countdown.start(seconds)
        self.cover()

    def explanation(self) -> str:
        return self._explain.text()

    def close_prompt(self) -> None:
        self.countdown.stop()
        self.hide()

    def _retranslate(self) -> None:
        self._title.setText(translate("StillThereScreen", "Are you still there?"))
        if self._order:
            explain = translate(
                "StillThereScreen",
                "Touch Continue to carry on. Otherwise the kiosk cancels this order"
                " and goes back to the start in:",
            )
        else:
            explain = translate(
                "StillThereScreen",
                "Touch Continue to carry on. Otherwise the kiosk goes back to the start in:",
            )
        self._explain.setText(explain)
        self.stay_button.setText(translate("StillThereScreen", "Continue"))
        self.leave_button.setText(translate("StillThereScreen", "Start over"))
