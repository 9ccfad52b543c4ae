"""Layout rules the screenshot tests hold on every screen: what a patron or staff member
would see as a broken screen even when every widget is individually the right size."""

from __future__ import annotations

from kiosk.qt import QAbstractButton, QLabel, QPoint, QRect, QWidget


def _window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def overlapping_buttons(root: QWidget) -> list[str]:
    """Visible buttons drawn on top of one another (a layout squeezed below its minimum
    stacks rows instead of shrinking them)."""
    buttons = [b for b in root.findChildren(QAbstractButton) if b.isVisible()]
    clashes = []
    for i, first in enumerate(buttons):
        for second in buttons[i + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            if _window_rect(first).intersects(_window_rect(second)):
                clashes.append(f"{first.text()!r} / {second.text()!r}")
    return clashes


def boxed_labels_without_padding(root: QWidget) -> list[str]:
    """Labels styled as a bordered box ("notice", "problem") whose text touches the border."""
    return [
        repr(label.text())
        for label in root.findChildren(QLabel)
        if label.isVisible()
        and label.property("role") in ("notice", "problem")
        and label.contentsRect().left() < 12
    ]


def clipped_buttons(root: QWidget) -> list[str]:
    """Visible buttons too narrow for their own words (Qt cuts the text off both ends)."""
    return [
        f"{b.text()!r} {b.width()}px"
        for b in root.findChildren(QAbstractButton)
        if b.isVisible()
        and b.text()
        and b.fontMetrics().horizontalAdvance(b.text()) > b.width() - 8
    ]
