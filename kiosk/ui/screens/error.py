"""Error: what happened and what to do next, in plain words; a reference only for staff."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.i18n import in_chinese
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen
from kiosk.ui.viewmodels import ErrorKind
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate


def error_texts(kind: ErrorKind) -> tuple[str, str]:
    """(what happened, what to do next) for each failure a patron can meet."""
    texts = {
        ErrorKind.NETWORK: (
            translate("ErrorScreen", "The kiosk cannot reach the cinema system"),
            translate(
                "ErrorScreen",
                "Nothing was charged. Please try again in a minute, or buy at the counter.",
            ),
        ),
        ErrorKind.SESSION_UNAVAILABLE: (
            translate("ErrorScreen", "This show can no longer be booked here"),
            translate(
                "ErrorScreen",
                "It may be about to start or sold out. Please choose another time.",
            ),
        ),
        ErrorKind.SEATS_EXPIRED: (
            translate("ErrorScreen", "Your seats were released"),
            translate(
                "ErrorScreen",
                "The time to pay ran out and nothing was charged. Please start again.",
            ),
        ),
        ErrorKind.PAYMENT_FAILED: (
            translate("ErrorScreen", "The payment did not go through"),
            translate(
                "ErrorScreen",
                "Nothing was charged. Please try again, or pay at the counter.",
            ),
        ),
        ErrorKind.PAYMENT_REFUNDED: (
            translate("ErrorScreen", "We could not issue your tickets"),
            translate(
                "ErrorScreen",
                "Your payment is being refunded to your phone. Please keep this"
                " reference and ask at the counter if you need help.",
            ),
        ),
        ErrorKind.PRINTER_OUT_OF_PAPER: (
            translate("ErrorScreen", "The ticket printer is out of paper"),
            translate(
                "ErrorScreen",
                "Your booking is safe. Please go to the counter and show your pickup code.",
            ),
        ),
        ErrorKind.PRINTER_FAULT: (
            translate("ErrorScreen", "The ticket printer is not working"),
            translate(
                "ErrorScreen",
                "Your booking is safe. Please go to the counter and show your pickup code.",
            ),
        ),
        ErrorKind.PRINTER_BEFORE_PAYMENT: (
            translate("ErrorScreen", "The ticket printer cannot print right now"),
            translate(
                "ErrorScreen",
                "Nothing was charged and your seats were released. Please buy your tickets"
                " at the service desk.",
            ),
        ),
        ErrorKind.UNEXPECTED: (
            translate("ErrorScreen", "Something went wrong"),
            translate(
                "ErrorScreen",
                "Please start again. If it happens again, ask at the counter and show"
                " this reference.",
            ),
        ),
    }
    return texts[kind]


class ErrorScreen(Screen):
    idle_policy = IdlePolicy.HOME

    retryRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: ErrorKind | None = None
        # A flow's own sentence, (Chinese, English): the flows are Qt-free, so they
        # word it in both languages and the screen picks the patron's.
        self._refusal: tuple[str, str] | None = None
        self._reference = ""
        self._mark = QLabel("!")
        self._mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._mark.setFixedSize(160, 160)
        self._mark.setStyleSheet(
            f"font-size: 110px; font-weight: bold; color: {theme.BACKGROUND};"
            f" background: {theme.DANGER}; border-radius: 80px;"
        )
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._action = QLabel()
        self._action.setProperty("role", "large")
        self._action.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._action.setWordWrap(True)
        self._reference_label = QLabel()
        self._reference_label.setProperty("role", "muted")
        self._reference_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton()
        self.retry_button.setProperty("variant", "primary")
        self.retry_button.clicked.connect(self.retryRequested)
        self.home_button = QPushButton()
        self.home_button.clicked.connect(self.homeRequested)
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.GAP_PX)
        buttons.addStretch(1)
        buttons.addWidget(self.home_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 3, theme.MARGIN_PX, theme.MARGIN_PX * 3, 80)
        box.setSpacing(theme.GAP_PX * 2)
        box.addStretch(2)
        box.addWidget(self._mark, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self._title)
        box.addWidget(self._action)
        box.addWidget(self._reference_label)
        box.addStretch(3)
        box.addLayout(buttons)
        self.translated(self._retranslate)

    def show_refusal(self, message_zh: str, message_en: str, *, reference: str = "") -> None:
        """Show a flow's own sentence, then where to get help; both follow the language
        switch."""
        self._kind = None
        self._refusal = (message_zh, message_en)
        self._set_extras(reference, False)

    def show_kind(self, kind: ErrorKind, *, reference: str = "", can_retry: bool = False) -> None:
        """Show one of the known failures; its words follow the language switch."""
        self._kind = kind
        self._refusal = None
        self._set_extras(reference, can_retry)
        self._retranslate()

    def title(self) -> str:
        return self._title.text()

    def action(self) -> str:
        return self._action.text()

    def _set_extras(self, reference: str, can_retry: bool) -> None:
        self._reference = reference
        self.retry_button.setVisible(can_retry)
        self._retranslate()

    def _retranslate(self) -> None:
        if self._kind is not None:
            title, action = error_texts(self._kind)
            self._title.setText(title)
            self._action.setText(action)
        elif self._refusal is not None:
            message_zh, message_en = self._refusal
            self._title.setText(message_zh if in_chinese() else message_en)
            self._action.setText(
                translate("ErrorScreen", "If you need help, please ask at the counter.")
            )
        self._reference_label.setText(
            translate("ErrorScreen", "Reference for staff: %1").replace("%1", self._reference)
            if self._reference
            else ""
        )
        self.retry_button.setText(translate("ErrorScreen", "Try again"))
        self.home_button.setText(translate("ErrorScreen", "Back to start"))
