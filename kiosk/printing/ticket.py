"""How a printed ticket's values read on paper: money and the show time.

The face and the fee slip themselves are the kiosk's own values
(:mod:`kiosk.domain.ticket_face`), re-exported here for the printer's modules.
"""

from __future__ import annotations

import datetime as dt

from kiosk.chinatime import CHINA_TIME
from kiosk.domain.ticket_face import (
    MAX_INFO_CODE_LENGTH,
    TICKET_CODE_LENGTH,
    FeeSlip,
    Language,
    SaleChannel,
    TicketDetails,
    TicketFace,
    TicketFaceError,
    TicketRecordLike,
)

__all__ = [
    "MAX_INFO_CODE_LENGTH",
    "SHANGHAI",
    "TICKET_CODE_LENGTH",
    "YUAN",
    "FeeSlip",
    "Language",
    "SaleChannel",
    "TicketDetails",
    "TicketFace",
    "TicketFaceError",
    "TicketRecordLike",
    "format_fen",
    "format_show_time",
]

SHANGHAI = CHINA_TIME
# U+FFE5 FULLWIDTH YEN SIGN is GB2312 0xA3A4, in every Chinese printer font; the
# half-width U+00A5 needs a four-byte GB18030 sequence most printers cannot print.
YUAN = "￥"


def format_fen(fen: int) -> str:
    """``4500`` -> ``￥45.00``: money is integer fen, never a float, up to the paper."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{YUAN}{yuan}.{cents:02d}"


_WEEKDAYS = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def format_show_time(when: dt.datetime, language: Language) -> tuple[str, str, str]:
    """Date, weekday and time of day as the patron reads them: Asia/Shanghai."""
    local = when.astimezone(SHANGHAI)
    return local.strftime("%Y-%m-%d"), _WEEKDAYS[language][local.weekday()], local.strftime("%H:%M")
