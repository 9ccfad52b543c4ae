"""Layout helpers the screens share: refilling a layout, and scrolling by touch."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.qt import QGridLayout, QLayout, QScrollArea, QScroller, Qt, QVBoxLayout, QWidget


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


def touch_scroll(content: QWidget, *, top_aligned: bool = False) -> QScrollArea:
    """``content`` in a vertical scroll area a finger can drag.

    Screens whose content grows with the order (eight seats, many sessions) must
    scroll rather than squeeze rows into each other on a smaller panel.
    ``top_aligned`` keeps short content at its natural height at the top."""
    inner = content
    if top_aligned:
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(content)
        box.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return scroll


def scrolled_list(spacing: int) -> tuple[QVBoxLayout, QScrollArea]:
    """A list of rows or cards, top-aligned in an area a finger can scroll: the list's
    layout (refill it with :func:`clear_layout` and ``addWidget``) and the area to place."""
    listing = QWidget()
    rows = QVBoxLayout(listing)
    rows.setContentsMargins(0, 0, 0, 0)
    rows.setSpacing(spacing)
    return rows, touch_scroll(listing, top_aligned=True)


def equal_columns(grid: QGridLayout, columns: int) -> None:
    """Give the first ``columns`` columns of ``grid`` equal shares of its width, and
    none to any column a wider layout used before. Without this a grid sizes each
    column by its widest content and cuts the words of the narrower ones."""
    for column in range(max(columns, grid.columnCount())):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def place_in_columns(grid: QGridLayout, widgets: Sequence[QWidget], columns: int) -> None:
    """(Re)place ``widgets`` in ``grid``, row by row, ``columns`` to a row, of equal width."""
    for widget in widgets:
        grid.removeWidget(widget)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // columns, index % columns)
    equal_columns(grid, columns)
