"""How the Connect simulator reads OData query options and writes Connect's dates.

Written from the OData v3 URL conventions (``$filter`` with ``and`` and the six
comparison operators, ``datetime'...'``, quoted strings with ``''`` for a quote;
``$select`` paths with ``/``) and the seed's examples (§ "OData": ``%20`` for a space,
``%27`` for a quote, ``Showtime gt datetime'2015-08-08'`` with no time of day; the
``/Date(1438827090884+0800)/`` dates of §3.5 and §3.11), independently of the client
(:mod:`kiosk.connect.odata`, :mod:`kiosk.connect.dates`): a simulator that parsed with
the client's own code would let a mistake made once pass both sides. A test keeps it
so (tests/sim/test_sim_independence.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

# Connect writes and reads a cinema's local time; this simulator's cinemas are in China.
CINEMA_ZONE = dt.timezone(dt.timedelta(hours=8))
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# One comparison, then either "and" and more, or the end (OData v3 §5.1.2, the subset
# a box-office client needs; operators are lower case in the grammar).
_CLAUSE = re.compile(
    r"\s*(?P<field>[A-Za-z_][A-Za-z0-9_/]*)\s+(?P<op>eq|ne|gt|ge|lt|le)\s+"
    r"(?P<value>datetime'[^']*'|'(?:[^']|'')*'|-?[0-9]+|true|false)\s*"
    r"(?P<tail>\band\b|$)"
)


# The seed filters on a bare date (``datetime'2015-08-08'``: its midnight); OData v3
# writes a time of day, seconds and fractions optional.
_DATETIME = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d{1,7})?)?)?"
)


class BadQuery(ValueError):
    """A query option this service cannot read: Connect answers 400."""


@dataclass(frozen=True)
class Comparison:
    field: str
    op: str
    value: Any


def read_options(raw_query: str) -> dict[str, str]:
    """The query string as it came (``request.rel_url.raw_query_string``), option by option.

    Each value is percent-decoded and nothing more: a ``+`` stays a ``+``, as on the
    servers that keep it literally (a client must write a space as ``%20``, as the seed
    does), so a filter written with ``+`` for its spaces cannot be read."""
    options: dict[str, str] = {}
    for part in raw_query.split("&"):
        if part:
            name, _, value = part.partition("=")
            options[unquote(name)] = unquote(value)
    return options


def read_filter(text: str) -> list[Comparison]:
    found: list[Comparison] = []
    pos = 0
    while True:
        match = _CLAUSE.match(text, pos)
        if match is None:
            raise BadQuery(f"cannot read $filter at {pos}: {text[pos : pos + 30]!r}")
        found.append(Comparison(match["field"], match["op"], _value(match["value"])))
        pos = match.end()
        if not match["tail"]:
            if text[pos:].strip():
                raise BadQuery(f"cannot read $filter at {pos}: {text[pos : pos + 30]!r}")
            return found


def _value(raw: str) -> Any:
    if raw.startswith("datetime'"):
        body = raw[len("datetime'") : -1]
        # OData v3 datetime: no offset (Connect means the cinema's wall clock)
        match = _DATETIME.fullmatch(body)
        if match is None:
            raise BadQuery(f"not an OData datetime: {body!r}")
        y, mo, d, h, mi, sec = (int(match[n] or 0) for n in ("y", "mo", "d", "h", "mi", "s"))
        try:
            return dt.datetime(y, mo, d, h, mi, sec, tzinfo=CINEMA_ZONE)
        except ValueError:
            raise BadQuery(f"no such date or time: {body!r}") from None
    if raw.startswith("'"):
        return raw[1:-1].replace("''", "'")
    if raw in ("true", "false"):
        return raw == "true"
    return int(raw)


def read_select(text: str) -> dict[str, Any]:
    """``A,B/C`` as a tree of the fields kept: ``{"A": {}, "B": {"C": {}}}``."""
    tree: dict[str, Any] = {}
    for path in filter(None, (p.strip() for p in text.split(","))):
        branch = tree
        for name in path.split("/"):
            branch = branch.setdefault(name, {})
    return tree


def wcf_date(moment: dt.datetime) -> str:
    """``/Date(<ms since 1970 UTC><+0800>)/``, as Connect writes order and booking times."""
    millis = (moment - _EPOCH) // dt.timedelta(milliseconds=1)
    return f"/Date({millis}+0800)/"


def local_iso(moment: dt.datetime) -> str:
    """A showtime as Connect writes it: the cinema's wall clock with its offset."""
    return moment.astimezone(CINEMA_ZONE).strftime("%Y-%m-%dT%H:%M:%S+08:00")
