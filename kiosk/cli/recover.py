"""``kiosk recover``: drive every unfinished transaction to a terminal state.

Exit 0 when every transaction is terminal; otherwise 3, with a list of what
needs staff and the facts they need (``kiosk journal --id TXN`` shows the steps).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json

from kiosk.cli.common import run_until_signal, settings_from, start_logging
from kiosk.connect.client import ConnectClient
from kiosk.flows.ports import SystemClock
from kiosk.flows.recovery import RecoveryContext, RecoveryReport, recover_all, recoverers_for
from kiosk.journal import AsyncJournal
from kiosk.payment.http import from_settings as payment_from_settings
from kiosk.settings import Settings

EXIT_NEEDS_STAFF = 3
# Flows that register their recoverer when imported; a module not written yet is skipped.
RECOVERY_MODULES = ("kiosk.flows.recovery", "kiosk.flows.collect_recovery")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def load_recovery_modules() -> None:
    for name in RECOVERY_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


async def recover_with_settings(settings: Settings) -> RecoveryReport:
    """Recovery as the kiosk runs it at start: every registered recoverer, real adapters."""
    load_recovery_modules()
    journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    try:
        async with (
            ConnectClient.from_settings(settings) as connect,
            payment_from_settings(settings) as payment,
        ):
            context = RecoveryContext(settings, journal, connect, payment, SystemClock())
            return await recover_all(journal, recoverers_for(context))
    finally:
        await journal.close()


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
