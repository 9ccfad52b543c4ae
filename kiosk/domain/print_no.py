"""The print_no a SARFT query names a booking by: its VISTA booking number as 16 digits.

A pure rule the collect and reprint flows apply before anything goes on the wire; the
SARFT adapter applies the same one (:func:`kiosk.sarft.values.print_no_for`).
"""

from __future__ import annotations

from kiosk.errors import ErrorCode, KioskError

PRINT_NO_DIGITS = 16


class PrintNoError(KioskError, ValueError):
    """The booking number cannot be a print_no (negative, too long, not digits): refused
    before anything is sent, worded like SARFT's own refusal of a value."""

    error_code = ErrorCode.SARFT_VALUE


def print_no_for(booking_number: int | str) -> str:
    """``VistaBookingNumber`` as 16 zero-padded digits (111972 -> "0000000000111972").

    Accepts the number as Connect returns it (an int, or a string of digits in
    CompleteOrder); refuses negatives and numbers of more than 16 digits."""
    if isinstance(booking_number, bool):
        raise PrintNoError("booking number must be a number, not a bool")
    if isinstance(booking_number, str):
        text = booking_number.strip()
        if not (text.isascii() and text.isdigit()):
            raise PrintNoError("booking number must be decimal digits")
        booking_number = int(text)
    if booking_number < 0:
        raise PrintNoError(f"booking number {booking_number} is negative")
    digits = str(booking_number)
    if len(digits) > PRINT_NO_DIGITS:
        raise PrintNoError(f"booking number {digits} has more than {PRINT_NO_DIGITS} digits")
    return digits.zfill(PRINT_NO_DIGITS)
