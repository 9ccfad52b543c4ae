"""The application, drawn at the scale that fits the patron screens to the screen it has.

Every screen is laid out in pixels for a 1920x1080 picture, landscape or portrait
(:mod:`kiosk.ui.theme`). On a smaller one, a 1366x768 panel or a windowed kiosk on a
laptop, the same layout crammed into fewer pixels cut off the pickup keypad, the
payment screen's cancel button and the reference on an error; on a 4K panel that does
not scale by itself, it filled a quarter of the glass in type a patron reads at arm's
length. Qt's own scaling (``QT_SCALE_FACTOR``) draws the whole window at the panel's
size instead: the kiosk still lays out a 1920x1080 picture, and a 104-pixel touch
target becomes 74 pixels of a 1366x768 panel (still 18 mm on a 15.6-inch one) or 208
of a 4K one. Text is drawn at the panel's own resolution, and the QR codes stay sharp.

Qt reads that factor only when the application is made, and the screen's size is known
only once it is: on a screen that needs a scale the application is made, measured,
shut down and made again at the scale (a few milliseconds). The size measured is the
one Qt lays out in, so a platform that already scales (a compositor's output scale)
is not scaled twice. A 4K panel costs more per frame, whoever scales it: four times the
pixels, and titles above the 64 device pixels Qt keeps as cached glyphs
(:data:`kiosk.ui.theme.HERO_PX`) drawn from their outlines at each paint.
"""

from __future__ import annotations

import logging
import math
import os
import sys

from kiosk.qt import QApplication, QGuiApplication

log = logging.getLogger(__name__)

DESIGN_LONG_PX = 1920
DESIGN_SHORT_PX = 1080
SCALE_VARIABLE = "QT_SCALE_FACTOR"


def fitting_scale(width: int, height: int) -> float:
    """The largest scale at which a 1920x1080 picture of the same orientation fits in
    ``width`` x ``height``, to a thousandth (rounded down: the layout must fit)."""
    if width <= 0 or height <= 0:
        return 1.0
    long_side, short_side = max(width, height), min(width, height)
    scale = min(long_side / DESIGN_LONG_PX, short_side / DESIGN_SHORT_PX)
    return math.floor(scale * 1000) / 1000


def make_application(ui_scale: float, *, full_screen: bool) -> QApplication:
    """The kiosk's QApplication, at ``ui_scale`` (0: fitted to the primary screen, or
    to its free area beside panels and taskbars when not ``full_screen``).

    A ``QT_SCALE_FACTOR`` already in the environment is the operator's own choice of
    Qt's scale: it wins over a fitted one, and an explicit ``ui_scale`` wins over it."""
    existing = QApplication.instance()
    if existing is not None:  # already made (a test's): its scale is what it is
        return existing  # type: ignore[return-value]
    argv = sys.argv[:1]
    if ui_scale > 0:
        os.environ[SCALE_VARIABLE] = repr(ui_scale)
        return QApplication(argv)
    app = QApplication(argv)
    if os.environ.get(SCALE_VARIABLE):
        return app
    if not QGuiApplication.screens():  # no display to measure (Qt then has no screen)
        return app
    screen = QGuiApplication.primaryScreen()
    area = screen.geometry() if full_screen else screen.availableGeometry()
    scale = fitting_scale(area.width(), area.height())
    if scale == 1:
        return app
    log.info(
        "the screen is %dx%d and the screens are laid out for %dx%d: "
        "drawn at %.3f of their size (ui_scale sets another)",
        area.width(),
        area.height(),
        DESIGN_LONG_PX,
        DESIGN_SHORT_PX,
        scale,
    )
    app.shutdown()
    del app
    os.environ[SCALE_VARIABLE] = repr(scale)
    return QApplication(argv)
