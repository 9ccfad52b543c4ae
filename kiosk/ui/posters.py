"""Film posters from the cinema's folder, read off the UI thread and kept scaled.

A poster is found by the film's 广电编码 (VISTA's ``ShortCode``), the one id a
cinema's marketing files and the national film registry share: ``001200472015.jpg``
in ``poster_dir``, else in the folder VISTA's posters are downloaded to
(:mod:`kiosk.connect.media`; the composition root says when one arrives,
:meth:`PosterShelf.look_again`). Reading one touches the disk and decodes a
picture that may be a few megapixels, so it happens on a worker thread (Qt's image reader lets go of
the GIL while it decodes, and scales JPEGs as it decodes them); the UI thread only
turns the scaled image into a pixmap and keeps it, so a list shown again (another
language, the next patron) draws at once. A film without a poster, or whose file
cannot be read, shows its card (:mod:`kiosk.ui.widgets.poster`); a broken file is
logged, and both are looked for again after :data:`LOOK_AGAIN_S`, so a poster the
cinema adds while the kiosk runs appears without a restart.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kiosk.qt import QImage, QImageReader, QObject, QPixmap, QRect, QSize, Qt, Signal

log = logging.getLogger(__name__)

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
LOOK_AGAIN_S = 300.0
KEPT = 64  # scaled posters kept: a cinema shows a few dozen films at most
# A ShortCode names a file in the folder: nothing in it may climb out of it.
_SAFE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")

Key = tuple[str, int, int]


def poster_file(folder: Path, short_code: str) -> Path | None:
    """The film's poster file in ``folder``, if there is one (any of :data:`SUFFIXES`)."""
    for suffix in SUFFIXES:
        for name in (f"{short_code}{suffix}", f"{short_code}{suffix.upper()}"):
            path = folder / name
            if path.is_file():
                return path
    return None


def read_scaled(path: Path, size: QSize) -> QImage | None:
    """``path`` decoded at the scale that covers ``size`` and cut to it (the middle of a
    poster of another shape); None, logged, when it is not a picture Qt can read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a phone's photo of a poster, turned as it was taken
    whole = reader.size()
    if whole.isValid() and whole.width() > 0 and whole.height() > 0:
        scale = max(size.width() / whole.width(), size.height() / whole.height())
        reader.setScaledSize(
            QSize(math.ceil(whole.width() * scale), math.ceil(whole.height() * scale))
        )
    image = reader.read()
    if image.isNull():
        log.warning(
            "poster %s cannot be read (%s): the film shows its card",
            path,
            reader.errorString(),
        )
        return None
    if image.size() != size:
        # scaled to cover: cut the middle out (a reader that could not scale is scaled here)
        image = image.scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        left = (image.width() - size.width()) // 2
        top = (image.height() - size.height()) // 2
        image = image.copy(QRect(left, top, size.width(), size.height()))
    return image


class PosterShelf(QObject):
    """The posters in ``folders``, the first that has one winning (none: every film
    shows its card).

    :meth:`poster` answers at once from what is kept, and otherwise starts reading
    and answers None; :attr:`posterReady` then names the film's code once its
    poster is kept, for the cards showing it to draw it."""

    posterReady = Signal(str)
    posterChanged = Signal(str)
    """A film's poster file is new: whoever shows it asks for it again."""
    _read = Signal(object, object)  # Key, QImage | None: from the worker to the UI thread

    def __init__(
        self,
        folders: Sequence[Path],
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._folders = tuple(folders)
        self._clock = clock
        self._kept: OrderedDict[Key, QPixmap] = OrderedDict()
        self._none_until: dict[Key, float] = {}  # no poster (or a broken one) until then
        self._reading: set[Key] = set()
        self._worker: ThreadPoolExecutor | None = None  # started by the first poster asked
        self._read.connect(self._keep)
        for folder in self._folders:
            if folder.exists() and not folder.is_dir():
                log.warning("posters: %s is not a folder; films show their cards", folder)

    def poster(self, short_code: str, size: QSize) -> QPixmap | None:
        """The poster of the film with this 广电编码, covering ``size``, if it is kept."""
        if not self._folders or not _SAFE_CODE.match(short_code) or size.isEmpty():
            return None
        key = (short_code, size.width(), size.height())
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept
        if key in self._reading or self._none_until.get(key, 0.0) > self._clock():
            return None
        self._reading.add(key)
        if self._worker is None:
            self._worker = ThreadPoolExecutor(1, thread_name_prefix="posters")
        self._worker.submit(self._read_on_worker, self._folders, key)
        return None

    def look_again(self, short_code: str) -> None:
        """The film's poster file was added or replaced: forget what was kept or missed."""
        for key in [k for k in (*self._kept, *self._none_until) if k[0] == short_code]:
            self._kept.pop(key, None)
            self._none_until.pop(key, None)
        self.posterChanged.emit(short_code)

    def _read_on_worker(self, folders: tuple[Path, ...], key: Key) -> None:
        code, width, height = key
        image: QImage | None = None
        try:
            path = next(filter(None, (poster_file(f, code) for f in folders)), None)
            if path is not None:
                image = read_scaled(path, QSize(width, height))
        except OSError as exc:
            log.warning("poster of %s cannot be read: %s", code, exc)
        except Exception:  # a poster must never take the film list down with it
            log.exception("reading the poster of %s failed", code)
        try:
            self._read.emit(key, image)  # queued to the UI thread, which owns the pixmaps
        except RuntimeError:
            pass  # the window closed while it was read: nobody is waiting for it

    def _keep(self, key: Key, image: QImage | None) -> None:
        self._reading.discard(key)
        if image is None:
            self._none_until[key] = self._clock() + LOOK_AGAIN_S
            return
        self._none_until.pop(key, None)
        self._kept[key] = QPixmap.fromImage(image)
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        self.posterReady.emit(key[0])
