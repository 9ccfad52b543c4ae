"""The typed values the SARFT service talks about, free of any wire encoding."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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


@dataclass(frozen=True)
class TicketRecord:
    """One seat of a booking as the 0x04 reply describes it.

    Money is integer fen (the wire carries float yuan); ``session_datetime`` is
    timezone-aware; ``printed`` is the record's ``print_flag``."""

    print_no: str
    ticket_info_code: str  # 电影票信息码: the QR content, opaque, printed verbatim
    cinema_code: str
    cinema_name: str
    screen_code: str
    screen_name: str
    film_code: str
    film_name: str
    session_code: str
    session_datetime: dt.datetime
    code: str  # 电影票编码, printed on the ticket
    seat_code: str
    seat_name: str  # e.g. 7排10座
    price_fen: int  # 票价, without the service fee
    service_fee_fen: int  # 服务费
    printed: bool
