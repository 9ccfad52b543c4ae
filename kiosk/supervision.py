"""systemd supervision: the notify protocol spoken by ``kiosk run``.

``kiosk run`` runs as a ``Type=notify`` unit (``deploy/systemd/kiosk.service``). It
tells systemd, over the datagram socket named by ``$NOTIFY_SOCKET``:

- ``READY=1`` when the doors open (start-up recovery has printed what was owed),
- ``STATUS=...`` a line a person reads in ``systemctl status``: in service, or why not,
- ``WATCHDOG=1`` every half ``WatchdogSec``, sent by a timer on the Qt event loop
  (:mod:`kiosk.qt.watchdog`), so a hung UI or loop stops the pings and systemd
  restarts the kiosk, whose start-up recovery finishes what was in flight,
- ``STOPPING=1`` when it closes.

The protocol is a few lines (``sd_notify(3)``), so it is spoken here rather than
through a library. Nothing here ever raises into the kiosk or blocks it: the socket
is non-blocking, and a failed send is logged once.

**Under cage.** The unit's main process is the cage compositor and the kiosk is its
child, so systemd's ``WATCHDOG_PID`` names cage. ``sd_watchdog_enabled(3)`` then says
the watchdog is not this process's to ping, and a kiosk that believed it would never
ping: systemd would kill it every ``WatchdogSec``. The unit says the kiosk is the
watched process (``KIOSK_WATCHDOG_ANY_PID=true``, the ``watchdog_any_pid`` setting),
and then the kiosk pings whenever ``WATCHDOG_USEC`` is set.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.availability import Availability

log = logging.getLogger(__name__)


def socket_address(value: str) -> str | bytes | None:
    """``$NOTIFY_SOCKET`` as an ``AF_UNIX`` address: a path, or ``@name`` for Linux's
    abstract namespace (a leading NUL byte). Anything else (``vsock:``) is not ours."""
    if value.startswith("/"):
        return value
    if value.startswith("@") and len(value) > 1:
        return b"\0" + value[1:].encode()
    return None


@dataclass(frozen=True)
class WatchdogPlan:
    """Whether and how often to ping, and why (logged once at start)."""

    interval_s: float | None
    why: str


def watchdog_plan(environ: Mapping[str, str], *, any_pid: bool, pid: int) -> WatchdogPlan:
    """Ping every half ``WATCHDOG_USEC`` when systemd asks for pings at all, and
    ``WATCHDOG_PID`` names this process, or is unset, or the unit says the kiosk is
    the watched process (``any_pid``: it runs under cage, whose pid systemd gave)."""
    raw = environ.get("WATCHDOG_USEC", "").strip()
    if not raw:
        return WatchdogPlan(None, "no watchdog: WATCHDOG_USEC is not set")
    try:
        usec = int(raw)
    except ValueError:
        return WatchdogPlan(None, f"no watchdog: WATCHDOG_USEC={raw!r} is not a number")
    if usec <= 0:
        return WatchdogPlan(None, "no watchdog: WATCHDOG_USEC is 0")
    watched = environ.get("WATCHDOG_PID", "").strip()
    if watched and watched != str(pid) and not any_pid:
        return WatchdogPlan(
            None,
            f"no watchdog pings: WATCHDOG_PID={watched} is another process (this is {pid}); "
            "a kiosk under cage needs KIOSK_WATCHDOG_ANY_PID=true in its unit, or systemd "
            "restarts it every WatchdogSec",
        )
    interval = usec / 2 / 1_000_000
    return WatchdogPlan(interval, f"watchdog: pinging every {interval:g} s from the Qt loop")


class Notifier:
    """Sends notify lines to ``$NOTIFY_SOCKET``; does nothing when there is none."""

    def __init__(self, address: str | bytes | None) -> None:
        self._address = address
        self._socket: socket.socket | None = None
        self._failing = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Notifier:
        value = environ.get("NOTIFY_SOCKET", "")
        address = socket_address(value) if value else None
        if value and address is None:
            log.warning("NOTIFY_SOCKET %r is not a unix socket; systemd is not told", value)
        return cls(address)

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def send(self, *lines: str) -> bool:
        """One datagram of ``lines``; False (logged once while it lasts) if it failed."""
        if self._address is None:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(
                    socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                )
                self._socket.setblocking(False)
            self._socket.sendto("\n".join(lines).encode(), self._address)
        except OSError as exc:
            if not self._failing:
                log.warning("systemd notify failed (%s); retrying with each message", exc)
            self._failing = True
            return False
        if self._failing:
            log.info("systemd notify works again")
        self._failing = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _one_line(text: str) -> str:
    return " ".join(text.split())


class Supervision:
    """What ``kiosk run`` tells systemd, from what the kiosk knows: starting, the
    doors open, each availability, stopping; and the watchdog pings."""

    def __init__(self, notifier: Notifier, plan: WatchdogPlan) -> None:
        self.notifier = notifier
        self.plan = plan
        self._ready = False
        self._status = ""
        self._latest: Availability | None = None

    @classmethod
    def from_environ(
        cls, environ: Mapping[str, str] | None = None, *, any_pid: bool = False
    ) -> Supervision:
        environ = os.environ if environ is None else environ
        notifier = Notifier.from_environ(environ)
        plan = watchdog_plan(environ, any_pid=any_pid, pid=os.getpid())
        if notifier.enabled or plan.interval_s is not None:
            log.info("systemd: %s", plan.why)
        return cls(notifier, plan)

    @property
    def watchdog_interval_s(self) -> float | None:
        """How often the Qt loop must ping, or None when it must not."""
        return self.plan.interval_s if self.notifier.enabled else None

    def starting(self) -> None:
        self._set_status("starting: finishing what the last run left before the doors open")

    def ready(self) -> None:
        """The doors are open: systemd counts the unit as started."""
        self._ready = True
        self._status = self._describe()
        self.notifier.send("READY=1", f"STATUS={self._status}")

    def availability(self, found: Availability) -> None:
        self._latest = found
        if self._ready:
            self._set_status(self._describe())

    def watchdog(self) -> None:
        self.notifier.send("WATCHDOG=1")

    def stopping(self) -> None:
        """The kiosk is closing (the pings go on until it has: a release may take a while)."""
        self._set_status("stopping")
        self.notifier.send("STOPPING=1")

    def close(self) -> None:
        self.notifier.close()

    def _describe(self) -> str:
        latest = self._latest
        if latest is None or not latest.checked:
            return "doors open; first service check under way"
        return _one_line(latest.summary())

    def _set_status(self, status: str) -> None:
        if status != self._status:
            self._status = status
            self.notifier.send(f"STATUS={status}")
