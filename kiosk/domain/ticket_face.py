"""What a printed ticket says, as the flows fill it: the regulated face
(docs/ticket-face.md) and the fee slip.

The face is made from one SARFT 0x04 record plus what only the kiosk knows (its
id, the print time, whether staff reprinted it, how the ticket was sold). The
QR content is the ticketing system's 电影票信息码 and is printed verbatim. The
printer (:mod:`kiosk.printing`) lays these values out; they hold no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

Language = Literal["zh", "en"]
TICKET_CODE_LENGTH = 16
MAX_INFO_CODE_LENGTH = 180


class TicketRecordLike(Protocol):
    """The fields of a SARFT 0x04 record a ticket needs (kiosk.sarft.models.TicketRecord)."""

    @property
    def ticket_info_code(self) -> str: ...
    @property
    def cinema_name(self) -> str: ...
    @property
    def screen_name(self) -> str: ...
    @property
    def film_name(self) -> str: ...
    @property
    def session_datetime(self) -> dt.datetime: ...
    @property
    def code(self) -> str: ...
    @property
    def seat_name(self) -> str: ...
    @property
    def price_fen(self) -> int: ...
    @property
    def service_fee_fen(self) -> int: ...


class SaleChannel(StrEnum):
    """Who sold the ticket decides where a service fee may be printed."""

    ONLINE_AGENT = "online_agent"  # bought through an online agent, collected here
    CINEMA = "cinema"  # bought at this kiosk or the box office


class TicketFaceError(ValueError):
    """A record cannot make a valid ticket (the rules forbid printing an incomplete one)."""


def _require_aware(name: str, value: dt.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise TicketFaceError(f"{name} must be timezone-aware, got {value.isoformat()}")


@dataclass(frozen=True)
class FeeSlip:
    """A fee that may not appear on the ticket itself, printed on its own slip."""

    cinema_name: str
    film_name: str
    show_time: dt.datetime
    seat_name: str
    ticket_code: str
    fee_fen: int
    printed_at: dt.datetime
    kiosk_id: str
    language: Language = "zh"


@dataclass(frozen=True)
class TicketDetails:
    """What the kiosk knows about a ticket beyond its SARFT record, for the usher:
    the ticket type as VISTA names it for the kiosk (学生票 tells them to ask for
    the student card), the session's attributes (3D, IMAX, 国语) and the booking
    number. Anything unknown stays empty and is left off the ticket."""

    ticket_type: str = ""
    attributes: tuple[str, ...] = ()
    booking_number: int | None = None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _distinct(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each attribute once, in VISTA's order, blanks dropped (a placeholder is never printed)."""
    kept: list[str] = []
    for name in names:
        clean = _one_line(name)
        if clean and clean.casefold() not in (k.casefold() for k in kept):
            kept.append(clean)
    return tuple(kept)


@dataclass(frozen=True)
class TicketFace:
    cinema_name: str
    film_name: str
    show_time: dt.datetime
    hall_name: str
    seat_name: str
    price_fen: int
    service_fee_fen: int
    ticket_code: str
    ticket_info_code: str
    printed_at: dt.datetime
    kiosk_id: str
    channel: SaleChannel = SaleChannel.ONLINE_AGENT
    reprint: bool = False
    language: Language = "zh"
    ticket_type: str = ""  # e.g. 学生票; empty when not known
    attributes: tuple[str, ...] = ()  # e.g. ("3D", "IMAX", "国语")
    booking_number: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "ticket_type", _one_line(self.ticket_type))
        object.__setattr__(self, "attributes", _distinct(tuple(self.attributes)))
        if self.booking_number is not None and self.booking_number <= 0:
            raise TicketFaceError(f"booking number must be positive, got {self.booking_number}")
        _require_aware("show_time", self.show_time)
        _require_aware("printed_at", self.printed_at)
        for name in ("cinema_name", "film_name", "hall_name", "seat_name", "kiosk_id"):
            if not getattr(self, name).strip():
                raise TicketFaceError(f"{name} is empty")
        if len(self.ticket_code) != TICKET_CODE_LENGTH:
            raise TicketFaceError(
                f"ticket code must be {TICKET_CODE_LENGTH} characters, got {len(self.ticket_code)}"
            )
        if not self.ticket_info_code.strip() or len(self.ticket_info_code) > MAX_INFO_CODE_LENGTH:
            raise TicketFaceError(
                f"ticket info code must be 1..{MAX_INFO_CODE_LENGTH} characters, "
                f"got {len(self.ticket_info_code)}"
            )
        if self.price_fen < 0 or self.service_fee_fen < 0:
            raise TicketFaceError("price and service fee cannot be negative")

    @classmethod
    def from_record(
        cls,
        record: TicketRecordLike,
        *,
        kiosk_id: str,
        printed_at: dt.datetime,
        channel: SaleChannel = SaleChannel.ONLINE_AGENT,
        reprint: bool = False,
        language: Language = "zh",
        details: TicketDetails | None = None,
    ) -> TicketFace:
        """One seat's ticket from its SARFT record; the text fields come trimmed of the
        padding the fixed-width wire fields may leave, except the QR content
        (电影票信息码), which is printed exactly as the ticketing system made it.
        ``details`` adds what the SARFT record does not carry."""
        extra = details or TicketDetails()
        return cls(
            cinema_name=record.cinema_name.strip(),
            film_name=record.film_name.strip(),
            show_time=record.session_datetime,
            hall_name=record.screen_name.strip(),
            seat_name=record.seat_name.strip(),
            price_fen=record.price_fen,
            service_fee_fen=record.service_fee_fen,
            ticket_code=record.code.strip(),
            ticket_info_code=record.ticket_info_code,  # opaque: verbatim, spaces and all
            printed_at=printed_at,
            kiosk_id=kiosk_id,
            channel=channel,
            reprint=reprint,
            language=language,
            ticket_type=extra.ticket_type,
            attributes=extra.attributes,
            booking_number=extra.booking_number,
        )

    @property
    def fee_on_ticket(self) -> bool:
        """Only an online agent's service fee may be printed on the ticket."""
        return self.service_fee_fen > 0 and self.channel is SaleChannel.ONLINE_AGENT

    def fee_slip(self) -> FeeSlip | None:
        """The separate slip for any other fee, so the ticket's price stays what was paid
        for the ticket itself."""
        if self.service_fee_fen <= 0 or self.fee_on_ticket:
            return None
        return FeeSlip(
            cinema_name=self.cinema_name,
            film_name=self.film_name,
            show_time=self.show_time,
            seat_name=self.seat_name,
            ticket_code=self.ticket_code,
            fee_fen=self.service_fee_fen,
            printed_at=self.printed_at,
            kiosk_id=self.kiosk_id,
            language=self.language,
        )
