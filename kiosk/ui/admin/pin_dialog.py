"""The staff PIN pad: masked digits, a lockout after five wrong PINs, every attempt audited.

The typed PIN lives only in the field and in the call that checks it; the audit
row, the log and every message carry the outcome and the failure count, never
the digits. The scrypt check runs on a thread of its own (it takes tens of ms,
and a plain Python thread needs no Qt thread shutdown at exit).
"""

from __future__ import annotations

import asyncio
import logging
import math
from concurrent.futures import ThreadPoolExecutor

from kiosk.admin.login_audit import ADMIN_LOGIN, ADMIN_TARGET, audit_details, audit_reason
from kiosk.admin.pin import MAX_PIN_LENGTH, SHARED_PIN_ACTOR, PinGuard
from kiosk.journal import AsyncJournal
from kiosk.qt import (
    QAbstractButton,
    QButtonGroup,
    QCoreApplication,
    QFont,
    QFontMetrics,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QShowEvent,
    QSizePolicy,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.aio import async_slot
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.inactivity import IdlePolicy

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

KEY_PX = 120


def message_height() -> int:
    """Two lines of the problem box's text and its padding and border (theme.py)."""
    font = QFont()
    font.setPixelSize(theme.BODY_PX)
    return 2 * QFontMetrics(font).lineSpacing() + 2 * 16 + 2 * 2 + 8


class PinScreen(Screen):
    idle_policy = IdlePolicy.OFF  # the staff idle logout instead (kiosk.ui.admin.idle_logout)
    accepted = Signal(str)
    """The PIN was right; carries whose it is (the audit log's actor)."""
    cancelled = Signal()

    def __init__(
        self,
        guard: PinGuard,
        journal: AsyncJournal,
        max_failures: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._guard = guard
        self._max_failures = max_failures
        self._checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pin-check")
        self._journal = journal
        self._rejected = 0  # failures so far, for the message
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMaxLength(MAX_PIN_LENGTH)
        self.field.setReadOnly(True)  # digits come from the pad only
        self.field.textChanged.connect(self._update_buttons)
        self.message = QLabel()
        self.message.setProperty("role", "problem")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Its room is kept whether it shows or not, and is the same for one line or
        # two: the keypad below must not move under a finger when a message appears.
        self.message.setFixedHeight(message_height())
        kept = self.message.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(kept)
        self.message.hide()
        self._digits = QButtonGroup(self)
        self._digits.buttonClicked.connect(self._type)
        grid = QGridLayout()
        grid.setSpacing(theme.GAP_PX // 2)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit(digit), index // 3, index % 3)
        self.clear_button = self._key("")
        self.clear_button.clicked.connect(self.field.clear)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        self.delete_button = self._key("⌫")
        self.delete_button.clicked.connect(self._backspace)
        grid.addWidget(self.delete_button, 3, 2)
        pad = QWidget()
        pad.setLayout(grid)
        pad.setFixedWidth(KEY_PX * 3 + theme.GAP_PX + 40)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled)
        self.ok_button = QPushButton()
        self.ok_button.setProperty("variant", "primary")
        self.ok_button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.GAP_PX)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.ok_button, 1)
        column = QVBoxLayout()
        column.setSpacing(theme.GAP_PX)
        column.addStretch(1)
        column.addWidget(self._title)
        column.addWidget(self.field)
        column.addWidget(self.message)
        column.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(buttons)
        column.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(theme.MARGIN_PX, theme.MARGIN_PX, theme.MARGIN_PX, theme.MARGIN_PX)
        outer.addWidget(holder)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_state)
        self._busy = False
        self.translated(self._retranslate)

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("variant", "key")
        button.setFixedHeight(KEY_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _digit(self, digit: str) -> QPushButton:
        button = self._key(digit)
        self._digits.addButton(button)
        return button

    def reset(self) -> None:
        """Empty field; the lockout (kept by the guard) still shows if it is running."""
        self.field.clear()
        self._rejected = 0
        self._show_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_state()

    def _type(self, key: QAbstractButton) -> None:
        self.field.setText(self.field.text() + key.text())

    def _backspace(self) -> None:
        self.field.setText(self.field.text()[:-1])

    def _update_buttons(self) -> None:
        locked = self._guard.locked_for() > 0
        ready = bool(self.field.text()) and not locked and not self._busy
        self.ok_button.setEnabled(ready)
        for button in self._digits.buttons():
            button.setEnabled(not locked and not self._busy)

    @async_slot
    async def submit(self) -> None:
        pin = self.field.text()
        if not pin or self._busy:
            return
        self._busy = True
        self._update_buttons()
        try:
            await self._guard.restore(self._journal)  # a restart keeps the lockout
            attempt = await asyncio.get_running_loop().run_in_executor(
                self._checker, self._guard.attempt, pin
            )
            self.field.clear()
            reason = audit_reason(attempt)
            await self._journal.audit(
                attempt.actor or SHARED_PIN_ACTOR,
                ADMIN_LOGIN,
                ADMIN_TARGET,
                reason,
                audit_details(attempt),
            )
            log.info("admin login: %s (failures %d)", reason, attempt.failures)
        finally:
            self._busy = False
        self._rejected = attempt.failures
        self._show_state()
        if attempt.accepted:
            self.accepted.emit(attempt.actor)

    def _show_state(self) -> None:
        locked_s = self._guard.locked_for()
        if locked_s > 0:
            minutes, seconds = divmod(math.ceil(locked_s), 60)
            self.message.setText(
                translate(
                    "PinScreen", "Too many wrong PINs. The admin screen is locked for %1."
                ).replace("%1", f"{minutes}:{seconds:02d}")
            )
            self.message.show()
            self._tick.start()
        else:
            self._tick.stop()
            if not self._guard.configured:
                self.message.setText(
                    translate(
                        "PinScreen",
                        "No admin PIN is set on this kiosk. Set one with: kiosk admin-pin",
                    )
                )
                self.message.show()
            elif self._rejected:
                self.message.setText(
                    translate("PinScreen", "Wrong PIN (%1 of %2 tries).")
                    .replace("%1", str(self._rejected))
                    .replace("%2", str(self._max_failures))
                )
                self.message.show()
            else:
                self.message.hide()
        self._update_buttons()

    def _retranslate(self) -> None:
        self._title.setText(translate("PinScreen", "Staff PIN"))
        self.field.setPlaceholderText(translate("PinScreen", "Enter PIN"))
        self.clear_button.setText(translate("PinScreen", "Clear"))
        self.delete_button.setAccessibleName(translate("PinScreen", "Delete"))
        self.cancel_button.setText(translate("PinScreen", "Cancel"))
        self.ok_button.setText(translate("PinScreen", "Unlock"))
        self._show_state()
