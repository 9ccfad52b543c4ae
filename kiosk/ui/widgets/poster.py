"""A film's poster on its card, or a card of type where the cinema has none.

The two are the same size, so a poster that arrives a moment after the list is
drawn takes the card's place without moving anything. The card is a poster of
words: the title large on a colour of its own (the same film, the same colour,
on every kiosk), so a list of films without posters still reads as posters do.
"""

from __future__ import annotations

import re
import zlib

from kiosk.qt import (
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRectF,
    QSize,
    Qt,
    QWidget,
)
from kiosk.ui import formatting, theme
from kiosk.ui.posters import PosterShelf

RADIUS_PX = 14
PAD_PX = 14
# Deep colours the white title reads on; the film's code picks one.
_CARD_HUES = (8, 28, 200, 222, 262, 290, 330, 160)
LARGEST_TITLE_PX = 40
SMALLEST_TITLE_PX = 20


def card_colour(seed: str) -> QColor:
    hue = _CARD_HUES[zlib.crc32(seed.encode()) % len(_CARD_HUES)]
    return QColor.fromHsl(hue, 120, 62)


# Where a Chinese title may turn to a new line: after its own punctuation, never
# inside a name (阿凡达：/水之道, not 阿凡/达：水/之道).
_TITLE_BREAK = re.compile(r"(?<=[：:·・，,、—－\-！!？?）)】」])|(?=[（(【「])|\s+")
_ZERO_WIDTH_SPACE = "\u200b"


def card_title(title: str) -> str:
    """``title`` as the card sets it: a Chinese title breaks only between its parts;
    an English one between its words, as anywhere."""
    parts = [p for p in _TITLE_BREAK.split(title.strip()) if p]
    if not any(formatting.is_wide(c) for c in title):
        return title.strip()
    return _ZERO_WIDTH_SPACE.join(formatting.unbroken(p) for p in parts)


class PosterView(QWidget):
    """The poster of the film with ``short_code`` from ``shelf``, at ``size``; until it
    is read, and for a film without one, the card of ``title``."""

    def __init__(
        self,
        shelf: PosterShelf | None,
        short_code: str,
        title: str,
        size: QSize,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFixedSize(size)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._shelf = shelf
        self._code = short_code
        self._title = title
        self._lines = card_title(title)
        # the title's font as fitted to the card: found once, not at every paint
        self._title_font: tuple[QFont, str] | None = None
        self._pixmap: QPixmap | None = None
        if shelf is not None:
            shelf.posterReady.connect(self._arrived)
            shelf.posterChanged.connect(self._arrived)
            self._pixmap = shelf.poster(short_code, size)

    def has_poster(self) -> bool:
        return self._pixmap is not None

    def _arrived(self, short_code: str) -> None:
        if short_code != self._code or self._shelf is None:
            return
        # a changed file: the card (or the old poster) stays until the new one is read
        self._pixmap = self._shelf.poster(short_code, self.size()) or self._pixmap
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        frame = QRectF(self.rect())
        outline = QPainterPath()
        outline.addRoundedRect(frame, RADIUS_PX, RADIUS_PX)
        painter.setClipPath(outline)
        if self._pixmap is not None:
            painter.drawPixmap(self.rect(), self._pixmap)
        else:
            self._paint_card(painter, frame)
        painter.setClipping(False)
        painter.setPen(QPen(QColor(theme.BORDER), 2))
        painter.drawRoundedRect(frame.adjusted(1, 1, -1, -1), RADIUS_PX, RADIUS_PX)
        painter.end()

    def _paint_card(self, painter: QPainter, frame: QRectF) -> None:
        colour = card_colour(self._code or self._title)
        fade = QLinearGradient(frame.topLeft(), frame.bottomRight())
        fade.setColorAt(0.0, colour.lighter(135))
        fade.setColorAt(1.0, colour.darker(170))
        painter.fillRect(frame, fade)
        painter.fillRect(
            QRectF(frame.left() + PAD_PX, frame.top() + PAD_PX, 36, 5), QColor(theme.ACCENT)
        )
        text = frame.adjusted(PAD_PX, PAD_PX + 18, -PAD_PX, -PAD_PX)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
            Qt.TextFlag.TextWordWrap
        )
        painter.setFont(self._fitted_font(text, flags))
        painter.setPen(QColor(theme.TEXT))
        painter.drawText(text, flags, self._lines)

    def _fitted_font(self, text: QRectF, flags: int) -> QFont:
        """The largest size at which the whole title fits the card: measured up to ten
        times, so once per card (the size is fixed) and font, not at every paint (a
        list of films painted its cards in 5-10 ms)."""
        base = QFont(self.font())
        if self._title_font is not None and self._title_font[1] == base.key():
            return self._title_font[0]
        font = QFont(base)
        font.setBold(True)
        for px in range(LARGEST_TITLE_PX, SMALLEST_TITLE_PX - 1, -2):
            font.setPixelSize(px)
            needed = QFontMetrics(font).boundingRect(text.toRect(), flags, self._lines)
            if needed.height() <= text.height() and needed.width() <= text.width():
                break
        self._title_font = (font, base.key())
        return font
