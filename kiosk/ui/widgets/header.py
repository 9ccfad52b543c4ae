"""The bar at the top of every step: Back on the left, the step's title, Start over on the right."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QWidget,
    Signal,
)
from kiosk.ui import theme

translate = QCoreApplication.translate


class Header(QFrame):
    backRequested = Signal()
    homeRequested = Signal()

    def __init__(self, *, back: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "header")
        self._back = QPushButton()
        self._back.clicked.connect(self.backRequested)
        if not back:
            self._back.hide()
        self._home = QPushButton()
        self._home.setProperty("variant", "quiet")
        self._home.clicked.connect(self.homeRequested)
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(theme.MARGIN_PX // 2, 16, theme.MARGIN_PX // 2, 16)
        row.setSpacing(theme.GAP_PX)
        row.addWidget(self._back)
        row.addWidget(self._title, 1)
        row.addWidget(self._home)
        self._retranslate()

    def set_title(self, text: str) -> None:
        self._title.setText(text)

    def title(self) -> str:
        return self._title.text()

    def set_back_visible(self, visible: bool) -> None:
        self._back.setVisible(visible)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._back.setText(translate("Header", "‹ Back"))
        self._home.setText(translate("Header", "Start over"))
