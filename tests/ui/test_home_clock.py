"""The home screen's clock (China time, turned over each minute, moving nothing) and its
two tiles, which share a row equally in either language."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from kiosk.qt import QWidget
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings
from kiosk.ui.demo_panel import GAP, PANEL_WIDTH
from kiosk.ui.main_window import MainWindow
from kiosk.ui.widgets.wall_clock import WallClock, ms_to_next_minute

from .layout_checks import labels_cut_off

pytestmark = pytest.mark.ui

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
SIZES = {
    "portrait": (1080, 1920),
    "landscape": (1920, 1080),
    "demo": (1920 - PANEL_WIDTH - GAP, 1080),
}
# 07:59 UTC on a Wednesday is 15:59 in Beijing.
WEDNESDAY = dt.datetime(2026, 12, 2, 7, 59, 30, 250_000, tzinfo=dt.UTC)


def test_the_next_tick_comes_just_after_the_minute_turns() -> None:
    assert ms_to_next_minute(WEDNESDAY) == 29_750 + 50
    assert ms_to_next_minute(WEDNESDAY.replace(second=0, microsecond=0)) == 60_050


def test_the_clock_shows_china_time_in_the_patrons_language(
    qtbot: object, translations: Translations
) -> None:
    clock = WallClock(now=lambda: WEDNESDAY)
    qtbot.addWidget(clock)  # type: ignore[attr-defined]
    assert clock.text().replace("\u00a0", " ") == "周三 12月2日  15:59"
    translations.switch("en")
    qtbot.wait(1)  # type: ignore[attr-defined]
    assert clock.text().replace("\u00a0", " ") == "Wed, Dec 2  15:59"


def test_the_clock_turns_over_when_the_minute_does(
    qtbot: object, translations: Translations
) -> None:
    # The kiosk's time runs at the real pace from 0.3 s before 16:00 in Beijing.
    start = time.monotonic()
    before = dt.datetime(2026, 12, 2, 7, 59, 59, 700_000, tzinfo=dt.UTC)
    clock = WallClock(now=lambda: before + dt.timedelta(seconds=time.monotonic() - start))
    qtbot.addWidget(clock)  # type: ignore[attr-defined]
    assert clock.text().endswith("15:59")
    qtbot.waitUntil(lambda: clock.text().endswith("16:00"), timeout=3000)  # type: ignore[attr-defined]


def _geometries(win: MainWindow) -> dict[str, tuple[int, int, int, int]]:
    home = win.home
    widgets: dict[str, QWidget] = {
        "buy": home.buy_button,
        "collect": home.collect_button,
        "language": home.language_button,
        "cinema": home._cinema,
        "welcome": home._welcome,
    }
    return {name: w.geometry().getRect() for name, w in widgets.items()}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_home_clock_moves_nothing_and_the_tiles_share_the_row(
    qtbot: object, settings: Settings, translations: Translations, language: str, orientation: str
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(*SIZES[orientation])
    win.show()
    win.set_language("zh" if language == "zh" else "en")
    win.home.set_cinema_name("星光国际影城（万达广场店）", "Starlight International Cinema")
    qtbot.wait(1)  # type: ignore[attr-defined]
    home = win.home
    buy, collect = home.buy_button, home.collect_button
    if orientation == "portrait":
        assert buy.width() == collect.width()
    else:
        assert abs(buy.width() - collect.width()) <= 1, (buy.width(), collect.width())
    before = _geometries(win)
    right = home.clock.geometry().right()
    # The widest and the narrowest times of a day, and a day of the longest name.
    for moment in ("2026-12-02T23:58:00+00:00", "2026-12-03T03:11:00+00:00"):
        home.clock._now = lambda at=moment: dt.datetime.fromisoformat(at)
        home.clock.refresh()
        qtbot.wait(1)  # type: ignore[attr-defined]
        assert _geometries(win) == before
        assert home.clock.geometry().right() == right  # it keeps its corner
        assert home.clock.x() > 0 and home.clock.geometry().bottom() < home._cinema.y()
    assert labels_cut_off(home) == []
    win.grab().save(str(OUT / f"{orientation}-{language}-HomeClock.png"))
