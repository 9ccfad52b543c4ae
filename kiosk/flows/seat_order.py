"""Seats in the order a patron reads them: row 2 before row 10, seat 7 before seat 8.

Seat names are text ("7排10座", row "12", seat "A3"), so a plain sort would put
"10" before "2". Numbers inside a name compare as numbers, the rest as text.
"""

from __future__ import annotations

import re

_CHUNKS = re.compile(r"(\d+)")

NaturalKey = tuple[tuple[int, int, str], ...]


def natural_key(text: str) -> NaturalKey:
    """``text`` as a key that orders its numbers by value: "7排9座" < "7排10座"."""
    return tuple(
        (0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk)
        for chunk in _CHUNKS.split(text.strip())
        if chunk
    )


def seat_key(row: str, seat: str) -> tuple[NaturalKey, NaturalKey]:
    """A seat named by row and seat number, ordered row first."""
    return natural_key(row), natural_key(seat)
