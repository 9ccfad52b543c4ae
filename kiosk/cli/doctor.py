"""``kiosk doctor``: validate the settings and reach every service; exit 0 when all answer."""

from __future__ import annotations

import argparse
import asyncio

from kiosk.cli.common import settings_from, start_logging
from kiosk.health import check_all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="seconds each service may take to answer"
    )


def run(args: argparse.Namespace) -> int:
    settings = settings_from(
        args,
        connect_read_timeout_s=args.timeout,
        connect_read_retries=1,
        sarft_connect_timeout_s=args.timeout,
        sarft_reply_timeout_s=args.timeout,
        printer_timeout_s=args.timeout,
    )
    start_logging(args, settings, quiet_stderr=True)
    print(f"settings: ok (data dir {settings.data_dir})")
    results = asyncio.run(check_all(settings))
    for health in results:
        mark = "ok  " if health.ok and not health.warning else ("warn" if health.ok else "FAIL")
        print(f"{health.service:<8} {mark} {health.detail} ({health.elapsed_ms} ms)")
    return 0 if all(h.ok for h in results) else 1
