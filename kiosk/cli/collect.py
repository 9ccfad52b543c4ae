"""``kiosk collect CODE [--number N]``: the collect flow from a terminal, without prompting.

For installers and scripts: it uses the configured (or KIOSK_*) Connect, SARFT,
printer and journal exactly as the kiosk does, first finishing any collection a
crash interrupted (as the kiosk does at start), then collects CODE. When Connect
cannot be reached, ``--number`` lets SARFT alone serve the booking, as the kiosk
does (its apply proves the code), and the command says so. A wrong code meets
the keypad's limits (``pickup_*`` settings): the wait after it, the lock and the
kiosk-wide count are read back from the journal, so one process per guess gains
nothing. Exit status:
0 every ticket printed and confirmed, 1 refused or failed (the reason is printed),
3 printed part-way (the rest wait in the journal for a staff reprint), 4 every
ticket printed but SARFT has not yet accepted the confirm (retried until it does),
75 another kiosk process holds the data dir.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kiosk.cli.common import settings_from, start_logging
from kiosk.flows.collect import CollectResult
from kiosk.flows.collect_errors import CollectError, NumberNeeded, PartialPrint
from kiosk.flows.pickup_code import normalise_code, normalise_number
from kiosk.printing.ticket import format_show_time
from kiosk.services import PRINTING, open_services
from kiosk.settings import Settings
from kiosk.words import words

EXIT_REFUSED = 1
EXIT_PARTIAL = 3
# every ticket is on paper but SARFT has not accepted 0x07 yet: the kiosk (or the
# next ``kiosk recover``) sends it again until SARFT answers
EXIT_CONFIRM_OWED = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", help="the pickup code (取票码), e.g. WQNX8JL")
    parser.add_argument(
        "--number",
        help="the booking number, checked against the code; with it a booking is "
        "collected from SARFT alone when Connect cannot be reached",
    )


def run(args: argparse.Namespace) -> int:
    try:
        _check_typed(args.code, args.number)
    except CollectError as exc:
        _refusal(exc)
        return EXIT_REFUSED
    settings = settings_from(args)
    start_logging(args, settings, quiet_stderr=True)
    return asyncio.run(_collect(settings, args.code, args.number))


async def _collect(settings: Settings, code: str, number: str | None) -> int:
    # no money changes hands here: the payment providers are neither imported nor built
    async with open_services(settings, with_payment=False, command="kiosk collect") as services:
        flow = services.collect
        # the tickets' encoding imports on a thread while recovery and the lookup wait
        # on the journal and the network
        warming = asyncio.ensure_future(services.warm_up())
        report = await services.recover(kinds=PRINTING)
        for outcome in report.outcomes:
            print(f"recovered {outcome.kind} {outcome.txn_id}: {outcome.state} {outcome.reason}")
        try:
            preview = await flow.lookup(code, number)
            if preview.connect_skipped:
                # the code is not proven yet: nothing of the booking but its size is shown
                print(
                    f"Connect cannot be reached: booking {preview.booking_number} "
                    f"({preview.ticket_count} ticket(s)) is collected from SARFT alone, "
                    "the pickup code proven by SARFT's apply before anything prints"
                )
            else:
                when = " ".join(format_show_time(preview.show_time, settings.ticket_language))
                print(f"booking {preview.booking_number}: {preview.film_name}")
                print(f"  {when}  {preview.hall_name}  {', '.join(preview.seats)}")
            result = await flow.print_tickets(
                preview, lambda n, total: print(f"  printed {n} of {total}")
            )
        except NumberNeeded as exc:
            _refusal(exc)
            print(
                "kiosk collect: Connect cannot be reached; give the booking number too "
                "(--number N) to collect from SARFT alone",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        except PartialPrint as exc:
            _refusal(exc)
            return EXIT_PARTIAL
        except CollectError as exc:
            _refusal(exc)
            return EXIT_REFUSED
        finally:
            await flow.guard.flush()  # a wrong code must be on disk before the journal closes
            await warming  # its thread ends before the interpreter does
        _summary(result)
        if preview.connect_skipped:
            print("Connect was skipped: SARFT's apply proved the pickup code (journaled)")
        if result.printed >= result.total and not result.confirmed:
            return EXIT_CONFIRM_OWED
        return 0 if result.complete else EXIT_PARTIAL


def _check_typed(code: str, number: str | None) -> None:
    """Refuse a malformed code or number before recovery or the lookup touch the
    network (``--number -1`` is not booking 1, and ``--number ""`` is not no number)."""
    normalise_code(code)
    if number is not None:
        normalise_number(number)


def _refusal(error: CollectError) -> None:
    print(f"kiosk collect: {words(error, 'zh')} / {words(error, 'en')}", file=sys.stderr)


def _summary(result: CollectResult) -> None:
    confirmed = (
        "confirmed"
        if result.confirmed
        else "NOT yet confirmed to SARFT: the tickets are valid, the kiosk retries the confirm"
    )
    print(
        f"booking {result.booking_number}: {result.printed} of {result.total} ticket(s) "
        f"printed, {confirmed} (journal {result.txn_id})"
    )
