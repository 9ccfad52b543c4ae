"""The tickets a booking prints: one record per seat, from the cinema's ticket service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.values import Fen


@dataclass(frozen=True)
class TicketRecord:
    """One ticket of a booking as the cinema's ticket service records it (SARFT's
    0x04 reply), what the kiosk prints from.

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
    price_fen: Fen  # 票价, without the service fee
    service_fee_fen: Fen  # 服务费
    printed: bool
