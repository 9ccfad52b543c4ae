"""SARFT's errors reach the patron as the collection's own cases, read by their code."""

from __future__ import annotations

import pytest

from kiosk.errors import ErrorCode
from kiosk.flows.collect_errors import (
    AlreadyCollected,
    BookingNotFound,
    BookingRefunded,
    BookingShowEnded,
    CollectError,
    CollectServiceUnavailable,
    WrongCode,
    patron_error,
)
from kiosk.sarft import errors as sarft_errors
from kiosk.words import words


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found += _subclasses(sub)
    return found


@pytest.mark.parametrize(
    "broke", _subclasses(sarft_errors.SarftCommunicationError), ids=lambda c: c.__name__
)
def test_every_broken_conversation_is_a_try_again(broke: type) -> None:
    if broke is sarft_errors.SarftOutcomeUnknown:
        error = broke("apply: reply lost", sarft_errors.SarftTimeout("no reply"))
    else:
        error = broke("no reply")
    refused = patron_error(error)
    assert type(refused) is CollectServiceUnavailable and str(refused) == str(error)


@pytest.mark.parametrize(
    ("sarft_type", "collect_type"),
    [
        (sarft_errors.AlreadyPrinted, AlreadyCollected),
        (sarft_errors.Refunded, BookingRefunded),
        (sarft_errors.ShowEnded, BookingShowEnded),
        (sarft_errors.NotFound, BookingNotFound),
        (sarft_errors.VerifyCodeMismatch, WrongCode),
    ],
)
def test_a_refusal_of_the_collections_own_is_its_case(
    sarft_type: type[sarft_errors.SarftReturnCodeError], collect_type: type[CollectError]
) -> None:
    assert type(patron_error(sarft_type("query: refused"))) is collect_type


def test_any_other_refusal_keeps_sarfts_words_and_facts() -> None:
    unnamed = sarft_errors.error_for_code(42, "apply: return code 42")
    refused = patron_error(unnamed)
    assert isinstance(refused, CollectError) and refused.error_code is ErrorCode.SARFT_REFUSED
    assert words(refused, "zh") == words(unnamed, "zh") and "42" in words(refused, "en")
    applied = patron_error(sarft_errors.NotApplied("confirm: not applied"))
    assert words(applied, "zh") == "出票未完成，请到服务台办理"
