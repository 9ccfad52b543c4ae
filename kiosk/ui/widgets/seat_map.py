"""The seat map: any VISTA seat plan drawn by one QPainter widget, chosen by touch.

One widget paints every seat (not a widget per seat), so a 1,000-seat hall
builds and repaints in milliseconds. The canvas sits in a scroll area; zoom is a
factor over "whole plan fits", changed by the +/- buttons or a pinch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.qt import (
    QColor,
    QCoreApplication,
    QEvent,
    QFont,
    QGestureEvent,
    QHBoxLayout,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPinchGesture,
    QPoint,
    QPointF,
    QPushButton,
    QRectF,
    QScrollArea,
    QScroller,
    QSize,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.viewmodels import AreaView, SeatKey, SeatPlanView, SeatView
from kiosk.ui.widgets.seat_look import Look, look_for, paint_seat, seat_stamp
from kiosk.ui.widgets.seat_rules import Refusal, SeatRules

translate = QCoreApplication.translate

# Plan geometry in "cells" (one seat pitch); pixels = cells * cell size.
LABEL_CELLS = 1.6
SCREEN_CELLS = 1.4
SCREEN_GAP_CELLS = 1.0
AREA_GAP_CELLS = 0.8
SEAT_INSET = 0.08
# A seat is never drawn larger than this, even in a 20-seat hall.
MAX_CELL_PX = 110.0
# Seat numbers are drawn inside seats once they are big enough to read.
NUMBER_MIN_CELL_PX = 40.0
# A press that moves further than this is a pan, not a tap.
TAP_SLOP_PX = 24


@dataclass(frozen=True)
class _AreaBox:
    area: AreaView
    left: float
    top: float


class SeatCanvas(QWidget):
    """Paints the plan at ``cell_px`` pixels per seat and turns taps into seat keys."""

    seatTapped = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = SeatPlanView(areas=())
        self._rules = SeatRules(self._plan, {})
        self._boxes: list[_AreaBox] = []
        self._width_cells = 1.0
        self._height_cells = 1.0
        self._cell_px = 40.0
        self._press: QPoint | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_plan(self, plan: SeatPlanView, rules: SeatRules) -> None:
        self._plan = plan
        self._rules = rules
        widest = max((a.column_count for a in plan.areas), default=1)
        self._width_cells = widest + 2 * LABEL_CELLS
        top = SCREEN_CELLS + SCREEN_GAP_CELLS
        self._boxes = []
        for area in plan.areas:
            left = LABEL_CELLS + (widest - area.column_count) / 2
            self._boxes.append(_AreaBox(area, left, top))
            top += area.row_count + AREA_GAP_CELLS
        self._height_cells = top
        self._resize()

    @property
    def cells(self) -> tuple[float, float]:
        """Plan size in seat pitches, for the fit-to-view computation."""
        return self._width_cells, self._height_cells

    @property
    def cell_px(self) -> float:
        return self._cell_px

    def set_cell_px(self, cell_px: float) -> None:
        self._cell_px = cell_px
        self._resize()

    def seat_rect(self, key: SeatKey) -> QRectF:
        """Where a seat is drawn, in widget pixels (empty if not in the plan)."""
        for box in self._boxes:
            if box.area.area_number == key[0]:
                c = self._cell_px
                return QRectF((box.left + key[2]) * c, (box.top + key[1]) * c, c, c)
        return QRectF()

    def seat_at(self, pos: QPointF) -> SeatView | None:
        x = pos.x() / self._cell_px
        y = pos.y() / self._cell_px
        for box in self._boxes:
            if box.top <= y < box.top + box.area.row_count:
                key = (box.area.area_number, int(y - box.top), math.floor(x - box.left))
                return self._plan.seat(key)
        return None

    def sizeHint(self) -> QSize:
        return QSize(
            math.ceil(self._width_cells * self._cell_px),
            math.ceil(self._height_cells * self._cell_px),
        )

    def _resize(self) -> None:
        self.setFixedSize(self.sizeHint())
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and (pos - self._press).manhattanLength() <= TAP_SLOP_PX:
            seat = self.seat_at(event.position())
            if seat is not None:
                self.seatTapped.emit(seat.key)
        self._press = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(event.rect(), QColor(theme.BACKGROUND))
        self._paint_screen(painter)
        exposed = QRectF(event.rect())
        selected = set(self._rules.selected)
        font = QFont(self.font())
        for box in self._boxes:
            self._paint_area(painter, box, exposed, selected, font)
        painter.end()

    def _paint_screen(self, painter: QPainter) -> None:
        c = self._cell_px
        width = self._width_cells * c
        bar = QRectF(width * 0.12, c * 0.25, width * 0.76, c * 0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d7dbe3"))
        painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2)
        font = QFont(self.font())
        font.setPixelSize(max(theme.SMALL_PX, int(c * 0.55)))
        painter.setFont(font)
        painter.setPen(QColor(theme.TEXT_MUTED))
        text_rect = QRectF(0, bar.bottom(), width, c * SCREEN_CELLS)
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            translate("SeatMap", "SCREEN"),
        )

    def _paint_area(
        self,
        painter: QPainter,
        box: _AreaBox,
        exposed: QRectF,
        selected: set[SeatKey],
        font: QFont,
    ) -> None:
        c = self._cell_px
        inset = c * SEAT_INSET
        label_font = QFont(font)
        label_font.setPixelSize(max(14, int(c * 0.45)))
        label_font.setBold(True)
        number_font = QFont(font)
        number_font.setPixelSize(max(12, int(c * 0.34)))
        draw_numbers = c >= NUMBER_MIN_CELL_PX
        ratio = self.devicePixelRatioF()
        for row in box.area.rows:
            y = (box.top + row.row_index) * c
            if y > exposed.bottom() or y + c < exposed.top() or not row.seats:
                continue
            painter.setFont(label_font)
            painter.setPen(QColor(theme.TEXT_MUTED))
            for x in (0.0, self._width_cells * c - LABEL_CELLS * c):
                painter.drawText(
                    QRectF(x, y, LABEL_CELLS * c, c),
                    Qt.AlignmentFlag.AlignCenter,
                    row.physical_name,
                )
            done: set[SeatKey] = set()
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


class _PlanScroll(QScrollArea):
    """The scroll area around the canvas; reports viewport resizes and pinches."""

    viewportResized = Signal()
    pinched = Signal(float, QPointF)

    def __init__(self) -> None:
        super().__init__()
        viewport = self.viewport()
        viewport.grabGesture(Qt.GestureType.PinchGesture)
        # One-finger drags pan the plan on the touchscreen; taps still reach the canvas.
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.viewportResized.emit()
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

    ZOOM_STEP = 1.5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = SeatCanvas()
        self._canvas.seatTapped.connect(self._on_tap)
        self._plan = SeatPlanView(areas=())
        self._rules = SeatRules(self._plan, {})
        self._zoom = 1.0
        self._scroll = _PlanScroll()
        self._scroll.setWidget(self._canvas)
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Fit is measured on the viewport, which is resized after this widget is.
        self._scroll.viewportResized.connect(self._apply_zoom)
        self._scroll.pinched.connect(self._on_pinch)

        self._zoom_out = QPushButton("−")
        self._zoom_in = QPushButton("+")
        for button, slot in ((self._zoom_out, self.zoom_out), (self._zoom_in, self.zoom_in)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("variant", "key")
            button.setFixedSize(theme.TOUCH_PX, theme.TOUCH_PX)
            button.clicked.connect(slot)
        zoom_box = QVBoxLayout()
        zoom_box.setSpacing(theme.GAP_PX // 2)
        zoom_box.addWidget(self._zoom_in)
        zoom_box.addWidget(self._zoom_out)
        zoom_box.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.GAP_PX // 2)
        row.addWidget(self._scroll, 1)
        row.addLayout(zoom_box)

    @property
    def canvas(self) -> SeatCanvas:
        return self._canvas

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def max_zoom(self) -> float:
        return max(1.0, MAX_CELL_PX / self._fit_cell_px())

    def set_plan(self, plan: SeatPlanView, quota: Mapping[str, int]) -> None:
        """Show a plan; ``quota`` is seats wanted per area category (from the ticket types)."""
        self._plan = plan
        self._rules = SeatRules(plan, quota)
        self._canvas.set_plan(plan, self._rules)
        self._zoom = 1.0
        self._apply_zoom()
        self.selectionChanged.emit([])

    def selected(self) -> list[SeatKey]:
        return self._rules.selected

    def is_complete(self) -> bool:
        return self._rules.is_complete() and bool(self._rules.selected)

    def wanted(self) -> int:
        return self._rules.wanted

    def toggle(self, key: SeatKey) -> Refusal | None:
        """Tap on a seat, as the patron would; also the testing entry point."""
        before = set(self._rules.selected)
        refusal = self._rules.toggle(key)
        if refusal is None:
            for changed in before.symmetric_difference(self._rules.selected):
                self._canvas.update(self._canvas.seat_rect(changed).toAlignedRect())
            self.selectionChanged.emit(self._rules.selected)
        else:
            self.refused.emit(refusal)
        return refusal

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / self.ZOOM_STEP)

    def set_zoom(self, zoom: float, focus: QPointF | None = None) -> None:
        """Zoom to ``zoom`` x fit, keeping ``focus`` (viewport pixels) under the finger."""
        zoom = min(max(zoom, 1.0), self.max_zoom)
        if math.isclose(zoom, self._zoom):
            return
        viewport = self._scroll.viewport()
        anchor = focus or QPointF(viewport.width() / 2, viewport.height() / 2)
        hbar, vbar = self._scroll.horizontalScrollBar(), self._scroll.verticalScrollBar()
        old_cell = self._canvas.cell_px
        plan_x = (hbar.value() + anchor.x()) / old_cell
        plan_y = (vbar.value() + anchor.y()) / old_cell
        self._zoom = zoom
        self._apply_zoom()
        new_cell = self._canvas.cell_px
        hbar.setValue(round(plan_x * new_cell - anchor.x()))
        vbar.setValue(round(plan_y * new_cell - anchor.y()))

    def _on_pinch(self, scale: float, focus: QPointF) -> None:
        self.set_zoom(self._zoom * scale, focus)

    def _fit_cell_px(self) -> float:
        viewport = self._scroll.viewport().size()
        width_cells, height_cells = self._canvas.cells
        # Two pixels of slack so a fitted plan never shows scroll bars from rounding.
        fit = min((viewport.width() - 2) / width_cells, (viewport.height() - 2) / height_cells)
        return max(8.0, min(fit, MAX_CELL_PX))

    def _apply_zoom(self) -> None:
        self._canvas.set_cell_px(self._fit_cell_px() * self._zoom)
        self._zoom_in.setEnabled(self._zoom < self.max_zoom - 1e-6)
        self._zoom_out.setEnabled(self._zoom > 1.0 + 1e-6)

    def _on_tap(self, key: SeatKey) -> None:
        self.toggle(key)
