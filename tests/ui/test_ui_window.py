"""The kiosk window: inactivity prompt and timeout, language switch, close protection."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.qt import QCloseEvent, QLabel, Qt, QWidget
from kiosk.qt.i18n import Translations
from kiosk.sarft.errors import VerifyCodeMismatch
from kiosk.settings import Settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.viewmodels import ErrorKind
from kiosk.ui.widgets.busy import getting_ready
from kiosk.ui.widgets.inactivity import IdlePolicy, InactivityWatcher

from .conftest import Host
from .samples import FILMS, ORDER

pytestmark = pytest.mark.ui


def _watcher(host: Host, idle_s: float) -> tuple[InactivityWatcher, StillThereScreen]:
    parent = QWidget()
    host(parent, 800, 600)
    prompt = StillThereScreen(parent)
    return InactivityWatcher(prompt, idle_s, answer_s=5, parent=parent), prompt


def test_idle_prompt_gives_the_configured_time_then_times_out(qtbot: object, host: Host) -> None:
    """KIOSK_INACTIVITY_PROMPT_S=5 means 5 s to answer, not a hidden floor of 20."""
    watcher, prompt = _watcher(host, idle_s=0.15)
    assert watcher.answer_s == 5
    watcher.set_policy(IdlePolicy.PROMPT)
    with qtbot.waitSignal(watcher.promptShown, timeout=2000):  # type: ignore[attr-defined]
        pass
    assert prompt.isVisible()
    assert 4 < prompt.countdown.remaining() <= 5
    # The answer window is proven above; shorten it so the test need not wait 5 s.
    prompt.countdown.start(0.1)
    with qtbot.waitSignal(watcher.timedOut, timeout=2000):  # type: ignore[attr-defined]
        pass
    assert not prompt.isVisible()


def test_touch_keeps_the_session_and_continue_answers_the_prompt(qtbot: object, host: Host) -> None:
    watcher, prompt = _watcher(host, idle_s=0.3)
    watcher.set_policy(IdlePolicy.PROMPT)
    for _ in range(4):
        qtbot.wait(150)  # type: ignore[attr-defined]
        qtbot.mouseClick(prompt.parentWidget(), Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not prompt.isVisible(), "touches must restart the idle clock"
    qtbot.waitUntil(prompt.isVisible, timeout=2000)  # type: ignore[attr-defined]
    timed_out: list[bool] = []
    watcher.timedOut.connect(lambda: timed_out.append(True))
    qtbot.mouseClick(prompt.stay_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not prompt.isVisible()
    assert timed_out == []


def test_home_policy_goes_home_without_asking_and_off_never_fires(
    qtbot: object, host: Host
) -> None:
    watcher, prompt = _watcher(host, idle_s=0.1)
    watcher.set_policy(IdlePolicy.HOME)
    with qtbot.waitSignal(watcher.timedOut, timeout=2000):  # type: ignore[attr-defined]
        pass
    assert not prompt.isVisible()
    watcher.set_policy(IdlePolicy.OFF)
    with qtbot.assertNotEmitted(watcher.timedOut, wait=300):  # type: ignore[attr-defined]
        pass


def test_inactivity_in_the_window_abandons_the_order_and_goes_home(
    qtbot: object, translations: Translations
) -> None:
    settings = replace(Settings(), kiosk_mode=False)
    # Far below the 5 s floor an installer may set, so the test does not wait a minute.
    object.__setattr__(settings, "inactivity_s", 0.1)
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(1080, 1920)
    win.show()
    win.review.show_order(ORDER, 300)
    win.set_language("en")
    win.show_screen(win.review)
    qtbot.waitUntil(win.still_there.isVisible, timeout=2000)  # type: ignore[attr-defined]
    with qtbot.waitSignal(win.abandoned, timeout=2000):  # type: ignore[attr-defined]
        qtbot.mouseClick(win.still_there.leave_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert win.current_screen() is win.home
    assert not win.review.hold_countdown.is_running()
    assert translations.language == "zh", "the next patron starts in the default language"
    win.admin_exit()


def test_language_switch_retranslates_visible_screens(
    qtbot: object, window: MainWindow, translations: Translations
) -> None:
    assert window.home.buy_button.title() == "购票"
    assert window.home.language_button.text() == "English"
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert translations.language == "en"
    assert window.home.buy_button.title() == "Buy tickets"
    assert window.home.language_button.text() == "中文"
    window.films.show_films(FILMS)
    window.show_screen(window.films)
    # Qt delivers LanguageChange through the event loop, before the next frame.
    qtbot.waitUntil(lambda: window.films.header.title() == "Choose a film")  # type: ignore[attr-defined]
    window.set_language("zh")
    qtbot.waitUntil(lambda: window.films.header.title() == "选择影片")  # type: ignore[attr-defined]
    card_texts = [label.text() for label in window.films.cards()[0].findChildren(QLabel)]
    assert "173分钟" in card_texts
    window.show_error_kind(ErrorKind.PRINTER_OUT_OF_PAPER, reference="K01-1")
    assert window.error.title() == "取票机缺纸，您的订单已保存"
    window.set_language("en")
    qtbot.waitUntil(  # type: ignore[attr-defined]
        lambda: window.error.title() == "The ticket printer is out of paper; your booking is safe"
    )
    assert window.error.action() == (
        "Please show the reference at the service desk for your tickets."
    )


def test_refusal_and_start_up_wait_follow_the_language_switch(
    qtbot: object, window: MainWindow
) -> None:
    window.error.show_refusal(VerifyCodeMismatch("return code 4"), reference="WQNX8JL")
    window.busy.start(getting_ready)
    assert window.error.title() == "取票码不正确"
    assert window.error.action() == "如需帮助，请凭查询码到服务台咨询。"
    assert window.busy.message() == "正在准备，请稍候……"
    window.set_language("en")
    qtbot.waitUntil(lambda: window.error.title() == "The collection code is not correct")  # type: ignore[attr-defined]
    assert window.error.action() == "If you need help, show the reference at the service desk."
    qtbot.waitUntil(lambda: window.busy.message() == "Getting ready, one moment please…")  # type: ignore[attr-defined]
    window.busy.stop()


def test_close_is_ignored_except_through_admin_exit(window: MainWindow) -> None:
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted()
    window.admin_exit()
    assert not window.isVisible()


def test_kiosk_mode_fills_the_screen_frameless_and_hides_the_cursor(
    qtbot: object, translations: Translations
) -> None:
    from kiosk.qt import QGuiApplication

    settings = Settings(kiosk_mode=True, hide_cursor=True)
    window = MainWindow(settings, translations)
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    try:
        window.apply_kiosk_mode()
        # without a window manager to honour "full screen", the window sizes itself
        assert window.geometry() == QGuiApplication.primaryScreen().geometry()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
    finally:
        QGuiApplication.restoreOverrideCursor()
        window.admin_exit()
