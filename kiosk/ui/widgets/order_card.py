"""The card both review screens open with: the film, then its day, time and hall."""

from __future__ import annotations

from kiosk.qt import QFrame, QLabel, QVBoxLayout, QWidget


class OrderCard(QFrame):
    """``film`` and ``when`` are filled by the screen; ``lines`` takes what follows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.film = QLabel()
        self.film.setProperty("role", "heading")
        self.film.setWordWrap(True)
        self.when = QLabel()
        self.when.setProperty("role", "large")
        self.when.setWordWrap(True)
        self.lines = QVBoxLayout(self)
        self.lines.setContentsMargins(36, 28, 36, 28)
        self.lines.setSpacing(16)
        self.lines.addWidget(self.film)
        self.lines.addWidget(self.when)
