"""``kiosk run`` (the default command): the patron kiosk, full screen when kiosk_mode is set."""

from __future__ import annotations

import argparse

from kiosk.cli.common import settings_from, start_logging


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--windowed",
        action="store_true",
        help="run in a normal window (overrides kiosk_mode, for set-up and testing)",
    )


def run(args: argparse.Namespace) -> int:
    overrides = {"kiosk_mode": False} if getattr(args, "windowed", False) else {}
    settings = settings_from(args, **overrides)
    start_logging(args, settings)
    # Qt is imported only now, so the other commands start without it.
    from kiosk.app import run_qt, serve

    return run_qt(
        lambda stop: serve(settings, stop),
        ui_scale=settings.ui_scale,
        full_screen=settings.kiosk_mode,
    )
