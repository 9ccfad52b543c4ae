"""A ticket message's QR code that carries both the pickup code and the booking number."""

from __future__ import annotations

import pytest

from kiosk.flows.pickup_code import split_scanned


@pytest.mark.parametrize(
    "text",
    [
        "WQNX8JL 111972",
        "WQNX8JL|0000000000111972",
        "111972,WQNX8JL",
        '{"code": "WQNX8JL", "number": 111972}',
        "https://cinema.example/t?bookingId=WQNX8JL&bookingNumber=111972",
        "取票码:WQNX8JL 订单号:111972",
        "取票码：WQNX8JL，取票序号：111972",
        "ＷＱＮＸ８ＪＬ　１１１９７２",  # full-width, as some phones render it
    ],
)
def test_both_parts_are_found_named_or_not(text: str) -> None:
    code, number = split_scanned(text) or ("", "")
    assert code.upper() == "WQNX8JL" and int(number) == 111972


@pytest.mark.parametrize(
    "text",
    [
        "WQNX8JL",  # a code alone
        "12345 111972",  # two numbers: which is the code cannot be told
        "AB CD",  # no number
        "WQNX8JL 111972 9",  # three parts
        '{"code": "WQNX8JL", "number": "X1"}',  # a number that is not one
    ],
)
def test_anything_else_is_not_split(text: str) -> None:
    assert split_scanned(text) is None
