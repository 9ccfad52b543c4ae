"""The only place that imports PySide6: the rest of the kiosk imports Qt names from here.

Keeping the binding behind one module lets us change binding or version in one
place and shows at a glance which parts of Qt the kiosk depends on.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QEvent,
    QLocale,
    QMargins,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QHideEvent,
    QImage,
    QImageReader,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QResizeEvent,
    QScreen,
    QShowEvent,
    QTextLayout,
    QTextOption,
    QTouchEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGestureEvent,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPinchGesture,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


def _no_feature_scan() -> None:
    """PySide6's import hook reads the source of every module imported after it (some
    450 at a kiosk start, 30-60 ms) to find those naming PySide6, which may switch on
    a ``__feature__`` (snake_case, true_property). The kiosk uses none, so every type
    keeps its one dict and the answer changes nothing: it is taken as no."""
    feature: Any = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = lambda module: False


_no_feature_scan()

__all__ = [
    "Property",
    "QAbstractButton",
    "QApplication",
    "QBoxLayout",
    "QBrush",
    "QButtonGroup",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDesktopServices",
    "QEvent",
    "QFocusEvent",
    "QFont",
    "QFontDatabase",
    "QFontMetrics",
    "QFrame",
    "QGestureEvent",
    "QGridLayout",
    "QGuiApplication",
    "QHBoxLayout",
    "QHideEvent",
    "QImage",
    "QImageReader",
    "QKeyEvent",
    "QLabel",
    "QLayout",
    "QLineEdit",
    "QLinearGradient",
    "QLocale",
    "QMargins",
    "QMouseEvent",
    "QObject",
    "QPaintEvent",
    "QPainter",
    "QPainterPath",
    "QPen",
    "QPinchGesture",
    "QPixmap",
    "QPoint",
    "QPointF",
    "QProgressBar",
    "QPushButton",
    "QRect",
    "QRectF",
    "QRegion",
    "QResizeEvent",
    "QScreen",
    "QScrollArea",
    "QScroller",
    "QShowEvent",
    "QSize",
    "QSizeF",
    "QSizePolicy",
    "QStackedWidget",
    "QTextLayout",
    "QTextOption",
    "QTimer",
    "QTouchEvent",
    "QTranslator",
    "QUrl",
    "QVBoxLayout",
    "QWheelEvent",
    "QWidget",
    "Qt",
    "Signal",
    "Slot",
]
