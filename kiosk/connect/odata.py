"""OData V3 query options as Connect's OData.svc reads them, written and read back.

The client builds queries with :class:`ODataQuery`; the simulator parses the
same ``$filter`` grammar with :func:`parse_filter`, so both ends agree on quoting:
a string literal is single-quoted with inner quotes doubled (``'O''Brien'``),
a date is ``datetime'2015-08-08T00:00:00'`` and the whole option is
percent-encoded (spaces as ``%20``, never ``+``, which some servers keep literally).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
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


SelectTree = dict[str, "SelectTree"]


def select_tree(paths: Sequence[str]) -> SelectTree:
    """``["A", "B/C"]`` -> ``{"A": {}, "B": {"C": {}}}`` (an empty dict: the whole value)."""
    tree: SelectTree = {}
    for path in paths:
        node = tree
        for part in path.strip().split("/"):
            node = node.setdefault(part, {})
    return tree


class FilterSyntaxError(ValueError):
    """A ``$filter`` the simulator cannot read (Connect answers 400 to those)."""


_TOKEN = re.compile(
    r"\s*(?:(?P<datetime>datetime'(?P<dt>[^']*)')|(?P<string>'(?:[^']|'')*')"
    r"|(?P<number>-?\d+)|(?P<word>[A-Za-z_][A-Za-z0-9_/]*))"
)
_OPERATORS = ("eq", "ne", "gt", "ge", "lt", "le")


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if not match:
            raise FilterSyntaxError(f"unexpected text at {pos}: {text[pos : pos + 20]!r}")
        pos = match.end()
        if match["datetime"]:
            tokens.append(("datetime", match["dt"]))
        elif match["string"]:
            tokens.append(("string", match["string"][1:-1].replace("''", "'")))
        elif match["number"]:
            tokens.append(("number", match["number"]))
        else:
            tokens.append(("word", match["word"]))
    return tokens


def parse_filter(text: str) -> list[Condition]:
    """Read ``Field op literal [and Field op literal]...``: the subset Connect clients use.

    A ``datetime'...'`` without an offset is the cinema's local time."""
    tokens = _tokenize(text)
    conditions: list[Condition] = []
    index = 0
    while True:
        if index + 3 > len(tokens):
            raise FilterSyntaxError("expected: Field op value")
        (kind_f, name), (kind_o, op), (kind_v, raw) = tokens[index : index + 3]
        if kind_f != "word" or kind_o != "word" or op not in _OPERATORS:
            raise FilterSyntaxError(f"expected: Field op value near {name!r}")
        value: Literal_
        if kind_v == "datetime":
            try:
                moment = dt.datetime.fromisoformat(raw)
            except ValueError:
                raise FilterSyntaxError(f"bad datetime literal {raw!r}") from None
            value = moment if moment.tzinfo else moment.replace(tzinfo=CHINA)
        elif kind_v == "number":
            value = int(raw)
        elif kind_v == "string":
            value = raw
        else:
            raise FilterSyntaxError(f"expected a literal after {name} {op}")
        conditions.append(Condition(name, op, value))  # type: ignore[arg-type]
        index += 3
        if index == len(tokens):
            return conditions
        if tokens[index] != ("word", "and"):
            raise FilterSyntaxError("only 'and' joins conditions")
        index += 1
