"""How show times read on a film card."""

from __future__ import annotations

import datetime as dt

from kiosk.chinatime import CHINA_TIME
from kiosk.ui import formatting

TODAY = dt.date(2026, 11, 28)


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=CHINA_TIME).astimezone(dt.UTC)


def test_today_times_are_bare_and_limited() -> None:
    times = [_at(28, 16), _at(28, 19, 30), _at(28, 21), _at(28, 22, 45)]
    assert formatting.next_times(times, TODAY) == "16:00 19:30 21:00"


def test_a_later_day_is_named_and_never_mixed_with_the_next() -> None:
    times = [_at(29, 10), _at(29, 16), _at(30, 10)]
    text = formatting.next_times(times, TODAY)
    assert text.endswith("10:00 16:00")
    assert text != "10:00 16:00" and text.count(":") == 2  # a day label, then two times


def test_no_times_is_empty() -> None:
    assert formatting.next_times([], TODAY) == ""
