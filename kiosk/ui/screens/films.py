"""Films now showing: one large card per film with its poster (or a card of its title),
running time, attributes and next times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kiosk.qt import (
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.posters import PosterShelf
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.viewmodels import FilmView
from kiosk.ui.widgets.big_button import LayoutButton
from kiosk.ui.widgets.layouts import clear_layout, place_in_columns, touch_scroll
from kiosk.ui.widgets.poster import PosterView

translate = QCoreApplication.translate

# Only the next few times fit on a card; the sessions screen lists them all.
NEXT_TIMES_SHOWN = 3
# A cinema poster's shape (2:3), as large as a card of three lines can hold beside them.
POSTER_SIZE = QSize(160, 240)


def _chip(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "chip")
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class FilmCard(LayoutButton):
    def __init__(self, film: FilmView, shelf: PosterShelf | None = None) -> None:
        super().__init__()
        self.film = film
        self.setProperty("variant", "card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        title = QLabel(film.title)
        title.setObjectName("bigTitle")
        title.setWordWrap(True)
        facts = QHBoxLayout()
        facts.setSpacing(10)
        facts.addWidget(_chip(formatting.minutes(film.run_time_min)))
        for attribute in (film.rating, *film.attributes):
            if attribute:
                facts.addWidget(_chip(attribute))
        facts.addStretch(1)
        times = formatting.next_times(film.next_times, formatting.today(), NEXT_TIMES_SHOWN)
        next_label = QLabel(
            translate("FilmsScreen", "Next: %1").replace("%1", times)
            if times
            else translate("FilmsScreen", "No more shows on sale")
        )
        next_label.setProperty("role", "accent")
        next_label.setWordWrap(True)  # a narrow card wraps the times, never cuts one
        self.poster = PosterView(shelf, film.short_code, film.title, POSTER_SIZE)
        words = QVBoxLayout()
        words.setSpacing(12)
        for label in (title, next_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words.addWidget(title)
        words.addLayout(facts)
        words.addWidget(next_label)
        words.addStretch(1)
        box = QHBoxLayout(self)
        box.setContentsMargins(20, 20, 28, 20)
        box.setSpacing(24)
        box.addWidget(self.poster, 0, Qt.AlignmentFlag.AlignTop)
        box.addLayout(words, 1)
        self.setAccessibleName(film.title)


class FilmsScreen(StepScreen):
    filmChosen = Signal(str)

    def __init__(self, shelf: PosterShelf | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shelf = shelf
        self._films: tuple[FilmView, ...] = ()
        # what the cards were built for (films, day, language); None: build them anew
        self._built: tuple[tuple[FilmView, ...], date, str] | None = None
        self._cards: list[FilmCard] = []
        self._columns = 1
        self._empty = QLabel()
        self._empty.setProperty("role", "large")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.GAP_PX)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = touch_scroll(self._grid_host)
        self.body.addWidget(self._empty)
        self.body.addWidget(scroll, 1)
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def show_films(self, films: Sequence[FilmView]) -> None:
        """Every Buy shows the films again: the same films on the same day in the same
        language keep their cards (building a dozen held the event loop 20-30 ms)."""
        self._films = tuple(films)
        # "today"/"tomorrow" on the next times, and the language the words were put in
        # (switched at once; the screens hear of it only when Qt's event comes)
        built = (self._films, formatting.today(), translate("FilmsScreen", "Next: %1"))
        if built != self._built:
            self._built = built
            self._render()

    def poster_saved(self, short_code: str) -> None:
        if self._shelf is not None:
            self._shelf.look_again(short_code)

    def cards(self) -> list[FilmCard]:
        return list(self._cards)

    def _arrange(self, portrait: bool) -> None:
        self._columns = 2 if self.is_wide() else 1
        self._place()

    def _render(self) -> None:
        clear_layout(self._grid)
        self._cards = []
        for film in self._films:
            card = FilmCard(film, self._shelf)
            card.clicked.connect(lambda _=False, fid=film.film_id: self.filmChosen.emit(fid))
            self._cards.append(card)
        self._empty.setVisible(not self._films)
        self._place()

    def _place(self) -> None:
        place_in_columns(self._grid, self._cards, self._columns)

    def _retranslate(self) -> None:
        self.header.set_title(translate("FilmsScreen", "Choose a film"))
        self._empty.setText(
            translate("FilmsScreen", "No more films today. Please ask at the counter.")
        )
        if self._films:
            self._render()
