"""The purchase flow: seats, money and a booking, as a journaled asyncio state machine.

It follows seed §2.2 exactly (validate, AddTickets, on Result 8 check the sale
cutoff and reload the seat plan; StartExternalPayment, CompleteOrder, and on any
non-zero or lost reply GetOrder, a second CompleteOrder, QueryOrderBookingStatus
polling, CancelOrder, RefundBooking) with the QR payment around it: the order is
paid before CompleteOrder, and the payment is refunded whenever no tickets could
be issued. Abandoning, timing out or losing the seat hold cancels the order and
closes the payment.

Each provider of ``payment_providers`` shows its own QR (its own order, journaled
before it is created), asked after about every ``payment_poll_s``: the first paid
wins, every other is closed at once, and one paid as well is refunded.

While the QR is shown the patron may instead hold the phone's payment code (付款码)
to the scanner (:meth:`PurchaseFlow.pay_with_code`): the code goes to its wallet
under an order number of its own, journaled (never the code) before it is charged.
One waiting for the patron's password is asked after every ``code_poll_s`` and
reversed at ``code_wait_s`` (never sooner than ``code_reverse_after_s`` after it was
charged, WeChat's advice); one paid wins and the QR is closed, refunded if it was
paid too; one refused or reversed leaves the QR payable.

Every call with an effect outside the kiosk is written to the journal as an
intent (committed) before it is made and as a result after it
(:mod:`kiosk.flows.purchase_ledger`, which also holds the money steps the flow
shares with recovery), so :mod:`kiosk.flows.recovery` can finish any
transaction a crash interrupted. The patron-facing errors are in
:mod:`kiosk.flows.purchase_errors`.
The UI, ``kiosk buy`` and the tests drive the same :class:`PurchaseFlow`.

Read in this order: :mod:`.model` (what a purchase is made of and what the flow
hands the UI), :mod:`.selection` (the patron's choice checked before AddTickets),
:mod:`.machine` (the steps, start to completion or cancel), :mod:`.payment_wait`
(the QRs and payment codes until one is paid), :mod:`.settle` (after payment:
CompleteOrder and the seed's path to a booking, or cancel and refund; recovery runs
the same routine).
"""

from kiosk.flows.purchase.machine import PurchaseFlow
from kiosk.flows.purchase.model import (
    Hold,
    Offer,
    PaymentQr,
    PaymentRequest,
    Purchase,
    PurchaseConfig,
    PurchaseDeps,
    SeatKey,
    Snapshot,
)
from kiosk.flows.purchase_errors import (
    InvalidSelection,
    NeedsStaff,
    PaymentClosed,
    PaymentCodeBusy,
    PaymentCodeDeclined,
    PaymentCodeInvalid,
    PaymentCodeNotAccepted,
    PaymentDeclined,
    PaymentTimedOut,
    PriceChanged,
    PrinterUnavailable,
    PurchaseCancelled,
    PurchaseError,
    SalesClosed,
    SeatsTaken,
    ServiceUnavailable,
    TicketsNotIssued,
    TooLateToCancel,
)
from kiosk.flows.purchase_ledger import PurchaseState

__all__ = [
    "Hold",
    "InvalidSelection",
    "NeedsStaff",
    "Offer",
    "PaymentClosed",
    "PaymentCodeBusy",
    "PaymentCodeDeclined",
    "PaymentCodeInvalid",
    "PaymentCodeNotAccepted",
    "PaymentDeclined",
    "PaymentQr",
    "PaymentRequest",
    "PaymentTimedOut",
    "PriceChanged",
    "PrinterUnavailable",
    "Purchase",
    "PurchaseCancelled",
    "PurchaseConfig",
    "PurchaseDeps",
    "PurchaseError",
    "PurchaseFlow",
    "PurchaseState",
    "SalesClosed",
    "SeatKey",
    "SeatsTaken",
    "ServiceUnavailable",
    "Snapshot",
    "TicketsNotIssued",
    "TooLateToCancel",
]
