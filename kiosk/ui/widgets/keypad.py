"""The pickup-code field and its on-screen keypad; the barcode scanner types into the same field.

A keyboard-wedge scanner "types" the code and presses Enter, so the field keeps
keyboard focus (keypad keys never take it) and Enter submits. Whatever arrives,
from keys, scanner or paste, is reduced to upper-case letters and digits.
"""

from __future__ import annotations

import re

from kiosk.flows.pickup_code import split_scanned
from kiosk.qt import (
    QAbstractButton,
    QButtonGroup,
    QCoreApplication,
    QEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QGridLayout,
    QKeyEvent,
    QLineEdit,
    QPushButton,
    QResizeEvent,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme

translate = QCoreApplication.translate

MAX_CODE_LENGTH = 24
# A long code is drawn smaller rather than scrolled: a patron checking a 16-digit
# booking number against their phone must see all of it. Not below this size.
SMALLEST_TEXT_PX = 36
# QLineEdit's own margin each side of its text, inside the padding (Qt's private
# horizontalMargin in qlineedit_p.h).
_LINE_EDIT_MARGIN_PX = 2
_NOT_CODE = re.compile(r"[^0-9A-Z]")

# QWERTY: the layout every patron already knows from phone pinyin input.
KEY_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


def normalise_code(text: str) -> str:
    """Upper-case letters and digits only: scanners add spaces, patrons type lower case."""
    return _NOT_CODE.sub("", text.upper())[:MAX_CODE_LENGTH]


class CodeField(QLineEdit):
    """The one field both the keypad and the scanner fill; emits ``submitted`` on Enter.

    A scan is also kept as typed, separators and all, until its Enter: a QR code that
    carries both the pickup code and the booking number emits ``pairScanned`` instead,
    as the clean text has lost what told the two apart."""

    submitted = Signal(str)
    pairScanned = Signal(str, str)  # pickup code, booking number
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scanned = ""
        self._px = theme.FIELD_TEXT_PX
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMaxLength(MAX_CODE_LENGTH)
        self.setProperty("role", "code")  # the face where 0/O and 1/I differ
        self.textChanged.connect(self._normalise)
        self.returnPressed.connect(lambda: self.submitted.emit(self.text()))

    def code(self) -> str:
        return self.text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            scanned, self._scanned = self._scanned, ""
            pair = split_scanned(scanned)
            if pair is not None:
                self.pairScanned.emit(*pair)
                return
        elif event.text().isprintable():
            self._scanned += event.text()
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def text_px(self) -> int:
        """The text's pixel size now: smaller than the theme's when the code is long."""
        return self._px

    def text_room_px(self) -> int:
        """The width the text may take without scrolling."""
        inset = theme.FIELD_PAD_PX + theme.FIELD_BORDER_PX + _LINE_EDIT_MARGIN_PX
        return self.width() - 2 * inset

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(self.text())

    def _normalise(self, text: str) -> None:
        if not text:
            self._scanned = ""  # cleared: a scan starts afresh
        clean = normalise_code(text)
        if clean != text:
            self.setText(clean)  # comes back here with the clean text
            return
        self._fit(text)

    def _fit(self, text: str) -> None:
        font = QFont(self.font())
        px = theme.FIELD_TEXT_PX
        while px > SMALLEST_TEXT_PX:
            font.setPixelSize(px)
            if QFontMetrics(font).horizontalAdvance(text) <= self.text_room_px():
                break
            px -= 2
        if px != self._px:
            self._px = px
            # A widget's own style sheet wins over the application's QLineEdit rule.
            self.setStyleSheet("" if px == theme.FIELD_TEXT_PX else f"font-size: {px}px;")


class Keypad(QWidget):
    """Large keys A-Z and 0-9 plus delete and clear, feeding a ``CodeField``."""

    def __init__(self, field: CodeField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._backspace = self._key("⌫")
        self._backspace.setAutoRepeat(True)
        self._backspace.clicked.connect(self._field.backspace)
        self._clear = self._key("")
        self._clear.setProperty("variant", "quiet")
        self._clear.clicked.connect(self._field.clear)
        self._chars = QButtonGroup(self)
        self._chars.buttonClicked.connect(self._type)
        grid = QGridLayout()
        grid.setSpacing(12)
        for r, row in enumerate(KEY_ROWS):
            for c, char in enumerate(row):
                key = self._key(char)
                self._chars.addButton(key)
                grid.addWidget(key, r, c)
        grid.addWidget(self._backspace, 2, 9)
        grid.addWidget(self._clear, 3, 7, 1, 3)
        for c in range(10):
            grid.setColumnStretch(c, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(grid)
        self._retranslate()

    def _key(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("variant", "key")
        # Keys must never take focus from the field, or scanner input would be lost.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The stylesheet makes keys 84 px wide (23 mm) so ten fit a portrait row.
        button.setMinimumHeight(theme.TOUCH_PX)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def _type(self, key: QAbstractButton) -> None:
        self._field.insert(key.text())
        self._field.setFocus()

    def set_field(self, field: CodeField) -> None:
        """Type into ``field`` from now on (a screen with two fields follows the focus)."""
        self._backspace.clicked.disconnect(self._field.backspace)
        self._clear.clicked.disconnect(self._field.clear)
        self._field = field
        self._backspace.clicked.connect(field.backspace)
        self._clear.clicked.connect(field.clear)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._clear.setText(translate("Keypad", "Clear"))
        self._backspace.setAccessibleName(translate("Keypad", "Delete"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A scanner typing while focus sits elsewhere on the screen still reaches the field.
        self._field.setFocus()
        self._field.event(event)
