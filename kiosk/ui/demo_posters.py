"""Posters for the demo's films, drawn with Qt when the demo starts.

The demo shows what a cinema's ``poster_dir`` gives: some films with a poster,
the others with the card of their title. Real posters are the studios' work, so
these are drawn here: a night sky of the film's own colours, its title and "DEMO".
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from pathlib import Path

from kiosk.qt import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QLinearGradient,
    QPainter,
    QPointF,
    QRectF,
    QSize,
    Qt,
)

SIZE = QSize(600, 900)  # 2:3, larger than any card: the kiosk scales it down, as a real one


def draw_poster(title: str, subtitle: str, size: QSize = SIZE) -> QImage:
    """A poster of ``title`` (and ``subtitle`` under it), the same for the same title."""
    shapes = random.Random(zlib.crc32(title.encode()))
    image = QImage(size, QImage.Format.Format_RGB32)
    width, height = float(size.width()), float(size.height())
    hue = shapes.randrange(360)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(QPointF(0, 0), QPointF(0, height))
    sky.setColorAt(0.0, QColor.fromHsl(hue, 140, 30))
    sky.setColorAt(0.65, QColor.fromHsl((hue + 40) % 360, 160, 70))
    sky.setColorAt(1.0, QColor.fromHsl((hue + 80) % 360, 180, 120))
    painter.fillRect(QRectF(0, 0, width, height), sky)
    painter.setPen(Qt.PenStyle.NoPen)
    for _ in range(120):  # stars
        painter.setBrush(QColor(255, 255, 255, shapes.randrange(80, 230)))
        r = shapes.uniform(0.8, 2.6)
        painter.drawEllipse(
            QPointF(shapes.uniform(0, width), shapes.uniform(0, height * 0.6)), r, r
        )
    planet = QColor.fromHsl((hue + 180) % 360, 150, 150)
    painter.setBrush(planet)
    painter.drawEllipse(QPointF(width * 0.68, height * 0.3), width * 0.22, width * 0.22)
    painter.setBrush(QColor.fromHsl((hue + 20) % 360, 90, 20))
    painter.drawRect(QRectF(0, height * 0.78, width, height * 0.22))
    font = QFont()
    font.setBold(True)
    room = QRectF(width * 0.06, height * 0.5, width * 0.88, height * 0.28)
    flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom) | int(
        Qt.TextFlag.TextWordWrap
    )
    for px in range(int(width / 4), int(width / 16), -4):  # the largest title that fits
        font.setPixelSize(px)
        needed = QFontMetrics(font).boundingRect(room.toRect(), flags, title)
        if needed.width() <= room.width() and needed.height() <= room.height():
            break
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(room, flags, title)
    font.setBold(False)
    font.setPixelSize(int(width / 18))
    painter.setFont(font)
    painter.drawText(
        QRectF(width * 0.06, height * 0.8, width * 0.88, height * 0.08),
        int(Qt.AlignmentFlag.AlignCenter),
        subtitle,
    )
    font.setPixelSize(int(width / 26))
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
    painter.setFont(font)
    painter.setPen(QColor(255, 255, 255, 170))
    painter.drawText(
        QRectF(0, height * 0.9, width, height * 0.07), int(Qt.AlignmentFlag.AlignCenter), "DEMO"
    )
    painter.end()
    return image


def write_posters(films: Sequence[tuple[str, str, str]], folder: Path) -> list[Path]:
    """Each (short code, title, English title) drawn to ``folder``/SHORTCODE.png."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for short_code, title, title_en in films:
        path = folder / f"{short_code}.png"
        if draw_poster(title, title_en).save(str(path)):
            written.append(path)
    return written
