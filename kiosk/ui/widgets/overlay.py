"""A layer over the whole kiosk window: the busy wait and the "still there?" prompt.

It follows its parent's size, dims what lies beneath, and re-words itself after a
language switch, so each overlay only lays out what it shows.
"""

from __future__ import annotations

from kiosk.qt import QColor, QEvent, QObject, QPainter, QPaintEvent, QWidget


class Overlay(QWidget):
    def __init__(self, parent: QWidget, dim_alpha: int) -> None:
        super().__init__(parent)
        self._dim = QColor(14, 16, 20, dim_alpha)
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        """Show over the whole parent, above its other children."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def _retranslate(self) -> None:
        """Set the overlay's words in the current language (subclasses)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and parent is not None and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._dim)
        painter.end()
