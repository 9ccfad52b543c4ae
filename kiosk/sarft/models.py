"""The typed values the SARFT service talks about, free of any wire encoding.

The 0x04 reply's records decode straight into the kiosk's own
:class:`kiosk.domain.TicketRecord`: they were plain values already, so there is
no SARFT-shaped copy to map from."""

from __future__ import annotations

from enum import IntEnum


class ReturnCode(IntEnum):
    """Return codes of docs/sarft-protocol.md; 0, 1 and 2 are documented, the rest ours."""

    OK = 0
    ALREADY_PRINTED = 1
    UNKNOWN_ERROR = 2
    NOT_FOUND = 3
    VERIFY_CODE_MISMATCH = 4
    REFUNDED = 5
    NOT_AUTHENTICATED = 6
    BAD_CREDENTIALS = 7
    SHOW_ENDED = 8
    NOT_APPLIED = 9
