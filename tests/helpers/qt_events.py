"""Counting the events of one kind a widget receives, to see what Qt did for it."""

from __future__ import annotations

from kiosk.qt import QEvent, QObject


class EventCount(QObject):
    """Install as a widget's event filter; ``seen`` counts its events of ``kind``."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.seen += 1
        return False
