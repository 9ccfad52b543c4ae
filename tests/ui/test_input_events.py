"""The application's one input filter: input reaches every listener, nothing else does,
and a listener goes when its owner does."""

from __future__ import annotations

import pytest

from kiosk.qt import QCoreApplication, QEvent, QObject, Qt, QWidget
from kiosk.ui.admin.gesture import CornerTaps
from kiosk.ui.admin.idle_logout import StaffIdleLogout
from kiosk.ui.widgets.inactivity import InactivityWatcher
from kiosk.ui.widgets.input_events import InputEvents, input_events

from .conftest import Host

pytestmark = pytest.mark.ui


def test_input_events_reach_every_listener_through_one_filter(qtbot: object, host: Host) -> None:
    widget = QWidget()
    host(widget, 200, 200)
    events = input_events()
    assert events is not None and input_events() is events
    app = QCoreApplication.instance()
    assert app is not None and len(app.findChildren(InputEvents)) == 1
    seen: dict[str, list[QEvent.Type]] = {"a": [], "b": []}
    for name in seen:
        events.listen(widget, lambda _w, e, name=name: seen[name].append(e.type()))
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.User))  # not input: never handed on
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    for got in seen.values():
        assert QEvent.Type.MouseButtonPress in got and QEvent.Type.MouseButtonRelease in got
        assert QEvent.Type.User not in got


def test_a_listener_goes_with_its_owner(qtbot: object, host: Host) -> None:
    widget = QWidget()
    host(widget, 200, 200)
    events = input_events()
    assert events is not None
    owner = QObject()
    seen: list[QEvent.Type] = []
    events.listen(owner, lambda _w, e: seen.append(e.type()))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert seen
    seen.clear()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))  # type: ignore[attr-defined]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert seen == []


def test_no_watcher_filters_every_event_of_the_application_itself() -> None:
    """Qt would call each one's eventFilter for every event of every object (a few
    thousand a screen change); they listen to the one input filter instead."""
    for watcher in (InactivityWatcher, StaffIdleLogout, CornerTaps):
        assert watcher.eventFilter is QObject.eventFilter, watcher.__name__


def _alive(obj: QObject) -> bool:
    try:
        obj.objectName()
    except RuntimeError:
        return False
    return True
