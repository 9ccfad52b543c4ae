"""What the admin screen acts on, handed in by the composition root (kiosk/app.py).

The screen only calls these; it never builds an adapter itself, so tests and the
demo can pass the same objects they already run the patron flows with.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.admin.pin import SHARED_PIN_ACTOR
from kiosk.availability import AvailabilityWatch
from kiosk.domain.printer import PrintJobResult
from kiosk.flows.ports import PrinterStatusPort
from kiosk.flows.reprint import StaffReprint
from kiosk.health import Health, check_all
from kiosk.journal import AsyncJournal
from kiosk.settings import Settings


class StaffPrinter(PrinterStatusPort, Protocol):
    """The kiosk's own printer as staff's tools use it: its status, and a test page
    through the same connection (:class:`kiosk.printing.printer.TicketPrinter`)."""

    async def test_print(self) -> PrintJobResult: ...


@dataclass
class OnDuty:
    """Who signed in to the admin screen: the name the audit log gives each action
    (``staff`` for the shared PIN)."""

    actor: str = SHARED_PIN_ACTOR


@dataclass
class AdminServices:
    settings: Settings
    journal: AsyncJournal
    reprint: StaffReprint
    recover: Callable[[], Awaitable[Any]]
    """Runs recovery over the journal's open transactions (its report is not read:
    the Attention list re-reads the journal afterwards)."""
    refresh_catalog: Callable[[], Awaitable[None]]
    printer: StaffPrinter
    exit_kiosk: Callable[[], None]
    health: Callable[[], Awaitable[list[Health]]] | None = None
    """None means :func:`kiosk.health.check_all` with ``settings`` and ``printer``."""
    clock: Callable[[], float] = field(default=time.monotonic)
    """Monotonic seconds for the PIN lockout and the gesture (a fake one in tests)."""
    on_duty: OnDuty = field(default_factory=OnDuty)
    availability: AvailabilityWatch | None = None
    """The running kiosk's availability, which staff may close to patrons (None: the
    tools offer no such button)."""

    async def check_health(self) -> list[Health]:
        if self.health is not None:
            return await self.health()
        return await check_all(self.settings, self.printer)
