"""Wires the admin screens into the kiosk window: gesture → PIN pad → admin screen → home.

The gesture only works where no patron control sits in that corner: step screens
have their Back button there, and five quick taps on Back must never land a
patron on the staff PIN pad.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.admin.login_audit import ADMIN_TARGET
from kiosk.admin.pin import PinGuard
from kiosk.qt import QObject
from kiosk.qt.aio import async_slot
from kiosk.ui.admin.gesture import CornerTaps
from kiosk.ui.admin.idle_logout import StaffIdleLogout
from kiosk.ui.admin.pin_dialog import PinScreen
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.screens.progress import ProgressScreen

if TYPE_CHECKING:
    from kiosk.ui.admin.admin_screen import AdminScreen

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK_S = 300.0
ADMIN_LOGOUT = "admin_logout"  # the audit log's action when staff were signed out idle


class AdminController(QObject):
    def __init__(self, window: MainWindow, services: AdminServices) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.guard = PinGuard(
            services.settings.admin_pin_hash.get_secret_value(),
            max_failures=MAX_FAILURES,
            lock_s=LOCK_S,
            clock=services.clock,
        )
        self.pin = PinScreen(self.guard, services.journal, MAX_FAILURES)
        window.stack.addWidget(self.pin)
        self._admin: AdminScreen | None = None
        self.gesture = CornerTaps(window, enabled=self._gesture_allowed, clock=services.clock)
        self.gesture.triggered.connect(self.open_pin)
        self.pin.accepted.connect(self.open_admin)
        self.pin.cancelled.connect(window.go_home)
        self.idle = StaffIdleLogout(services.settings.admin_idle_s, self)
        self.idle.timedOut.connect(self._idle_logout)
        window.stack.currentChanged.connect(self._screen_changed)

    @property
    def admin(self) -> AdminScreen:
        """Built when staff first get past the PIN: the biggest screen, which no patron
        sees, cost the start ~60 ms before the doors opened."""
        if self._admin is None:
            # imported only now too: its sections (journal cards, health, reconcile)
            # were ~20 ms of imports the doors waited for
            from kiosk.ui.admin.admin_screen import AdminScreen

            self._admin = AdminScreen(self.services)
            self.window.stack.addWidget(self._admin)
            self._admin.closeRequested.connect(self.window.go_home)
            self._admin.languageRequested.connect(self._language)
        return self._admin

    def _gesture_allowed(self) -> bool:
        current = self.window.current_screen()
        # Not on the progress screen either: a patron's purchase or collection is
        # running there (a purchase may poll Connect for 15 minutes), and the admin
        # screen closing to home would leave that patron without their outcome.
        if current is not None and current is self._admin:
            return False
        return not isinstance(current, StepScreen | PinScreen | ProgressScreen)

    def open_pin(self) -> None:
        """Staff start in the kiosk's default language (Chinese unless set otherwise)."""
        self.window.set_language(self.services.settings.language)
        self.pin.reset()
        self.window.show_screen(self.pin)

    def open_admin(self, actor: str) -> None:
        self.services.on_duty.actor = actor
        self.admin.open()
        self.window.show_screen(self.admin)

    def on_staff_screen(self) -> bool:
        current = self.window.current_screen()
        return current is self.pin or (current is not None and current is self._admin)

    def _screen_changed(self, _index: int) -> None:
        self.idle.arm(self.on_staff_screen())

    @async_slot
    async def _idle_logout(self) -> None:
        if not self.on_staff_screen() or not self.window.isVisible():
            return
        signed_in = self.window.current_screen() is self._admin
        self.window.go_home()
        if signed_in:
            seconds = round(self.services.settings.admin_idle_s)
            log.info("admin screen closed after %d s without a touch", seconds)
            await self.services.journal.audit(
                self.services.on_duty.actor,
                ADMIN_LOGOUT,
                ADMIN_TARGET,
                f"idle for {seconds} s",
            )

    def _language(self, language: str) -> None:
        self.window.set_language("en" if language == "en" else "zh")
