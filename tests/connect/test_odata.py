"""OData queries as the client writes them, and as the Connect simulator reads them.

The simulator reads with its own code (kiosk.sim.odata_reader), written from the seed,
so these are contract tests: a filter the client wrote wrongly is refused by the
simulator (Connect answers 400) instead of being read back the same wrong way."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.connect.client import FILM_FIELDS
from kiosk.connect.dates import CHINA
from kiosk.connect.odata import ODataQuery, quote_literal
from kiosk.sim.cluster import SimCluster
from kiosk.sim.odata_reader import Comparison, read_filter, read_options, read_select
from kiosk.sim.world import SimWorld


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


def _read_by_simulator(query: ODataQuery) -> list[Comparison]:
    """The client's query string, read as the simulator reads what reaches it."""
    return read_filter(read_options(query.encode())["$filter"])


def test_the_simulator_reads_the_filter_the_client_writes() -> None:
    after = dt.datetime(2015, 8, 7, 16, 30, tzinfo=dt.UTC)
    query = (
        ODataQuery()
        .where("CinemaId", "eq", "0200")
        .where("Showtime", "gt", after)
        .where("ScreenNumber", "le", 7)
    )
    assert _read_by_simulator(query) == [
        Comparison("CinemaId", "eq", "0200"),
        Comparison("Showtime", "gt", after),  # the same instant, read as Beijing time
        Comparison("ScreenNumber", "le", 7),
    ]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_string_survives_the_round_trip(value: str) -> None:
    query = ODataQuery().where("Title", "eq", value)
    assert _read_by_simulator(query) == [Comparison("Title", "eq", value)]


def test_the_simulator_reads_the_select_the_client_writes() -> None:
    tree = read_select(read_options(ODataQuery(select=FILM_FIELDS).encode())["$select"])

    def leaves(node: dict[str, Any], prefix: str = "") -> set[str]:
        return set().union(
            *(
                leaves(child, f"{prefix}{name}/") if child else {prefix + name}
                for name, child in node.items()
            )
        )

    assert leaves(tree) == set(FILM_FIELDS)  # every path the client asks for, no other


# ---- over the simulator's socket: what a client could get wrong is refused ---------------


async def _sessions(connect_sim: SimCluster, raw_query: str) -> httpx.Response:
    info = connect_sim.info()["connect"]
    async with httpx.AsyncClient() as http:
        return await http.get(
            f"{info['url']}/OData.svc/Sessions()?{raw_query}",
            headers={"connectapitoken": info["token"]},
        )


def _day(world: SimWorld) -> tuple[str, str]:
    today = world.store.clock().astimezone(CHINA).date()
    return today.isoformat(), (today + dt.timedelta(days=1)).isoformat()


async def test_the_seeds_own_example_is_read(connect_sim: SimCluster, sim_world: SimWorld) -> None:
    """The seed's §"OData" example, byte for byte but for the day (its sessions are in
    2015): a bare date, %20 for spaces, %27 for quotes."""
    day, next_day = _day(sim_world)
    raw = (
        "&$format=json&$filter=CinemaId%20eq%20%270200%27%20and%20Showtime%20gt%20datetime"
        f"%27{day}%27%20and%20Showtime%20lt%20datetime%27{next_day}%27"
        "&$select=SessionId,ScheduledFilmId,Showtime"
    )
    response = await _sessions(connect_sim, raw)
    assert response.status_code == 200, response.text
    sessions = response.json()["value"]
    assert sessions, "the demo world has sessions today"
    assert all(set(s) == {"SessionId", "ScheduledFilmId", "Showtime"} for s in sessions)
    assert all(s["Showtime"].startswith(day) for s in sessions)


def _wrongly(query: str) -> str:
    return "$format=json&$filter=" + query


@pytest.mark.parametrize(
    ("mistake", "raw"),
    [
        # spaces written as "+" (what urlencode and httpx's params= do): some servers
        # keep a "+" as it is, so the seed writes %20
        ("plus for space", _wrongly("CinemaId+eq+%270200%27")),
        # an aware time's isoformat(): OData v3's datetime has no offset
        (
            "offset in datetime",
            _wrongly("Showtime%20gt%20datetime%272015-08-08T00%3A00%3A00%2B08%3A00%27"),
        ),
        # O'Brien without its quote doubled
        ("quote not doubled", _wrongly("Title%20eq%20%27O%27Brien%27")),
        # a Python-style operator
        ("== for eq", _wrongly("CinemaId%20%3D%3D%20%270200%27")),
        # "or", which Connect's clients never need and the seed does not show
        ("or", _wrongly("CinemaId%20eq%20%270200%27%20or%20CinemaId%20eq%20%270201%27")),
    ],
)
async def test_a_filter_written_wrongly_is_refused(
    connect_sim: SimCluster, mistake: str, raw: str
) -> None:
    response = await _sessions(connect_sim, raw)
    assert response.status_code == 400, f"{mistake}: {response.status_code} {response.text}"
    assert response.json()["odata.error"]["message"]["value"]  # what could not be read


async def test_the_same_filter_written_rightly_is_answered(connect_sim: SimCluster) -> None:
    """The control for the refusals above: the client's own writing of the same filter."""
    query = ODataQuery().where("CinemaId", "eq", "0200")
    response = await _sessions(connect_sim, query.encode())
    assert response.status_code == 200, response.text
    assert {s["CinemaId"] for s in response.json()["value"]} == {"0200"}
