"""The pickup code as the patron enters it: normalised, checked locally, and rate-limited.

Everything here runs before the network is touched, so a malformed code never
reaches Connect or SARFT, and the keypad lock makes trying codes by the
thousand take days instead of minutes.
"""

from __future__ import annotations

import logging
import math
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

log = logging.getLogger(__name__)

# VISTA booking ids (取票码) are short runs of capital letters and digits (WQNX8JL).
CODE_MIN, CODE_MAX = 5, 16
_CODE = re.compile(rf"^[A-Z0-9]{{{CODE_MIN},{CODE_MAX}}}$")
# A booking number becomes a 16-digit SARFT print_no, so it can have at most 16 digits.
NUMBER_MAX_DIGITS = 16
# What patrons and scanners put between groups: spaces (any width), dashes, dots,
# slashes, underscores, middle dots. Any other symbol makes the code malformed.
_SEPARATORS = frozenset("-_./·・‐‑‒–—―")


class CollectError(Exception):
    """Every refusal the patron sees; ``message_zh``/``message_en`` say what to do."""

    text_zh: ClassVar[str] = "无法取票，请到服务台办理"
    text_en: ClassVar[str] = "The tickets cannot be collected here; please ask at the counter"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.text_en)
        self.message_zh: str = self.text_zh
        self.message_en: str = self.text_en


class MalformedCode(CollectError):
    """Not a possible code: refused on the kiosk, nothing was sent."""

    text_zh = f"取票码应为 {CODE_MIN}-{CODE_MAX} 位字母或数字，请核对后重新输入"
    text_en = f"A pickup code is {CODE_MIN} to {CODE_MAX} letters or digits; please check it"


class MalformedNumber(MalformedCode):
    text_zh = f"订单号应为 1-{NUMBER_MAX_DIGITS} 位数字，请核对后重新输入"
    text_en = f"A booking number is 1 to {NUMBER_MAX_DIGITS} digits; please check it"


class KeypadLocked(CollectError):
    """Too many wrong codes in a row; ``seconds_left`` until the keypad opens again."""

    def __init__(self, seconds_left: float) -> None:
        super().__init__(f"keypad locked for {seconds_left:.0f} s")
        self.seconds_left = seconds_left
        whole = max(1, math.ceil(seconds_left))
        self.message_zh = f"输入错误次数过多，请 {whole} 秒后再试，或联系工作人员"
        self.message_en = f"Too many wrong codes; try again in {whole} s or ask staff"


def _compact(text: str) -> str:
    """Full-width to half-width (NFKC), then drop spaces and separators, upper-cased."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and c not in _SEPARATORS).upper()


def normalise_code(text: str) -> str:
    """The 取票码 as typed or scanned -> its canonical form, or MalformedCode."""
    code = _compact(text)
    if not code.isascii() or not _CODE.match(code):
        raise MalformedCode(f"pickup code of {len(code)} character(s) rejected")
    return code


def normalise_number(text: str | int) -> int:
    """The booking number as typed -> an int that fits a SARFT print_no, or MalformedNumber."""
    digits = str(text) if isinstance(text, int) else _compact(text)
    if not (digits.isascii() and digits.isdigit()) or len(digits) > NUMBER_MAX_DIGITS:
        raise MalformedNumber("booking number rejected")
    number = int(digits)
    if number <= 0:
        raise MalformedNumber("booking number must be positive")
    return number


@dataclass
class KeypadGuard:
    """Counts wrong codes in a row; at ``max_failures`` the keypad locks for ``lock_s``.

    A proven code resets the count. Malformed input does not count: it never left
    the kiosk, so it cannot probe for real codes. ``clock`` is monotonic seconds."""

    max_failures: int = 5
    lock_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _failures: int = 0
    _locked_until: float | None = None

    def check(self) -> None:
        """Raise KeypadLocked while the lock holds."""
        if self._locked_until is None:
            return
        left = self._locked_until - self.clock()
        if left > 0:
            raise KeypadLocked(left)
        self._locked_until = None
        self._failures = 0
        log.info("pickup keypad unlocked")

    def failed(self) -> None:
        self._failures += 1
        if self._failures >= self.max_failures:
            self._locked_until = self.clock() + self.lock_s
            # the codes themselves stay out of the log: they would be a list to try
            log.warning(
                "pickup keypad locked for %.0f s after %d wrong codes in a row",
                self.lock_s,
                self._failures,
            )

    def succeeded(self) -> None:
        self._failures = 0

    @property
    def failures(self) -> int:
        return self._failures
