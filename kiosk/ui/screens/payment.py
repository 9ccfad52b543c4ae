"""Payment: a QR code per provider side by side (微信支付, 支付宝), the amount and what it
pays for, the time left, the scanner for a payment code (付款码), and Cancel.

A scanner is a keyboard: it types the code into the field, which shows dots only (the
code is a bearer credential, never shown back), and its Enter hands the code on. Cancel
asks first, in a prompt over the screen, so one tap never loses the order.
"""

from __future__ import annotations

from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPushButton,
    QResizeEvent,
    QShowEvent,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.theme import set_style_property
from kiosk.ui.viewmodels import CodeProblem, PaymentView
from kiosk.ui.widgets.countdown import Countdown
from kiosk.ui.widgets.layouts import clear_layout
from kiosk.ui.widgets.order_card import OrderCard
from kiosk.ui.widgets.overlay import Overlay
from kiosk.ui.widgets.qr_view import QrView

translate = QCoreApplication.translate

QR_PX = 520  # one QR alone
TWO_QR_PX = 440  # each of two side by side, at most
# Below this a phone held at arm's length struggles (some 60 mm on a 21.5" panel).
SMALLEST_QR_PX = 280
INFO_MIN_PX = 520  # the column beside the QRs in landscape
PROMPT_PX = 900  # the cancel prompt's card, at most
TILE_PAD_PX = 36  # a tile's margins and border around its QR
# A payment code is at most 24 digits; anything longer is not one.
MAX_PAY_CODE = 32


class PayCodeField(QLineEdit):
    """Where the scanner types a payment code: shown as dots, handed on at its Enter and
    cleared at once, so nothing of it stays on screen."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(MAX_PAY_CODE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.returnPressed.connect(self._hand_on)

    def _hand_on(self) -> None:
        code = self.text().strip()
        self.clear()
        if code:
            self.scanned.emit(code)


class _QrTile(QFrame):
    """One provider's QR with its name above it."""

    def __init__(self, wallet: str, payload: str, size_px: int) -> None:
        super().__init__()
        self.setProperty("role", "card")
        # as large as its QR, never more: the room left goes to the words beside
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.wallet = wallet
        self.label = QLabel()
        self.label.setProperty("role", "heading")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrView(size_px)
        self.qr.set_payload(payload)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 16)
        box.setSpacing(8)
        box.addWidget(self.label)
        box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(wallet_name(self.wallet))
        # the simulator's own QR stands for either wallet: no name over it
        self.label.setVisible(bool(self.label.text()))


