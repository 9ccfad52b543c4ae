"""Tools: a test print, a catalog refresh, closing the kiosk to patrons and leaving
kiosk mode, each audited.

Closing to patrons shows the out-of-service screen (``staff_closed``) until staff
open it again, across restarts (the audit log remembers). Leaving kiosk mode
closes the kiosk program, so it asks for a second tap first.
"""

from __future__ import annotations

from kiosk.availability import CLOSE_TO_PATRONS, OPEN_TO_PATRONS
from kiosk.qt import (
    QCoreApplication,
    QLabel,
    QPushButton,
    QShowEvent,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from kiosk.qt.aio import async_slot
from kiosk.ui import theme
from kiosk.ui.admin.section import Section
from kiosk.ui.admin.services import AdminServices

translate = QCoreApplication.translate

CONFIRM_MS = 5000


class ToolsSection(Section):
    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.test_print_button = QPushButton()
        self.test_print_button.clicked.connect(self.test_print)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh_catalog)
        self.close_button = QPushButton()
        self.close_button.setCheckable(True)  # checked: closed to patrons
        self.close_button.clicked.connect(self.close_to_patrons)
        if services.availability is None:
            self.close_button.hide()
        self.exit_button = QPushButton()
        self.exit_button.setCheckable(True)  # checked: waiting for the confirming tap
        self.exit_button.clicked.connect(self._exit_tapped)
        self._exit_note = QLabel()
        self._exit_note.setProperty("role", "muted")
        self._exit_note.setWordWrap(True)
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(CONFIRM_MS)
        self._confirm.timeout.connect(self._disarm)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.GAP_PX)
        box.addWidget(self.status)
        box.addWidget(self.test_print_button)
        box.addWidget(self.refresh_button)
        box.addWidget(self.close_button)
        box.addSpacing(theme.GAP_PX * 2)
        box.addWidget(self.exit_button)
        box.addWidget(self._exit_note)
        box.addStretch(1)
        self.translated(self._retranslate)

    @async_slot
    async def test_print(self) -> None:
        async def run() -> str:
            await self._services.journal.audit(
                self._services.on_duty.actor, "test_print", "printer", "test page"
            )
            result = await self._services.printer.test_print()
            if not result.printed:
                return translate("ToolsSection", "The test page may not have printed: %1").replace(
                    "%1", result.status.describe()
                )
            return translate("ToolsSection", "Test page printed.")

        await self.act("test_print", run)

    @async_slot
    async def refresh_catalog(self) -> None:
        async def run() -> str:
            await self._services.journal.audit(
                self._services.on_duty.actor, "refresh_catalog", "catalog", "staff asked"
            )
            await self._services.refresh_catalog()
            return translate("ToolsSection", "Films and sessions reloaded from the cinema system.")

        await self.act("refresh_catalog", run)

    @async_slot
    async def close_to_patrons(self) -> None:
        watch = self._services.availability
        if watch is None:
            return
        closed = self.close_button.isChecked()

        async def run() -> str:
            await self._services.journal.audit(
                self._services.on_duty.actor,
                CLOSE_TO_PATRONS if closed else OPEN_TO_PATRONS,
                "kiosk",
                "staff closed the kiosk to patrons" if closed else "staff opened it again",
            )
            watch.set_staff_closed(closed)
            self._retranslate()
            if closed:
                return translate("ToolsSection", "Closed: patrons see 'Out of service'.")
            return translate("ToolsSection", "Open to patrons again.")

        if not await self.act("close_to_patrons", run):
            self.close_button.setChecked(watch.staff_closed)

    def showEvent(self, event: QShowEvent) -> None:
        watch = self._services.availability
        if watch is not None:
            self.close_button.setChecked(watch.staff_closed)
            self._retranslate()
        super().showEvent(event)

    def _exit_tapped(self) -> None:
        if self.exit_button.isChecked():
            self._confirm.start()
            self._retranslate()
        else:
            self._confirm.stop()
            self.exit_kiosk()

    def _disarm(self) -> None:
        self.exit_button.setChecked(False)
        self._retranslate()

    @async_slot
    async def exit_kiosk(self) -> None:
        async def run() -> str:
            await self._services.journal.audit(
                self._services.on_duty.actor,
                "exit_kiosk",
                "kiosk",
                "staff left kiosk mode from the admin screen",
            )
            self._services.exit_kiosk()
            return ""

        await self.act("exit_kiosk", run)

    def _retranslate(self) -> None:
        self.test_print_button.setText(translate("ToolsSection", "Print a test page"))
        self.refresh_button.setText(translate("ToolsSection", "Reload films and sessions"))
        if self.close_button.isChecked():
            self.close_button.setText(translate("ToolsSection", "Open to patrons again"))
        else:
            self.close_button.setText(translate("ToolsSection", "Close to patrons"))
        if self.exit_button.isChecked():
            self.exit_button.setText(translate("ToolsSection", "Tap again to exit kiosk mode"))
        else:
            self.exit_button.setText(translate("ToolsSection", "Exit kiosk mode"))
        self._exit_note.setText(
            translate(
                "ToolsSection",
                "Closes the kiosk program. Nobody can buy or collect until it is started again.",
            )
        )
