"""Money arrives as fen (cents) but not always as an integer; inside it is always ``int``.

The seed's own sample has ``"ResalePriceInCents": 19.9``: a float from the
cinema's configuration. It is rounded half-up to whole fen rather than refused,
because refusing it would lose the whole ticket list over an informational field.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any


def to_fen(value: Any) -> int:
    """Whole fen from an int, a float or a numeric string; ``ValueError`` for anything else."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("amount is not finite")
        return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if isinstance(value, str):
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not an amount: {value[:20]!r}") from None
        if not amount.is_finite():
            raise ValueError("amount is not finite")
        return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    raise ValueError(f"not an amount: {type(value).__name__}")