class CancelPrompt(Overlay):
    """ "Cancel this order?" over the payment screen, its two answers side by side in the
    middle, away from the Cancel button: a second tap there lands on nothing."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, dim_alpha=200)
        card = QFrame()
        card.setProperty("role", "card")
        self.text = QLabel()
        self.text.setProperty("role", "heading")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = QPushButton()
        self.keep_button = QPushButton()
        self.keep_button.setProperty("variant", "primary")
        buttons = QHBoxLayout()
        buttons.setSpacing(theme.GAP_PX)
        buttons.addWidget(self.confirm_button, 1)
        buttons.addWidget(self.keep_button, 1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(48, 40, 48, 40)
        inner.setSpacing(theme.GAP_PX * 2)
        inner.addWidget(self.text)
        inner.addLayout(buttons)
        self._box = QVBoxLayout(self)
        self._box.addStretch(1)
        # no alignment flag: an aligned widget loses its wrapped words' height
        self._box.addWidget(card)
        self._box.addStretch(1)
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        side = max(theme.MARGIN_PX, (self.width() - PROMPT_PX) // 2)
        self._box.setContentsMargins(side, 0, side, 0)

    def _retranslate(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(
            translate("PaymentScreen", "Cancel this order? Your seats will be released.")
        )
        self.confirm_button.setText(translate("PaymentScreen", "Yes, cancel"))
        self.keep_button.setText(translate("PaymentScreen", "Keep paying"))


def wallet_name(wallet: str) -> str:
    return {
        "wechatpay": translate("PaymentScreen", "WeChat Pay"),
        "alipay": translate("PaymentScreen", "Alipay"),
    }.get(wallet, "")


class PaymentScreen(StepScreen):
    holds_order = True
    cancelRequested = Signal()
    expired = Signal()
    codeScanned = Signal(str)  # a payment code from the scanner: never log it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, back=False)
        self._view: PaymentView | None = None
        self._tiles: list[_QrTile] = []
        self._code_state: str | None = None
        self._problem: CodeProblem | None = None
        self._refunded = False
        self._confirming = False

        self._qr_row = QHBoxLayout()
        self._qr_row.setSpacing(theme.GAP_PX)
        self._how = QLabel()  # body size: the amount and the QRs' names say the most
        self._how.setWordWrap(True)
        self._card = OrderCard()
        self._card.lines.setContentsMargins(28, 18, 28, 18)
        self._card.lines.setSpacing(8)
        self._seats = QLabel()
        self._seats.setProperty("role", "accent")
        self._seats.setWordWrap(True)
        self._card.lines.addWidget(self._seats)
        qrs = QVBoxLayout()
        qrs.setSpacing(theme.GAP_PX)
        qrs.addLayout(self._qr_row)
        qrs.addWidget(self._card)
        qrs.addStretch(1)

        self._amount_caption = QLabel()
        self._amount_caption.setProperty("role", "large")
        self._amount = QLabel()
        self._amount.setProperty("role", "hero")
        amount = QHBoxLayout()
        amount.addWidget(self._amount_caption)
        amount.addWidget(self._amount, 0, Qt.AlignmentFlag.AlignVCenter)
        amount.addStretch(1)
        self._expires = QLabel()
        self._expires.setProperty("role", "caption")
        self.countdown = Countdown()
        self.countdown.expired.connect(self.expired)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self._expires)
        timer_row.addWidget(self.countdown)
        timer_row.addStretch(1)

        self._scan_caption = QLabel()
        self._scan_caption.setProperty("role", "large")
        self._scan_caption.setWordWrap(True)
        self.code_field = PayCodeField()
        self.code_field.scanned.connect(self._scanned)
        self._code_status = QLabel()
        self._code_status.setWordWrap(True)
        self._code_status.hide()

        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._ask_to_cancel)
        self.cancel_prompt = CancelPrompt(self)
        self.confirm_cancel_button = self.cancel_prompt.confirm_button
        self.keep_paying_button = self.cancel_prompt.keep_button
        self.confirm_cancel_button.clicked.connect(self._confirmed)
        self.keep_paying_button.clicked.connect(self._keep_paying)

        info = QVBoxLayout()
        info.setSpacing(theme.GAP_PX // 2)
        info.addLayout(amount)
        info.addWidget(self._how)
        info.addLayout(timer_row)
        info.addSpacing(theme.GAP_PX // 2)
        info.addWidget(self._scan_caption)
        info.addWidget(self.code_field)
        info.addWidget(self._code_status)
        info.addStretch(1)
        info.addWidget(self.cancel_button)
        self._info_box = QWidget()
        self._info_box.setLayout(info)
        info.setContentsMargins(0, 0, 0, 0)

        paying = QWidget()
        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight, paying)
        self._main.setContentsMargins(0, 0, 0, 0)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addLayout(qrs, 0)
        self._main.addWidget(self._info_box, 1)

        done = QWidget()
        self._cancelled_title = QLabel()
        self._cancelled_title.setProperty("role", "hero")
        self._cancelled_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._cancelled_text = QLabel()
        self._cancelled_text.setProperty("role", "large")
        self._cancelled_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._cancelled_text.setWordWrap(True)
        said = QVBoxLayout(done)
        said.addStretch(1)
        said.addWidget(self._cancelled_title)
        said.addWidget(self._cancelled_text)
        said.addStretch(2)

        self._pages = QStackedWidget()
        self._pages.addWidget(paying)
        self._pages.addWidget(done)
        self.body.addWidget(self._pages, 1)
        self._show_buttons()
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    # ---- what the controller calls ------------------------------------------------

    def show_payment(self, view: PaymentView) -> None:
        self._view = view
        self._code_state = None
        self._problem = None
        self._confirming = False
        self._pages.setCurrentIndex(0)
        clear_layout(self._qr_row)
        self._tiles = [_QrTile(q.wallet, q.payload, self._qr_px()) for q in view.qrs]
        for tile in self._tiles:
            self._qr_row.addWidget(tile)
        self._show_buttons()
        self._fit_qrs()
        self._retranslate()
        self.countdown.start(view.expires_in_s)
        self.code_field.clear()
        self.code_field.setFocus()

    def show_code_state(self, state: str | None) -> None:
        """A scanned code being charged ("charging"), waiting for the patron to confirm
        on the phone ("confirm_on_phone"), or none in hand (None)."""
        self._code_state = state
        if state is not None:
            self._problem = None
        self._show_code_status()

    def show_code_problem(self, problem: CodeProblem) -> None:
        """The scanned code took no money: say why; the QRs stay payable."""
        self._code_state = None
        self._problem = problem
        self._show_code_status()
        self.code_field.setFocus()

    def show_cancelled(self, *, refunded: bool) -> None:
        """The order is let go: say so before the kiosk goes home."""
        self.countdown.stop()
        self._refunded = refunded
        self._confirming = False  # however it ended, nothing is left to answer
        self._show_buttons()
        self._pages.setCurrentIndex(1)
        self._retranslate()

    def stop(self) -> None:
        self.countdown.stop()

    def qr_tiles(self) -> list[tuple[str, QrView]]:
        """Each QR on screen with its provider's name, in screen order."""
        return [(tile.label.text(), tile.qr) for tile in self._tiles]

    def confirming(self) -> bool:
        return self._confirming

    # ---- the patron's taps and the scanner ----------------------------------------

    def _scanned(self, code: str) -> None:
        if self._confirming:
            self._keep_paying()  # paying is what they want after all
        self.codeScanned.emit(code)

    def _ask_to_cancel(self) -> None:
        self._confirming = True
        self._show_buttons()

    def _keep_paying(self) -> None:
        self._confirming = False
        self._show_buttons()
        self.code_field.setFocus()

    def _confirmed(self) -> None:
        self._confirming = False
        self._show_buttons()
        self.cancelRequested.emit()

    def _show_buttons(self) -> None:
        if self._confirming:
            self.cancel_prompt.cover()
        else:
            self.cancel_prompt.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.code_field.setFocus()  # the scanner types into whatever has focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.code_field.setFocus()
        self.code_field.event(event)

    # ---- layout ---------------------------------------------------------------------

    def _qr_px(self) -> int:
        """As large as the room allows: side by side they share the width left beside
        the words (landscape) or the whole width (portrait)."""
        count = max(1, len(self._view.qrs) if self._view else 1)
        most = QR_PX if count == 1 else TWO_QR_PX
        room = self.width() - 2 * theme.MARGIN_PX - (count - 1) * theme.GAP_PX
        room -= count * TILE_PAD_PX
        if not self.is_portrait():
            room -= INFO_MIN_PX + theme.GAP_PX * 2
        return max(SMALLEST_QR_PX, min(most, room // count))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_qrs()

    def _fit_qrs(self) -> None:
        px = self._qr_px()
        for tile in self._tiles:
            if tile.qr.width() != px:
                tile.qr.set_size(px)
        # the order under the QRs as wide as they are: the rest is the column beside
        count = max(1, len(self._tiles))
        row = count * (px + TILE_PAD_PX) + (count - 1) * theme.GAP_PX
        self._card.setMaximumWidth(16777215 if self.is_portrait() else row)

    def _arrange(self, portrait: bool) -> None:
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._info_box.setMinimumWidth(0 if portrait else INFO_MIN_PX)

    # ---- words ----------------------------------------------------------------------

    def _show_code_status(self) -> None:
        text = ""
        role = "large"
        if self._problem is not None:
            text, role = self._problem_text(self._problem), "problem"
        elif self._code_state == "confirm_on_phone":
            text, role = translate("PaymentScreen", "Please confirm on your phone"), "notice"
        elif self._code_state is not None:
            text = translate("PaymentScreen", "Taking the payment…")
        self._code_status.setText(text)
        set_style_property(self._code_status, "role", role)
        self._code_status.setVisible(bool(text))
        # the patron has found the scanner: what it says of their code takes the place
        # of how to use it (a narrow column has room for one of them)
        self._scan_caption.setVisible(not text)

    def _problem_text(self, problem: CodeProblem) -> str:
        return {
            CodeProblem.NOT_A_CODE: translate(
                "PaymentScreen",
                "That is not a WeChat Pay or Alipay payment code. Show the payment code"
                " in your wallet, or scan a QR code.",
            ),
            CodeProblem.NOT_TAKEN: translate(
                "PaymentScreen",
                "This kiosk does not take that wallet. Please scan a QR code instead.",
            ),
            CodeProblem.BUSY: translate(
                "PaymentScreen", "A payment code is being taken. Please wait a moment."
            ),
            CodeProblem.DECLINED: translate(
                "PaymentScreen",
                "The payment code was not accepted and nothing was taken. Try again,"
                " or scan a QR code.",
            ),
            CodeProblem.NOT_CONFIRMED: translate(
                "PaymentScreen",
                "The payment was not confirmed in time, so nothing was taken. Try again,"
                " or scan a QR code.",
            ),
        }[problem]

    def _retranslate(self) -> None:
        cancelled = self._pages.currentIndex() == 1
        # Once the order is let go, "Scan to pay" above 已取消 would tell the patron to pay.
        self.header.set_title(
            translate("PaymentScreen", "Cancelled")
            if cancelled
            else translate("PaymentScreen", "Scan to pay")
        )
        self._amount_caption.setText(translate("PaymentScreen", "Amount to pay"))
        view = self._view
        if view is not None:
            self._amount.setText(formatting.money(view.amount_fen))
        order = view.order if view is not None else None
        self._card.setVisible(order is not None)
        if order is not None:
            self._card.film.setText(order.film_title)
            self._card.when.setText(
                f"{formatting.date_line(order.starts_at, formatting.today())} · {order.screen_name}"
            )
            self._seats.setText(
                "  ".join(formatting.seat_name(s.row_name, s.seat_id) for s in order.seats)
            )
        for tile in self._tiles:
            tile.retranslate()
        self._how.setText(
            formatting.no_orphan(
                translate(
                    "PaymentScreen",
                    "Open WeChat or Alipay on your phone and scan the code. Your tickets"
                    " print as soon as the payment arrives.",
                )
            )
        )
        self._expires.setText(translate("PaymentScreen", "Code valid for"))
        self._scan_caption.setText(
            translate("PaymentScreen", "Or hold your phone's payment code under the scanner")
        )
        self.code_field.setPlaceholderText(translate("PaymentScreen", "Payment code"))
        self._show_code_status()
        self.cancel_button.setText(translate("PaymentScreen", "Cancel payment"))
        self.cancel_prompt.retranslate()
        self._cancelled_title.setText(translate("PaymentScreen", "Cancelled"))
        self._cancelled_text.setText(
            translate(
                "PaymentScreen",
                "Your payment is being refunded to your phone. Your seats have been released.",
            )
            if self._refunded
            else translate("PaymentScreen", "Nothing was charged. Your seats have been released.")
        )
