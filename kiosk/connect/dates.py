"""Connect's two date forms read into aware UTC datetimes.

Connect sends ISO 8601 (with the cinema's offset, or none at all in the seed's
samples) and the legacy WCF form ``/Date(1438827090884+0800)/``, whose number is
UTC milliseconds and whose offset is informational. The slashes come escaped
(``\\/Date(...)\\/``) and, in the seed, mangled (``\\Date(...)\\V``); all read alike.
The client only reads them: the Connect simulator writes them with its own code
(:mod:`kiosk.sim.odata_reader`).
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
