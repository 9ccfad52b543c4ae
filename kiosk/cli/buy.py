"""``kiosk buy``: one real purchase from a terminal, for installers (a smoke test).

Runs the same :class:`~kiosk.flows.purchase.PurchaseFlow` as the touchscreen,
without prompting: locks the seats, prints each payment QR's URL and waits for
the payment (or pays through the payment simulator with ``--pay-with-simulator``).
``--pay-code`` reads one payment code (付款码) from standard input, as the kiosk's
scanner would type it, and charges it (never from the command line, where any user
of the machine could read it). Exit 0 only when the booking is complete; Ctrl-C
cancels and releases the seats.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kiosk.chinatime import CHINA_TIME
from kiosk.cli.common import run_until_signal, settings_from, start_logging
from kiosk.connect.errors import ConnectError
from kiosk.domain import SeatArea, TicketType
from kiosk.payment.base import PaymentError
from kiosk.services import Services, import_meanwhile, open_services
from kiosk.settings import Settings
from kiosk.words import words

# The purchase flow and the simulated phone load on a thread while the films are
# asked of Connect (the first thing a purchase needs is what is on sale).
if TYPE_CHECKING:
    from kiosk.flows.purchase import PurchaseFlow, SeatKey

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 69  # EX_UNAVAILABLE from sysexits.h: Connect could not say what is on sale


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--session", required=True, help="Connect session id")
    parser.add_argument(
        "--seats",
        required=True,
        help="ROW:SEAT[,ROW:SEAT...] as printed on the ticket (PhysicalName and seat Id); "
        "AREA:ROW:SEAT (area number or name) where two areas of the hall share a label",
    )
    parser.add_argument(
        "--ticket-type", help="ticket type code for every seat (default: first of each area)"
    )
    parser.add_argument(
        "--pay-with-simulator",
        action="store_true",
        help="pay through the payment simulator (only when pointed at one on loopback)",
    )
    parser.add_argument(
        "--pay-code",
        action="store_true",
        help="read a WeChat Pay or Alipay payment code from standard input and charge it",
    )
    parser.add_argument(
        "--poll-s", type=float, default=2.0, help="seconds between payment status checks"
    )


@dataclass(frozen=True)
class WantedSeat:
    """One seat of ``--seats``: ``ROW:SEAT`` as printed on the ticket, or
    ``AREA:ROW:SEAT`` where a hall's areas share row and seat labels (AREA: the
    area's number or its name, e.g. 2, 优选区 or Premium)."""

    area: str | None
    row: str
    seat: str

    def __str__(self) -> str:
        return ":".join(p for p in (self.area, self.row, self.seat) if p is not None)


def parse_seats(text: str) -> list[WantedSeat]:
    seats: list[WantedSeat] = []
    for item in text.split(","):
        parts = [p.strip() for p in item.strip().split(":")]
        if len(parts) not in (2, 3) or not all(parts):
            raise ValueError(f"seat {item!r} is not ROW:SEAT (or AREA:ROW:SEAT)")
        area = parts[0] if len(parts) == 3 else None
        seats.append(WantedSeat(area, parts[-2], parts[-1]))
    return seats


def find_seat(flow: PurchaseFlow, wanted: WantedSeat) -> SeatKey:
    """The one seat ``wanted`` names in the offer's hall; a label two areas share is
    refused unless the area is named (the first match could be a seat the patron
    never chose, sold and printed)."""
    found = flow.seats_labelled(wanted.row, wanted.seat)
    if wanted.area is not None:
        found = [(area, key) for area, key in found if _area_named(area, wanted.area)]
    if not found:
        raise ValueError(f"no seat {wanted} in this hall")
    if len(found) > 1:
        areas = ", ".join(_area_name(area) for area, _ in found)
        raise ValueError(
            f"seat {wanted} is in more than one area of this hall ({areas}): "
            f"name the area, e.g. {found[0][0].number}:{wanted}"
        )
    return found[0][1]


def _area_named(area: SeatArea, name: str) -> bool:
    names = (str(area.number), area.description, area.description_alt)
    return any(n is not None and n.casefold() == name.casefold() for n in names)


def _area_name(area: SeatArea) -> str:
    names = [n for n in (area.description, area.description_alt) if n]
    return f"{area.number} {'/'.join(names)}".strip()


