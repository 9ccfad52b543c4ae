"""The doors open before the screens nobody sees yet are built; each is wired as it is."""

from __future__ import annotations

import asyncio
import functools

import pytest

from kiosk.connect.client import ConnectClient
from kiosk.flows.catalog import Catalog
from kiosk.flows.ports import SystemClock
from kiosk.flows.purchase import PurchaseFlow
from kiosk.qt import QEvent, Qt, QWidget
from kiosk.settings import Settings
from kiosk.ui.controllers.purchase_controller import PurchaseController
from kiosk.ui.main_window import LAZY_SCREENS, MainWindow
from tests.helpers.qt_events import EventCount

pytestmark = pytest.mark.ui


def _no_flow() -> PurchaseFlow:
    raise AssertionError("no purchase starts in this test")


def test_the_purchase_screens_are_wired_as_they_are_built(
    window: MainWindow, settings: Settings
) -> None:
    clock = SystemClock()
    catalog = Catalog(ConnectClient.from_settings(settings), clock, settings.cinema_id)
    PurchaseController(window, catalog, _no_flow, clock, sale_cutoff_min=20, max_tickets=8)
    # wiring the controller built nothing: the doors need only Home
    assert [name for name in LAZY_SCREENS if name in window.__dict__] == []
    before = window.visit()
    window.films.backRequested.emit()  # built only now, and wired: Back there starts over
    assert window.visit() == before + 1


def test_wiring_a_screen_already_built_runs_at_once(window: MainWindow) -> None:
    seen: list[object] = []
    review = window.review
    window.when_built("review", seen.append)
    assert seen == [review]
    window.when_built("payment", seen.append)
    assert seen == [review, window.payment]  # once, as it was built
    assert seen.count(window.payment) == 1


def test_only_a_screen_built_on_first_use_can_be_waited_for(window: MainWindow) -> None:
    with pytest.raises(ValueError, match="home"):
        window.when_built("home", print)  # built with the window: nothing would ever wire it


def test_every_screen_built_on_first_use_is_built_once_the_doors_are_open() -> None:
    # MainWindow.build_screens builds LAZY_SCREENS: a screen missing there would be
    # built at a patron's tap instead, a stall in the middle of their flow
    lazy = {n for n, v in vars(MainWindow).items() if isinstance(v, functools.cached_property)}
    assert set(LAZY_SCREENS) == lazy


def test_the_open_doors_are_painted_before_the_loop_builds_anything(
    window: MainWindow,
) -> None:
    # build_screens runs in the loop's next turns; its first screen took 30 ms, and the
    # platform's next frame (the Home just opened) came only after it
    window.hold_patrons()
    paints = EventCount(QEvent.Type.Paint)
    window.home.installEventFilter(paints)
    window.open_to_patrons()  # no turn of the loop from here
    assert paints.seen >= 1
    assert not window.busy.isVisible()


def _polished(screen: QWidget) -> bool:
    return screen.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)


async def test_each_screen_is_styled_and_painted_once_while_nobody_is_there(
    window: MainWindow,
) -> None:
    """A screen's first show styled all its widgets and drew its glyphs for the first
    time, one long stall at a patron's tap: with the doors open and Home showing, each
    is painted once off screen, and none is shown."""
    await window.build_screens()
    screens = [window.__dict__[name] for name in LAZY_SCREENS]
    assert all(_polished(s) for s in screens)
    assert not any(s.isVisible() for s in screens)
    assert window.current_screen() is window.home


async def test_a_patron_on_the_way_stops_the_painting_ahead(window: MainWindow) -> None:
    painted: list[str] = []
    building = asyncio.ensure_future(window.build_screens())
    for _ in range(len(LAZY_SCREENS) + 1):  # one built a turn, then the painting begins
        await asyncio.sleep(0)
    assert "out_of_service" in window.__dict__
    for name in LAZY_SCREENS:
        screen = window.__dict__[name]
        screen.grab = functools.partial(painted.append, name)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    window.show_screen(window.films)  # a patron tapped Buy
    await building
    assert painted and painted == list(LAZY_SCREENS[: len(painted)])
    assert len(painted) < 3  # the rest are painted when the patron opens them


async def test_a_screen_shown_a_turn_later_is_not_shown_to_a_patron_who_left(
    window: MainWindow,
) -> None:
    """The controllers fill a screen in one turn and show it in the next; a patron who
    went back to the start in between stays there."""
    stayed = asyncio.ensure_future(window.next_turn())
    assert await stayed
    left = asyncio.ensure_future(window.next_turn())
    await asyncio.sleep(0)  # it has begun its turn
    window.go_home()
    assert not await left
