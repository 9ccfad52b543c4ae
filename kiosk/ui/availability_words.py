"""Why a path is closed, in words a patron understands and can act on.

Each reason of :class:`kiosk.availability.Reason` says what is wrong in the
patron's terms and what to do instead; never a service's name or a code. The home
screen's tiles and the out-of-service screen show these.
"""

from __future__ import annotations

from kiosk.availability import Reason
from kiosk.qt import QCoreApplication

translate = QCoreApplication.translate


def reason_text(reason: Reason) -> str:
    return {
        Reason.PRINTER_PAPER_OUT: translate(
            "Availability", "Out of ticket paper: please ask a member of staff"
        ),
        Reason.PRINTER_COVER_OPEN: translate(
            "Availability", "The ticket printer is open: please ask a member of staff"
        ),
        Reason.PRINTER_OFFLINE: translate(
            "Availability", "The ticket printer is not working: please ask a member of staff"
        ),
        Reason.CONNECT_UNREACHABLE: translate(
            "Availability",
            "The cinema system cannot be reached: please try again soon or go to the service desk",
        ),
        Reason.SARFT_UNREACHABLE: translate(
            "Availability",
            "Ticket collection is not available right now: please try again soon or go to the"
            " service desk",
        ),
        Reason.PAYMENT_UNREACHABLE: translate(
            "Availability",
            "Payment is not available right now: please try again soon or buy at the service desk",
        ),
        Reason.JOURNAL_UNWRITABLE: translate(
            "Availability", "This kiosk cannot record sales right now: please ask a member of staff"
        ),
        Reason.JOURNAL_MISSING: translate(
            "Availability", "This kiosk's sales record needs checking: please ask a member of staff"
        ),
        Reason.STAFF_CLOSED: translate(
            "Availability", "This kiosk is closed for now: please go to the service desk"
        ),
    }[reason]
