"""Widget-test fixtures: one styled application with the bundled font, a translator, settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from kiosk.qt import QApplication, QLayout, QVBoxLayout, QWidget
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


Host = Callable[[QWidget, int, int], QWidget]


@pytest.fixture
def host(qtbot: object, kiosk_app: QApplication) -> Host:
    """Show a widget inside a fixed-size window, as the kiosk window holds its screens.

    The window's layout sets no size constraint: on the offscreen platform a
    top-level window whose layout constrains it warns (propagateSizeHints), and
    every Qt warning fails a test.
    """

    windows: list[QWidget] = []  # pytest-qt does not keep them alive

    def show(widget: QWidget, width: int, height: int) -> QWidget:
        window = QWidget()
        windows.append(window)
        box = QVBoxLayout(window)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        box.addWidget(widget)
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        return window

    return show
