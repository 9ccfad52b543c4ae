"""How each kind of seat is drawn, shared by the seat map and its legend.

Each state differs in more than colour (a cross, hatching, a mark), so patrons
with colour-vision deficiency can still tell them apart.
"""

from __future__ import annotations

import enum
import functools
import math

from kiosk.qt import QBrush, QColor, QPainter, QPen, QPixmap, QPointF, QRectF, Qt
from kiosk.ui import theme
from kiosk.ui.viewmodels import SeatStatus


class Look(enum.Enum):
    FREE = enum.auto()
    SOFA = enum.auto()
    SELECTED = enum.auto()
    SOLD = enum.auto()
    HOUSE = enum.auto()
    WHEELCHAIR = enum.auto()
    BROKEN = enum.auto()
    HELD = enum.auto()


_BY_STATUS: dict[int, Look] = {
    SeatStatus.SOLD: Look.SOLD,
    SeatStatus.HOUSE: Look.HOUSE,
    SeatStatus.WHEELCHAIR: Look.WHEELCHAIR,
    SeatStatus.BROKEN: Look.BROKEN,
    SeatStatus.SPECIAL_HOLD: Look.HELD,
}


def look_for(status: int, *, sofa: bool, selected: bool) -> Look:
    if selected:
        return Look.SELECTED
    if status == SeatStatus.FREE:
        return Look.SOFA if sofa else Look.FREE
    # A status code this kiosk does not know is shown as out of service: never choosable.
    return _BY_STATUS.get(status, Look.BROKEN)


_FILL = {
    Look.FREE: "#3a4454",
    Look.SOFA: "#5a2d48",
    Look.SELECTED: theme.ACCENT,
    Look.SOLD: "#20232a",
    Look.HOUSE: "#3b3357",
    Look.WHEELCHAIR: "#1f5fbf",
    Look.BROKEN: "#20232a",
    Look.HELD: "#4d4120",
}
_EDGE = {
    Look.FREE: "#a9b4c6",
    Look.SOFA: "#f07fb8",
    Look.SELECTED: theme.ACCENT,
    Look.SOLD: "#3b404b",
    Look.HOUSE: "#8c7fc0",
    Look.WHEELCHAIR: "#8fb8ff",
    Look.BROKEN: "#3b404b",
    Look.HELD: "#b89a4a",
}


@functools.cache
def _color(hex_rgb: str) -> QColor:
    return QColor(hex_rgb)


@functools.cache
def _edge_pen(look: Look, width: float) -> QPen:
    return QPen(_color(_EDGE[look]), width)


def paint_seat(painter: QPainter, rect: QRectF, look: Look) -> None:
    """Draw one seat (or one merged sofa) filling ``rect``.

    Colours and pens are cached: a 1,000-seat hall paints every seat each frame,
    and building them anew cost a third of the frame."""
    radius = min(rect.width(), rect.height()) * 0.22
    edge = round(max(1.5, rect.height() * 0.06), 1)
    painter.setPen(_edge_pen(look, edge))
    painter.setBrush(_color(_FILL[look]))
    painter.drawRoundedRect(rect, radius, radius)
    side = min(rect.width(), rect.height())
    centre = rect.center()
    mark = QRectF(0, 0, side * 0.5, side * 0.5)
    mark.moveCenter(centre)
    if look is Look.SELECTED:
        painter.setPen(
            QPen(
                QColor(theme.ON_ACCENT),
                side * 0.12,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.drawPolyline(
            [
                QPointF(mark.left(), mark.center().y()),
                QPointF(mark.left() + mark.width() * 0.4, mark.bottom()),
                QPointF(mark.right(), mark.top()),
            ]
        )
    elif look is Look.SOLD:
        painter.setPen(_round_pen("#6b7282", round(side * 0.08, 1)))
        painter.drawLine(mark.topLeft(), mark.bottomRight())
        painter.drawLine(mark.topRight(), mark.bottomLeft())
    elif look is Look.BROKEN:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#5d6372"), Qt.BrushStyle.BDiagPattern))
        painter.drawRoundedRect(rect, radius, radius)
    elif look is Look.HOUSE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_color("#8c7fc0"))
        painter.drawRect(mark.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1))
    elif look is Look.HELD:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_color("#b89a4a"))
        painter.drawEllipse(mark.adjusted(side * 0.12, side * 0.12, -side * 0.12, -side * 0.12))
    elif look is Look.WHEELCHAIR:
        _paint_wheelchair(painter, mark)


@functools.cache
@functools.lru_cache(maxsize=64)
def seat_stamp(look: Look, width: float, height: float, ratio: float) -> QPixmap:
    """One seat of this look and size, painted once: a hall of identical seats then
    costs a blit per seat instead of a path each (a 1,000-seat plan in one frame)."""
    pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_seat(painter, QRectF(0, 0, width, height), look)
    painter.end()
    return pixmap


@functools.cache
def _round_pen(hex_rgb: str, width: float) -> QPen:
    pen = QPen(_color(hex_rgb), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _paint_wheelchair(painter: QPainter, box: QRectF) -> None:
    # The bundled font subset has no U+267F, so the symbol is drawn: head, body, wheel.
    s = box.width()
    painter.setPen(_round_pen("#ffffff", s * 0.12))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(QPointF(box.left() + s * 0.45, box.bottom() - s * 0.28), s * 0.3, s * 0.3)
    painter.drawLine(
        QPointF(box.left() + s * 0.45, box.top() + s * 0.25),
        QPointF(box.left() + s * 0.45, box.bottom() - s * 0.45),
    )
    painter.drawLine(
        QPointF(box.left() + s * 0.45, box.bottom() - s * 0.45),
        QPointF(box.right(), box.bottom() - s * 0.45),
    )
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(QPointF(box.left() + s * 0.45, box.top() + s * 0.05), s * 0.1, s * 0.1)
