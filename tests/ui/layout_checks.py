"""Layout rules the screenshot tests hold on every screen: what a patron or staff member
would see as a broken screen even when every widget is individually the right size."""

from __future__ import annotations

# Style internals the kiosk itself never needs, so kiosk.qt does not carry them.
from PySide6.QtWidgets import QStyle, QStyleOptionButton

from kiosk.qt import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPoint,
    QPushButton,
    QRect,
    QScrollArea,
    QScroller,
    QWidget,
)


def settle_layout(root: QWidget, *, rounds: int = 20) -> None:
    """Let Qt finish laying ``root`` out before it is judged. A word-wrapped label whose
    text goes from one line to two (a pickup code, then a purchase's long reference)
    gets its new height only in a second layout pass, posted by the first: one short
    wait can judge the screen between the two and report a cut label no patron sees.
    Stops once no label or button moves between two passes."""

    def geometry() -> list[tuple[int, int, int, int]]:
        widgets = [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]
        return [w.geometry().getRect() for w in widgets if w.isVisible()]

    before = geometry()
    for _ in range(rounds):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        after = geometry()
        if after == before:
            return
        before = after


def _window_rect(widget: QWidget) -> QRect:
    """Where the widget shows in its window: only the part its parents leave visible
    (a row scrolled under a scroll area's edge is hidden there, not overlapping)."""
    seen = widget.visibleRegion().boundingRect()
    return seen.translated(widget.mapTo(widget.window(), QPoint(0, 0)))


def overlapping_buttons(root: QWidget) -> list[str]:
    """Visible buttons drawn on top of one another (a layout squeezed below its minimum
    stacks rows instead of shrinking them)."""
    settle_layout(root)  # judged as the patron sees it, not between two passes
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
    settle_layout(root)  # judged as the patron sees it, not between two passes
    return [
        repr(label.text())
        for label in root.findChildren(QLabel)
        if label.isVisible()
        and label.property("role") in ("notice", "problem")
        and label.contentsRect().left() < 12
    ]


def _text_room(button: QAbstractButton) -> int:
    """The width a button's style leaves for its text, inside the style sheet's padding."""
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        contents = QStyle.SubElement.SE_PushButtonContents
        return button.style().subElementRect(contents, option, button).width()
    return button.width() - 8


def clipped_buttons(root: QWidget) -> list[str]:
    """Visible buttons too narrow for their own words (Qt cuts the text off both ends)."""
    settle_layout(root)  # judged as the patron sees it, not between two passes
    return [
        f"{b.text()!r} {b.width()}px"
        for b in root.findChildren(QAbstractButton)
        if b.isVisible()
        and b.text()
        and "\n" not in b.text()
        and b.fontMetrics().horizontalAdvance(b.text()) > _text_room(b)
    ]


def buttons_cut_off(root: QWidget) -> list[str]:
    """Visible buttons not wholly on screen: pushed out past an edge of ``root`` or of a
    parent squeezed below its minimum size (Qt clips them there). Buttons in a scroll
    area may be scrolled out of view, and are not counted."""
    settle_layout(root)  # judged as the patron sees it, not between two passes
    root_area = root.rect()
    cut = []
    for b in root.findChildren(QAbstractButton):
        if not b.isVisible() or _in_scroll_area(b):
            continue
        seen = b.visibleRegion().boundingRect()
        on_root = b.rect().translated(b.mapTo(root, b.rect().topLeft()))
        if seen.size() != b.size() or not root_area.contains(on_root):
            cut.append(f"{b.text()!r} shows {seen.width()}x{seen.height()} of {b.size()}")
    return cut


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def labels_cut_off(root: QWidget) -> list[str]:
    """Visible labels given less room than their text needs: a wrapped label too low
    for its lines (a shortfall under half a line is leading, not a lost line), or a
    one-line label too narrow for its words. Qt draws what fits and cuts the rest."""
    settle_layout(root)  # judged as the patron sees it, not between two passes
    cut = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + label.fontMetrics().lineSpacing() // 2:
                cut.append(f"{text[:30]!r} needs {needed}px high, has {label.height()}")
        elif "\n" not in text and "<" not in text:
            needed = label.fontMetrics().horizontalAdvance(text)
            if needed > label.contentsRect().width() + 1:
                cut.append(f"{text[:30]!r} needs {needed}px wide, has {label.width()}")
    return cut


def scroll_areas_without_touch(root: QWidget) -> list[str]:
    """Scroll areas a finger cannot drag (a patron cannot be asked to aim at a scrollbar)."""
    return [
        type(area.widget()).__name__
        for area in root.findChildren(QScrollArea)
        if not QScroller.hasScroller(area.viewport())
    ]