def simulator_url(settings: Settings) -> str:
    """Where the payment simulator behind the first provider listens (its control API
    shares the port of every protocol it speaks): only --pay-with-simulator asks."""
    name = settings.payment_provider_names[0]
    url = {"wechatpay": settings.wechatpay_url, "alipay": settings.alipay_url}.get(
        name, settings.payment_url
    )
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    start_logging(args, settings, quiet_stderr=True)
    try:
        wanted = parse_seats(args.seats)
    except ValueError as exc:
        print(f"kiosk buy: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # the payment simulator answers every protocol it speaks on one port
    pay_url = simulator_url(settings)
    if args.pay_with_simulator and urlsplit(pay_url).hostname not in (
        "127.0.0.1",
        "localhost",
        "::1",
    ):
        print(
            "kiosk buy: --pay-with-simulator needs a payment simulator on loopback", file=sys.stderr
        )
        return EXIT_USAGE

    async def main(stop: asyncio.Event) -> int:
        async with open_services(settings, with_printer=False, command="kiosk buy") as services:
            warming = asyncio.ensure_future(
                import_meanwhile("kiosk.flows.purchase", "kiosk.sim.phone")
            )
            try:
                return await _buy(services, args, wanted, pay_url, stop)
            finally:
                await warming

    return run_until_signal(main)


async def _buy(
    services: Services,
    args: argparse.Namespace,
    wanted: list[WantedSeat],
    payment_url: str,
    stop: asyncio.Event,
) -> int:
    try:
        found = await services.catalog.session(args.session)
    except ConnectError as exc:
        # Nothing was locked or charged yet: say so in one line, not a traceback.
        print(f"kiosk buy: cannot read the films on sale from Connect ({exc})", file=sys.stderr)
        return EXIT_UNAVAILABLE
    if found is None:
        print(f"kiosk buy: no session {args.session} on sale", file=sys.stderr)
        return EXIT_USAGE
    film, session = found
    from kiosk.flows.purchase import PurchaseError
    from kiosk.sim.phone import pay_with_simulator

    flow = services.purchase_flow(payment_poll_s=args.poll_s)
    try:
        offer = await flow.start(session)
        seats: list[SeatKey] = []
        for one in wanted:
            try:
                seats.append(find_seat(flow, one))
            except ValueError as exc:  # nothing is locked yet
                print(f"kiosk buy: {exc}", file=sys.stderr)
                return EXIT_USAGE
        tickets = _tickets(offer.ticket_types, offer.seat_plan.areas, seats, args.ticket_type)
        hold = await flow.choose(tickets, seats)
        shown = session.showtime.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")
        print(f"{film.title} {shown} seats {', '.join(hold.seat_labels)}")
        print(f"transaction {hold.txn_id}")
        request = await flow.pay()
        for qr in request.qrs:  # one per provider, any of them pays
            print(f"pay {request.amount_fen / 100:.2f} CNY with {qr.wallet}: {qr.code_url}")
        held = request.hold_expires_at.astimezone(CHINA_TIME).strftime("%H:%M:%S")
        print(f"seats held until {held} (China time)", flush=True)
        if args.pay_with_simulator:
            try:
                await pay_with_simulator(payment_url, request.out_trade_no)
            except PaymentError as exc:
                print(f"kiosk buy: simulated payment failed: {exc}", file=sys.stderr)
        waiting = asyncio.ensure_future(flow.wait_for_payment())
        if args.pay_code:
            await _pay_code(flow)
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not waiting.done():
            await flow.cancel()
        stopping.cancel()
        purchase = await waiting
    except PurchaseError as exc:
        reference = f" (transaction {exc.reference})" if exc.reference else ""
        print(f"kiosk buy: {words(exc, 'en')}{reference}\n  {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"booked: pickup code {purchase.pickup_code}, booking number {purchase.booking_number}")
    return 0


async def _pay_code(flow: PurchaseFlow) -> None:
    """One payment code from standard input, charged while the QR stays payable."""
    from kiosk.flows.purchase import PurchaseError

    print("payment code: reading it from standard input", flush=True)
    code = (await asyncio.to_thread(sys.stdin.readline)).strip()
    try:
        await flow.pay_with_code(code)
    except PurchaseError as exc:
        # the code itself is never printed; the QR can still be paid
        print(f"payment code not charged: {words(exc, 'en')}", file=sys.stderr, flush=True)
    else:
        print("paid with the payment code", flush=True)
    del code


def _tickets(
    ticket_types: Sequence[TicketType],
    areas: Sequence[SeatArea],
    seats: Sequence[SeatKey],
    code: str | None,
) -> dict[str, int]:
    """One ticket per seat: ``code`` for all, else the first ticket type of each seat's area."""
    if code is not None:
        return {code: len(seats)}
    category = {area.number: area.area_category_code for area in areas}
    tickets: dict[str, int] = {}
    for seat in seats:
        first = next(
            (t for t in ticket_types if t.area_category_code == category.get(seat.area_number)),
            None,
        )
        if first is not None:
            tickets[first.ticket_type_code] = tickets.get(first.ticket_type_code, 0) + 1
    return tickets
