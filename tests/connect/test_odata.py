"""OData query building (client) and filter reading (simulator) agree on quoting."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.connect.dates import CHINA
from kiosk.connect.odata import (
    Condition,
    FilterSyntaxError,
    ODataQuery,
    parse_filter,
    quote_literal,
    select_tree,
)


def test_quote_doubles_single_quotes() -> None:
    assert quote_literal("O'Brien") == "'O''Brien'"


def test_sessions_query_encodes_spaces_as_percent_20() -> None:
    after = dt.datetime(2015, 8, 8, tzinfo=CHINA)
    query = ODataQuery().where("CinemaId", "eq", "0200").where("Showtime", "gt", after)
    encoded = query.encode()
    assert "+" not in encoded
    assert (
        "$filter=CinemaId%20eq%20%270200%27%20and%20Showtime%20gt%20datetime%272015-08-08T00%3A00%3A00%27"
        in encoded
    )
    assert encoded.startswith("$format=json")


def test_films_query_matches_the_seed_shape() -> None:
    query = ODataQuery(
        select=("ScheduledFilmId", "Sessions/SessionId"),
        expand=("Sessions/Attributes",),
        params=(("cinemaId", "0200"),),
    )
    pairs = dict(parse_qsl(query.encode()))
    assert pairs == {
        "$format": "json",
        "cinemaId": "'0200'",
        "$expand": "Sessions/Attributes",
        "$select": "ScheduledFilmId,Sessions/SessionId",
    }


def test_datetime_literal_is_cinema_local_time() -> None:
    query = ODataQuery().where("Showtime", "gt", dt.datetime(2015, 8, 7, 16, tzinfo=dt.UTC))
    assert dict(query.options())["$filter"] == "Showtime gt datetime'2015-08-08T00:00:00'"


def test_parse_filter_round_trip() -> None:
    text = "CinemaId eq '0200' and Showtime gt datetime'2015-08-08' and ScreenNumber le 7"
    assert parse_filter(text) == [
        Condition("CinemaId", "eq", "0200"),
        Condition("Showtime", "gt", dt.datetime(2015, 8, 8, tzinfo=CHINA)),
        Condition("ScreenNumber", "le", 7),
    ]


@pytest.mark.parametrize(
    "text", ["", "CinemaId eq", "CinemaId like '1'", "A eq '1' or B eq '2'", "A eq 'x", "A eq B"]
)
def test_parse_filter_refuses(text: str) -> None:
    with pytest.raises(FilterSyntaxError):
        parse_filter(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_string_survives_the_round_trip(value: str) -> None:
    query = ODataQuery().where("Title", "eq", value)
    rendered = dict(parse_qsl(query.encode(), keep_blank_values=True))["$filter"]
    assert parse_filter(rendered) == [Condition("Title", "eq", value)]


def test_select_tree() -> None:
    assert select_tree(["A", "B/C", "B/D/E"]) == {"A": {}, "B": {"C": {}, "D": {"E": {}}}}
