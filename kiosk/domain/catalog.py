"""What patrons browse: the cinema, its films and sessions, ticket types and seat plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

from kiosk.domain.values import (
    AreaCategoryCode,
    CinemaId,
    Fen,
    FilmId,
    SessionId,
    TicketTypeCode,
)


@dataclass(frozen=True, slots=True)
class Cinema:
    cinema_id: CinemaId
    name: str
    national_id: str | None = None
    name_alt: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """One showing of a film in a hall. ``attributes`` (3D, 原版…) as the backend names
    them; ``attribute_names`` the ones a second list named (VISTA's Sessions set)."""

    session_id: SessionId
    showtime: dt.datetime
    cinema_id: CinemaId | None = None
    film_id: FilmId | None = None
    screen_number: int | None = None
    screen_name: str | None = None
    seats_available: int | None = None
    attributes: tuple[str, ...] = ()
    attribute_names: tuple[str, ...] = ()

    @property
    def all_attributes(self) -> list[str]:
        return [*self.attributes, *(a for a in self.attribute_names if a not in self.attributes)]


@dataclass(frozen=True, slots=True)
class Film:
    """A film on sale with its sessions. ``title_alt``: the cinema's second-language title."""

    film_id: FilmId
    title: str
    title_alt: str | None = None
    short_code: str | None = None
    rating: str | None = None
    synopsis: str | None = None
    run_time_min: int | None = None
    sessions: tuple[Session, ...] = ()


@dataclass(frozen=True, slots=True)
class TicketType:
    """A ticket a session sells, for the seats of one area category, at its price."""

    ticket_type_code: TicketTypeCode
    area_category_code: AreaCategoryCode
    description: str
    price_fen: Fen
    description_alt: str | None = None
    resale_price_fen: Fen | None = None
    cinema_id: CinemaId | None = None
    price_group_code: str | None = None


class SeatStatus(IntEnum):
    """A seat's state in a plan (VISTA's numbers, which the journal and the map keep)."""

    FREE = 0
    SOLD = 1
    HOUSE = 2
    SPECIAL = 3
    BROKEN = 5
    SPECIAL_HOLD = 7


@dataclass(frozen=True, slots=True)
class SeatPosition:
    """Where a seat is in the backend's drawing of the hall (its own orientation)."""

    area_number: int
    row_index: int
    column_index: int


@dataclass(frozen=True, slots=True)
class Seat:
    """``status``: a :class:`SeatStatus` value (kept as the int the backend sent, so an
    unknown one still reads as not free); ``style`` 1/2/3 a sofa (left/middle/right),
    sold together with ``group``."""

    seat_id: str
    position: SeatPosition
    status: int
    style: int = 0
    group: tuple[SeatPosition, ...] | None = None

    @property
    def is_free(self) -> bool:
        return self.status == SeatStatus.FREE

    @property
    def is_sofa(self) -> bool:
        return self.style in (1, 2, 3)


@dataclass(frozen=True, slots=True)
class SeatRow:
    physical_name: str | None = None
    seats: tuple[Seat, ...] = ()


@dataclass(frozen=True, slots=True)
class SeatArea:
    """A block of seats sold by one area category; ``top``/``left`` place it in the drawing."""

    number: int
    area_category_code: AreaCategoryCode
    row_count: int
    column_count: int
    description: str | None = None
    description_alt: str | None = None
    top: int = 0
    left: int = 0
    rows: tuple[SeatRow, ...] = ()


@dataclass(frozen=True, slots=True)
class SeatPlan:
    areas: tuple[SeatArea, ...] = field(default=())

    def seats(self) -> list[tuple[SeatArea, SeatRow, Seat]]:
        return [(area, row, seat) for area in self.areas for row in area.rows for seat in row.seats]
