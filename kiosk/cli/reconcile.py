"""``kiosk reconcile [--date YYYY-MM-DD]``: a day's payment bills against the journal.

Downloads each configured provider's trade bill of the day (default: yesterday,
China time; a day is billed the next morning, so today cannot be asked), matches it
line by line against the journal and asks the provider and Connect what they say now
(:mod:`kiosk.reconcile`). Prints one report; records its verdict in the audit log,
where the admin screen shows the last one. Exit 0 only when everything matches, 1 when
anything does not, 69 when a bill could not be read (and nothing else is wrong).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
from dataclasses import asdict

from kiosk.chinatime import CHINA_TIME
from kiosk.cli.common import run_until_signal, settings_from, start_logging
from kiosk.connect.client import ConnectClient
from kiosk.journal import AsyncJournal
from kiosk.payment.base import PaymentProvider
from kiosk.payment.providers import named
from kiosk.reconcile import RECONCILE_ACTION, render, yesterday
from kiosk.reconcile import reconcile as reconcile_day

EXIT_MISMATCH = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE: a provider's bill could not be read
ACTOR = "kiosk reconcile"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the China calendar day (default: yesterday)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    start_logging(args, settings, quiet_stderr=True)
    today = dt.datetime.now(CHINA_TIME).date()
    if args.date:
        try:
            day = dt.date.fromisoformat(args.date)
        except ValueError:
            print(f"kiosk reconcile: {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
            return EXIT_USAGE
    else:
        day = yesterday(dt.datetime.now(dt.UTC))
    if day >= today:
        print(
            f"kiosk reconcile: {day} is not over yet in China; its bills come the next morning",
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def main(stop: asyncio.Event) -> int:
        names = settings.payment_provider_names
        providers: dict[str, PaymentProvider] = {n: named(settings, n) for n in names}
        connect = ConnectClient.from_settings(settings)
        journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
        try:
            report = await reconcile_day(day, journal, providers, connect, qr_provider=names[0])
            await journal.audit(
                ACTOR, RECONCILE_ACTION, day.isoformat(), report.summary(), report.audit_details()
            )
        finally:
            await journal.close()
            await connect.aclose()
            for provider in providers.values():
                await provider.aclose()
        if args.json:
            document = {
                "day": day.isoformat(),
                "ok": report.ok,
                "matched": report.matched,
                "unavailable": report.unavailable,
                "mismatches": [asdict(m) for m in report.mismatches],
            }
            print(json.dumps(document, ensure_ascii=False, indent=2))
        else:
            print(render(report))
        if report.mismatches:
            return EXIT_MISMATCH
        return EXIT_UNAVAILABLE if report.unavailable else 0

    return run_until_signal(main)
