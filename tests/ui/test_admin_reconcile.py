"""The Health tab shows the last ``kiosk reconcile``: the day, its verdict and how many
mismatches of each kind, read from the audit log the real command wrote."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from kiosk.chinatime import CHINA_TIME
from kiosk.qt import QLabel, Qt
from kiosk.sim.wallet import WECHATPAY
from tests.flows.test_purchase_crash import _env
from tests.flows.test_reconcile_cli import _orphan
from tests.ui.admin_fixtures import (  # noqa: F401 (fixtures)
    Admin,
    Run,
    admin_fixture,
    qloop_fixture,
    run_fixture,
)
from tests.ui.test_admin_staff_screen import login

pytestmark = [pytest.mark.ui, pytest.mark.e2e]


def _row(admin: Admin, key: str) -> tuple[str, str]:
    health = admin.controller.admin.health
    mark = health.findChild(QLabel, f"verdict_{key}")
    detail = health.findChild(QLabel, f"detail_{key}")
    assert mark is not None and detail is not None
    return str(mark.property("verdict")), detail.text()


def test_health_shows_the_last_reconciliation_by_day_verdict_and_kind(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    screen = login(qtbot, admin)
    qtbot.waitUntil(lambda: len(screen.health.results()) == 4 and screen.health.isEnabled())
    verdict, text = _row(admin, "reconcile")
    assert verdict == "warning" and "尚未对账" in text

    day = (dt.datetime.now(CHINA_TIME) - dt.timedelta(days=1)).date()
    _orphan(admin.kit.sim, WECHATPAY, dt.datetime.combine(day, dt.time(12), CHINA_TIME))
    env = _env(admin.kit.sim, admin.data_dir, WECHATPAY)
    done = run(
        asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "kiosk", "reconcile"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        ),
        timeout_ms=70_000,
    )
    assert done.returncode == 1, done.stdout + done.stderr

    qtbot.mouseClick(screen.health.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(admin, "reconcile")[0] == "failed" and screen.health.isEnabled())
    verdict, text = _row(admin, "reconcile")
    text = text.replace("\u2060", "").replace("\u00a0", " ")
    assert f"{day.month}月{day.day}日：1 处不符：本机无记录的收款 ×1" in text
    assert "对账时间 今天" in text
    qtbot.mouseClick(screen.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "mismatch" in _row(admin, "reconcile")[1])
    assert "1 mismatch: payment the kiosk never saw ×1" in _row(admin, "reconcile")[1]
