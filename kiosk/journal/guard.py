"""The journal's refusal to store secrets or card data.

The journal outlives every log rotation and is read by staff, so a secret that
lands here leaks for good. Rather than trusting every caller, each dict written
is checked: keys that name a secret are refused, and so are values that contain
a secret the kiosk knows (its Connect token, SARFT password, PIN hash).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from kiosk.privacy import PERSONAL, personal_key

# Substrings that mark a secret key whatever surrounds them ("connectapitoken",
# "CardNumber", "verify_code_md5").
_SECRET_STEMS = ("token", "passw", "passwd", "verify", "secret", "card", "cvv", "cvc")
# Short stems only count as a whole word: "pin" must not reject "shipping".
_SECRET_WORDS = frozenset({"pin", "pwd", "pan"})
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def secret_key(key: str) -> bool:
    """Whether a dict key names a secret or card data."""
    lowered = key.lower()
    if any(stem in lowered for stem in _SECRET_STEMS):
        return True
    return any(word.lower() in _SECRET_WORDS for word in _WORD.findall(key))


def check_no_secrets(
    data: Mapping[str, Any], known: Iterable[str] = (), where: str = "details"
) -> None:
    """Raise ``ValueError`` if ``data`` holds a secret, naming the key but never the value;
    or a patron's personal data anywhere but a summary's ``personal`` object, the one
    place the retention purge drops it from (:mod:`kiosk.journal.retention`)."""
    known_values = [k for k in known if k]
    _check(data, known_values, where)
    personal = {k: v for k, v in data.items() if not (where == "summary" and k == PERSONAL)}
    _check_personal(personal, where)


def _check_personal(value: Any, path: str) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and (personal_key(key) or key == PERSONAL):
                raise ValueError(
                    f"{path}: key {key!r} is personal data; the journal keeps it only in a "
                    f"summary's {PERSONAL!r} object, which is dropped after personal_data_days"
                )
            _check_personal(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_personal(item, f"{path}[{index}]")


def _check(value: Any, known: list[str], path: str) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{path}: keys must be strings")
            if secret_key(key):
                raise ValueError(
                    f"{path}: key {key!r} names a secret; the journal never stores one"
                )
            _check(item, known, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, known, f"{path}[{index}]")
    elif isinstance(value, str) and any(secret in value for secret in known):
        raise ValueError(
            f"{path}: value contains a configured secret; the journal never stores one"
        )
