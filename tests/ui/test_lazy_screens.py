"""The doors open before the screens nobody sees yet are built; each is wired as it is."""

from __future__ import annotations

import functools

import pytest

from kiosk.connect.client import ConnectClient
from kiosk.flows.catalog import Catalog
from kiosk.flows.ports import SystemClock
from kiosk.flows.purchase import PurchaseFlow
from kiosk.settings import Settings
from kiosk.ui.controllers.purchase_controller import PurchaseController
from kiosk.ui.main_window import LAZY_SCREENS, MainWindow

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
