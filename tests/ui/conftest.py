"""Widget-test fixtures: one styled application with the bundled font, a translator, settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.qt import QApplication
from kiosk.qt.fonts import load_fonts
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings, load_settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import STYLESHEET


@pytest.fixture(scope="session")
def kiosk_app(qapp: QApplication) -> QApplication:
    load_fonts(qapp)
    qapp.setStyleSheet(STYLESHEET)
    return qapp


@pytest.fixture
def translations(kiosk_app: QApplication) -> Iterator[Translations]:
    translations = Translations()
    translations.switch("zh")
    yield translations
    translations.remove()


@pytest.fixture
def settings() -> Settings:
    return load_settings(environ={}, kiosk_mode=False)


@pytest.fixture
def window(qtbot: object, settings: Settings, translations: Translations) -> Iterator[MainWindow]:
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(1080, 1920)
    win.show()
    yield win
    win.admin_exit()
