"""Flow errors as the patron reads them: what happened and what to do next, never a code.

Failures the error screen already words (its :class:`ErrorKind` texts follow the
language switch) use those; any other refusal shows the words of its code
(:mod:`kiosk.ui.error_words`), which the error screen follows with where to get help.
"""

from __future__ import annotations

from kiosk.flows import collect_errors, purchase
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import ErrorKind, PrintStoppedView

_PURCHASE_KINDS: dict[type[purchase.PurchaseError], ErrorKind] = {
    purchase.ServiceUnavailable: ErrorKind.NETWORK,
    purchase.SalesClosed: ErrorKind.SESSION_UNAVAILABLE,
    purchase.PaymentTimedOut: ErrorKind.SEATS_EXPIRED,
    purchase.PaymentDeclined: ErrorKind.PAYMENT_FAILED,
    purchase.PaymentClosed: ErrorKind.PAYMENT_FAILED,
    purchase.PrinterUnavailable: ErrorKind.PRINTER_BEFORE_PAYMENT,
}


def show_purchase_error(window: MainWindow, error: purchase.PurchaseError) -> None:
    if isinstance(error, purchase.TicketsNotIssued) and error.refunded:
        window.show_error_kind(ErrorKind.PAYMENT_REFUNDED, reference=error.reference)
        return
    for kind_of, kind in _PURCHASE_KINDS.items():
        if isinstance(error, kind_of):
            window.show_error_kind(kind, reference=error.reference)
            return
    window.error.show_refusal(error, reference=error.reference)
    window.show_screen(window.error)


def show_collect_error(window: MainWindow, error: collect_errors.CollectError, code: str) -> None:
    """Refusals after the code was accepted (printing); the code is the staff reference."""
    if isinstance(error, collect_errors.CollectPrinterNotReady):
        window.show_error_kind(ErrorKind.PRINTER_FAULT, reference=code)
    elif isinstance(error, collect_errors.PartialPrint):
        window.show_print_stopped(
            PrintStoppedView(error.printed, error.total, code, error.in_doubt)
        )
    else:
        window.error.show_refusal(error, reference=code)
        window.show_screen(window.error)
