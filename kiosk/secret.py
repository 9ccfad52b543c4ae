"""A secret value (the Connect token, the SARFT password, the admin PIN hash) that
never shows itself: not in a repr, a log line, an f-string or an error message.

Only ``get_secret_value()`` gives it up, so every place that needs the real
value says so in the code, where a reviewer can see it. It is deliberately not a
dataclass: ``dataclasses.asdict`` would open it up into a plain dict.
"""

from __future__ import annotations

MASK = "**********"


class Secret:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __str__(self) -> str:
        return MASK if self._value else ""

    def __repr__(self) -> str:
        return f"Secret('{self}')"

    def __deepcopy__(self, memo: dict[int, object]) -> Secret:
        return self  # immutable: a copy would be the same secret
