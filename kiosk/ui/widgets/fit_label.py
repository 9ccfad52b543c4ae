"""A title that fits its width: a smaller font before a wrap, and an even wrap if it must.

A long cinema name ("星光国际影城（万达广场店）") wrapped at the hero size leaves one
character alone on the second line. The label first tries smaller sizes, down to a
floor that still reads as a title; a name too long even then is split in two lines
of about equal width, never leaving an orphan.
"""

from __future__ import annotations

from kiosk.qt import QFont, QFontMetrics, QLabel, QResizeEvent, Qt, QWidget

# A line must not start with closing punctuation, nor end with opening punctuation.
_NO_LINE_START = set("）)」』】〉》，,。.、：:；;！!？?")
_NO_LINE_END = set("（(「『【〈《")


def _is_wide(char: str) -> bool:
    return ord(char) > 0x2E7F  # CJK and full-width forms: a line may break between them


def break_points(text: str) -> list[int]:
    """Where a line may break: at spaces, and beside a wide (CJK) character."""
    points = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _NO_LINE_START or before in _NO_LINE_END:
            continue
        # A space, or a wide character on either side (CJK breaks between characters).
        if " " in (before, after) or _is_wide(before) or _is_wide(after):
            points.append(i)
    return points


def balanced_lines(text: str, metrics: QFontMetrics) -> str:
    """``text`` in two lines of about equal width (the wider line as narrow as possible)."""
    best, best_width = text, metrics.horizontalAdvance(text)
    for i in break_points(text):
        first, second = text[:i].rstrip(), text[i:].lstrip()
        width = max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))
        if width < best_width:
            best, best_width = f"{first}\n{second}", width
    return best


class FitLabel(QLabel):
    def __init__(self, largest_px: int, smallest_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._largest = largest_px
        self._smallest = smallest_px
        self._full = ""
        self._px = 0
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._fit()

    def full_text(self) -> str:
        return self._full

    def font_px(self) -> int:
        return self._px

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _metrics(self, px: int) -> QFontMetrics:
        font = QFont(self.font())
        font.setPixelSize(px)
        font.setBold(True)
        return QFontMetrics(font)

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        text = self._full
        px = self._largest
        if width > 0 and text:
            while px > self._smallest and self._metrics(px).horizontalAdvance(text) > width:
                px -= 2
            if self._metrics(px).horizontalAdvance(text) > width:
                text = balanced_lines(text, self._metrics(px))
        if px != self._px:
            self._px = px
            self.setStyleSheet(f"font-size: {px}px; font-weight: bold;")
        if self.text() != text:
            self.setText(text)
