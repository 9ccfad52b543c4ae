"""A screen of another size than the 1920x1080 the patron screens are laid out for gets
the whole layout drawn to its size (Qt's scale): smaller, not a layout crammed until the
pickup keypad's keys overlap; larger on a 4K panel, not a quarter of the glass. A full HD
screen is left alone, and an operator's scale wins.

Each case is a fresh process: Qt takes its scale when the application is made, and
this test process has had its QApplication since the first UI test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.qt.screen_fit import fitting_scale
from kiosk.settings import SettingsError, load_settings
from tests.helpers.kiosk_log import wait_for_log
from tests.helpers.xvfb import start_xvfb

MEASURE = """
import json, sys
from kiosk.qt.screen_fit import make_application
app = make_application(float(sys.argv[1]), full_screen=sys.argv[2] == "full")
screen = app.primaryScreen()
print(json.dumps({"ratio": screen.devicePixelRatio(),
                  "size": [screen.geometry().width(), screen.geometry().height()]}))
"""


def _measure(
    env: dict[str, str], ui_scale: float = 0.0, area: str = "full"
) -> tuple[float, list[int]]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(ui_scale), area],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    return seen["ratio"], seen["size"]


def _offscreen(tmp_path: Path, width: int, height: int, **extra: str) -> dict[str, str]:
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "panel", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env = {k: v for k, v in os.environ.items() if k != "QT_SCALE_FACTOR"}
    return {**env, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", **extra}


def test_the_scale_fits_a_full_hd_picture_of_the_same_orientation() -> None:
    assert fitting_scale(1366, 768) == 0.711
    assert fitting_scale(768, 1366) == 0.711  # a portrait panel
    assert fitting_scale(1280, 1024) == 0.666  # 5:4: the width decides
    assert fitting_scale(1920, 1080) == 1.0
    assert fitting_scale(1080, 1920) == 1.0
    assert fitting_scale(1920, 1200) == 1.0  # 16:10: the width decides
    assert fitting_scale(3840, 2160) == 2.0  # a 4K panel that does not scale by itself
    assert fitting_scale(2560, 1440) == 1.333
    assert fitting_scale(0, 0) == 1.0


@pytest.mark.e2e
def test_a_1366x768_panel_gets_the_1920x1080_layout_drawn_smaller(tmp_path: Path) -> None:
    env = _offscreen(tmp_path, 1366, 768)
    ratio, size = _measure(env)
    assert ratio == pytest.approx(0.711)
    # the kiosk lays out at least the picture its screens are made for
    assert size[0] >= 1920 and size[1] >= 1080, size
    ratio, size = _measure(_offscreen(tmp_path, 768, 1366))
    assert ratio == pytest.approx(0.711) and size[0] >= 1080 and size[1] >= 1920


@pytest.mark.e2e
def test_a_full_hd_screen_is_left_as_it_is(tmp_path: Path) -> None:
    assert _measure(_offscreen(tmp_path, 1920, 1080)) == (1.0, [1920, 1080])
    assert _measure(_offscreen(tmp_path, 1080, 1920)) == (1.0, [1080, 1920])


@pytest.mark.e2e
def test_a_4k_panel_gets_the_layout_drawn_twice_as_large(tmp_path: Path) -> None:
    assert _measure(_offscreen(tmp_path, 3840, 2160)) == (2.0, [1920, 1080])


@pytest.mark.e2e
def test_a_scale_set_by_the_operator_wins(tmp_path: Path) -> None:
    env = _offscreen(tmp_path, 1366, 768)
    assert _measure(env, ui_scale=1.0) == (1.0, [1366, 768])
    assert _measure(env, ui_scale=0.8)[0] == pytest.approx(0.8)
    # Qt's own variable, set by whoever started the kiosk, is not overridden by the fit,
    # and the kiosk's own setting wins over it
    assert _measure({**env, "QT_SCALE_FACTOR": "0.9"})[0] == pytest.approx(0.9)
    assert _measure({**env, "QT_SCALE_FACTOR": "0.9"}, ui_scale=1.0) == (1.0, [1366, 768])


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_on_a_real_x_server_the_application_is_made_again_at_the_scale() -> None:
    server, display = start_xvfb("1366x768x24")
    try:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("QT_SCALE_FACTOR", None)
        ratio, size = _measure(env)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert ratio == pytest.approx(0.711)
    assert size[0] >= 1920 and size[1] >= 1080, size


def test_a_scale_outside_what_a_panel_can_show_is_refused_in_words(tmp_path: Path) -> None:
    environ = {"KIOSK_DATA_DIR": str(tmp_path)}
    assert load_settings(environ={**environ, "KIOSK_UI_SCALE": "0.711"}).ui_scale == 0.711
    assert load_settings(environ=environ).ui_scale == 0.0
    with pytest.raises(SettingsError, match=r"ui_scale.*0\.25 to 4"):
        load_settings(environ={**environ, "KIOSK_UI_SCALE": "0.2"})
    with pytest.raises(SettingsError, match="ui_scale"):
        load_settings(environ={**environ, "KIOSK_UI_SCALE": "5"})


def _kiosk_run_log(tmp_path: Path, **settings: str) -> str:
    """What ``kiosk run`` (kiosk mode) on a 1366x768 screen logs up to its journal's
    first daily copy, a step every start takes after it has made its application."""
    data = tmp_path / f"data-{len(list(tmp_path.iterdir()))}"
    env = {k: v for k, v in _offscreen(tmp_path, 1366, 768).items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_DATA_DIR=str(data), **settings)
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        return wait_for_log(data / "logs", "journal copied", timeout_s=60, process=kiosk)
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=30)


@pytest.mark.e2e
def test_kiosk_run_fits_its_screen_unless_its_setting_says_otherwise(tmp_path: Path) -> None:
    fitted = _kiosk_run_log(tmp_path)
    assert "the screen is 1366x768" in fitted and "drawn at 0.711" in fitted
    # the setting reaches the application: no fit, at the panel's own pixels
    assert "drawn at" not in _kiosk_run_log(tmp_path, KIOSK_UI_SCALE="1")
