"""The seat map: any VISTA seat plan drawn by one QPainter widget, chosen by touch.

One widget paints every seat (not a widget per seat), so a 1,000-seat hall
builds and repaints in milliseconds. The canvas sits in a scroll area whose
margins hold what must stay in view however the plan is zoomed or panned: the
screen bar (银幕) above and the row names either side, painted by one overlay.

Seats are as large as the space allows, and never smaller than a finger needs
(:data:`MIN_SEAT_MM` on the panel, :class:`Panel`) unless the patron zooms out
to see the whole hall: a hall that does not fit at that size opens zoomed in on
its middle, one finger pans it, a pinch or the +/- buttons zoom. A tap on a seat
drawn too small to hit for sure zooms in there instead of choosing a neighbour.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.qt import (
    QColor,
    QCoreApplication,
    QEvent,
    QFont,
    QFrame,
    QGestureEvent,
    QHBoxLayout,
    QMargins,
    QMouseEvent,
    QObject,
    QPainter,
    QPaintEvent,
    QPen,
    QPinchGesture,
    QPixmap,
    QPoint,
    QPointF,
    QPushButton,
    QRect,
    QRectF,
    QRegion,
    QResizeEvent,
    QScreen,
    QScrollArea,
    QScroller,
    QShowEvent,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.viewmodels import AreaView, SeatCell, SeatPlanView, SeatView
from kiosk.ui.widgets.seat_look import Look, look_for, paint_seat, seat_stamp
from kiosk.ui.widgets.seat_rules import Refusal, SeatRules

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

# A drawn seat is at least this wide on the panel when the hall fits (a fingertip is
# 10-14 mm; kiosk guidance asks 15-20 mm for targets touched standing), and at most
# this wide however small the hall, so a 20-seat hall does not look like a keypad.
MIN_SEAT_MM = 15.0
MAX_SEAT_MM = 26.0
# How far a patron may zoom in (eyesight, or a crowded corner of a big hall).
ZOOM_SEAT_MM = 40.0
# Room between seats, as a share of the pitch on each side.
SEAT_INSET = 0.06
# The pitch (one cell) that draws a seat of a given width.
PITCH_PER_SEAT = 1 / (1 - 2 * SEAT_INSET)
AREA_GAP_CELLS = 0.6
# The margins of the scroll area that keep the row names and the screen in view.
RULER_PX = 52
SCREEN_BAR_PX = 84
# Seat numbers are drawn inside seats once they are big enough to read.
NUMBER_MIN_CELL_PX = 40.0
# A press that moves further than this is a pan, not a tap.
TAP_SLOP_PX = 24
# What a panel whose size nobody knows is taken to be: 96 dpi.
DEFAULT_MM_PER_PX = 25.4 / 96


@dataclass(frozen=True)
class Panel:
    """How big a pixel is on the kiosk's panel, to size seats in millimetres."""

    mm_per_px: float = DEFAULT_MM_PER_PX

    @classmethod
    def from_diagonal(cls, diagonal_mm: float, width_px: int, height_px: int) -> Panel:
        return cls(diagonal_mm / math.hypot(width_px, height_px))

    @classmethod
    def of_screen(cls, screen: QScreen | None, diagonal_mm: float = 0.0) -> Panel:
        """The ``screen_mm`` setting (the picture's diagonal) over the screen's pixels,
        else the physical size the display reports (EDID), else 96 dpi."""
        if screen is None:
            return cls()
        geometry = screen.geometry()
        if geometry.width() <= 0 or geometry.height() <= 0:
            return cls()
        if diagonal_mm > 0:
            return cls.from_diagonal(diagonal_mm, geometry.width(), geometry.height())
        reported = screen.physicalSize().width() / geometry.width()
        # A display that reports nothing, or a projector's nonsense, is not believed.
        if 0.1 <= reported <= 1.0:
            return cls(reported)
        log.info("the display reports no usable size; seats sized as on a 96 dpi panel")
        return cls()

    def px(self, mm: float) -> float:
        return mm / self.mm_per_px

    def mm(self, px: float) -> float:
        return px * self.mm_per_px


