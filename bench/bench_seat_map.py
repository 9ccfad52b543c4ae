"""Seat map: build + paint a 400- and a 1000-seat plan, and answer a tap, against a frame.

The seats screen of the real MainWindow (1080 x 1920 portrait panel, bundled font,
stylesheet, translator) under QT_QPA_PLATFORM=offscreen. Each figure is the median
of ROUNDS, and the reference is one frame at 60 Hz (16 ms): the limit itself.

- build + paint: ``SeatsScreen.set_plan`` (layout, fit zoom) then processing events
  until the canvas has painted, timed from the call to the end of that paint.
- repaint: ``update()`` of the canvas to the end of its paint (nothing rebuilt).
- tap: mouse press and release on a free seat's centre, delivered to the canvas as
  Qt would, through ``seatTapped`` -> selection rules -> ``selectionChanged`` ->
  the canvas repainted. Taps alternate select / deselect of the same seat.
- grab: the whole canvas rendered to a pixmap (what a screenshot costs); no target.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import row, save_section
from kiosk.qt import QApplication, QEvent, QMouseEvent, QObject, QPointF, Qt
from kiosk.qt.fonts import load_fonts
from kiosk.qt.i18n import Translations
from kiosk.settings import load_settings
from kiosk.ui.main_window import MainWindow
from kiosk.ui.theme import STYLESHEET
from kiosk.ui.viewmodels import (
    AreaView,
    RowView,
    SeatCell,
    SeatPlanView,
    SeatStatus,
    SeatStyle,
    SeatView,
)

ROUNDS = 30
FRAME_MS = 16.0
STANDARD = "0000000001"
COUPLE = "0000000002"


def hall(rows: int, cols: int, sofa_pairs: int) -> SeatPlanView:
    """A realistic hall: a main area with an aisle, about a fifth sold and a few house,
    wheelchair and broken seats, and a back area of two-seat sofas. Exactly
    ``rows * cols + 2 * sofa_pairs`` seats."""
    main_rows = []
    for r in range(rows):
        seats = []
        for c in range(cols):
            column = c + (1 if c >= cols // 2 else 0)  # the aisle is an empty column
            status = SeatStatus.FREE
            if (r * 7 + c * 3) % 5 == 0:
                status = SeatStatus.SOLD
            elif (r + c) % 29 == 0:
                status = SeatStatus.HOUSE
            elif r == rows - 1 and c < 4:
                status = SeatStatus.WHEELCHAIR
            elif (r * c) % 97 == 13:
                status = SeatStatus.BROKEN
            seats.append(SeatView((1, r, column), str(r + 1), str(c + 1), status,
                                  area_category_code=STANDARD))  # fmt: skip
        main_rows.append(RowView(r, str(r + 1), tuple(seats)))
    sofa_cols = 2 * sofa_pairs + (sofa_pairs - 1)  # a gap between sofas
    sofa_seats = []
    for pair in range(sofa_pairs):
        left: SeatCell = (2, 0, pair * 3)
        right: SeatCell = (2, 0, pair * 3 + 1)
        group = (left, right)
        status = SeatStatus.SOLD if pair % 3 == 0 else SeatStatus.FREE
        sofa_seats += [
            SeatView(left, "VIP", str(2 * pair + 1), status, SeatStyle.SOFA_LEFT, group, COUPLE),
            SeatView(right, "VIP", str(2 * pair + 2), status, SeatStyle.SOFA_RIGHT, group, COUPLE),
        ]
    areas = [
        AreaView(1, STANDARD, "普通区", rows, cols + 1, tuple(main_rows)),
        AreaView(2, COUPLE, "情侣区", 1, sofa_cols, (RowView(0, "VIP", tuple(sofa_seats)),)),
    ]
    plan = SeatPlanView(tuple(areas))
    assert len(plan) == rows * cols + 2 * sofa_pairs
    return plan


PLANS = {400: hall(18, 22, 2), 1000: hall(28, 35, 10)}
QUOTA = {STANDARD: 4, COUPLE: 2}


class PaintCounter(QObject):
    """Counts paint events of one widget; the paint has finished once processEvents
    returns with the count raised (the paint is handled synchronously inside it)."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def until_painted(app: QApplication, counter: PaintCounter, before: int) -> None:
    deadline = time.perf_counter() + 2.0
    while counter.paints == before:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("the canvas never painted")


def median_ms(fn: Callable[[], None]) -> float:
    fn()  # the first frame pays for glyph caches; a running kiosk has them
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def tap(app: QApplication, widget: QObject, pos: QPointF) -> None:
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else (
            Qt.MouseButton.NoButton
        )  # fmt: skip
        event = QMouseEvent(kind, pos, pos, Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
        app.sendEvent(widget, event)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_fonts(app)
    app.setStyleSheet(STYLESHEET)
    translations = Translations()
    translations.switch("zh")
    window = MainWindow(load_settings(environ={}, kiosk_mode=False), translations)
    window.resize(1080, 1920)
    window.show()
    window.show_screen(window.seats)
    app.processEvents()
    seat_map = window.seats.seat_map
    canvas = seat_map.canvas
    counter = PaintCounter()
    canvas.installEventFilter(counter)

    selections: list[int] = []
    seat_map.selectionChanged.connect(lambda keys: selections.append(len(keys)))
    rows = []
    for size, plan in PLANS.items():

        def build(plan: SeatPlanView = plan) -> None:
            before = counter.paints
            window.seats.set_plan(plan, QUOTA)
            until_painted(app, counter, before)

        def repaint() -> None:
            before = counter.paints
            canvas.update()
            until_painted(app, counter, before)

        build_ms = median_ms(build)
        repaint_ms = median_ms(repaint)
        free = next(s for s in plan.seats() if s.status == SeatStatus.FREE and not s.is_sofa)
        centre = canvas.seat_rect(free.key).center()

        def tapped(centre: QPointF = centre) -> None:
            before, chosen = counter.paints, len(selections)
            tap(app, canvas, centre)
            until_painted(app, counter, before)
            assert len(selections) == chosen + 1, "the tap did not change the selection"

        tap_ms = median_ms(tapped)
        grab_ms = median_ms(lambda: canvas.grab())
        cell = canvas.cell_px
        for label, value in (("build + paint", build_ms), ("repaint", repaint_ms),
                             ("tap -> selection -> repaint", tap_ms)):  # fmt: skip
            rows.append(row(f"{size} seats: {label}", value, reference=FRAME_MS,
                            ratio=value / FRAME_MS, target=f"< {FRAME_MS:.0f} ms",
                            met=value < FRAME_MS, unit=" ms"))  # fmt: skip
        rows.append(row(f"{size} seats: grab whole canvas ({cell:.0f} px seats)", grab_ms,
                        unit=" ms"))  # fmt: skip
    save_section(
        "seat_map",
        rows,
        notes=f"SeatsScreen in MainWindow 1080x1920, offscreen, fit zoom; median of {ROUNDS}; "
        f"reference: one 60 Hz frame ({FRAME_MS:.0f} ms)",
    )
    window.admin_exit()


if __name__ == "__main__":
    main()
