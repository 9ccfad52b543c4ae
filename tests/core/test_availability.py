"""The availability model: which path can finish with which checks, and the reason named."""

from __future__ import annotations

import asyncio

import pytest

from kiosk.availability import (
    CLOSE_TO_PATRONS,
    NOT_YET_CHECKED,
    OPEN_TO_PATRONS,
    Availability,
    AvailabilityWatch,
    Checks,
    JournalState,
    Reason,
    StaffWarning,
    closed_by_staff,
    decide,
    printer_reason,
    probe_journal,
)
from kiosk.health import Health
from kiosk.journal import JournalIdentityMismatch, JournalUnwritable
from kiosk.printing.status import PrinterStatus

READY = PrinterStatus(online=True, paper_present=True)
PAPER_OUT = PrinterStatus(online=False, paper_present=False)
COVER_OPEN = PrinterStatus(online=False, paper_present=True, cover_open=True)
OFFLINE = PrinterStatus(online=False, paper_present=True)


def test_everything_answering_sells_and_collects() -> None:
    found = decide(Checks(printer=READY))
    assert found.buy.available and found.collect.available and found.in_service
    assert found.reason is None and found.reasons == () and found.warnings == ()


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (PAPER_OUT, Reason.PRINTER_PAPER_OUT),
        (COVER_OPEN, Reason.PRINTER_COVER_OPEN),
        (OFFLINE, Reason.PRINTER_OFFLINE),
        (PrinterStatus.no_reply(), Reason.PRINTER_OFFLINE),
        (None, Reason.PRINTER_OFFLINE),
    ],
)
def test_a_printer_that_cannot_print_closes_both_paths(
    status: PrinterStatus | None, reason: Reason
) -> None:
    assert printer_reason(status) is reason
    found = decide(Checks(printer=status))
    assert not found.in_service
    assert found.buy.reason is reason and found.collect.reason is reason and found.reason is reason


def test_a_printer_that_reports_nothing_is_taken_as_ready() -> None:
    assert printer_reason(PrinterStatus.unchecked()) is None


def test_paper_near_end_keeps_selling_and_warns_staff() -> None:
    found = decide(Checks(printer=PrinterStatus(True, True, paper_near_end=True)))
    assert found.buy.available and found.collect.available
    assert found.warnings == (StaffWarning.PRINTER_PAPER_NEAR_END,)


def test_payment_down_closes_buying_only_and_sarft_down_collecting_only() -> None:
    no_payment = decide(Checks(payment=False, printer=READY))
    assert no_payment.buy.reason is Reason.PAYMENT_UNREACHABLE and no_payment.collect.available
    assert no_payment.in_service and no_payment.reason is None
    no_sarft = decide(Checks(sarft=False, printer=READY))
    assert no_sarft.collect.reason is Reason.SARFT_UNREACHABLE and no_sarft.buy.available


def test_connect_down_closes_buying_only_as_sarft_alone_serves_a_pickup() -> None:
    found = decide(Checks(connect=False, printer=READY))
    assert found.buy.reason is Reason.CONNECT_UNREACHABLE
    assert found.collect.available and found.in_service
    both = decide(Checks(connect=False, payment=False, printer=READY))
    assert both.buy.reasons == (Reason.CONNECT_UNREACHABLE, Reason.PAYMENT_UNREACHABLE)


def test_both_down_for_different_reasons_names_both_the_most_pressing_first() -> None:
    found = decide(Checks(payment=False, sarft=False, printer=PAPER_OUT))
    assert found.buy.reasons == (Reason.PRINTER_PAPER_OUT, Reason.PAYMENT_UNREACHABLE)
    assert found.reason is Reason.PRINTER_PAPER_OUT
    assert found.reasons == (
        Reason.PRINTER_PAPER_OUT,
        Reason.PAYMENT_UNREACHABLE,
        Reason.SARFT_UNREACHABLE,
    )


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (JournalState.MISSING, Reason.JOURNAL_MISSING),
        (JournalState.UNWRITABLE, Reason.JOURNAL_UNWRITABLE),
    ],
)
def test_a_journal_that_cannot_record_closes_everything(
    state: JournalState, reason: Reason
) -> None:
    found = decide(Checks(printer=READY, journal=state))
    assert found.reason is reason and not found.in_service


