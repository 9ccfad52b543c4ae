"""Reading a JSON request body the way a hardened gateway does: refuse, never crash.

Every HTTP simulator reads its bodies through :func:`parse_json_body`. A body
that is not JSON, not UTF-8, nested deeper than any real request needs, or that
holds a number too long to convert, raises :class:`UnreadableBody` with a
sentence the simulator answers as HTTP 400. Without this, ``json.loads`` on
``[[[[...]]]]`` raises ``RecursionError`` (and a 5,000-digit number a plain
``ValueError``), which aiohttp answers as a bare 500 with a traceback in the log.
"""

from __future__ import annotations

import json
import re
from typing import Any

# No request any simulated service takes nests deeper than a few levels (Connect's
# AddTickets is the deepest: body, list, seat). Real gateways cap nesting too
# (Jackson's default is 1000, WCF's DataContract reader 32); 32 leaves room to spare
# and stays far below Python's recursion limit.
MAX_DEPTH = 32

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


class UnreadableBody(ValueError):
    """The body cannot be read as a JSON value; the message says why."""


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest in ``raw``, brackets inside strings not counted."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub(b'""', raw)):
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def parse_json_body(raw: bytes) -> Any:
    """The JSON value in ``raw``, or :class:`UnreadableBody` saying why there is none."""
    if nesting_depth(raw) > MAX_DEPTH:
        raise UnreadableBody(f"the request body nests deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise UnreadableBody("the request body is not UTF-8") from None
    except json.JSONDecodeError:
        raise UnreadableBody("the request body is not JSON") from None
    except (ValueError, RecursionError):
        # int() refusing a number of thousands of digits; RecursionError cannot
        # happen below MAX_DEPTH but is kept out of the server either way.
        raise UnreadableBody("the request body holds a value too large to read") from None
