"""Collect, step one: type the pickup code (取票码) on the keypad or scan it."""

from __future__ import annotations

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
from kiosk.ui import theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.viewmodels import CollectProblem
from kiosk.ui.widgets.keypad import CodeField, Keypad

translate = QCoreApplication.translate

# Shorter than any real pickup code: catches a half-typed code before asking the server.
MIN_CODE_LENGTH = 4


class CollectEntryScreen(StepScreen):
    codeEntered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem: CollectProblem | None = None
        self._lock_s = 0
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
        self.keypad = Keypad(self.field)
        self.continue_button = QPushButton()
        self.continue_button.setProperty("variant", "primary")
        self.continue_button.clicked.connect(lambda: self._submit(self.field.code()))
        entry = self._entry = QVBoxLayout()
        entry.setSpacing(theme.GAP_PX)
        entry.addWidget(self._how)
        entry.addWidget(self._problem_label)
        entry.addWidget(self.field)
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
        self.field.clear()
        self._problem = None
        self._retranslate()

    def show_problem(self, problem: CollectProblem, lock_s: int = 0) -> None:
        """Say why the code was not accepted; ``lock_s`` is the wait after too many tries."""
        self._problem = problem
        self._lock_s = lock_s
        self._retranslate()
        self.field.selectAll()
        self.field.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The scanner types into whatever has focus: make sure that is the field.
        self.field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.field.setFocus()
        self.field.event(event)

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
        if self._main.spacing() != spacing:
            self._main.setSpacing(spacing)
            self._entry.setSpacing(spacing // 2)

    def _on_text(self, text: str) -> None:
        self.continue_button.setEnabled(len(text) >= MIN_CODE_LENGTH)

    def _submit(self, code: str) -> None:
        if len(code) < MIN_CODE_LENGTH:
            self.show_problem(CollectProblem.TOO_SHORT)
            return
        self._problem = None
        self._retranslate()
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
                "Too many wrong codes. Please wait %1 seconds, or ask at the counter.",
            ).replace("%1", str(self._lock_s)),
        }[problem]

    def _retranslate(self) -> None:
        self.header.set_title(translate("CollectEntryScreen", "Collect tickets"))
        self._how.setText(
            translate(
                "CollectEntryScreen",
                "Type your pickup code, or hold its QR code under the scanner.",
            )
        )
        self.field.setPlaceholderText(translate("CollectEntryScreen", "Pickup code"))
        self.continue_button.setText(translate("CollectEntryScreen", "Find my tickets ›"))
        # A problem takes the place of the instructions: it says what to do now, and
        # the screen keeps its height (it must fit a 1080-pixel panel, keypad stacked).
        if self._problem is None:
            self._problem_label.hide()
            self._how.show()
        else:
            self._problem_label.setText(self._problem_text(self._problem))
            self._how.hide()
            self._problem_label.show()
