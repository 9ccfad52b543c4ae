"""Film posters from VISTA's media service, kept as files the kiosk's poster shelf reads.

VISTA serves a film's artwork by its id (``/CDN/media/entity/get/FilmPosterGraphic/
HO00012501?referenceScheme=HeadOffice`` on most installations; the path differs,
so the ``poster_url`` setting is a template with ``{film_id}`` and ``{short_code}``).
Each poster is downloaded once and saved as ``SHORTCODE.jpg`` (or ``.png``,
``.webp``) in a folder beside the journal, so a patron's list reads a local file
and never waits for the network, and a kiosk that restarts while VISTA is away
still shows yesterday's posters. Only a real picture is kept: an answer that is
not ``image/jpeg``, ``image/png`` or ``image/webp``, or larger than
:data:`LARGEST_BYTES`, is refused, so a login page or an error body never
becomes a broken poster.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import httpx

from kiosk.domain import Film
from kiosk.tls import verify_for

log = logging.getLogger(__name__)

TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
LARGEST_BYTES = 8 * 1024 * 1024
TIMEOUT_S = 15.0
REFRESH_S = 24 * 3600.0  # a poster is asked for again after a day (a new campaign's art)
# a ShortCode names the file: nothing in it may climb out of the folder
_SAFE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def poster_url(template: str, film_id: str, short_code: str) -> str:
    return template.format(film_id=quote(film_id, safe=""), short_code=quote(short_code, safe=""))


class PosterDownloads:
    """Downloads the posters of ``template`` into ``folder``; :meth:`fetch` returns the
    codes of the films whose poster was saved (new or changed)."""

    def __init__(
        self,
        template: str,
        folder: Path,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.template = template
        self.folder = folder
        self._http = httpx.AsyncClient(
            timeout=TIMEOUT_S,
            follow_redirects=True,
            verify=verify_for(template.split("{", 1)[0]),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    def _saved(self, short_code: str) -> Path | None:
        for suffix in TYPES.values():
            path = self.folder / f"{short_code}{suffix}"
            if path.is_file():
                return path
        return None

    async def fetch(self, films: Iterable[Film]) -> list[str]:
        saved: list[str] = []
        failures: list[str] = []
        await asyncio.to_thread(self.folder.mkdir, parents=True, exist_ok=True)
        for film in films:
            code = (film.short_code or "").strip()
            if not _SAFE_CODE.match(code):
                continue
            old = self._saved(code)
            if old is not None and time.time() - old.stat().st_mtime < REFRESH_S:
                continue
            try:
                if await self._download(film.film_id, code, old):
                    saved.append(code)
            except httpx.HTTPError as exc:
                failures.append(f"{film.film_id} ({type(exc).__name__})")
        if failures:
            # one line for the lot: VISTA away would otherwise log every film
            log.warning("posters not downloaded: %s", ", ".join(failures))
        return saved

    async def _download(self, film_id: str, code: str, old: Path | None) -> bool:
        url = poster_url(self.template, film_id, code)
        async with self._http.stream("GET", url) as answer:
            if answer.status_code == 404:
                return False  # VISTA has no art for this film: its card shows
            answer.raise_for_status()
            kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
            suffix = TYPES.get(kind)
            if suffix is None:
                log.warning("poster of %s refused: %s is not a picture", film_id, kind or "?")
                return False
            body = bytearray()
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > LARGEST_BYTES:
                    log.warning(
                        "poster of %s refused: larger than %d bytes", film_id, LARGEST_BYTES
                    )
                    return False
        path = self.folder / f"{code}{suffix}"
        if not await asyncio.to_thread(_replace, path, bytes(body), old):
            return False  # the same art: asked again in a day
        log.info("poster of %s saved as %s", film_id, path.name)
        return True


def _replace(path: Path, body: bytes, old: Path | None) -> bool:
    """Write ``path`` whole (a reader never sees half a picture) and drop an older copy
    of another type; False when it held these bytes already (only touched)."""
    if old == path and path.read_bytes() == body:
        os.utime(path)
        return False
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(body)
    os.replace(partial, path)
    if old is not None and old != path:
        old.unlink(missing_ok=True)
    return True
