"""Refusing a new admin PIN that a stranger at the kiosk would try first.

Five tries before a five-minute lock are plenty for 0000, 1234 or 2580; this
runs where staff choose a PIN (``kiosk admin-pin``), so the reason can be said
to them. Stored hashes cannot be checked: they no longer show the digits.
"""

from __future__ import annotations

import itertools

from kiosk.admin.pin import PinFormatError, check_pin_format

# The most used PINs that no pattern below catches: keypad lines, pairs and
# palindromes that lists of leaked PINs put at the top.
COMMON_PINS = frozenset(
    {
        "1004", "1010", "1122", "1313", "2001", "6969", "0852", "2580", "1470", "3690",
        "0741", "9630", "1357", "2468", "1998", "1999", "2000", "2020", "112233", "123321",
        "147258", "159753", "102030", "696969", "131313", "520520", "520131", "5201314",
    }
)  # fmt: skip


def why_guessable(pin: str) -> str | None:
    """What makes ``pin`` (digits only) easy to guess, or None when nothing obvious does."""
    for block in range(1, len(pin) // 2 + 1):
        if len(pin) % block == 0 and pin == pin[:block] * (len(pin) // block):
            return "one digit repeated" if block == 1 else "a repeated pattern"
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):  # 1234, 7890, 4321, 3210 (the pad's 0 follows 9)
        return "a run of digits"
    if pin in COMMON_PINS:
        return "one of the most common PINs"
    return None


def check_new_pin(pin: str) -> None:
    """Raise PinFormatError, saying why (never the PIN), for a PIN the pad cannot
    type or that is easily guessed."""
    check_pin_format(pin)
    reason = why_guessable(pin)
    if reason is not None:
        raise PinFormatError(f"that PIN is too easy to guess ({reason}); choose another")
