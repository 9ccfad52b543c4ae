"""The spec's value rules: how a VISTA booking becomes a print_no and a verify code."""

from __future__ import annotations

import hashlib

from kiosk.domain.print_no import PRINT_NO_DIGITS, PrintNoError
from kiosk.domain.print_no import print_no_for as domain_print_no_for
from kiosk.sarft.errors import SarftValueError

__all__ = ["PRINT_NO_DIGITS", "print_no_for", "verify_code_md5"]


def print_no_for(booking_number: int | str) -> str:
    """``VistaBookingNumber`` as 16 zero-padded digits (the domain's rule,
    :func:`kiosk.domain.print_no.print_no_for`), refused as this adapter's
    :class:`SarftValueError`."""
    try:
        return domain_print_no_for(booking_number)
    except PrintNoError as exc:
        raise SarftValueError(str(exc)) from None


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
