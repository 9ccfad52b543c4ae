"""The kiosk window: every patron screen in one QStackedWidget, plus the overlays.

Only the home screen is built with the window; every other screen is imported and
built the first time it is asked for. The flow wiring connects to a screen's
signals as it is built (:meth:`MainWindow.when_built`), so neither the first frame
nor the doors opening waits for eleven screens nobody sees yet; once the doors are
open, :meth:`MainWindow.build_screens` builds the rest one at a time, before a
patron is likely to need them.

It owns what is the same whatever the flow: kiosk mode, the language, the busy
overlay, inactivity (which ends in ``abandoned`` so the flow cancels the
order and closes any payment) and the start: Home, or the out-of-service screen
in its place while neither path can finish (:meth:`MainWindow.set_availability`).
Which screen comes next is the flow wiring's business: it listens to the
screens' signals and calls ``show_screen``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from kiosk.availability import NOT_YET_CHECKED, Availability, PatronPath
from kiosk.qt import (
    QCloseEvent,
    QGuiApplication,
    QLayout,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.qt.i18n import Language, Translations
from kiosk.settings import Settings
from kiosk.ui.screens.base import Screen, StepScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.still_there import StillThereScreen
from kiosk.ui.widgets.busy import BusyOverlay, getting_ready
from kiosk.ui.widgets.inactivity import InactivityWatcher

if TYPE_CHECKING:
    from kiosk.ui.screens.collect_entry import CollectEntryScreen
    from kiosk.ui.screens.collect_review import CollectReviewScreen
    from kiosk.ui.screens.done import DoneScreen
    from kiosk.ui.screens.error import ErrorScreen
    from kiosk.ui.screens.films import FilmsScreen
    from kiosk.ui.screens.out_of_service import OutOfServiceScreen
    from kiosk.ui.screens.payment import PaymentScreen
    from kiosk.ui.screens.print_stopped import PrintStoppedScreen
    from kiosk.ui.screens.progress import ProgressScreen
    from kiosk.ui.screens.review import ReviewScreen
    from kiosk.ui.screens.seats import SeatsScreen
    from kiosk.ui.screens.sessions import SessionsScreen
    from kiosk.ui.screens.ticket_types import TicketTypesScreen
    from kiosk.ui.viewmodels import ErrorKind, PrintStoppedView

log = logging.getLogger(__name__)

S = TypeVar("S", bound=Screen)

# The screens built on first use (MainWindow's cached properties), in the order
# build_screens builds them: a patron's first taps first.
LAZY_SCREENS = (
    "films",
    "collect_entry",
    "sessions",
    "ticket_types",
    "seats",
    "collect_review",
    "review",
    "payment",
    "progress",
    "done",
    "error",
    "print_stopped",
    "out_of_service",
)


class MainWindow(QWidget):
    abandoned = Signal()
    """The patron left or chose Start over: cancel any order and close any payment."""
    backAtStart = Signal()
    """Home (or out of service) is showing again: a good moment to check the services."""

    def __init__(self, settings: Settings, translations: Translations) -> None:
        super().__init__()
        self._settings = settings
        self._translations = translations
        self._exit_allowed = False
        self._doors_open = True
        self._availability = NOT_YET_CHECKED
        # what the flow wiring connects to each screen not built yet, by its name
        self._wiring: dict[str, list[Callable[[Any], object]]] = {}
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.stack = QStackedWidget()
        self.home = HomeScreen()
        self.stack.addWidget(self.home)
        self.home.languageChanged.connect(self._on_language)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        # The window is the panel: screens must fit it, it never grows to fit a screen
        # (the screenshot test checks every screen's minimum size against both panels).
        box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        box.addWidget(self.stack)
        self.busy = BusyOverlay(self)
        self.busy.leaveRequested.connect(self.start_over)
        self._visit = 0
        self.still_there = StillThereScreen(self)
        self.inactivity = InactivityWatcher(
            self.still_there, settings.inactivity_s, settings.inactivity_prompt_s, self
        )
        self.inactivity.timedOut.connect(self.start_over)
        self.set_language(settings.language)
        self.show_screen(self.home)

    def _adopt(self, name: str, screen: S) -> S:
        """Put a newly built screen in the stack; Home on a step screen starts over; then
        what the flow wiring asked of it (:meth:`when_built`)."""
        self.stack.addWidget(screen)
        if isinstance(screen, StepScreen):
            screen.homeRequested.connect(self.start_over)
        # the wiring may ask for the screen again: it must find this one, not build another
        self.__dict__[name] = screen
        for wire in self._wiring.pop(name, []):
            wire(screen)
        return screen

    def when_built(self, name: str, wire: Callable[[Any], object]) -> None:
        """``wire(screen)`` once the screen of that attribute name exists: at once if it
        does, else as it is built (the controllers connect its signals this way)."""
        if not isinstance(getattr(type(self), name, None), cached_property):
            raise ValueError(f"{name!r} is not a screen built on first use")
        built = self.__dict__.get(name)
        if built is not None:
            wire(built)
        else:
            self._wiring.setdefault(name, []).append(wire)

    async def build_screens(self) -> None:
        """Build every screen not built yet, one per turn of the event loop, so each
        costs one short stall of the idle kiosk instead of a long wait at a patron's
        first tap."""
        for name in LAZY_SCREENS:
            await asyncio.sleep(0)  # what is waiting runs first: a paint, a tap
            if name not in self.__dict__:
                getattr(self, name)
        # and each painted once, off screen, while no patron is here: a screen's first
        # show styled every widget and drew every glyph size for the first time
        for name in LAZY_SCREENS:
            await asyncio.sleep(0)
            if not self.at_start():
                return  # a patron is on the way: what they open is theirs to paint
            screen = self.__dict__.get(name)
            if isinstance(screen, QWidget) and not screen.isVisible():
                screen.resize(self.stack.size())
                screen.grab()

    # Each screen below is imported and built on first use (see the module doc).

    @cached_property
    def films(self) -> FilmsScreen:
        from kiosk.ui.posters import PosterShelf
        from kiosk.ui.screens.films import FilmsScreen

        shelf = PosterShelf(self._settings.poster_folders, parent=self)
        return self._adopt("films", FilmsScreen(shelf))

    def poster_saved(self, short_code: str) -> None:
        """A poster was downloaded for the film with this 广电编码: show it."""
        if "films" in self.__dict__:  # no list built yet: it reads the file when it is
            self.films.poster_saved(short_code)

    @cached_property
    def sessions(self) -> SessionsScreen:
        from kiosk.ui.screens.sessions import SessionsScreen

        return self._adopt("sessions", SessionsScreen())

    @cached_property
    def ticket_types(self) -> TicketTypesScreen:
        from kiosk.ui.screens.ticket_types import TicketTypesScreen

        return self._adopt("ticket_types", TicketTypesScreen())

    @cached_property
    def seats(self) -> SeatsScreen:
        from kiosk.ui.screens.seats import SeatsScreen

        return self._adopt("seats", SeatsScreen(screen_mm=self._settings.screen_mm))

    @cached_property
    def review(self) -> ReviewScreen:
        from kiosk.ui.screens.review import ReviewScreen

        return self._adopt("review", ReviewScreen())

    @cached_property
    def payment(self) -> PaymentScreen:
        from kiosk.ui.screens.payment import PaymentScreen

        return self._adopt("payment", PaymentScreen())

    @cached_property
    def progress(self) -> ProgressScreen:
        from kiosk.ui.screens.progress import ProgressScreen

        return self._adopt("progress", ProgressScreen())

    @cached_property
    def done(self) -> DoneScreen:
        from kiosk.ui.screens.done import DoneScreen

        screen = self._adopt("done", DoneScreen())
        screen.finishRequested.connect(self.go_home)
        return screen

    @cached_property
    def collect_entry(self) -> CollectEntryScreen:
        from kiosk.ui.screens.collect_entry import CollectEntryScreen

        return self._adopt("collect_entry", CollectEntryScreen())

    @cached_property
    def collect_review(self) -> CollectReviewScreen:
        from kiosk.ui.screens.collect_review import CollectReviewScreen

        return self._adopt("collect_review", CollectReviewScreen())

    @cached_property
    def error(self) -> ErrorScreen:
        from kiosk.ui.screens.error import ErrorScreen

        screen = self._adopt("error", ErrorScreen())
        screen.homeRequested.connect(self.start_over)
        return screen

    @cached_property
    def out_of_service(self) -> OutOfServiceScreen:
        from kiosk.ui.screens.out_of_service import OutOfServiceScreen

        screen = self._adopt("out_of_service", OutOfServiceScreen())
        screen.languageChanged.connect(self._on_language)
        screen.set_language(self.language())
        return screen

    @cached_property
    def print_stopped(self) -> PrintStoppedScreen:
        from kiosk.ui.screens.print_stopped import PrintStoppedScreen

        screen = self._adopt("print_stopped", PrintStoppedScreen())
        screen.finishRequested.connect(self.go_home)
        return screen

    def screens(self) -> list[Screen]:
        """Every patron screen, building those not built yet."""
        return [
            self.home,
            self.films,
            self.sessions,
            self.ticket_types,
            self.seats,
            self.review,
            self.payment,
            self.progress,
            self.done,
            self.collect_entry,
            self.collect_review,
            self.error,
            self.print_stopped,
            self.out_of_service,
        ]

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_screen(self, screen: Screen) -> None:
        self.busy.stop()
        # Leaving review or payment stops their countdowns (if they were ever built).
        # (cached_property keeps a built screen in the instance's __dict__.)
        for name in ("review", "payment"):
            left: ReviewScreen | PaymentScreen | None = self.__dict__.get(name)
            if left is not None and left is not screen:
                left.stop()
        self.stack.setCurrentWidget(screen)
        self.inactivity.set_policy(screen.idle_policy, order=screen.holds_order)

    def show_error_kind(
        self, kind: ErrorKind, *, reference: str = "", can_retry: bool = False
    ) -> None:
        self.error.show_kind(kind, reference=reference, can_retry=can_retry)
        self.show_screen(self.error)

    def show_print_stopped(self, view: PrintStoppedView) -> None:
        self.print_stopped.show_stopped(view)
        self.show_screen(self.print_stopped)

    def show_unexpected(self, exc: BaseException) -> None:
        """The async-slot error handler: log the details, show the patron plain words."""
        from kiosk.ui.viewmodels import ErrorKind

        reference = datetime.now().strftime("%H%M%S")
        log.error("unexpected error, shown to the patron as %s", reference, exc_info=exc)
        self.show_error_kind(ErrorKind.UNEXPECTED, reference=reference)

    def visit(self) -> int:
        """Counts returns to the start: a flow call that finds it changed after its
        await knows the patron left meanwhile, and must not move the screen on."""
        return self._visit

    async def next_turn(self) -> bool:
        """Let the event loop paint and take a tap before the next piece of a screen's
        work (filling a screen and switching to it in one turn was one 8-15 ms stall);
        False when the patron left for the start meanwhile."""
        visit = self._visit
        await asyncio.sleep(0)
        return self._visit == visit

    def go_home(self) -> None:
        """Back to the start, in the default language, ready for the next patron."""
        self._visit += 1
        entry: CollectEntryScreen | None = self.__dict__.get("collect_entry")
        if entry is not None:
            entry.reset()
        self.set_language(self._settings.language)
        self._show_start()
        self.backAtStart.emit()

    def at_start(self) -> bool:
        """Home or the out-of-service screen is showing: no patron is in a flow here."""
        current = self.current_screen()
        return current is self.home or current is self.__dict__.get("out_of_service")

    def availability(self) -> Availability:
        return self._availability

    def set_availability(self, availability: Availability) -> None:
        """What can finish now: each tile says so, and while neither path can, the
        out-of-service screen stands in for Home (and Home comes back by itself)."""
        self._availability = availability
        self.home.show_availability(availability)
        if not availability.in_service:
            self.out_of_service.show_reasons(availability.reasons)
        self._enable_choices()
        if self.at_start():
            self._show_start()

    def _show_start(self) -> None:
        start = self.home if self._availability.in_service else self.out_of_service
        if self.current_screen() is not start:
            self.show_screen(start)

    def _enable_choices(self) -> None:
        for path, button in (
            (PatronPath.BUY, self.home.buy_button),
            (PatronPath.COLLECT, self.home.collect_button),
        ):
            button.setEnabled(self._doors_open and self._availability.path(path).available)

    def start_over(self) -> None:
        self.go_home()
        self.abandoned.emit()

    def language(self) -> Language:
        """The patron's language now (chosen on the home screen for this visit)."""
        return self._translations.language or self._settings.language

    def set_language(self, language: Language) -> None:
        self._translations.switch(language)
        self.home.set_language(language)
        out_of_service: OutOfServiceScreen | None = self.__dict__.get("out_of_service")
        if out_of_service is not None:
            out_of_service.set_language(language)

    def hold_patrons(self) -> None:
        """At start, until recovery has settled what the last run left: nobody may
        start a sale or a collection, and the wait says so."""
        self._doors_open = False
        self._enable_choices()
        self.busy.start(getting_ready, leavable=False)

    def open_to_patrons(self) -> None:
        self.busy.stop()
        self._doors_open = True
        self._enable_choices()
        # The open doors on screen now, not at the platform's next frame: the loop's
        # next turns build the screens nobody has seen yet, and the first of them took
        # 30 ms (QScroller's first gesture grab), all before this frame was painted.
        self.repaint()

    def apply_kiosk_mode(self) -> None:
        """Full screen and frameless in kiosk mode (the setting); cursor hidden if asked."""
        if not self._settings.kiosk_mode:
            self.show()
            return
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        if self._settings.hide_cursor:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        # Full screen is a request to the window manager; kiosks often run X with no
        # window manager at all, so the window also takes the panel's size itself.
        self.setGeometry(QGuiApplication.primaryScreen().geometry())
        self.showFullScreen()

    def admin_exit(self) -> None:
        """The one way to close the kiosk window (from the admin screen)."""
        self.inactivity.stop()
        self._exit_allowed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A patron (or a stray Alt+F4 from a keyboard) must not close the kiosk.
        if self._exit_allowed:
            event.accept()
        else:
            event.ignore()

    def _on_language(self, language: str) -> None:
        if language in ("zh", "en"):
            self.set_language("zh" if language == "zh" else "en")
