"""The spec's value rules: how a VISTA booking becomes a print_no and a verify code."""

from __future__ import annotations

import hashlib

from kiosk.sarft.errors import SarftValueError

PRINT_NO_DIGITS = 16


def print_no_for(booking_number: int | str) -> str:
    """``VistaBookingNumber`` as 16 zero-padded digits (111972 -> "0000000000111972").

    Accepts the number as Connect returns it (an int, or a string of digits in
    CompleteOrder); refuses negatives and numbers of more than 16 digits."""
    if isinstance(booking_number, bool):
        raise SarftValueError("booking number must be a number, not a bool")
    if isinstance(booking_number, str):
        text = booking_number.strip()
        if not (text.isascii() and text.isdigit()):
            raise SarftValueError("booking number must be decimal digits")
        booking_number = int(text)
    if booking_number < 0:
        raise SarftValueError(f"booking number {booking_number} is negative")
    digits = str(booking_number)
    if len(digits) > PRINT_NO_DIGITS:
        raise SarftValueError(f"booking number {digits} has more than {PRINT_NO_DIGITS} digits")
    return digits.zfill(PRINT_NO_DIGITS)


def verify_code_md5(booking_id: str) -> str:
    """Lowercase hex MD5 of the 取票码 (``VistaBookingId``), stripped and upper-cased
    first, as ASCII: what 0x05 sends to prove the patron holds the code."""
    code = booking_id.strip().upper()
    if not code:
        raise SarftValueError("booking id is empty")
    try:
        data = code.encode("ascii")
    except UnicodeEncodeError:
        raise SarftValueError("booking id must be ASCII") from None
    return hashlib.md5(data, usedforsecurity=False).hexdigest()
