"""Transaction states and stop reasons are enums whose values are the journal's words.

The journal stores them as strings: a value that changed would leave every old
journal's transactions in a state no code, recovery or staff wording knows.
"""

from __future__ import annotations

import pytest

from kiosk.flows.collect import CollectState, CollectStop
from kiosk.flows.purchase_ledger import PurchaseState
from kiosk.flows.reprint import ReprintState
from kiosk.sarft import errors as sarft_errors

# What journals written before the enums hold, value for value.
_STORED = {
    PurchaseState: {
        "CHOOSING", "LOCKING", "LOCKED", "AWAITING_PAYMENT", "COMPLETING", "VERIFYING",
        "BOOKED", "CANCELLING", "REFUNDING", "NEEDS_STAFF", "COMPLETED", "CANCELLED",
        "REFUNDED",
    },
    CollectState: {
        "started", "collected", "already_collected", "refused", "abandoned",
        "awaiting_staff", "confirm_owed", "completed_by_staff",
    },
    ReprintState: {"started", "reprinted", "reprint_failed", "interrupted"},
    CollectStop: {
        "tickets_owed", "confirm_owed", "sarft_unreachable", "printer_not_ready",
        "bad_record", "AlreadyPrinted", "UnknownError", "NotFound", "VerifyCodeMismatch",
        "Refunded", "NotAuthenticated", "BadCredentials", "ShowEnded", "NotApplied",
        "SarftReturnCodeError", "SarftValueError",
    },
}  # fmt: skip


@pytest.mark.parametrize("enum_type", list(_STORED), ids=lambda e: e.__name__)
def test_every_value_is_the_word_old_journals_hold(enum_type: type) -> None:
    assert {member.value for member in enum_type} == _STORED[enum_type]


def _refusals() -> list[type[sarft_errors.SarftError]]:
    found: list[type[sarft_errors.SarftError]] = [sarft_errors.SarftValueError]
    pending: list[type[sarft_errors.SarftError]] = [sarft_errors.SarftReturnCodeError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return found


@pytest.mark.parametrize("error_type", _refusals(), ids=lambda e: e.__name__)
def test_a_sarft_refusal_stops_a_collection_under_its_errors_name(
    error_type: type[sarft_errors.SarftError],
) -> None:
    """The collect flow journaled ``type(exc).__name__`` before there was an enum: every
    SARFT refusal must still be written as the same word, and be one staff have words for."""
    stop = CollectStop.refused_by(error_type("refused"))
    assert stop.value == error_type.__name__


def test_a_refusal_the_table_does_not_name_stops_under_its_base() -> None:
    class NewRefusal(sarft_errors.NotFound):
        pass

    assert CollectStop.refused_by(NewRefusal("refused")) is CollectStop.SARFT_NOT_FOUND
