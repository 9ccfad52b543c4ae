"""Flow errors as the patron reads them: what happened and what to do next, never a code.

Failures the error screen already words (its :class:`ErrorKind` texts follow the
language switch) use those; any other refusal shows the flow's own sentence in
the patron's language, followed by where to get help.
"""

from __future__ import annotations

from kiosk.flows import collect, pickup_code, purchase
from kiosk.qt import QLocale
from kiosk.ui.main_window import MainWindow
from kiosk.ui.viewmodels import ErrorKind

_HELP_ZH = "如需帮助，请到柜台联系工作人员。"
_HELP_EN = "If you need help, please ask at the counter."

_PURCHASE_KINDS: dict[type[purchase.PurchaseError], ErrorKind] = {
    purchase.ServiceUnavailable: ErrorKind.NETWORK,
    purchase.SalesClosed: ErrorKind.SESSION_UNAVAILABLE,
    purchase.PaymentTimedOut: ErrorKind.SEATS_EXPIRED,
    purchase.PaymentDeclined: ErrorKind.PAYMENT_FAILED,
    purchase.PaymentClosed: ErrorKind.PAYMENT_FAILED,
}


def in_chinese() -> bool:
    """Whether the patron reads Chinese now (Translations sets the default locale)."""
    return QLocale().language() == QLocale.Language.Chinese


def words(zh: str, en: str) -> str:
    return zh if in_chinese() else en


def show_purchase_error(window: MainWindow, error: purchase.PurchaseError) -> None:
    if isinstance(error, purchase.TicketsNotIssued) and error.refunded:
        window.show_error_kind(ErrorKind.PAYMENT_REFUNDED, reference=error.reference)
        return
    for kind_of, kind in _PURCHASE_KINDS.items():
        if isinstance(error, kind_of):
            window.show_error_kind(kind, reference=error.reference)
            return
    _show_sentence(window, error.message_zh, error.message_en, error.reference)


def show_collect_error(window: MainWindow, error: pickup_code.CollectError, code: str) -> None:
    """Refusals after the code was accepted (printing); the code is the staff reference."""
    if isinstance(error, collect.PrinterNotReady):
        window.show_error_kind(ErrorKind.PRINTER_FAULT, reference=code)
    elif isinstance(error, collect.PartialPrint):
        window.show_error_kind(ErrorKind.PRINT_INCOMPLETE, reference=code)
    else:
        _show_sentence(window, error.message_zh, error.message_en, code)


def _show_sentence(window: MainWindow, zh: str, en: str, reference: str) -> None:
    window.error.show_error(words(zh, en), words(_HELP_ZH, _HELP_EN), reference=reference)
    window.show_screen(window.error)
