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
    holds_order = False
    """Seats are held for the patron here: "Are you still there?" says leaving cancels
    the order (elsewhere there is none, and it must not say so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[Callable[[], None]] = []
        self._orientation_hooks: list[Callable[[bool], None]] = []
        self._shape: tuple[bool, bool] | None = None  # (portrait, wide) last laid out

    def translated(self, apply: Callable[[], None]) -> None:
        """Run ``apply`` now and after every language switch."""
        self._texts.append(apply)
        apply()

    def on_orientation(self, apply: Callable[[bool], None]) -> None:
        """Run ``apply(portrait)`` whenever the screen flips between portrait and
        landscape, or a landscape window crosses ``theme.WIDE_PX`` (see ``is_wide``)."""
        self._orientation_hooks.append(apply)
        if self._shape is not None:
            apply(self._shape[0])

    def is_portrait(self) -> bool:
        return self.height() >= self.width()

    def is_wide(self) -> bool:
        """Landscape and wide enough to put content side by side. A narrower landscape
        window (`kiosk demo` beside its panel, a 1366x768 panel) stacks it instead."""
        return not self.is_portrait() and self.width() >= theme.WIDE_PX

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
        shape = (self.is_portrait(), self.is_wide())
        if shape != self._shape:
            self._shape = shape
            for apply in self._orientation_hooks:
                apply(shape[0])


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
