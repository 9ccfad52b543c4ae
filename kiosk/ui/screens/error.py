"""Error: what happened and what to do next, one sentence each, and the reference
(查询码) staff find the transaction by, the biggest thing on the screen."""

from __future__ import annotations

from kiosk.errors import KioskError
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
from kiosk.ui import theme
from kiosk.ui.admin.wording import reference_name, reference_text
from kiosk.ui.error_words import error_text
from kiosk.ui.screens.base import Screen
from kiosk.ui.viewmodels import ErrorKind
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate


def error_texts(kind: ErrorKind) -> tuple[str, str]:
    """(what happened, what to do next), one sentence each, for each failure a patron
    can meet. Where staff must look something up, the patron shows the reference
    (查询码), the one name it has on every screen, the staff screen and the README."""
    texts = {
        ErrorKind.NETWORK: (
            translate(
                "ErrorScreen", "The kiosk cannot reach the cinema system; nothing was charged"
            ),
            translate("ErrorScreen", "Please try again in a minute, or buy at the service desk."),
        ),
        ErrorKind.SESSION_UNAVAILABLE: (
            translate("ErrorScreen", "This show can no longer be booked here"),
            translate(
                "ErrorScreen",
                "It may be about to start or sold out: please choose another time.",
            ),
        ),
        ErrorKind.SEATS_EXPIRED: (
            translate(
                "ErrorScreen",
                "The time to pay ran out; your seats were released and nothing was charged",
            ),
            translate("ErrorScreen", "Please start again to choose your seats."),
        ),
        ErrorKind.PAYMENT_FAILED: (
            translate("ErrorScreen", "The payment did not go through; nothing was charged"),
            translate("ErrorScreen", "Please try again, or pay at the service desk."),
        ),
        ErrorKind.PAYMENT_REFUNDED: (
            translate(
                "ErrorScreen", "We could not issue your tickets; your payment is being refunded"
            ),
            translate("ErrorScreen", "If you need help, show the reference at the service desk."),
        ),
        ErrorKind.PRINTER_OUT_OF_PAPER: (
            translate("ErrorScreen", "The ticket printer is out of paper; your booking is safe"),
            translate(
                "ErrorScreen", "Please show the reference at the service desk for your tickets."
            ),
        ),
        ErrorKind.PRINTER_FAULT: (
            translate("ErrorScreen", "The ticket printer is not working; your booking is safe"),
            translate(
                "ErrorScreen", "Please show the reference at the service desk for your tickets."
            ),
        ),
        ErrorKind.PRINTER_BEFORE_PAYMENT: (
            translate(
                "ErrorScreen",
                "The ticket printer cannot print right now; nothing was charged and your"
                " seats were released",
            ),
            translate("ErrorScreen", "Please buy your tickets at the service desk."),
        ),
        ErrorKind.UNEXPECTED: (
            translate("ErrorScreen", "Something went wrong"),
            translate(
                "ErrorScreen",
                "Please start again, and if it happens again show the reference at the"
                " service desk.",
            ),
        ),
    }
    return texts[kind]


def reference_px(reference: str) -> int:
    """The reference is the biggest thing on the screen; a long one (a purchase's 32
    characters, in groups of four) a size smaller, so it takes two lines at most."""
    return theme.HERO_PX + 32 if len(reference) <= 12 else theme.HERO_PX


class ReferenceView(QWidget):
    """The reference (查询码) under its name, large, in the code face (0/O, 1/I differ)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setProperty("role", "caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = QLabel()
        self.code.setObjectName("reference")
        self.code.setProperty("role", "code")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setWordWrap(True)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.caption)
        box.addWidget(self.code)

    def show_reference(self, reference: str) -> None:
        self.code.setText(reference_text(reference))
        self.code.setStyleSheet(f"font-size: {reference_px(reference)}px;")
        self.caption.setText(reference_name())
        self.setVisible(bool(reference))


class ErrorScreen(Screen):
    idle_policy = IdlePolicy.HOME

    retryRequested = Signal()
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: ErrorKind | None = None
        # a flow's refusal: its code's words, looked up again at each language switch
        self._refusal: KioskError | None = None
        self._reference = ""
        self._mark = QLabel("!")
        self._mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Smaller than the reference: that is what the patron must take away.
        self._mark.setFixedSize(104, 104)
        self._mark.setStyleSheet(
            f"font-size: 60px; font-weight: bold; color: {theme.BACKGROUND};"
            f" background: {theme.DANGER}; border-radius: 52px;"
        )
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._action = QLabel()
        self._action.setProperty("role", "large")
        self._action.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._action.setWordWrap(True)
        self.reference = ReferenceView()
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
        box.addWidget(self.reference)
        box.addStretch(3)
        box.addLayout(buttons)
        self.translated(self._retranslate)

    def show_refusal(self, error: KioskError, *, reference: str = "") -> None:
        """Show the words of a flow's refusal, then where to get help; both follow the
        language switch."""
        self._kind = None
        self._refusal = error
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
            self._title.setText(error_text(self._refusal))
            self._action.setText(
                translate(
                    "ErrorScreen", "If you need help, show the reference at the service desk."
                )
                if self._reference
                else translate("ErrorScreen", "If you need help, please ask at the service desk.")
            )
        self.reference.show_reference(self._reference)
        self.retry_button.setText(translate("ErrorScreen", "Try again"))
        self.home_button.setText(translate("ErrorScreen", "Back to start"))
