"""The films screen keeps its cards while nothing on them would change."""

from __future__ import annotations

import pytest

from kiosk.qt import QLabel
from kiosk.qt.i18n import Translations
from kiosk.ui.screens.films import FilmsScreen

from .conftest import Host
from .samples import FILMS

pytestmark = pytest.mark.ui


def test_the_same_films_keep_their_cards_and_other_films_or_words_build_new_ones(
    host: Host, translations: Translations
) -> None:
    """Every Buy shows the films again; building a dozen cards held the event loop
    20-30 ms, for cards that say what the ones on screen say."""
    screen = FilmsScreen()
    host(screen, 1080, 1920)
    screen.show_films(FILMS)
    cards = screen.cards()
    screen.show_films(list(FILMS))
    assert all(a is b for a, b in zip(screen.cards(), cards, strict=True))
    screen.show_films(FILMS[:2])
    fewer = screen.cards()
    assert [c.film for c in fewer] == list(FILMS[:2]) and not set(fewer) & set(cards)
    translations.switch("en")
    screen.show_films(FILMS[:2])
    english = screen.cards()
    assert not set(english) & set(fewer)
    words = [label.text() for card in english for label in card.findChildren(QLabel)]
    assert any(w.startswith("Next") or w == "No more shows on sale" for w in words), words
