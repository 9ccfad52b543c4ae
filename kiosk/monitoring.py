"""What a running kiosk tells the people who watch a fleet: Prometheus metrics (an
endpoint and/or a node_exporter textfile) and staff alerts to a chat group.

It listens where the facts are made: the journal's commits (transactions ending,
tickets on paper, transactions waiting for staff), the availability watch's
answers, and the health checks behind them. Nothing here can stop a patron: the
endpoint and the alerts run on the event loop beside the flows and never raise
into them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.alerts import StaffAlerts
from kiosk.availability import Availability
from kiosk.metrics import KioskMetrics, MetricsEndpoint

if TYPE_CHECKING:
    from kiosk.health import Health
    from kiosk.journal import AsyncJournal
    from kiosk.settings import Settings

log = logging.getLogger(__name__)

REFRESH_S = 15.0  # open/stuck transaction gauges and the textfile


def build_commit(checkout: Path | None = None) -> str:
    """The commit this kiosk runs: set by the installer (KIOSK_BUILD_COMMIT), else read
    from the git checkout the package runs from, else unknown."""
    commit = os.environ.get("KIOSK_BUILD_COMMIT", "").strip()
    if commit:
        return commit[:12]
    root = checkout or Path(__file__).resolve().parent.parent
    return _git_head(root / ".git") or "unknown"


def _git_head(git: Path) -> str | None:
    """HEAD's commit, read from git's files (a kiosk has no git): in a checkout's .git
    folder or, for a worktree, the folder its .git file names; a branch's ref loose in
    that folder or the repository's common one, or packed there (git gc packs them)."""
    try:
        if git.is_file():
            named = git.read_text().strip().removeprefix("gitdir:").strip()
            git = (git.parent / named).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12] or None  # a detached HEAD holds the commit itself
        ref = head[5:]
        common_file = git / "commondir"
        common = (git / common_file.read_text().strip()) if common_file.exists() else git
        for folder in (git, common):
            if (folder / ref).exists():
                return (folder / ref).read_text().strip()[:12] or None
        for line in (common / "packed-refs").read_text().splitlines():
            sha, _, name = line.partition(" ")
            if name == ref:
                return sha[:12]
    except OSError:
        return None
    return None


def payment_provider(settings: Settings) -> str:
    """The provider label of money metrics for a purchase paid through the first
    provider's QR (one paid otherwise names its wallet in the journal):
    ``wechatpay``, ``alipay``, or ``sim`` for the simulator's own API. A closed set,
    never a merchant id."""
    name = settings.payment_provider_names[0]
    return name if name in ("wechatpay", "alipay") else "sim"


class Monitoring:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.metrics = KioskMetrics(
            version=__version__, commit=build_commit(), provider=payment_provider(settings)
        )
        url = settings.alert_webhook_url.get_secret_value()
        self.alerts = (
            StaffAlerts(
                url,
                kind=settings.alert_webhook_kind,
                kiosk_id=settings.kiosk_id,
                secret=settings.alert_webhook_secret.get_secret_value(),
            )
            if url
            else None
        )
        self.endpoint: MetricsEndpoint | None = None
        self._refreshing: asyncio.Task[None] | None = None

    def watch(self, journal: AsyncJournal) -> None:
        """Listen to the journal's commits (before anything is written this run)."""
        journal.observers.append(self.metrics)
        if self.alerts is not None:
            journal.observers.append(self.alerts)

    async def start(self, journal: AsyncJournal) -> None:
        settings = self._settings
        if settings.metrics_port:
            try:
                self.endpoint = await MetricsEndpoint(
                    self.metrics, settings.metrics_host, settings.metrics_port
                ).start()
            except OSError as exc:  # the kiosk sells without its metrics, and says so
                log.error(
                    "metrics endpoint %s:%d not started: %s",
                    settings.metrics_host,
                    settings.metrics_port,
                    exc,
                )
        if self.alerts is not None:
            self.alerts.start()
        self._refreshing = asyncio.create_task(self._refresh(journal))

    def availability(self, found: Availability) -> None:
        self.metrics.availability(found)
        if self.alerts is not None:
            self.alerts.availability(found)

    def health(self, results: Iterable[Health]) -> None:
        self.metrics.health(results)

    async def _refresh(self, journal: AsyncJournal) -> None:
        textfile = self._settings.metrics_textfile
        while True:
            try:
                await self.metrics.refresh_from(journal)
                if textfile:
                    await asyncio.to_thread(self.metrics.write_textfile, Path(textfile))
            except (
                Exception
            ) as exc:  # a full disk or a damaged journal: the kiosk says so elsewhere
                log.warning("metrics not refreshed: %s", exc)
            await asyncio.sleep(REFRESH_S)

    async def close(self) -> None:
        task, self._refreshing = self._refreshing, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.alerts is not None:
            await self.alerts.close()
        if self.endpoint is not None:
            await self.endpoint.close()