@dataclass(frozen=True)
class _AreaBox:
    area: AreaView
    left: float
    top: float


@dataclass(frozen=True)
class RowMark:
    """A row's name and where its row is drawn, in canvas pixels (top, height)."""

    name: str
    top: float
    height: float


# Above this many pixels the canvas is painted straight to the screen, not kept: a
# picture of the whole hall at touch size would hold tens of MB.
PICTURE_MAX_PX = 6_000_000


class SeatCanvas(QWidget):
    """Paints the seats at ``cell_px`` pixels per seat and turns taps into seat keys."""

    seatTapped = Signal(object, QPointF)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = SeatPlanView(areas=())
        self._rules = SeatRules(self._plan, {})
        self._boxes: list[_AreaBox] = []
        self._width_cells = 1.0
        self._height_cells = 1.0
        self._cell_px = 40.0
        self._tail_px = 0
        self._press: QPoint | None = None
        # The seats as last painted, kept so that a paint of what has not changed (the
        # screen shown again, a scroll back) is a copy, and so that the part in view can
        # be painted while the screen is hidden (:meth:`prepare`). ``_drawn``: the part
        # of it that is current; ``_picture_for``: what it was painted for.
        self._picture: QPixmap | None = None
        self._picture_for: tuple[object, ...] = ()
        self._drawn = QRegion()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_plan(self, plan: SeatPlanView, rules: SeatRules) -> None:
        if plan is not self._plan or self._rules.selected or rules.selected:
            self._drawn = QRegion()  # other seats, or other seats chosen
        self._plan = plan
        self._rules = rules
        widest = max((a.column_count for a in plan.areas), default=1)
        self._width_cells = float(widest)
        top = 0.0
        self._boxes = []
        for area in plan.areas:
            left = (widest - area.column_count) / 2
            self._boxes.append(_AreaBox(area, left, top))
            top += area.row_count + AREA_GAP_CELLS
        self._height_cells = max(1.0, top - AREA_GAP_CELLS)
        self._resize()

    @property
    def cells(self) -> tuple[float, float]:
        """Plan size in seat pitches, for the fit-to-view computation."""
        return self._width_cells, self._height_cells

    @property
    def cell_px(self) -> float:
        return self._cell_px

    def set_cell_px(self, cell_px: float, tail_px: int = 0) -> None:
        """``tail_px``: room left behind the back row, so no seat stays under the overview."""
        self._cell_px = cell_px
        self._tail_px = tail_px
        self._resize()

    def plan_size(self) -> QSize:
        """The seats' extent, without the room behind them."""
        return QSize(
            math.ceil(self._width_cells * self._cell_px),
            math.ceil(self._height_cells * self._cell_px),
        )

    def seat_rect(self, key: SeatCell) -> QRectF:
        """The seat's cell (its tap target), in widget pixels (empty if not in the plan)."""
        for box in self._boxes:
            if box.area.area_number == key[0]:
                c = self._cell_px
                return QRectF((box.left + key[2]) * c, (box.top + key[1]) * c, c, c)
        return QRectF()

    def drawn_seat_px(self) -> float:
        """The width of one drawn seat, inside its cell."""
        return self._cell_px * (1 - 2 * SEAT_INSET)

    def row_marks(self) -> list[RowMark]:
        c = self._cell_px
        return [
            RowMark(row.physical_name, (box.top + row.row_index) * c, c)
            for box in self._boxes
            for row in box.area.rows
            if row.seats
        ]

    def seat_cells(self) -> list[tuple[float, float, Look]]:
        """Every seat's top-left in cells and its look, for the overview."""
        selected = set(self._rules.selected)
        return [
            (
                box.left + seat.key[2],
                box.top + seat.key[1],
                look_for(seat.status, sofa=seat.is_sofa, selected=seat.key in selected),
            )
            for box in self._boxes
            for row in box.area.rows
            for seat in row.seats
        ]

    def seat_at(self, pos: QPointF) -> SeatView | None:
        x = pos.x() / self._cell_px
        y = pos.y() / self._cell_px
        for box in self._boxes:
            if box.top <= y < box.top + box.area.row_count:
                key = (box.area.area_number, int(y - box.top), math.floor(x - box.left))
                return self._plan.seat(key)
        return None

    def sizeHint(self) -> QSize:
        return self.plan_size() + QSize(0, self._tail_px)

    def _resize(self) -> None:
        self.setFixedSize(self.sizeHint())
        self.update()

    def seats_changed(self, rect: QRect) -> None:
        """The seats in ``rect`` look different now (chosen, or no longer)."""
        self._drawn -= QRegion(rect)
        self.update(rect)

    def prepare(self, rect: QRect) -> None:
        """Paint the seats in ``rect`` now, for the next paint to copy: while the
        screen is hidden, the part of the plan it will open on."""
        picture = self._current_picture()
        if picture is not None:
            self._draw_into(picture, QRegion(rect.intersected(self.rect())))

    def _current_picture(self) -> QPixmap | None:
        """The kept picture for the plan, size and font now (None: too large to keep)."""
        ratio = self.devicePixelRatioF()
        key = (id(self._plan), self._cell_px, self.width(), self.height(), ratio, self.font().key())
        if key != self._picture_for:
            self._picture_for = key
            self._drawn = QRegion()
            size = self.size() * ratio
            if self.width() * self.height() * ratio * ratio > PICTURE_MAX_PX:
                self._picture = None
            elif self._picture is None or self._picture.size() != size:
                # (one of the same size is painted over: a new one is megabytes to map)
                self._picture = QPixmap(size)
            if self._picture is not None:
                self._picture.setDevicePixelRatio(ratio)
        return self._picture

    def _draw_into(self, picture: QPixmap, region: QRegion) -> None:
        missing = region - self._drawn
        if missing.isEmpty():
            return
        painter = QPainter(picture)
        painter.setClipRegion(missing)
        self._paint(painter, missing.boundingRect())
        painter.end()
        self._drawn += missing

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and (pos - self._press).manhattanLength() <= TAP_SLOP_PX:
            seat = self.seat_at(event.position())
            if seat is not None:
                self.seatTapped.emit(seat.key, event.position())
        self._press = None

    def paintEvent(self, event: QPaintEvent) -> None:
        picture = self._current_picture()
        painter = QPainter(self)
        if picture is None:
            self._paint(painter, event.rect())
        else:
            self._draw_into(picture, event.region())
            ratio = picture.devicePixelRatio()
            rect = event.rect()
            source = QRectF(rect.x() * ratio, rect.y() * ratio, rect.width() * ratio,
                            rect.height() * ratio)  # fmt: skip
            painter.drawPixmap(QRectF(rect), picture, source)
        painter.end()

    def _paint(self, painter: QPainter, rect: QRect) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, QColor(theme.BACKGROUND))
        exposed = QRectF(rect)
        selected = set(self._rules.selected)
        font = QFont(self.font())
        for box in self._boxes:
            self._paint_area(painter, box, exposed, selected, font)

    def _paint_area(
        self,
        painter: QPainter,
        box: _AreaBox,
        exposed: QRectF,
        selected: set[SeatCell],
        font: QFont,
    ) -> None:
        c = self._cell_px
        inset = c * SEAT_INSET
        number_font = QFont(font)
        number_font.setPixelSize(max(12, min(30, int(c * 0.32))))
        draw_numbers = c >= NUMBER_MIN_CELL_PX
        ratio = self.devicePixelRatioF()
        for row in box.area.rows:
            y = (box.top + row.row_index) * c
            if y > exposed.bottom() or y + c < exposed.top() or not row.seats:
                continue
            done: set[SeatCell] = set()
            for seat in row.seats:
                if seat.key in done:
                    continue
                x = (box.left + seat.key[2]) * c
                if not seat.is_sofa and (x > exposed.right() or x + c < exposed.left()):
                    continue  # a tap repaints a seat or two, not the hall
                keys = self._rules.unit(seat.key) if seat.is_sofa else (seat.key,)
                done.update(keys)
                columns = [k[2] for k in keys if k[1] == seat.key[1]]
                rect = QRectF(
                    (box.left + min(columns)) * c + inset,
                    y + inset,
                    (max(columns) - min(columns) + 1) * c - 2 * inset,
                    c - 2 * inset,
                )
                look = look_for(seat.status, sofa=seat.is_sofa, selected=seat.key in selected)
                if len(keys) == 1:
                    stamp = seat_stamp(look, rect.width(), rect.height(), ratio)
                    painter.drawPixmap(rect.topLeft(), stamp)
                else:
                    paint_seat(painter, rect, look)
                if seat.is_sofa and len(columns) > 1:
                    painter.setPen(QColor(theme.BACKGROUND))
                    for col in sorted(columns)[1:]:
                        x = (box.left + col) * c
                        painter.drawLine(QPointF(x, y + c * 0.3), QPointF(x, y + c * 0.7))
                if draw_numbers and look in (Look.FREE, Look.SOFA, Look.SELECTED):
                    painter.setFont(number_font)
                    painter.setPen(QColor(theme.ON_ACCENT if look is Look.SELECTED else theme.TEXT))
                    for key in keys:
                        other = self._plan.seat(key)
                        if other is None or look is Look.SELECTED:
                            continue
                        painter.drawText(
                            QRectF((box.left + key[2]) * c, y, c, c),
                            Qt.AlignmentFlag.AlignCenter,
                            other.seat_id,
                        )


