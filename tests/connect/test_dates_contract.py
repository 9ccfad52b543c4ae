"""Dates as the Connect simulator writes them, read by the client: the same instant.

Each side has its own code (kiosk.sim.odata_reader writes, kiosk.connect.dates reads),
both from the seed's forms, so a mistake on one side shows here as a moved instant."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from kiosk.connect.dates import parse_connect_date
from kiosk.sim.odata_reader import local_iso, wcf_date

# Seed §3.5: AddTickets' LastUpdated "\Date(1438827090884+0800)\V", 2015-08-06 10:11:30.884
# in Beijing (the booking reference of §3.11 says 2015/08/06 10:11).
SEED_MOMENT = dt.datetime(2015, 8, 6, 2, 11, 30, 884000, tzinfo=dt.UTC)

moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)


def test_the_seeds_sample_is_written_as_the_seed_writes_it() -> None:
    assert wcf_date(SEED_MOMENT) == "/Date(1438827090884+0800)/"
    assert parse_connect_date("\\Date(1438827090884+0800)\\V") == SEED_MOMENT


@given(moments)
def test_a_wcf_date_is_read_back_to_the_millisecond(moment: dt.datetime) -> None:
    to_the_ms = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    assert parse_connect_date(wcf_date(moment)) == to_the_ms


@given(moments)
def test_a_showtime_is_read_back_to_the_second(moment: dt.datetime) -> None:
    assert parse_connect_date(local_iso(moment)) == moment.replace(microsecond=0)
