"""The key under the seat map: one painted sample per seat state, with its meaning."""

from __future__ import annotations

from kiosk.qt import (
    QCoreApplication,
    QEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPaintEvent,
    QRectF,
    QWidget,
)
from kiosk.ui import theme
from kiosk.ui.widgets.layouts import place_in_columns
from kiosk.ui.widgets.seat_look import Look, paint_seat

translate = QCoreApplication.translate

SWATCH_PX = 40


class _Swatch(QWidget):
    def __init__(self, look: Look, cells: int = 1) -> None:
        super().__init__()
        self._look = look
        self.setFixedSize(SWATCH_PX * cells, SWATCH_PX)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_seat(painter, QRectF(self.rect()).adjusted(2, 2, -2, -2), self._look)
        painter.end()


def _label(look: Look) -> str:
    texts = {
        Look.FREE: translate("SeatLegend", "Available"),
        Look.SELECTED: translate("SeatLegend", "Your seat"),
        Look.SOFA: translate("SeatLegend", "Couple sofa"),
        Look.SOLD: translate("SeatLegend", "Sold"),
        Look.WHEELCHAIR: translate("SeatLegend", "Wheelchair"),
        Look.HOUSE: translate("SeatLegend", "Reserved"),
        Look.HELD: translate("SeatLegend", "On hold"),
        Look.BROKEN: translate("SeatLegend", "Out of use"),
    }
    return texts[look]


class SeatLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(theme.GAP_PX)
        self._grid.setVerticalSpacing(8)
        self._labels: list[tuple[Look, QLabel]] = []
        self._items: list[QWidget] = []
        for look in Look:
            item = QWidget()
            row = QHBoxLayout(item)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(10)
            row.addWidget(_Swatch(look, 2 if look is Look.SOFA else 1))
            label = QLabel()
            label.setProperty("role", "muted")
            row.addWidget(label, 1)
            self._labels.append((look, label))
            self._items.append(item)
        self.set_columns(4)
        self._retranslate()

    def set_columns(self, columns: int) -> None:
        place_in_columns(self._grid, self._items, columns)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for look, label in self._labels:
            label.setText(_label(look))