class PlanMarks(QWidget):
    """What stays in view over the scrolled plan: 银幕 above it, row names beside it.

    Painted in the scroll area's margins, next to the plan when it is smaller than
    the view and at the view's edges when it is larger, so a zoomed plan never
    loses them. Transparent to touch: taps and pans reach the plan below."""

    def __init__(self, scroll: PlanScroll) -> None:
        super().__init__(scroll)
        self._scroll = scroll
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def plan_rect(self) -> QRectF:
        """The canvas, in this widget's pixels."""
        canvas = self._scroll.widget()
        if canvas is None:
            return QRectF()
        top_left = canvas.mapTo(self._scroll, QPoint(0, 0))
        return QRectF(QPointF(top_left), canvas.size().toSizeF())

    def view_rect(self) -> QRectF:
        """The part of the plan that can be seen: the viewport, in this widget's pixels."""
        return QRectF(self._scroll.viewport().geometry())

    def screen_bar(self) -> QRectF:
        """The screen as drawn: over the middle of the plan, cut to what is in view."""
        plan, view = self.plan_rect(), self.view_rect()
        bar = QRectF(plan.left() + plan.width() * 0.1, 0, plan.width() * 0.8, 14)
        bar.moveBottom(max(plan.top(), view.top()) - SCREEN_BAR_PX * 0.55)
        left, right = max(bar.left(), view.left()), min(bar.right(), view.right())
        return QRectF(left, bar.top(), max(0.0, right - left), bar.height())

    def row_label_rects(self) -> list[tuple[str, QRectF, QRectF]]:
        """Each row's name on the left and on the right of the plan, where it is drawn."""
        plan, view = self.plan_rect(), self.view_rect()
        left_x = max(plan.left(), view.left()) - RULER_PX
        right_x = min(plan.right(), view.right())
        canvas = self._scroll.widget()
        marks = canvas.row_marks() if isinstance(canvas, SeatCanvas) else []
        found = []
        for mark in marks:
            y = plan.top() + mark.top
            if y + mark.height <= view.top() or y >= view.bottom():
                continue
            found.append(
                (
                    mark.name,
                    QRectF(left_x, y, RULER_PX, mark.height),
                    QRectF(right_x, y, RULER_PX, mark.height),
                )
            )
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_screen(painter)
        self._paint_rows(painter)
        painter.end()

    def _paint_screen(self, painter: QPainter) -> None:
        bar = self.screen_bar()
        if bar.width() <= 0:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d7dbe3"))
        painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2)
        font = QFont(self.font())
        font.setPixelSize(theme.SMALL_PX + 2)
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT_MUTED))
        painter.drawText(
            QRectF(bar.left(), bar.bottom() + 6, bar.width(), SCREEN_BAR_PX * 0.45),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            translate("SeatMap", "SCREEN"),
        )

    def _paint_rows(self, painter: QPainter) -> None:
        view = self.view_rect()
        canvas = self._scroll.widget()
        cell = canvas.cell_px if isinstance(canvas, SeatCanvas) else 40.0
        font = QFont(self.font())
        font.setPixelSize(max(14, min(30, int(cell * 0.42))))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT_MUTED))
        # Names stay in the band of the view, not over the screen bar above it.
        painter.setClipRect(QRectF(0, view.top(), self.width(), view.height()))
        for name, left, right in self.row_label_rects():
            for rect in (left, right):
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)


