"""A restarted kiosk keeps the admin PIN lockout: the new PIN pad reads it from the journal."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.qt.aio import running_tasks
from kiosk.qt.i18n import Translations
from kiosk.ui.admin import install_admin
from kiosk.ui.main_window import MainWindow
from tests.ui.admin_fixtures import (  # noqa: F401 (fixtures)
    PIN,
    Admin,
    Run,
    admin_fixture,
    qloop_fixture,
    run_fixture,
)
from tests.ui.test_admin import audit, enter_pin, tap_corner

pytestmark = pytest.mark.ui


def test_a_kiosk_restarted_during_a_pin_lock_is_still_locked(
    qtbot: Any, admin: Admin, run: Run[Any]
) -> None:
    tap_corner(qtbot, admin, 5)
    for tries in range(1, 6):
        enter_pin(qtbot, admin.controller.pin, "97531")
        qtbot.waitUntil(lambda n=tries: len(audit(run, admin, "admin_login")) == n)
    assert admin.controller.guard.locked_for() == 300

    # The kiosk starts again over the same journal: a new window, PIN pad and guard.
    window = MainWindow(admin.services.settings, Translations())
    try:
        restarted = install_admin(window, admin.services)
        window.show()
        qtbot.waitExposed(window)
        restarted.open_pin()
        assert restarted.guard.locked_for() == 0  # nothing in memory yet
        enter_pin(qtbot, restarted.pin, PIN)
        qtbot.waitUntil(lambda: len(audit(run, admin, "admin_login")) == 6)
        assert window.current_screen() is restarted.pin  # even the right PIN waits
        assert 290 < restarted.guard.locked_for() <= 300  # the same lock, not a new one
        assert restarted.pin.message.isVisible() and not restarted.pin.ok_button.isEnabled()
        assert audit(run, admin, "admin_login")[-1][2:] == ("locked", {"failures": 0})
    finally:
        qtbot.waitUntil(lambda: not running_tasks(), timeout=15000)
        window.deleteLater()
