"""Collecting tickets bought online: pickup code → the tickets shown → printed → done.

Nothing prints before the patron has seen what will print. A code the kiosk
refuses is explained on the entry screen, where the patron can correct it; a
failure while printing goes to the error screen with the code as the reference
staff need. While Connect is down the entry screen asks for the booking number as
well, the review shows only the ticket count, and a code SARFT refuses at the tap
to print sends the patron back to correct it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.flows import collect_errors, pickup_code
from kiosk.flows.collect import CollectFlow, CollectPreview
from kiosk.privacy import mask_code
from kiosk.qt import QObject
from kiosk.qt.aio import async_slot
from kiosk.ui.controllers.adapters import collect_order_view
from kiosk.ui.controllers.errors import show_collect_error
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import CollectProblem, DoneView, PrintStoppedView, ProgressStep

if TYPE_CHECKING:
    from kiosk.ui.screens.collect_entry import CollectEntryScreen
    from kiosk.ui.screens.collect_review import CollectReviewScreen

log = logging.getLogger(__name__)

# Refusals the patron can put right on the entry screen, by correcting the code.
_PROBLEMS: dict[type[collect_errors.CollectError], CollectProblem] = {
    pickup_code.MalformedCode: CollectProblem.NOT_FOUND,
    collect_errors.WrongCode: CollectProblem.NOT_FOUND,
    collect_errors.BookingNotFound: CollectProblem.NOT_FOUND,
    collect_errors.AlreadyCollected: CollectProblem.ALREADY_PRINTED,
    collect_errors.BookingRefunded: CollectProblem.REFUNDED,
}


class CollectController(QObject):
    def __init__(self, window: MainWindow, flow: CollectFlow) -> None:
        super().__init__(window)
        self._window = window
        self._flow = flow
        self._preview: CollectPreview | None = None
        w = window
        w.home.collectRequested.connect(self.show_entry)
        # wired as the window builds them, not built here (kiosk/ui/main_window.py)
        w.when_built("collect_entry", self._wire_entry)
        w.when_built("collect_review", self._wire_review)
        w.abandoned.connect(self._forget)
        # at once, before the next patron can tap Collect: nothing of this one's holds them
        w.abandoned.connect(self._flow.guard.new_visit)

    def _wire_entry(self, entry: CollectEntryScreen) -> None:
        entry.backRequested.connect(self._window.start_over)
        entry.codeEntered.connect(self._look_up)
        entry.bookingEntered.connect(self._look_up)

    def _wire_review(self, review: CollectReviewScreen) -> None:
        review.backRequested.connect(self.show_entry)
        review.printRequested.connect(self._print)

    def show_entry(self) -> None:
        self._preview = None
        self._window.collect_entry.reset()
        self._window.show_screen(self._window.collect_entry)
        try:
            self._flow.guard.check()
        except pickup_code.KeypadLocked as exc:
            self._show_wait(exc)  # say so before anyone types a code in vain

    @async_slot
    async def _forget(self) -> None:
        """The patron left: drop the preview and close the lookup's SARFT session now,
        rather than keep an idle signed-in connection until the next patron's code."""
        self._preview = None
        await self.release()

    async def release(self) -> None:
        await self._flow.release()

    @async_slot
    async def _look_up(self, code: str, number: str = "") -> None:
        w = self._window
        visit = w.visit()
        w.busy.start()
        try:
            preview = await self._flow.lookup(code, number or None)
        except collect_errors.CollectError as exc:
            if w.visit() == visit:
                self._refused(exc)
            return
        if w.current_screen() is not w.collect_entry or w.visit() != visit:
            return  # the patron left while the code was being checked
        self._preview = preview
        if preview.connect_skipped:  # nothing but the count until SARFT proves the code
            w.collect_review.show_unproven(preview.ticket_count)
        else:
            w.collect_review.show_order(collect_order_view(preview, w.language()))
        w.show_screen(w.collect_review)

    def _refused(self, exc: collect_errors.CollectError) -> None:
        w = self._window
        if isinstance(exc, pickup_code.KeypadLocked | collect_errors.WrongCode):
            w.busy.stop()
            self._show_wait(exc)
            return
        if isinstance(exc, collect_errors.NumberNeeded):
            w.busy.stop()
            w.collect_entry.ask_number()
            return
        log.info("pickup code refused: %s", type(exc).__name__)
        problem = next((p for t, p in _PROBLEMS.items() if isinstance(exc, t)), None)
        if problem is None:
            show_collect_error(w, exc, "")
        else:
            w.busy.stop()
            w.collect_entry.show_problem(problem)

    def _show_wait(self, exc: pickup_code.KeypadLocked | collect_errors.WrongCode) -> None:
        """A wrong code or a lock, on the keypad: what happened, how many tries are
        left, and the wait before the next, counted down live."""
        entry = self._window.collect_entry
        guard = self._flow.guard
        if isinstance(exc, collect_errors.WrongCode):
            tries = exc.tries_left
            entry.show_problem(
                CollectProblem.NOT_FOUND, exc.wait_s, tries_left=tries, pause_s=guard.lock_s
            )
        elif isinstance(exc, pickup_code.KeypadWait):
            entry.show_problem(
                CollectProblem.NOT_FOUND,
                exc.seconds_left,
                tries_left=guard.tries_left,
                pause_s=guard.lock_s,
            )
        elif exc.kiosk_wide:
            entry.show_problem(CollectProblem.KIOSK_PAUSED, exc.seconds_left)
        else:
            entry.show_problem(CollectProblem.TOO_MANY_TRIES, exc.seconds_left)

    @async_slot
    async def _print(self) -> None:
        preview = self._preview
        if preview is None:
            return
        w = self._window
        self._preview = None
        w.progress.show_step(ProgressStep.PRINTING, 0, preview.ticket_count)
        w.show_screen(w.progress)
        try:
            result = await self._flow.print_tickets(
                preview,
                lambda printed, total: w.progress.show_step(ProgressStep.PRINTING, printed, total),
            )
        except collect_errors.CollectError as exc:
            if preview.connect_skipped and isinstance(
                exc, collect_errors.WrongCode | pickup_code.KeypadLocked
            ):
                # SARFT refused the code itself: back to the keypad, the fields as typed
                w.show_screen(w.collect_entry)
                self._refused(exc)
                return
            log.warning("collect of %s stopped: %s", mask_code(preview.booking_id), exc)
            show_collect_error(w, exc, preview.booking_id)
            return
        if result.printed < result.total:
            w.show_print_stopped(PrintStoppedView(result.printed, result.total, preview.booking_id))
            return
        # Every ticket is in the patron's hand. A confirm SARFT has not taken yet is
        # the kiosk's to send (it retries in the background), not the patron's worry.
        w.done.show_done(DoneView(preview.booking_id, result.printed))
        if await w.next_turn():
            w.show_screen(w.done)
