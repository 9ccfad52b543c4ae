"""Collect, step one: type the pickup code (取票码) on the keypad or scan it.

While Connect is down the screen also asks for the booking number (订单号), which
lets the cinema's own system serve the patron; a QR code carrying both fills both.
"""

from __future__ import annotations

from kiosk.flows.pickup_code import WARN_TRIES_LEFT
from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QKeyEvent,
    QLabel,
    QPushButton,
    QShowEvent,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.screens.code_wait import CodeWait, wait_text
from kiosk.ui.viewmodels import CollectProblem
from kiosk.ui.widgets.keypad import CodeField, Keypad

translate = QCoreApplication.translate

# Shorter than any real pickup code: catches a half-typed code before asking the server.
MIN_CODE_LENGTH = 4


class CollectEntryScreen(StepScreen):
    codeEntered = Signal(str)
    bookingEntered = Signal(str, str)  # the code and the booking number, both typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem: CollectProblem | None = None
        self._lock_s = 0.0
        self._tries_left: int | None = None
        self._pause_s = 0.0
        self._how = QLabel()
        self._how.setProperty("role", "large")
        self._how.setWordWrap(True)
        self.field = CodeField()
        self.field.submitted.connect(self._submit)
        self.field.textChanged.connect(self._on_text)
        self._problem_label = QLabel()
        self._problem_label.setProperty("role", "problem")
        self._problem_label.setWordWrap(True)
        self._problem_label.hide()
        # the booking number, asked for only while Connect is down (ask_number)
        self.number_field = CodeField()
        self.number_field.submitted.connect(lambda _: self._submit(self.field.code()))
        self.number_field.hide()
        self.keypad = Keypad(self.field)
        for typed in (self.field, self.number_field):
            typed.focused.connect(lambda f=typed: self.keypad.set_field(f))
            typed.pairScanned.connect(self.fill_both)
        self.continue_button = QPushButton()
        self.continue_button.setProperty("variant", "primary")
        self.continue_button.clicked.connect(lambda: self._submit(self.field.code()))
        self._wait = CodeWait(self.continue_button, self._retranslate)
        entry = self._entry = QVBoxLayout()
        entry.setSpacing(theme.GAP_PX)
        entry.addWidget(self._how)
        entry.addWidget(self._problem_label)
        # side by side where height is short (the keypad stacked under a landscape)
        self._fields = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._fields.setSpacing(theme.GAP_PX)
        self._fields.addWidget(self.field)
        self._fields.addWidget(self.number_field)
        entry.addLayout(self._fields)
        entry.addStretch(1)
        self._main = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addLayout(entry, 1)
        self._main.addWidget(self.keypad, 2)
        self.body.addLayout(self._main, 1)
        self.body.addWidget(self.continue_button)
        self._on_text("")
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def reset(self) -> None:
        self._wait.stop()
        self._tries_left = None
        self.field.clear()
        self.number_field.clear()
        self.number_field.hide()
        self._problem = None
        self._retranslate()

    def ask_number(self) -> None:
        """Connect cannot check the code: ask for the booking number as well, saying why."""
        self.number_field.show()
        self.show_problem(CollectProblem.NUMBER_NEEDED)
        self.number_field.setFocus()

    def fill_both(self, code: str, number: str) -> None:
        """A scanned QR code that carries both: fill both fields and look them up."""
        self.field.setText(code)
        self.number_field.setText(number)
        self.number_field.show()
        self._submit(self.field.code())

    def show_problem(
        self,
        problem: CollectProblem,
        lock_s: float = 0,
        *,
        tries_left: int | None = None,
        pause_s: float = 0,
    ) -> None:
        """Say why the code was not accepted. ``lock_s``: how long until the next code
        is taken (counted down live on the button, which waits meanwhile);
        ``tries_left`` before the keypad pauses for ``pause_s``, said once few are left."""
        self._problem = problem
        self._lock_s = lock_s
        self._tries_left = tries_left
        self._pause_s = pause_s
        self._wait.start(lock_s)
        self.field.selectAll()
        self.field.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The scanner types into whatever has focus: make sure that is the field.
        self.field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = self.number_field if self.number_field.hasFocus() else self.field
        typed.setFocus()
        typed.event(event)

    def _arrange(self, portrait: bool) -> None:
        # Beside the keypad the field is narrower: only a wide window leaves it room to
        # show a long code at a readable size; a narrower one stacks them.
        side_by_side = self.is_wide()
        direction = (
            QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        )
        if self._main.direction() != direction:
            self._main.setDirection(direction)
        # Stacked, everything sits closer together so it all fits 1080 pixels.
        spacing = theme.GAP_PX * (2 if side_by_side else 1)
        fields = (
            QBoxLayout.Direction.TopToBottom
            if portrait or side_by_side
            else QBoxLayout.Direction.LeftToRight
        )
        if self._fields.direction() != fields:
            self._fields.setDirection(fields)
        if self._main.spacing() != spacing:
            self._main.setSpacing(spacing)
            self._entry.setSpacing(spacing // 2)

    def _on_text(self, text: str) -> None:
        self.continue_button.setEnabled(len(text) >= MIN_CODE_LENGTH and not self._wait.waiting())

    def _submit(self, code: str) -> None:
        if self._wait.waiting():
            return  # a scanner's Enter during the wait: the button says how long is left
        if len(code) < MIN_CODE_LENGTH:
            self.show_problem(CollectProblem.TOO_SHORT)
            return
        self._problem = None
        self._retranslate()
        number = self.number_field.code() if self.number_field.isVisible() else ""
        if number:
            self.bookingEntered.emit(code, number)
        else:
            self.codeEntered.emit(code)

    def _problem_text(self, problem: CollectProblem) -> str:
        return {
            CollectProblem.TOO_SHORT: translate(
                "CollectEntryScreen", "That code is too short. Please enter the whole code."
            ),
            CollectProblem.NOT_FOUND: translate(
                "CollectEntryScreen",
                "We could not find this code. Check it against your message and try again.",
            ),
            CollectProblem.ALREADY_PRINTED: translate(
                "CollectEntryScreen",
                "The tickets for this code were already printed. Please ask at the counter.",
            ),
            CollectProblem.REFUNDED: translate(
                "CollectEntryScreen",
                "This booking was cancelled or refunded, so there is nothing to print.",
            ),
            CollectProblem.TOO_MANY_TRIES: translate(
                "CollectEntryScreen",
                "Too many wrong codes. Please wait %1, or ask at the counter.",
            ).replace("%1", wait_text(self._wait.left() or self._lock_s)),
            CollectProblem.KIOSK_PAUSED: translate(
                "CollectEntryScreen",
                "This kiosk is not taking pickup codes for a while. Please ask at the counter.",
            ),
            CollectProblem.NUMBER_NEEDED: translate(
                "CollectEntryScreen",
                "We can't check codes online now: add the booking number from your message.",
            ),
        }[problem]

    def _problem_words(self, problem: CollectProblem) -> str:
        """The problem; once few tries are left, said with how many, in one sentence
        that still fits the line the problem had (the keys below must not move)."""
        left = self._tries_left
        if problem is not CollectProblem.NOT_FOUND or left is None or left > WARN_TRIES_LEFT:
            return formatting.no_orphan(self._problem_text(problem))
        text = (
            translate(
                "CollectEntryScreen",
                "Code not found: check it against your message. 1 try left, then a %2 wait.",
            )
            if left == 1
            else translate(
                "CollectEntryScreen",
                "Code not found: check it against your message. %1 tries left, then a %2 wait.",
            )
        )
        return formatting.no_orphan(
            text.replace("%1", str(left)).replace("%2", wait_text(self._pause_s))
        )

    def _retranslate(self) -> None:
        locks = (CollectProblem.TOO_MANY_TRIES, CollectProblem.KIOSK_PAUSED)
        if self._problem in locks and self._lock_s > 0 and not self._wait.waiting():
            self._problem = None  # the wait is over: codes are taken again
        self.header.set_title(translate("CollectEntryScreen", "Collect tickets"))
        self._how.setText(
            translate(
                "CollectEntryScreen",
                "Type your pickup code, or hold its QR code under the scanner.",
            )
        )
        self.field.setPlaceholderText(translate("CollectEntryScreen", "Pickup code"))
        self.number_field.setPlaceholderText(translate("CollectEntryScreen", "Booking number"))
        self.continue_button.setText(
            self._wait.label(translate("CollectEntryScreen", "Find my tickets ›"))
        )
        self._on_text(self.field.code())
        # A problem takes the place of the instructions: it says what to do now, and
        # the screen keeps its height (it must fit a 1080-pixel panel, keypad stacked).
        if self._problem is None:
            self._problem_label.hide()
            self._how.show()
        else:
            self._problem_label.setText(self._problem_words(self._problem))
            self._how.hide()
            self._problem_label.show()
