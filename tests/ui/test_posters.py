"""Film posters from the cinema's folder by 广电编码: read off the UI thread, kept
scaled, a broken file logged and shown as the film's card, and the film list
saved with posters and with cards for people to look at."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import start_kiosk
from kiosk.cli.demo import sim_overrides
from kiosk.cli.sim import make_world
from kiosk.domain import Film
from kiosk.qt import QImage, QSize
from kiosk.qt.i18n import Translations
from kiosk.settings import Settings, load_settings
from kiosk.sim.cluster import SimCluster, SimOptions
from kiosk.sim.media import has_poster
from kiosk.ui import posters
from kiosk.ui.controllers.adapters import film_view
from kiosk.ui.demo_posters import draw_poster, write_posters
from kiosk.ui.main_window import MainWindow
from kiosk.ui.posters import LOOK_AGAIN_S, PosterShelf
from kiosk.ui.screens.films import POSTER_SIZE
from kiosk.ui.widgets.poster import PosterView

from .journey_fixtures import close_kiosk, run, tap
from .layout_checks import buttons_cut_off, labels_cut_off, overlapping_buttons
from .samples import FILMS, NOW

pytestmark = pytest.mark.ui
pytest_plugins = ["tests.ui.journey_fixtures"]

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
SIZE = QSize(160, 240)
# The sample films with the 广电编码 a cinema would give them; F2 and F5 have no poster
# file, F3's is broken.
CODES = {f"F{n}": f"0012004{n:02d}2015"[:12] for n in range(1, 7)}
WITH_POSTER = ("F1", "F4", "F6")
# Qt's JPEG reader says so of the broken file too, besides the kiosk's own log line.
broken_jpeg = pytest.mark.qt_log_ignore("JPEG datastream contains no image")


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _poster_folder(folder: Path) -> Path:
    titles = {f.film_id: f.title for f in FILMS}
    write_posters([(CODES[fid], titles[fid], "DEMO POSTER") for fid in WITH_POSTER], folder)
    (folder / f"{CODES['F3']}.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    return folder


def _arrived(qtbot: object, shelf: PosterShelf, code: str) -> None:
    with qtbot.waitSignal(shelf.posterReady, timeout=5000) as blocker:  # type: ignore[attr-defined]
        assert shelf.poster(code, SIZE) is None  # asked: it is read in the background
    assert blocker.args == [code]


def test_a_poster_is_read_by_its_short_code_scaled_to_cover_the_card(
    qtbot: object, kiosk_app: object, tmp_path: Path
) -> None:
    folder = tmp_path / "posters"
    write_posters([("001200472015", "一万年以后", "Ten Thousand Years Later")], folder)
    # another shape and suffix: cut to the card's 2:3, never stretched
    draw_poster("宽", "wide", QSize(1200, 500)).save(str(folder / "001200482015.JPEG"))
    shelf = PosterShelf([folder])
    for code in ("001200472015", "001200482015"):
        _arrived(qtbot, shelf, code)
        kept = shelf.poster(code, SIZE)
        assert kept is not None and kept.size() == SIZE
    assert shelf.poster("001200492015", SIZE) is None  # no file: nothing arrives
    qtbot.wait(100)  # type: ignore[attr-defined]
    assert shelf.poster("001200492015", SIZE) is None


def test_reading_never_holds_the_ui_thread(
    qtbot: object, kiosk_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real reader, held on its thread until the test lets it go: the UI thread goes
    on handling events meanwhile, and the poster arrives after."""
    folder = tmp_path / "posters"
    write_posters([("001200472015", "一万年以后", "")], folder)
    release, threads = threading.Event(), []
    real: Callable[[Path, QSize], QImage | None] = posters.read_scaled

    def held(path: Path, size: QSize) -> QImage | None:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(path, size)

    monkeypatch.setattr(posters, "read_scaled", held)
    shelf = PosterShelf([folder])
    arrived: list[str] = []
    shelf.posterReady.connect(arrived.append)
    assert shelf.poster("001200472015", SIZE) is None
    qtbot.wait(200)  # type: ignore[attr-defined]  # events run while the read is held
    assert threads and threads[0] is not threading.main_thread()
    assert arrived == []
    release.set()
    qtbot.waitUntil(lambda: arrived == ["001200472015"], timeout=5000)  # type: ignore[attr-defined]


