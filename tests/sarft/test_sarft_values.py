"""print_no and verify code from the seed's example booking (WQNX8JL / 111972),
and the typed error for every return code."""

from __future__ import annotations

import pytest

from kiosk.sarft import errors
from kiosk.sarft.errors import SarftReturnCodeError, SarftValueError, error_for_code
from kiosk.sarft.values import print_no_for, verify_code_md5
from kiosk.words import words


def test_print_no_is_the_booking_number_zero_padded_to_16() -> None:
    assert print_no_for(111972) == "0000000000111972"
    assert print_no_for("111972") == "0000000000111972"  # as CompleteOrder returns it
    assert print_no_for(0) == "0000000000000000"
    assert print_no_for(9_999_999_999_999_999) == "9999999999999999"


@pytest.mark.parametrize("bad", [-1, 10**16, "12a", "", "-5", "１２", True])
def test_print_no_refuses_what_does_not_fit(bad: int | str) -> None:
    with pytest.raises(SarftValueError):
        print_no_for(bad)


def test_verify_code_is_md5_of_the_upper_cased_booking_id() -> None:
    assert verify_code_md5("WQNX8JL") == "369434b17a97b4c247a38bdaf4a66eda"
    assert verify_code_md5("  wqnx8jl\n") == "369434b17a97b4c247a38bdaf4a66eda"


@pytest.mark.parametrize("bad", ["", "   ", "取票码"])
def test_verify_code_refuses_empty_and_non_ascii(bad: str) -> None:
    with pytest.raises(SarftValueError):
        verify_code_md5(bad)


@pytest.mark.parametrize(
    ("code", "cls", "zh", "en"),
    [
        (1, errors.AlreadyPrinted, "已取票", "already been collected"),
        (2, errors.UnknownError, "出错", "reported an error"),
        (3, errors.NotFound, "未找到", "No booking"),
        (4, errors.VerifyCodeMismatch, "取票码不正确", "not correct"),
        (5, errors.Refunded, "退票", "refunded"),
        (6, errors.NotAuthenticated, "暂不可用", "unavailable"),
        (7, errors.BadCredentials, "暂不可用", "unavailable"),
        (8, errors.ShowEnded, "已结束", "ended"),
        (9, errors.NotApplied, "出票未完成", "not started"),
    ],
)
def test_each_return_code_has_its_error_and_patron_message(
    code: int, cls: type[SarftReturnCodeError], zh: str, en: str
) -> None:
    error = error_for_code(code, f"apply: return code {code}")
    assert type(error) is cls
    assert error.code == code
    assert zh in words(error, "zh")
    assert en in words(error, "en")
    assert str(error) == f"apply: return code {code}"


def test_an_unknown_code_stays_generic_and_shows_the_code() -> None:
    error = error_for_code(42, "query: return code 42")
    assert type(error) is SarftReturnCodeError
    assert error.code == 42
    assert "42" in words(error, "zh")
    assert "42" in words(error, "en")
