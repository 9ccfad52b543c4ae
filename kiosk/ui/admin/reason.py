"""The reason a staff action needs: one tap on a common reason, or typed text.

Staff at a touch panel rarely have a keyboard, so the usual reasons are buttons.
The audit trail stores the English wording of a chosen reason (the same whatever
language the screen was in); typed text is stored as typed.
"""

from __future__ import annotations

from kiosk.qt import (
    QAbstractButton,
    QButtonGroup,
    QCoreApplication,
    QEvent,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.widgets.layouts import place_in_columns

translate = QCoreApplication.translate


REASONS = ("Paper ran out", "Ticket jammed", "Ticket damaged", "Printer fault")


def _shown_reasons() -> tuple[str, ...]:
    # REASONS again as literal translate() calls: lupdate only finds literal strings.
    return (
        translate("ReasonPicker", "Paper ran out"),
        translate("ReasonPicker", "Ticket jammed"),
        translate("ReasonPicker", "Ticket damaged"),
        translate("ReasonPicker", "Printer fault"),
    )


class ReasonPicker(QWidget):
    changed = Signal()

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._grid = grid = QGridLayout()
        grid.setSpacing(theme.GAP_PX // 2)
        for index, _ in enumerate(REASONS):
            button = QPushButton()
            button.setCheckable(True)
            self._group.addButton(button, index)
        self.set_columns(columns)
        self._group.buttonClicked.connect(self._on_preset)
        self.other = QLineEdit()
        self.other.setStyleSheet(f"font-size: {theme.BODY_PX}px; font-weight: normal;")
        self.other.textChanged.connect(self._on_typed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.GAP_PX // 2)
        box.addLayout(grid)
        box.addWidget(self.other)
        self._retranslate()

    def set_columns(self, columns: int) -> None:
        """Reasons per row: one row of four saves a button's height where a landscape
        half panel has no height to spare."""
        # Smaller type than other buttons: two (or four) reasons side by side in a half panel.
        size = theme.SMALL_PX if columns <= 2 else theme.SMALL_PX - 6
        for button in self._group.buttons():
            button.setStyleSheet(f"font-size: {size}px; padding: 8px 4px;")
        place_in_columns(self._grid, self._group.buttons(), columns)

    def reason(self) -> str:
        """The reason for the audit trail, or "" while none is given."""
        typed = self.other.text().strip()
        if typed:
            return typed
        checked = self._group.checkedId()
        return REASONS[checked] if checked >= 0 else ""

    def choose(self, index: int) -> None:
        button = self._group.button(index)
        button.click()

    def clear(self) -> None:
        self._group.setExclusive(False)
        for button in self._group.buttons():
            button.setChecked(False)
        self._group.setExclusive(True)
        self.other.clear()
        self.changed.emit()

    def _on_preset(self, _button: QAbstractButton) -> None:
        self.other.blockSignals(True)
        self.other.clear()
        self.other.blockSignals(False)
        self.changed.emit()

    def _on_typed(self, text: str) -> None:
        if text:
            self._group.setExclusive(False)
            for button in self._group.buttons():
                button.setChecked(False)
            self._group.setExclusive(True)
        self.changed.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for button, text in zip(self._group.buttons(), _shown_reasons(), strict=True):
            button.setText(text)
        self.other.setPlaceholderText(translate("ReasonPicker", "Or type another reason"))
