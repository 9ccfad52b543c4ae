"""Out of service: neither buying nor collecting can finish now, and why, in plain words.

Shown in Home's place while it lasts; the kiosk keeps checking and puts Home back by
itself when the fault clears. Nothing here can be tapped into a flow. The staff
corner stays free, so staff can still open the admin screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.availability import Reason
from kiosk.qt import QCoreApplication, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from kiosk.qt.i18n import Language
from kiosk.ui import theme
from kiosk.ui.availability_words import reason_text
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate

_OTHER_LANGUAGE: dict[Language, tuple[Language, str]] = {
    "zh": ("en", "English"),
    "en": ("zh", "中文"),
}


class OutOfServiceScreen(Screen):
    idle_policy = IdlePolicy.OFF

    languageChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language: Language = "zh"
        self._reasons: tuple[Reason, ...] = ()
        self._mark = QLabel("!")
        self._mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._mark.setFixedSize(160, 160)
        self._mark.setStyleSheet(
            f"font-size: 110px; font-weight: bold; color: {theme.ON_ACCENT};"
            f" background: {theme.ACCENT}; border-radius: 80px;"
        )
        self._title = QLabel()
        self._title.setProperty("role", "hero")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._why = QLabel()
        self._why.setObjectName("outOfServiceReasons")
        # What is wrong is what a patron reads first, after the title.
        self._why.setStyleSheet(
            f"font-size: {theme.LARGE_PX}px; font-weight: bold; color: {theme.UNAVAILABLE_TEXT};"
        )
        self._why.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._why.setWordWrap(True)
        self._instead = QLabel()
        self._instead.setProperty("role", "caption")
        self._instead.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._instead.setWordWrap(True)
        self._back = QLabel()
        self._back.setProperty("role", "muted")
        self._back.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._back.setWordWrap(True)
        self.language_button = QPushButton()
        self.language_button.setProperty("variant", "quiet")
        self.language_button.setMinimumWidth(280)
        self.language_button.clicked.connect(self._toggle_language)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 3, theme.MARGIN_PX * 2, theme.MARGIN_PX * 3, 48)
        box.setSpacing(theme.GAP_PX)
        box.addStretch(2)
        box.addWidget(self._mark, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self._title)
        box.addWidget(self._why)
        box.addWidget(self._instead)
        box.addWidget(self._back)
        box.addStretch(3)
        box.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.translated(self._retranslate)

    def show_reasons(self, reasons: Sequence[Reason]) -> None:
        """Every reason in force, most pressing first (both paths' when they differ)."""
        self._reasons = tuple(reasons)
        self._retranslate()

    def reasons_text(self) -> str:
        return self._why.text()

    def set_language(self, language: Language) -> None:
        self._language = language
        self._retranslate()

    def _toggle_language(self) -> None:
        self.languageChanged.emit(_OTHER_LANGUAGE[self._language][0])

    def _retranslate(self) -> None:
        self._title.setText(translate("OutOfServiceScreen", "Out of service"))
        # A blank line between reasons: each wraps on a portrait panel, and run together
        # they read as one sentence.
        self._why.setText("\n\n".join(reason_text(r) for r in self._reasons))
        self._instead.setText(
            translate("OutOfServiceScreen", "You can buy and collect tickets at the service desk.")
        )
        self._back.setText(
            translate("OutOfServiceScreen", "This kiosk opens again by itself as soon as it can.")
        )
        self.language_button.setText(_OTHER_LANGUAGE[self._language][1])
