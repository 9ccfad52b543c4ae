"""Home: the cinema's name, two large choices (buy, collect) and the language switch."""

from __future__ import annotations

from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.i18n import Language
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.fit_label import FitLabel
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate

# Each language is offered in its own words, so a patron finds theirs without reading the other.
_OTHER_LANGUAGE: dict[Language, tuple[Language, str]] = {
    "zh": ("en", "English"),
    "en": ("zh", "中文"),
}


class HomeScreen(Screen):
    idle_policy = IdlePolicy.OFF

    buyRequested = Signal()
    collectRequested = Signal()
    languageChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language: Language = "zh"
        # A long name shrinks to fit one line (down to heading size), then wraps evenly.
        self._cinema = FitLabel(theme.HERO_PX, theme.HEADING_PX)
        self._names = ("", "")  # Chinese, English
        self._cinema.setProperty("role", "hero")
        self._welcome = QLabel()
        self._welcome.setProperty("role", "large")
        self._welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buy_button = BigButton("hero")
        self.buy_button.clicked.connect(self.buyRequested)
        self.collect_button = BigButton("heroAlt")
        self.collect_button.clicked.connect(self.collectRequested)
        self.language_button = QPushButton()
        self.language_button.setProperty("variant", "quiet")
        self.language_button.setMinimumWidth(280)
        self.language_button.clicked.connect(self._toggle_language)

        self._choices = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._choices.setSpacing(theme.GAP_PX * 2)
        self._choices.addWidget(self.buy_button)
        self._choices.addWidget(self.collect_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 2, theme.MARGIN_PX * 2, theme.MARGIN_PX * 2, 48)
        box.setSpacing(theme.GAP_PX)
        box.addWidget(self._cinema)
        box.addWidget(self._welcome)
        box.addSpacing(theme.GAP_PX * 2)
        box.addLayout(self._choices, 1)
        box.addSpacing(theme.GAP_PX * 2)
        box.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignHCenter)

        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def set_cinema_name(self, name: str, name_alt: str = "") -> None:
        """The cinema's name, and its second-language (English) name if VISTA has one."""
        self._names = (name, name_alt.strip() or name)
        self._cinema.set_full_text(self._names[self._language == "en"])

    def set_language(self, language: Language) -> None:
        """Say which language is showing, so the switch offers the other one."""
        self._language = language
        self._cinema.set_full_text(self._names[language == "en"])
        self._retranslate()

    def _toggle_language(self) -> None:
        self.languageChanged.emit(_OTHER_LANGUAGE[self._language][0])

    def _arrange(self, portrait: bool) -> None:
        self._choices.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _retranslate(self) -> None:
        self._welcome.setText(translate("HomeScreen", "Welcome! Touch a button to start."))
        self.buy_button.set_texts(
            translate("HomeScreen", "Buy tickets"),
            translate("HomeScreen", "Choose a film, a time and your seats"),
        )
        self.collect_button.set_texts(
            translate("HomeScreen", "Collect tickets"),
            translate("HomeScreen", "Bought online? Enter or scan your pickup code"),
        )
        self.language_button.setText(_OTHER_LANGUAGE[self._language][1])
