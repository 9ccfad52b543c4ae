"""How show times read on a film card."""

from __future__ import annotations

import datetime as dt

from kiosk.chinatime import CHINA_TIME
from kiosk.qt.i18n import Translations
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


def test_a_later_day_names_its_month_in_english(translations: Translations) -> None:
    translations.switch("en")
    assert formatting.day_label(dt.date(2026, 6, 1), TODAY) == "Mon, Jun 1"
    assert formatting.day_label(dt.date(2026, 11, 30), TODAY) == "Mon, Nov 30"
    assert formatting.day_label(dt.date(2026, 11, 29), TODAY) == "Tomorrow"


def test_a_later_day_reads_as_month_and_day_in_chinese(translations: Translations) -> None:
    translations.switch("zh")
    assert formatting.day_label(dt.date(2026, 6, 6), TODAY) == "周六 6月6日"
    assert formatting.day_label(dt.date(2026, 12, 1), TODAY) == "周二 12月1日"
    assert formatting.day_label(TODAY, TODAY) == "今天"
