"""OData V3 query options as Connect's OData.svc reads them, written by the client.

The client builds queries with :class:`ODataQuery`: a string literal is single-quoted
with inner quotes doubled (``'O''Brien'``), a date is ``datetime'2015-08-08T00:00:00'``
and the whole option is percent-encoded (spaces as ``%20``, never ``+``, which some
servers keep literally). Only the client writes here: the Connect simulator reads
them with its own code (:mod:`kiosk.sim.odata_reader`), so a mistake in this module
is refused there instead of being read back the same wrong way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from kiosk.connect.dates import CHINA

Operator = Literal["eq", "ne", "gt", "ge", "lt", "le"]
Literal_ = str | int | dt.datetime

# Characters OData needs unescaped to stay readable in logs and traces; everything
# else (spaces, quotes, non-ASCII) is percent-encoded.
_SAFE = "$,/()"


def quote_literal(value: str) -> str:
    """``O'Brien`` -> ``'O''Brien'``."""
    return "'" + value.replace("'", "''") + "'"


def datetime_literal(moment: dt.datetime) -> str:
    """A ``datetime'...'`` literal in the cinema's local time, which Connect compares
    ``Showtime`` against (its OData model has no offsets)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no defined instant")
    local = moment.astimezone(CHINA).replace(tzinfo=None, microsecond=0)
    return f"datetime'{local.isoformat()}'"


def literal(value: Literal_) -> str:
    if isinstance(value, bool):
        raise TypeError("OData booleans are not used by the kiosk")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return datetime_literal(value)
    return quote_literal(value)


@dataclass(frozen=True)
class Condition:
    field: str
    op: Operator
    value: Literal_

    def render(self) -> str:
        return f"{self.field} {self.op} {literal(self.value)}"


@dataclass(frozen=True)
class ODataQuery:
    """``$filter`` (conditions joined by ``and``), ``$select``, ``$expand`` and ``$format``,
    plus plain service-operation parameters such as ``cinemaId='0200'``."""

    conditions: tuple[Condition, ...] = ()
    select: tuple[str, ...] = ()
    expand: tuple[str, ...] = ()
    params: tuple[tuple[str, Literal_], ...] = ()
    format: str = "json"

    def where(self, name: str, op: Operator, value: Literal_) -> ODataQuery:
        return ODataQuery(
            (*self.conditions, Condition(name, op, value)),
            self.select,
            self.expand,
            self.params,
            self.format,
        )

    def with_param(self, name: str, value: Literal_) -> ODataQuery:
        return ODataQuery(
            self.conditions, self.select, self.expand, (*self.params, (name, value)), self.format
        )

    def options(self) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = [("$format", self.format)]
        pairs += [(name, literal(value)) for name, value in self.params]
        if self.conditions:
            pairs.append(("$filter", " and ".join(c.render() for c in self.conditions)))
        if self.expand:
            pairs.append(("$expand", ",".join(self.expand)))
        if self.select:
            pairs.append(("$select", ",".join(self.select)))
        return pairs

    def encode(self) -> str:
        """The query string, without the leading ``?``."""
        return "&".join(
            f"{quote(name, safe='$')}={quote(value, safe=_SAFE)}" for name, value in self.options()
        )
