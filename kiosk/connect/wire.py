"""Reading Connect's JSON the way real servers write it, not the way the RFC says.

Two repairs, both seen in the seed's samples:

* the mangled legacy date ``"\\Date(1438827090884+0800)\\V"`` is not valid JSON
  (``\\D`` and ``\\V`` are no escapes); it is rewritten to the proper
  ``"\\/Date(...)\\/"`` before decoding;
* objects with repeated keys (``{"Description":"原版","Description":"3D"}``, and
  whole session objects run together) would silently keep only the last value.
  A repeated key is read as the start of the next object of a run, so the
  attribute object becomes ``[{"Description":"原版"},{"Description":"3D"}]`` and
  two sessions pasted into one object become two sessions. Inside a list a run is
  spliced into the list; as a value it becomes a list.
"""

from __future__ import annotations

import json
import re
from typing import Any

_MANGLED_DATE = re.compile(r"\\Date\((-?\d+(?:[+-]\d{4})?)\)\\V")


class _Run(list[dict[str, Any]]):
    """Objects that arrived as one object with repeated keys."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Run:
    objects: list[dict[str, Any]] = [{}]
    for key, value in pairs:
        if key in objects[-1]:
            objects.append({})
        objects[-1][key] = value
    if len(objects) == 1:
        return objects[0]
    return _Run(objects)


def _unrun(value: Any) -> Any:
    if isinstance(value, _Run):
        return [_unrun(item) for item in value]
    if isinstance(value, dict):
        return {key: _unrun(item) for key, item in value.items()}
    if isinstance(value, list):
        spliced: list[Any] = []
        for item in value:
            if isinstance(item, _Run):
                spliced.extend(_unrun(part) for part in item)
            else:
                spliced.append(_unrun(item))
        return spliced
    return value


def loads(text: str) -> Any:
    """Decode a Connect body; raises ``ValueError`` (``json.JSONDecodeError``) if it is not JSON."""
    repaired = _MANGLED_DATE.sub(r"\\/Date(\1)\\/", text)
    runs = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any] | _Run:
        # the common body has no repeated key: its objects are built at C speed, and
        # only a body with a run is walked again (a seat plan is thousands of objects)
        nonlocal runs
        built = dict(items)
        if len(built) == len(items):
            return built
        runs = True
        return _pairs(items)

    decoded = json.loads(repaired, object_pairs_hook=pairs)
    return _unrun(decoded) if runs else decoded
