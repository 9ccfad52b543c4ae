"""Done: take your tickets; the pickup code stays on screen in case a ticket went missing."""

from __future__ import annotations

from kiosk.qt import QCoreApplication, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen
from kiosk.ui.viewmodels import DoneView
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate


class DoneScreen(Screen):
    idle_policy = IdlePolicy.HOME

    finishRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: DoneView | None = None
        self._tick = QLabel("✓")
        self._tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._tick.setStyleSheet(f"font-size: 160px; font-weight: bold; color: {theme.SUCCESS};")
        self._title = QLabel()
        self._title.setProperty("role", "hero")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._where = QLabel()
        self._where.setProperty("role", "large")
        self._where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._where.setWordWrap(True)
        self._fallback = QLabel()
        self._fallback.setProperty("role", "caption")
        self._fallback.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._fallback.setWordWrap(True)
        self._code = QLabel()
        self._code.setProperty("role", "code")
        self._code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.finish_button = QPushButton()
        self.finish_button.setProperty("variant", "primary")
        self.finish_button.setMinimumWidth(420)
        self.finish_button.clicked.connect(self.finishRequested)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 2, theme.MARGIN_PX, theme.MARGIN_PX * 2, 80)
        box.setSpacing(theme.GAP_PX)
        box.addStretch(2)
        box.addWidget(self._tick)
        box.addWidget(self._title)
        box.addWidget(self._where)
        box.addStretch(1)
        box.addWidget(self._fallback)
        box.addWidget(self._code)
        box.addStretch(2)
        box.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.translated(self._retranslate)

    def show_done(self, view: DoneView) -> None:
        self._view = view
        self._retranslate()

    def _retranslate(self) -> None:
        self._title.setText(translate("DoneScreen", "Please take your tickets"))
        self._where.setText(
            translate("DoneScreen", "They are in the slot below the screen. Enjoy the film!")
        )
        self.finish_button.setText(translate("DoneScreen", "Finish"))
        code = self._view.pickup_code if self._view else ""
        self._code.setText(code)
        self._fallback.setText(
            translate(
                "DoneScreen",
                "If a ticket is missing, show this pickup code at the counter:",
            )
            if code
            else ""
        )
