"""The printer is asked right before a purchase takes money: no payment is created for
tickets that cannot come out, and the held seats go back at once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.purchase import PrinterUnavailable, PurchaseFlow, PurchaseState
from kiosk.printing.device import PrinterUnreachable
from kiosk.printing.status import PrinterStatus
from tests.flows.helpers_purchase import (
    Kit,
    RecordingIssuer,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)

READY = PrinterStatus(online=True, paper_present=True)
PAPER_OUT = PrinterStatus(online=False, paper_present=False)


class Printer:
    """The printer's status as the purchase flow's port sees it."""

    def __init__(self, status: PrinterStatus | Exception) -> None:
        self.now = status
        self.asked = 0

    async def status(self) -> PrinterStatus:
        self.asked += 1
        if isinstance(self.now, Exception):
            raise self.now
        return self.now


@pytest.fixture
async def kit(tmp_path: Path) -> AsyncIterator[Kit]:
    async with running_kit(tmp_path) as ready:
        yield ready


async def _held(kit: Kit, printer: Printer) -> tuple[PurchaseFlow, str]:
    flow = kit.flow(RecordingIssuer())
    flow.deps.printer = printer
    await flow.start(kit.session())
    hold = await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
    assert kit.store.state_json()["seat_locks"]
    return flow, hold.txn_id


@pytest.mark.parametrize(
    "status", [PAPER_OUT, PrinterStatus.no_reply(), PrinterUnreachable("connection refused")]
)
async def test_no_payment_is_created_when_the_printer_cannot_print(
    kit: Kit, status: PrinterStatus | Exception
) -> None:
    printer = Printer(READY)
    flow, txn_id = await _held(kit, printer)
    printer.now = status  # the paper ran out while the patron looked at the review
    with pytest.raises(PrinterUnavailable) as refused:
        await flow.pay()
    assert refused.value.reference == txn_id
    assert printer.asked == 1
    state = kit.store.state_json()
    assert state["payments"] == {}
    assert state["seat_locks"] == []
    txn = await kit.journal.transaction(txn_id)
    assert txn is not None and txn.state == PurchaseState.CANCELLED.value
    assert txn.summary["reason"] == "printer_not_ready"
    await assert_invariant(kit)


async def test_a_printer_that_can_print_lets_the_payment_start(kit: Kit) -> None:
    printer = Printer(READY)
    flow, _ = await _held(kit, printer)
    request = await flow.pay()
    assert printer.asked == 1
    assert kit.store.state_json()["payments"][request.out_trade_no]["state"] == "PENDING"
