"""'Are you still there?' speaks of an order only where the patron has one held."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow

from .samples import FILMS, ORDER

pytestmark = pytest.mark.ui


def test_the_prompt_mentions_an_order_only_when_seats_are_held(
    qtbot: object, translations: Translations
) -> None:
    settings = replace(Settings(), kiosk_mode=False)
    # Far below the 5 s floor an installer may set, so the test does not wait a minute.
    object.__setattr__(settings, "inactivity_s", 0.1)
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(1080, 1920)
    win.show()
    win.films.show_films(FILMS)
    for language, order_word in (("zh", "订单"), ("en", "order")):
        win.set_language(language)  # type: ignore[arg-type]
        win.show_screen(win.films)
        qtbot.waitUntil(win.still_there.isVisible, timeout=2000)  # type: ignore[attr-defined]
        assert order_word not in win.still_there.explanation()
        win.review.show_order(ORDER, 300)
        win.show_screen(win.review)
        qtbot.waitUntil(win.still_there.isVisible, timeout=2000)  # type: ignore[attr-defined]
        assert order_word in win.still_there.explanation()
    win.admin_exit()