# The overview's largest size, and its distance from the view's corner.
OVERVIEW_PX = QSize(300, 190)
OVERVIEW_MARGIN_PX = 12
_OVERVIEW_DOT = {
    Look.FREE: "#a9b4c6",
    Look.SOFA: "#f07fb8",
    Look.SELECTED: theme.ACCENT,
    Look.WHEELCHAIR: "#8fb8ff",
}


class PlanOverview(QWidget):
    """The whole hall in small with the part in view framed, shown while the plan is
    larger than the view: the patron sees where they are and what lies beyond the
    edge, and a touch on it brings that part into view."""

    def __init__(self, scroll: PlanScroll) -> None:
        super().__init__(scroll)
        self._scroll = scroll
        self.hide()

    def _canvas(self) -> SeatCanvas | None:
        canvas = self._scroll.widget()
        return canvas if isinstance(canvas, SeatCanvas) else None

    def _scale(self) -> float:
        canvas = self._canvas()
        plan = canvas.plan_size() if canvas is not None else QSize()
        if plan.width() <= 0 or plan.height() <= 0:
            return 1.0
        room = OVERVIEW_PX.shrunkBy(QMargins(8, 8, 8, 8))
        return min(room.width() / plan.width(), room.height() / plan.height())

    def place(self) -> None:
        """Shown in the view's bottom-right corner while the plan does not fit the view."""
        canvas = self._canvas()
        view = self._scroll.viewport().geometry()
        if canvas is None or canvas.height() == canvas.plan_size().height():
            self.hide()  # the plan fits the view: nothing to find
            return
        plan = canvas.plan_size()
        scale = self._scale()
        size = QSize(math.ceil(plan.width() * scale) + 16, math.ceil(plan.height() * scale) + 16)
        corner = view.bottomRight() - QPoint(OVERVIEW_MARGIN_PX, OVERVIEW_MARGIN_PX)
        self.setGeometry(QRect(corner - QPoint(size.width(), size.height()), size))
        self.show()
        self.raise_()
        self.update()

    def view_frame(self) -> QRectF:
        """The part of the plan in view, in this widget's pixels."""
        canvas = self._canvas()
        if canvas is None:
            return QRectF()
        scale = self._scale()
        viewport = self._scroll.viewport()
        shown = QRectF(
            QPointF(canvas.mapFrom(viewport, QPoint(0, 0))), viewport.size().toSizeF()
        ).intersected(QRectF(QPointF(0, 0), canvas.plan_size().toSizeF()))
        return QRectF(
            8 + shown.left() * scale,
            8 + shown.top() * scale,
            shown.width() * scale,
            shown.height() * scale,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        canvas = self._canvas()
        if canvas is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.BORDER), 2))
        painter.setBrush(QColor(theme.SURFACE))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 10, 10)
        pitch = canvas.cell_px * self._scale()
        dot = max(1.5, pitch * 0.8)
        painter.setPen(Qt.PenStyle.NoPen)
        for x, y, look in canvas.seat_cells():
            painter.setBrush(QColor(_OVERVIEW_DOT.get(look, "#4a505c")))
            painter.drawRect(QRectF(8 + x * pitch, 8 + y * pitch, dot, dot))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(theme.ACCENT), 3))
        painter.drawRect(self.view_frame())
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._show_at(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._show_at(event.position())

    def _show_at(self, pos: QPointF) -> None:
        """Bring the plan point under ``pos`` to the middle of the view."""
        scale = self._scale()
        viewport = self._scroll.viewport()
        x = (pos.x() - 8) / scale - viewport.width() / 2
        y = (pos.y() - 8) / scale - viewport.height() / 2
        self._scroll.horizontalScrollBar().setValue(round(x))
        self._scroll.verticalScrollBar().setValue(round(y))


class PlanScroll(QScrollArea):
    """The scroll area around the canvas; reports viewport resizes and pinches."""

    viewportResized = Signal()
    pinched = Signal(float, QPointF)

    def __init__(self) -> None:
        super().__init__()
        self.setViewportMargins(RULER_PX, SCREEN_BAR_PX, RULER_PX, 0)
        self.setFrameShape(QFrame.Shape.NoFrame)
        viewport = self.viewport()
        viewport.grabGesture(Qt.GestureType.PinchGesture)
        # One-finger drags pan the plan on the touchscreen; taps still reach the canvas.
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
        self.marks = PlanMarks(self)
        self.overview = PlanOverview(self)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self.marks.update)
            bar.valueChanged.connect(self.overview.update)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.marks.update()
            self.overview.place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.marks.setGeometry(self.rect())
        self.marks.raise_()
        self.overview.place()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            # after the scroll area has taken the new size (its scroll bar ranges)
            handled = super().viewportEvent(event)
            self.viewportResized.emit()
            return handled
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    focus = self.viewport().mapFromGlobal(pinch.centerPoint())
                    self.pinched.emit(pinch.scaleFactor(), focus)
                event.accept(pinch)
                return True
        return super().viewportEvent(event)


