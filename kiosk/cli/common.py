"""What every subcommand shares: settings with clear errors, logging, signal-aware runs."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from kiosk.fatal import FatalError
from kiosk.logs import setup_logging
from kiosk.settings import Settings, SettingsError, load_settings

EXIT_CONFIG = 78  # EX_CONFIG from sysexits.h
# The journal's own faults carry theirs (kiosk.journal.faults, from sysexits.h):
# 65 damaged, 73 disk full, 74 data dir or journal unreadable/unwritable,
# 77 not the journal last seen (staff accept it with `kiosk journal --accept-new`).


def run_reporting_fatal(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand; a :class:`FatalError` (a damaged or lost journal, a full
    disk, ...) ends it with its one line on stderr and its own exit status, never a
    traceback: the line says what, where and what to do, which a traceback does not."""
    try:
        return run(args)
    except FatalError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code


def settings_from(args: argparse.Namespace, **overrides: Any) -> Settings:
    """Load settings or exit with a message that names the bad key."""
    try:
        return load_settings(getattr(args, "config", None), **overrides)
    except SettingsError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None


def start_logging(
    args: argparse.Namespace,
    settings: Settings | None,
    to_file: bool = True,
    quiet_stderr: bool = False,
) -> None:
    """Log to the daily file (and stderr). Tools that print their own summary pass
    ``quiet_stderr`` so the terminal shows warnings only, unless ``--verbose``."""
    verbose = getattr(args, "verbose", False)
    level = logging.DEBUG if verbose else logging.INFO
    log_dir = settings.log_dir if (settings is not None and to_file) else None
    stderr_level = logging.WARNING if quiet_stderr and not verbose else None
    setup_logging(
        log_dir,
        settings.secrets() if settings else (),
        level,
        stderr_level,
        keep_days=settings.log_retention_days if settings else None,
    )


def run_until_signal(main: Callable[[asyncio.Event], Awaitable[int]]) -> int:
    """Run ``main(stop)`` on a fresh loop; SIGINT/SIGTERM set ``stop`` for a clean exit."""

    async def runner() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await main(stop)

    return asyncio.run(runner())
