"""The Connect simulator's own OData reading and date writing, against hand-worked
examples of the OData v3 conventions and the seed's date forms."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.sim.odata_reader import (
    BadQuery,
    Comparison,
    local_iso,
    read_filter,
    read_options,
    read_select,
    wcf_date,
)

CHINA = dt.timezone(dt.timedelta(hours=8))


def test_a_filter_of_every_literal_kind_joined_by_and() -> None:
    text = "CinemaId eq '0200' and Showtime ge datetime'2026-12-01T20:00:00' and Seats gt -1"
    assert read_filter(text) == [
        Comparison("CinemaId", "eq", "0200"),
        Comparison("Showtime", "ge", dt.datetime(2026, 12, 1, 20, 0, tzinfo=CHINA)),
        Comparison("Seats", "gt", -1),
    ]
    assert read_filter("Name eq 'O''Brien'") == [Comparison("Name", "eq", "O'Brien")]


def test_a_bare_date_is_its_midnight_as_in_the_seed() -> None:
    """The seed's own example filters ``Showtime gt datetime'2015-08-08'``."""
    text = "Showtime gt datetime'2015-08-08' and Showtime lt datetime'2015-08-09'"
    assert read_filter(text) == [
        Comparison("Showtime", "gt", dt.datetime(2015, 8, 8, tzinfo=CHINA)),
        Comparison("Showtime", "lt", dt.datetime(2015, 8, 9, tzinfo=CHINA)),
    ]


def test_options_are_percent_decoded_and_a_plus_stays_a_plus() -> None:
    raw = "$format=json&$filter=CinemaId%20eq%20%270200%27&cinemaId=%270200%27&$select=A+B"
    assert read_options(raw) == {
        "$format": "json",
        "$filter": "CinemaId eq '0200'",
        "cinemaId": "'0200'",
        "$select": "A+B",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Showtime ge datetime'2026-12-01T20:00:00+08:00'",  # v3 datetime has no offset
        "Showtime ge datetime'2026-13-01T20:00'",
        "CinemaId == '0200'",
        "CinemaId eq",
        "A eq 1 or B eq 2",
        "A eq 1 and",
        "A eq 1 B",
        "",
        "CinemaId like '1'",
        "A eq '1' or B eq '2'",
        "A eq 'x",
        "A eq B",
        "Showtime gt datetime'2015-08'",
    ],
)
def test_what_the_grammar_does_not_allow_is_refused(text: str) -> None:
    with pytest.raises(BadQuery):
        read_filter(text)


def test_select_paths_make_a_tree() -> None:
    assert read_select("ID, Name,Sessions/SessionId") == {
        "ID": {},
        "Name": {},
        "Sessions": {"SessionId": {}},
    }


def test_dates_as_connect_writes_them() -> None:
    # 2026-12-01 20:00 in Beijing is 12:00 UTC. Days since 1970-01-01 by hand: 56 years
    # of 365 days, 14 leap days (1972..2024), 334 days of January to November 2026.
    show = dt.datetime(2026, 12, 1, 20, 0, tzinfo=CHINA)
    seconds = (56 * 365 + 14 + 334) * 86400 + 12 * 3600
    assert wcf_date(show) == f"/Date({seconds * 1000}+0800)/"
    assert local_iso(show.astimezone(dt.UTC)) == "2026-12-01T20:00:00+08:00"
