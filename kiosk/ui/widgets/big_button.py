"""Buttons that hold a layout of labels: a big title with a caption, film and session cards."""

from __future__ import annotations

from kiosk.qt import (
    QLabel,
    QPushButton,
    QResizeEvent,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
)
from kiosk.ui import theme


class LayoutButton(QPushButton):
    """A push button sized by the labels laid out on it, not by its (empty) own text.

    QPushButton measures only its text, so without this a card with three lines
    would be squeezed to one line's height and clip them. A card whose words wrap
    at the width it is given asks for the height of the wrapped lines too: grids
    and scroll areas do not pass a button's height-for-width on by themselves.
    """

    _floor: int | None = None  # the minimum height set before any wrapping

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        if self._floor is None:
            self._floor = self.minimumHeight()
        needed = max(self._floor, layout.totalHeightForWidth(self.width()))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        # Lay the labels out over the new height now: a button's own layout is not
        # redone on a resize that comes while it is marked out of date.
        if layout.geometry() != self.contentsRect():
            layout.setGeometry(self.contentsRect())

    def sizeHint(self) -> QSize:
        layout = self.layout()
        own = super().sizeHint()
        return own.expandedTo(layout.sizeHint()) if layout is not None else own

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        own = super().minimumSizeHint()
        return own.expandedTo(layout.minimumSize()) if layout is not None else own


class BigButton(LayoutButton):
    def __init__(
        self, variant: str = "hero", *, min_height: int = 320, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("variant", variant)
        self.setMinimumHeight(max(min_height, theme.TOUCH_PX))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._title = QLabel()
        self._caption = QLabel()
        for label in (self._title, self._caption):
            # Labels sit on the button; taps must reach the button underneath them.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self._title.setObjectName("bigTitle")
        self._caption.setObjectName("bigCaption")
        box = QVBoxLayout(self)
        box.setContentsMargins(32, 24, 32, 24)
        box.setSpacing(12)
        box.addStretch(1)
        box.addWidget(self._title)
        box.addWidget(self._caption)
        box.addStretch(1)

    def set_texts(self, title: str, caption: str = "") -> None:
        self._title.setText(title)
        self._caption.setText(caption)
        self._caption.setVisible(bool(caption))
        self.setAccessibleName(title)

    def title(self) -> str:
        return self._title.text()
