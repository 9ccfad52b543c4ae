"""What every patron screen shares: live retranslation, orientation changes, idle policy.

Texts are registered once as small functions; they run at once and again on
every LanguageChange, so switching language can never miss a label.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.qt import (
    QAbstractButton,
    QEvent,
    QResizeEvent,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.widgets.header import Header
from kiosk.ui.widgets.inactivity import IdlePolicy


class Screen(QWidget):
    idle_policy = IdlePolicy.PROMPT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[Callable[[], None]] = []
        self._orientation_hooks: list[Callable[[bool], None]] = []
        self._portrait: bool | None = None

    def translated(self, apply: Callable[[], None]) -> None:
        """Run ``apply`` now and after every language switch."""
        self._texts.append(apply)
        apply()

    def on_orientation(self, apply: Callable[[bool], None]) -> None:
        """Run ``apply(portrait)`` whenever the screen flips between portrait and landscape."""
        self._orientation_hooks.append(apply)
        if self._portrait is not None:
            apply(self._portrait)

    def is_portrait(self) -> bool:
        return self.height() >= self.width()

    def retranslate_ui(self) -> None:
        for apply in self._texts:
            apply()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # On a touch kiosk only the code field takes keys. A focused button would turn
        # the scanner's closing Enter into a tap on it.
        for button in self.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = self.is_portrait()
        if portrait != self._portrait:
            self._portrait = portrait
            for apply in self._orientation_hooks:
                apply(portrait)


class StepScreen(Screen):
    """A screen with the Back / title / Start over header and a padded body below it."""

    backRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, back: bool = True) -> None:
        super().__init__(parent)
        self.header = Header(back=back)
        self.header.backRequested.connect(self.backRequested)
        self.header.homeRequested.connect(self.homeRequested)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(
            theme.MARGIN_PX, theme.GAP_PX, theme.MARGIN_PX, theme.MARGIN_PX
        )
        self.body.setSpacing(theme.GAP_PX)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.header)
        outer.addLayout(self.body, 1)
