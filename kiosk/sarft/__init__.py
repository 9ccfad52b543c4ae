"""Client of the cinema's SARFT kiosk service (GY/T 276-2013 Appendix E).

The public API is re-exported here; ``codec`` alone knows the wire format.
"""

from kiosk.domain import TicketRecord
from kiosk.sarft.client import SarftClient
from kiosk.sarft.codec import WireFormat
from kiosk.sarft.errors import (
    AlreadyPrinted,
    BadCredentials,
    NotApplied,
    NotAuthenticated,
    NotFound,
    Refunded,
    SarftCommunicationError,
    SarftConnectionLost,
    SarftError,
    SarftOutcomeUnknown,
    SarftProtocolError,
    SarftReturnCodeError,
    SarftTimeout,
    SarftValueError,
    ShowEnded,
    UnknownError,
    VerifyCodeMismatch,
)
from kiosk.sarft.models import ReturnCode
from kiosk.sarft.values import print_no_for, verify_code_md5

__all__ = [
    "AlreadyPrinted",
    "BadCredentials",
    "NotApplied",
    "NotAuthenticated",
    "NotFound",
    "Refunded",
    "ReturnCode",
    "SarftClient",
    "SarftCommunicationError",
    "SarftConnectionLost",
    "SarftError",
    "SarftOutcomeUnknown",
    "SarftProtocolError",
    "SarftReturnCodeError",
    "SarftTimeout",
    "SarftValueError",
    "ShowEnded",
    "TicketRecord",
    "UnknownError",
    "VerifyCodeMismatch",
    "WireFormat",
    "print_no_for",
    "verify_code_md5",
]
