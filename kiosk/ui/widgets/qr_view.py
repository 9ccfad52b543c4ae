"""Shows a payment QR code, drawn crisp at any size from the qrcode library's module matrix.

The matrix is the slow part: qrcode is pure Python and tries all eight masks, 10-20 ms
a payload, so it is made once per payload (:func:`qr_matrix` remembers the last few)
and :func:`prepare` makes it on a worker thread before the screen needs it, where it
does not hold up the event loop; drawing it at a size is a few milliseconds.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Iterable

from kiosk.qt import QColor, QImage, QLabel, QPainter, QPixmap, QRectF, Qt, QWidget

# Phones scan a dark-on-white code most reliably, whatever the screen theme is.
QUIET_ZONE_MODULES = 4
# A payment shows one or two QRs (WeChat Pay and Alipay side by side); the print-stopped
# screen one more. A few more than that never hold a payment's QRs out of the cache.
_MATRICES_KEPT = 8


@functools.lru_cache(maxsize=_MATRICES_KEPT)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """``payload``'s QR modules with the quiet zone, dark as True (thread-safe: no Qt)."""
    # Imported on first use: qrcode (with Pillow) is 40 ms of the kiosk's start-up,
    # and the first payment is seconds away from the first paint.
    import qrcode
    import qrcode.constants

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE_MODULES
    )
    code.add_data(payload)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return tuple(tuple(row) for row in matrix)


async def prepare(payloads: Iterable[str]) -> None:
    """Make the matrices of ``payloads`` on a worker thread, so showing them is drawing."""
    for payload in payloads:
        await asyncio.to_thread(qr_matrix, payload)


def render_qr(payload: str, size_px: int) -> QPixmap:
    """A square pixmap of ``payload`` as a QR code with its quiet zone, ``size_px`` wide."""
    matrix = qr_matrix(payload)
    modules = len(matrix)
    # Whole pixels per module keep every module the same size, which scanners like.
    module_px = max(1, size_px // modules)
    side = module_px * modules
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(QRectF(x * module_px, y * module_px, module_px, module_px))
    painter.end()
    return QPixmap.fromImage(image)


class QrView(QLabel):
    def __init__(self, size_px: int = 480, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size_px = size_px
        self._payload = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(size_px, size_px)
        self.setStyleSheet("background: white; border-radius: 16px;")

    def payload(self) -> str:
        return self._payload

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self.setPixmap(render_qr(payload, self._size_px))

    def set_size(self, size_px: int) -> None:
        """Redraw at ``size_px`` square (the room the screen has for it changed): the
        same matrix, drawn again."""
        self._size_px = size_px
        self.setFixedSize(size_px, size_px)
        if self._payload:
            self.set_payload(self._payload)