class SeatMap(QWidget):
    """Scrollable, zoomable seat map with zoom buttons; owns the selection rules."""

    selectionChanged = Signal(list)
    refused = Signal(object)
    zoomed = Signal()
    """The patron zoomed (buttons, pinch, or a tap on seats too small to hit)."""

    ZOOM_STEP = 1.5

    def __init__(self, parent: QWidget | None = None, *, screen_mm: float = 0.0) -> None:
        """``screen_mm``: the panel's diagonal (the setting; 0: as the display says)."""
        super().__init__(parent)
        self._screen_mm = screen_mm
        self._canvas = SeatCanvas()
        self._canvas.seatTapped.connect(self._on_tap)
        self._plan = SeatPlanView(areas=())
        self._rules = SeatRules(self._plan, {})
        self._panel: Panel | None = None
        self._cell: float | None = None  # None: the size a new plan opens at
        self._scroll = PlanScroll()
        self._scroll.setWidget(self._canvas)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Fit is measured on the viewport, which is resized after this widget is.
        self._scroll.viewportResized.connect(self._on_viewport_resized)
        self._scroll.pinched.connect(self._on_pinch)

        self._zoom_out = QPushButton("−")
        self._zoom_in = QPushButton("+")
        # The +/- pair goes beside the legend (the seats screen places it), so the
        # plan keeps every pixel of the width a wide hall needs.
        self.zoom_controls = QWidget()
        zoom_box = QHBoxLayout(self.zoom_controls)
        zoom_box.setContentsMargins(0, 0, 0, 0)
        zoom_box.setSpacing(theme.GAP_PX // 2)
        for button, slot in ((self._zoom_out, self.zoom_out), (self._zoom_in, self.zoom_in)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("variant", "key")
            button.setMinimumSize(theme.TOUCH_PX, theme.TOUCH_PX)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            button.clicked.connect(slot)
            zoom_box.addWidget(button)
        zoom_box.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._scroll, 1)

    @property
    def canvas(self) -> SeatCanvas:
        return self._canvas

    @property
    def marks(self) -> PlanMarks:
        return self._scroll.marks

    @property
    def scroll_area(self) -> PlanScroll:
        return self._scroll

    def panel(self) -> Panel:
        """The configured panel, else the one the window is on (the setting ``screen_mm``
        reaches here through :meth:`set_panel` or the seats screen)."""
        return self._panel or Panel.of_screen(self.screen(), self._screen_mm)

    def set_panel(self, panel: Panel | None) -> None:
        """Size seats for this panel instead of the window's screen (None: the screen)."""
        if panel != self._panel:
            self._panel = panel
            self._cell = None
            self._apply()

    @property
    def zoom(self) -> float:
        """The cell size over the one that fits the whole hall (1.0: all of it in view)."""
        return self._canvas.cell_px / self._fit_cell_px()

    @property
    def max_zoom(self) -> float:
        return self._largest_cell_px() / self._fit_cell_px()

    def touch_cell_px(self) -> float:
        """The pitch that draws a seat :data:`MIN_SEAT_MM` wide on this panel."""
        return self.panel().px(MIN_SEAT_MM) * PITCH_PER_SEAT

    def seat_mm(self) -> float:
        """How wide a seat is drawn on the panel now."""
        return self.panel().mm(self._canvas.drawn_seat_px())

    def fits(self) -> bool:
        """The whole hall is in view with every seat big enough to touch."""
        return self._fit_cell_px() >= self.touch_cell_px() - 1e-6

    def set_plan(self, plan: SeatPlanView, quota: Mapping[str, int]) -> None:
        """Show a plan; ``quota`` is seats wanted per area category (from the ticket types)."""
        self._plan = plan
        self._rules = SeatRules(plan, quota)
        self._canvas.set_plan(plan, self._rules)
        self._cell = None
        self._apply()
        self.selectionChanged.emit([])

    def prepare(self) -> None:
        """Paint now the part of the plan the view opens on (the screen hidden, sized
        as when last shown), so that showing it copies that part instead of painting
        every seat in view while the patron waits."""
        viewport = self._scroll.viewport()
        self._canvas.prepare(QRect(self._canvas.mapFrom(viewport, QPoint(0, 0)), viewport.size()))

    def selected(self) -> list[SeatCell]:
        return self._rules.selected

    def is_complete(self) -> bool:
        return self._rules.is_complete() and bool(self._rules.selected)

    def wanted(self) -> int:
        return self._rules.wanted

    def toggle(self, key: SeatCell) -> Refusal | None:
        """Tap on a seat, as the patron would; also the testing entry point."""
        before = set(self._rules.selected)
        refusal = self._rules.toggle(key)
        if refusal is None:
            for changed in before.symmetric_difference(self._rules.selected):
                self._canvas.seats_changed(self._canvas.seat_rect(changed).toAlignedRect())
            self._scroll.overview.update()
            self.selectionChanged.emit(self._rules.selected)
        else:
            self.refused.emit(refusal)
        return refusal

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / self.ZOOM_STEP)

    def set_zoom(self, zoom: float, focus: QPointF | None = None) -> None:
        """Zoom to ``zoom`` x fit, keeping ``focus`` (viewport pixels) under the finger."""
        cell = min(max(zoom, 1.0), self.max_zoom) * self._fit_cell_px()
        if math.isclose(cell, self._canvas.cell_px):
            return
        viewport = self._scroll.viewport()
        anchor = focus or QPointF(viewport.width() / 2, viewport.height() / 2)
        # the plan point under the anchor, in cells, stays under it
        origin = self._canvas.mapTo(viewport, QPoint(0, 0))
        old_cell = self._canvas.cell_px
        plan_x = (anchor.x() - origin.x()) / old_cell
        plan_y = (anchor.y() - origin.y()) / old_cell
        self._cell = cell
        self._apply()
        hbar, vbar = self._scroll.horizontalScrollBar(), self._scroll.verticalScrollBar()
        hbar.setValue(round(plan_x * cell - anchor.x()))
        vbar.setValue(round(plan_y * cell - anchor.y()))
        self.zoomed.emit()

    def _on_pinch(self, scale: float, focus: QPointF) -> None:
        self.set_zoom(self.zoom * scale, focus)

    def _fit_cell_px(self) -> float:
        viewport = self._scroll.viewport().size()
        width_cells, height_cells = self._canvas.cells
        # Two pixels of slack so a fitted plan never shows scroll bars from rounding.
        fit = min((viewport.width() - 2) / width_cells, (viewport.height() - 2) / height_cells)
        return max(8.0, fit)

    def _largest_cell_px(self) -> float:
        return max(self.panel().px(ZOOM_SEAT_MM) * PITCH_PER_SEAT, self._opening_cell_px())

    def _opening_cell_px(self) -> float:
        """A new plan opens whole if its seats are big enough to touch that way (as big
        as the space allows, up to MAX_SEAT_MM), else at the touch size, zoomed in."""
        fit, touch = self._fit_cell_px(), self.touch_cell_px()
        if fit >= touch:
            return min(fit, self.panel().px(MAX_SEAT_MM) * PITCH_PER_SEAT)
        return touch

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply()  # a plan set while hidden was sized for a view not laid out yet

    def _on_viewport_resized(self) -> None:
        # A patron's zoom is kept (scroll bars coming and going resize the view too),
        # within what the new view allows.
        self._apply()

    def _apply(self) -> None:
        opening = self._cell is None
        if self._cell is None:
            cell = self._opening_cell_px()
        else:
            cell = min(max(self._cell, self._fit_cell_px()), self._largest_cell_px())
        width_cells, height_cells = self._canvas.cells
        viewport = self._scroll.viewport().size()
        larger = (
            width_cells * cell > viewport.width() + 1 or height_cells * cell > viewport.height() + 1
        )
        tail = OVERVIEW_PX.height() + 2 * OVERVIEW_MARGIN_PX if larger else 0
        self._canvas.set_cell_px(cell, tail)
        # The scroll area places its widget again only when asked (or when its own
        # size changes): a plan set while the screen was hidden would keep the old spot.
        self._scroll.setAlignment(self._scroll.alignment())
        if opening:  # on the middle of the hall, where most patrons look first
            plan = self._canvas.plan_size()
            self._scroll.horizontalScrollBar().setValue((plan.width() - viewport.width()) // 2)
            self._scroll.verticalScrollBar().setValue((plan.height() - viewport.height()) // 2)
        self._zoom_in.setEnabled(cell < self._largest_cell_px() - 1e-6)
        self._zoom_out.setEnabled(cell > self._fit_cell_px() + 1e-6)
        self._scroll.marks.update()

    def _on_tap(self, key: SeatCell, where: QPointF) -> None:
        if self._canvas.cell_px < self.touch_cell_px() - 1e-6:
            # Too small to be sure which seat the finger meant: bring it up to size there.
            focus = QPointF(self._canvas.mapTo(self._scroll.viewport(), where.toPoint()))
            self.set_zoom(self.touch_cell_px() / self._fit_cell_px(), focus)
            return
        self.toggle(key)