@broken_jpeg
def test_a_broken_file_is_logged_shows_the_card_and_is_looked_at_again_later(
    qtbot: object, kiosk_app: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "posters"
    folder.mkdir()
    broken = folder / "001200472015.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    clock = _Clock()
    shelf = PosterShelf([folder], clock=clock)
    caplog.set_level(logging.WARNING, logger="kiosk.ui.posters")
    assert shelf.poster("001200472015", SIZE) is None
    qtbot.waitUntil(lambda: "cannot be read" in caplog.text, timeout=5000)  # type: ignore[attr-defined]
    assert str(broken) in caplog.text and "shows its card" in caplog.text
    qtbot.wait(50)  # type: ignore[attr-defined]
    caplog.clear()
    assert shelf.poster("001200472015", SIZE) is None  # not read again at every redraw
    qtbot.wait(100)  # type: ignore[attr-defined]
    assert caplog.text == ""
    broken.unlink()  # the cinema replaces it
    write_posters([("001200472015", "一万年以后", "")], folder)
    clock.now += LOOK_AGAIN_S + 1
    _arrived(qtbot, shelf, "001200472015")


@pytest.mark.parametrize("code", ["../posters/001200472015", "", "a/b", "x" * 40])
def test_a_code_that_is_not_a_plain_name_reads_nothing(
    kiosk_app: object, tmp_path: Path, code: str
) -> None:
    folder = tmp_path / "posters"
    write_posters([("001200472015", "一万年以后", "")], folder)
    shelf = PosterShelf([folder / "inner"])
    assert shelf.poster(code, SIZE) is None
    assert shelf._worker is None  # nothing was even asked of the disk


def test_the_film_view_carries_vistas_short_code() -> None:
    film = Film(film_id="HO00012501", title="一万年以后", short_code=" 001200472015 ")
    assert film_view(film, NOW).short_code == "001200472015"


def _window(qtbot: object, settings: Settings, translations: Translations, size: str, lang: str):  # type: ignore[no-untyped-def]
    win = MainWindow(settings, translations)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.resize(*SIZES[size])
    win.show()
    win.set_language("zh" if lang == "zh" else "en")
    return win


@broken_jpeg
@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("orientation", list(SIZES))
def test_the_film_list_with_posters_and_with_cards(
    qtbot: object,
    translations: Translations,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    language: str,
    orientation: str,
) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    films = [dataclasses.replace(f, short_code=CODES[f.film_id]) for f in FILMS]
    for shown, folder in (("Posters", _poster_folder(tmp_path / "p")), ("Cards", None)):
        settings = Settings(kiosk_mode=False, poster_dir=str(folder or ""))
        win = _window(qtbot, settings, translations, orientation, language)
        win.films.show_films(films)
        win.show_screen(win.films)
        if folder is not None:
            # the cards of now: a language switch draws the list anew (from what is kept)
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda win=win: (
                    {c.film.film_id for c in win.films.cards() if c.poster.has_poster()}
                    == set(WITH_POSTER)
                ),
                timeout=5000,
            )
            qtbot.waitUntil(lambda: "cannot be read" in caplog.text, timeout=5000)  # type: ignore[attr-defined]
        qtbot.wait(20)  # type: ignore[attr-defined]
        cards = {c.film.film_id: c for c in win.films.cards()}
        expected = set(WITH_POSTER) if folder is not None else set()
        assert {f for f, c in cards.items() if c.poster.has_poster()} == expected
        for card in cards.values():
            assert card.poster.size() == POSTER_SIZE  # a poster arriving moves nothing
        assert labels_cut_off(win.films) == []
        assert overlapping_buttons(win.films) == []
        assert buttons_cut_off(win.films) == []
        win.grab().save(str(OUT / f"{orientation}-{language}-FilmsScreen{shown}.png"))
        win.admin_exit()


def test_a_kiosk_with_vistas_media_url_shows_the_posters_it_downloads(
    qtbot: QtBot, qloop: object, tmp_path: Path
) -> None:
    """Started against the simulators with poster_url: the films' posters come down in
    the background into posters/ under the data dir and the patron's list shows them;
    the films VISTA has no art for show their cards."""
    world = make_world(seed=1234)
    cluster = SimCluster(world, SimOptions(out_dir=tmp_path / "printed"))
    info = run(qtbot, cluster.start())
    connect = urlsplit(info["connect"]["url"])
    template = (
        f"http://{connect.netloc}/CDN/media/entity/get/FilmPosterGraphic/{{film_id}}"
        "?referenceScheme=HeadOffice"
    )
    settings = load_settings(
        environ={},
        **{
            **sim_overrides(info),
            "data_dir": tmp_path / "data",
            "kiosk_mode": False,
            "poster_url": template,
        },
    )
    kiosk = run(qtbot, start_kiosk(settings, asyncio.Event()))
    try:
        window = kiosk.window
        window.resize(1920, 1080)
        qtbot.waitUntil(kiosk.recovery.done, timeout=20000)
        tap(qtbot, window.home.buy_button)
        qtbot.waitUntil(lambda: window.current_screen() is window.films, timeout=20000)
        with_art = {f.film_id for f in world.store.films.values() if has_poster(f)}

        def shown() -> None:
            cards = window.films.cards()
            assert cards
            assert {c.film.film_id for c in cards if c.poster.has_poster()} == (
                with_art & {c.film.film_id for c in cards}
            )

        qtbot.waitUntil(shown, timeout=20000)
        saved = {p.stem for p in (tmp_path / "data" / "posters").glob("*.png")}
        assert saved == {world.store.films[f].short_code for f in with_art}
        window.grab().save(str(OUT / "landscape-zh-FilmsScreenVistaPosters.png"))
    finally:
        close_kiosk(qtbot, kiosk)
        run(qtbot, cluster.close())


def test_a_title_card_fits_its_title_once_not_at_every_paint(kiosk_app: object) -> None:
    """Fitting the title tries up to ten sizes; a card's size is fixed, so the size
    found is kept and every later paint draws the same card."""
    card = PosterView(None, "", "阿凡达：水之道", QSize(160, 240))
    first = card.grab().toImage()
    assert card._title_font is not None
    fitted = card._title_font[0]
    assert card.grab().toImage() == first
    assert card._title_font[0] is fitted
