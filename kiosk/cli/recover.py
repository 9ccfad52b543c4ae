"""``kiosk recover``: drive every unfinished transaction to a terminal state.

Exit 0 when every transaction is terminal; otherwise 3, with a list of what
needs staff and the facts they need (``kiosk journal --id TXN`` shows the steps).
"""

from __future__ import annotations

import argparse
import asyncio
import json

from kiosk.cli.common import run_until_signal, settings_from, start_logging
from kiosk.flows.recovery import RecoveryReport
from kiosk.services import open_services
from kiosk.settings import Settings

EXIT_NEEDS_STAFF = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


async def recover_with_settings(settings: Settings) -> RecoveryReport:
    """Recovery as the kiosk runs it at start: every registered recoverer, real adapters."""
    async with open_services(settings, command="kiosk recover") as services:
        return await services.recover()


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    start_logging(args, settings, quiet_stderr=True)

    async def main(stop: asyncio.Event) -> int:
        report = await recover_with_settings(settings)
        if args.json:
            print(
                json.dumps(
                    [o.__dict__ | {"facts": dict(o.facts)} for o in report.outcomes],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for outcome in report.outcomes:
                mark = "done " if outcome.terminal else "STAFF"
                print(f"{mark} {outcome.kind:8} {outcome.txn_id} -> {outcome.state}")
                if not outcome.terminal:
                    print(f"      why: {outcome.reason}")
                    for key, value in outcome.facts.items():
                        print(f"      {key}: {value}")
            staff = len(report.needs_staff)
            print(f"{len(report.outcomes)} recovered, {staff} need staff")
        return 0 if report.all_terminal else EXIT_NEEDS_STAFF

    return run_until_signal(main)
