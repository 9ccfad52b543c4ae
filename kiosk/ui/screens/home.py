"""Home: the cinema's name, two large choices (buy, collect) and the language switch.

A choice that cannot finish now (:mod:`kiosk.availability`) says why on its own
tile, in the patron's words, instead of what it does; the window disables it.
"""

from __future__ import annotations

from kiosk.availability import NOT_YET_CHECKED, Availability, PathState
from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QLabel,
    QPushButton,
    QResizeEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.i18n import Language
from kiosk.ui import theme
from kiosk.ui.availability_words import reason_text
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.big_button import BigButton
from kiosk.ui.widgets.fit_label import FitLabel
from kiosk.ui.widgets.inactivity import IdlePolicy
from kiosk.ui.widgets.wall_clock import WallClock

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
        self._availability = NOT_YET_CHECKED
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
        for tile in (self.buy_button, self.collect_button):
            # Equal stretch: side by side they share the row equally whatever their
            # words (sized by them, the English tiles took different widths).
            self._choices.addWidget(tile, 1)
        # In the top margin, outside the layout: nothing moves when its text changes.
        self.clock = WallClock(self)
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

    def show_availability(self, availability: Availability) -> None:
        """Word each tile for what can finish now (enabling them is the window's part)."""
        self._availability = availability
        self._retranslate()

    def set_language(self, language: Language) -> None:
        """Say which language is showing, so the switch offers the other one."""
        self._language = language
        self._cinema.set_full_text(self._names[language == "en"])
        self._retranslate()

    def _toggle_language(self) -> None:
        self.languageChanged.emit(_OTHER_LANGUAGE[self._language][0])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_clock()

    def _place_clock(self) -> None:
        self.clock.adjustSize()
        self.clock.move(
            self.width() - theme.MARGIN_PX - self.clock.width(),
            (theme.MARGIN_PX * 2 - self.clock.height()) // 2,
        )

    def _arrange(self, portrait: bool) -> None:
        self._choices.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _retranslate(self) -> None:
        self._welcome.setText(translate("HomeScreen", "Welcome! Touch a button to start."))
        _word_tile(
            self.buy_button,
            self._availability.buy,
            translate("HomeScreen", "Buy tickets"),
            translate("HomeScreen", "Choose a film, a time and your seats"),
        )
        _word_tile(
            self.collect_button,
            self._availability.collect,
            translate("HomeScreen", "Collect tickets"),
            translate("HomeScreen", "Bought online? Enter or scan your pickup code"),
        )
        self.language_button.setText(_OTHER_LANGUAGE[self._language][1])
        self.clock.refresh()
        self._place_clock()


def _word_tile(tile: BigButton, state: PathState, title: str, caption: str) -> None:
    reason = state.reason
    if reason is not None:
        caption = reason_text(reason)
    if bool(tile.property("unavailable")) != (reason is not None):
        theme.set_style_property(tile, "unavailable", reason is not None)
        # The labels' colours hang on the tile's property: they are restyled too.
        for label in tile.findChildren(QLabel):
            label.style().unpolish(label)
            label.style().polish(label)
    tile.set_texts(title, caption)
