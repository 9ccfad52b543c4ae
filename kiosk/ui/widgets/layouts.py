"""Emptying a layout that a screen refills from a new view-model."""

from __future__ import annotations

from kiosk.qt import QLayout


def clear_layout(layout: QLayout) -> None:
    """Take every item out now (so sizes are right at once) and delete its widgets later."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)
