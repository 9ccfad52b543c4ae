"""VISTA's posters downloaded from the media service (the Connect simulator's), kept as
files by 广电编码: only real pictures, once a day, and a service away costs nothing."""

from __future__ import annotations

import logging
import os
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from kiosk.connect.client import ConnectClient
from kiosk.connect.media import REFRESH_S, PosterDownloads
from kiosk.domain import Film
from kiosk.sim.cluster import SimCluster
from kiosk.sim.media import has_poster


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _template(sim: SimCluster) -> str:
    origin = _origin(sim.info()["connect"]["url"])
    return f"{origin}/CDN/media/entity/get/FilmPosterGraphic/{{film_id}}?referenceScheme=HeadOffice"


async def _films(sim: SimCluster) -> list[Film]:
    info = sim.info()["connect"]
    async with ConnectClient(info["url"], info["token"], cinema_id=info["cinema_id"]) as client:
        return await client.get_now_showing_scheduled_films()


async def test_the_posters_vista_has_are_saved_by_short_code(
    sim: SimCluster, tmp_path: Path
) -> None:
    films = await _films(sim)
    store = sim.world.store.films
    expected = {f.short_code for f in films if has_poster(store[f.film_id])}
    assert expected and len(expected) < len(films)  # some with art, some without
    downloads = PosterDownloads(_template(sim), tmp_path / "posters")
    try:
        saved = await downloads.fetch(films)
        assert set(saved) == expected
        for code in expected:
            with Image.open(tmp_path / "posters" / f"{code}.png") as image:
                assert image.format == "PNG" and image.size == (400, 600)
        assert sorted(p.name for p in (tmp_path / "posters").iterdir()) == sorted(
            f"{c}.png" for c in expected
        )  # nothing for the films VISTA has no art for, and no partial files
        assert await downloads.fetch(films) == []  # kept: not asked again within a day
        day_old = time.time() - REFRESH_S - 60
        first = tmp_path / "posters" / f"{sorted(expected)[0]}.png"
        os.utime(first, (day_old, day_old))
        assert await downloads.fetch(films) == []  # asked again: the same art, not "new"
        assert first.stat().st_mtime > day_old + 60
    finally:
        await downloads.aclose()


async def test_an_answer_that_is_not_a_picture_is_never_kept(
    sim: SimCluster, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    films = await _films(sim)
    # the control API answers JSON with 200: a gateway's page instead of the art
    control = sim.info()["control"]
    downloads = PosterDownloads(f"{control}/faults?film={{film_id}}", tmp_path / "posters")
    caplog.set_level(logging.WARNING, logger="kiosk.connect.media")
    try:
        assert await downloads.fetch(films) == []
    finally:
        await downloads.aclose()
    assert list((tmp_path / "posters").iterdir()) == []
    assert "is not a picture" in caplog.text


async def test_a_media_service_away_is_one_log_line_and_no_poster(
    tmp_path: Path, sim: SimCluster, caplog: pytest.LogCaptureFixture
) -> None:
    films = await _films(sim)
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]  # closed again: nothing listens there
    downloads = PosterDownloads(f"http://127.0.0.1:{port}/m/{{short_code}}", tmp_path / "p")
    caplog.set_level(logging.WARNING, logger="kiosk.connect.media")
    try:
        assert await downloads.fetch(films) == []
    finally:
        await downloads.aclose()
    lines = [r for r in caplog.records if r.name == "kiosk.connect.media"]
    assert len(lines) == 1 and "posters not downloaded" in lines[0].getMessage()
    assert list((tmp_path / "p").iterdir()) == []
