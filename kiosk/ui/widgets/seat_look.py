"""How each kind of seat is drawn, shared by the seat map and its legend.

Each state differs in more than colour (a cross, hatching, a mark), so patrons
with colour-vision deficiency can still tell them apart.
"""

from __future__ import annotations

import enum

from kiosk.qt import QBrush, QColor, QPainter, QPen, QPointF, QRectF, Qt
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


def paint_seat(painter: QPainter, rect: QRectF, look: Look) -> None:
    """Draw one seat (or one merged sofa) filling ``rect``."""
    radius = min(rect.width(), rect.height()) * 0.22
    edge = max(1.5, rect.height() * 0.06)
    painter.setPen(QPen(QColor(_EDGE[look]), edge))
    painter.setBrush(QColor(_FILL[look]))
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
        painter.setPen(_round_pen("#6b7282", side * 0.08))
        painter.drawLine(mark.topLeft(), mark.bottomRight())
        painter.drawLine(mark.topRight(), mark.bottomLeft())
    elif look is Look.BROKEN:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#5d6372"), Qt.BrushStyle.BDiagPattern))
        painter.drawRoundedRect(rect, radius, radius)
    elif look is Look.HOUSE:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#8c7fc0"))
        painter.drawRect(mark.adjusted(side * 0.1, side * 0.1, -side * 0.1, -side * 0.1))
    elif look is Look.HELD:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#b89a4a"))
        painter.drawEllipse(mark.adjusted(side * 0.12, side * 0.12, -side * 0.12, -side * 0.12))
    elif look is Look.WHEELCHAIR:
        _paint_wheelchair(painter, mark)


def _round_pen(hex_rgb: str, width: float) -> QPen:
    pen = QPen(QColor(hex_rgb), width)
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
