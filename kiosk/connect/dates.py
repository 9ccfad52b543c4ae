"""Connect's two date forms into aware UTC datetimes, and back for the simulator.

Connect sends ISO 8601 (with the cinema's offset, or none at all in the seed's
samples) and the legacy WCF form ``/Date(1438827090884+0800)/``, whose number is
UTC milliseconds and whose offset is informational. The slashes come escaped
(``\\/Date(...)\\/``) and, in the seed, mangled (``\\Date(...)\\V``); all read alike.
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.chinatime import CHINA_TIME

UTC = dt.UTC
CHINA = CHINA_TIME

_WCF_DATE = re.compile(r"^[\\/]*Date\((?P<ms>-?\d+)(?P<offset>[+-]\d{4})?\)[\\/V]*$")


def parse_connect_date(value: str, naive_zone: dt.tzinfo = CHINA) -> dt.datetime:
    """Parse either form; a naive ISO time is taken as the cinema's local time."""
    text = value.strip()
    match = _WCF_DATE.match(text)
    if match:
        return dt.datetime.fromtimestamp(int(match["ms"]) / 1000, UTC)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a Connect date: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_zone)
    return parsed.astimezone(UTC)


def format_wcf_date(moment: dt.datetime, zone: dt.timezone = CHINA) -> str:
    """``/Date(ms+0800)/`` as Connect writes order and booking times."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no defined instant")
    millis = int(moment.timestamp() * 1000)
    offset = zone.utcoffset(None)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"/Date({millis}{sign}{hours:02d}{mins:02d})/"


def format_local_iso(moment: dt.datetime, zone: dt.timezone = CHINA) -> str:
    """ISO 8601 in the cinema's zone with its offset, as Connect writes showtimes."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no defined instant")
    return moment.astimezone(zone).replace(microsecond=0).isoformat()