def test_staff_closing_comes_before_anything_else() -> None:
    found = decide(Checks(printer=PAPER_OUT, staff_closed=True))
    assert found.reason is Reason.STAFF_CLOSED
    assert found.reasons == (Reason.STAFF_CLOSED, Reason.PRINTER_PAPER_OUT)


def test_the_latest_staff_close_or_open_in_the_audit_log_decides_after_a_restart() -> None:
    assert not closed_by_staff([])
    assert not closed_by_staff(["test_print", "exit_kiosk"])
    assert closed_by_staff(["test_print", CLOSE_TO_PATRONS, OPEN_TO_PATRONS])  # newest first
    assert not closed_by_staff([OPEN_TO_PATRONS, CLOSE_TO_PATRONS])


def test_the_reason_names_are_the_metrics_interface() -> None:
    assert {r.value for r in Reason} == {
        "printer_paper_out",
        "printer_cover_open",
        "printer_offline",
        "connect_unreachable",
        "sarft_unreachable",
        "payment_unreachable",
        "journal_unwritable",
        "journal_missing",
        "staff_closed",
    }


def test_checks_from_health_results() -> None:
    results = [
        Health("connect", True, "", 1),
        Health("sarft", False, "down", 1),
        Health("payment", True, "", 1),
        Health("printer", False, "refused", 1, printer=None),
    ]
    checks = Checks.from_health(results, JournalState.OK)
    assert (checks.connect, checks.sarft, checks.payment, checks.printer) == (
        True,
        False,
        True,
        None,
    )


class _Probe:
    def __init__(self, fault: Exception | None) -> None:
        self.fault = fault

    async def probe(self) -> None:
        if self.fault is not None:
            raise self.fault


async def test_journal_probe_faults_name_the_journal_state(tmp_path: object) -> None:
    assert await probe_journal(_Probe(None)) is JournalState.OK
    gone = JournalIdentityMismatch("gone", tmp_path, "put it back")  # type: ignore[arg-type]
    assert await probe_journal(_Probe(gone)) is JournalState.MISSING
    locked = JournalUnwritable("locked", tmp_path, "look")  # type: ignore[arg-type]
    assert await probe_journal(_Probe(locked)) is JournalState.UNWRITABLE


async def test_the_watch_checks_while_idle_and_at_once_when_poked() -> None:
    answers = [Checks(printer=PAPER_OUT), Checks(printer=READY)]
    seen: list[Availability] = []
    idle = True

    async def check() -> Checks:
        return answers[0] if len(seen) < 2 else answers[1]

    three = asyncio.Event()

    def changed(found: Availability) -> None:
        seen.append(found)
        if len(seen) == 3:
            three.set()

    watch = AvailabilityWatch(check, interval_s=0.05, idle=lambda: idle, on_change=changed)
    assert watch.latest is NOT_YET_CHECKED
    task = asyncio.create_task(watch.run())
    try:
        await asyncio.wait_for(three.wait(), 5)
        assert seen[0].reason is Reason.PRINTER_PAPER_OUT
        assert watch.latest.in_service  # back on its own at the next interval
        idle = False
        count = len(seen)
        await asyncio.sleep(0.2)
        assert len(seen) == count, "no check while a patron is in a flow"
        idle = True
        watch.poke()
        await asyncio.sleep(0.02)
        assert len(seen) == count + 1
        watch.set_staff_closed(True)
        assert watch.latest.reason is Reason.STAFF_CLOSED  # at once, without a check
        watch.set_staff_closed(False)
        assert watch.latest.in_service
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
