"""A picture of the demo's windows, saved every few seconds, for a machine with no display.

On a server the demo draws on a virtual screen nobody sees; a PNG that an image
viewer reloads is the simplest way to watch it. The windows are grabbed on the
UI thread (a few milliseconds) and encoded on a worker thread, so a patron's tap
never waits for a PNG, and the file is replaced whole (a viewer never reads half).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from kiosk.qt import QImage, QPainter, QWidget

log = logging.getLogger(__name__)

EVERY_S = 3.0
_BACKGROUND = 0xFF101216


def picture_of(windows: Sequence[QWidget], gap: int) -> QImage:
    """``windows`` side by side, left to right, ``gap`` pixels apart."""
    grabs = [w.grab().toImage() for w in windows if w.isVisible()]
    width = sum(g.width() for g in grabs) + gap * max(0, len(grabs) - 1)
    height = max((g.height() for g in grabs), default=1)
    picture = QImage(max(1, width), height, QImage.Format.Format_RGB32)
    picture.fill(_BACKGROUND)
    painter = QPainter(picture)
    x = 0
    for grab in grabs:
        painter.drawImage(x, 0, grab)
        x += grab.width() + gap
    painter.end()
    return picture


def _save(picture: QImage, path: Path) -> None:
    # named .png: Qt picks the format by the file's name
    partial = path.with_name(f".{path.stem}.partial.png")
    if not picture.save(str(partial)):
        raise OSError(f"Qt could not write {partial}")
    os.replace(partial, path)


async def keep_picture(windows: Sequence[QWidget], path: Path, gap: int) -> None:
    """Save the picture to ``path`` every :data:`EVERY_S` seconds until cancelled;
    a failure is logged once and the demo goes on without it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            picture = picture_of(windows, gap)
            await asyncio.to_thread(_save, picture, path)
            await asyncio.sleep(EVERY_S)
    except OSError as exc:
        log.warning("the demo's picture cannot be saved to %s: %s", path, exc)
    except Exception:  # a picture for watching must never take the demo down with it
        log.exception("the demo's picture stopped")


def remove_picture(path: Path) -> None:
    """The picture shows a demo that is over: take it away with the demo."""
    with contextlib.suppress(OSError):
        path.unlink()
