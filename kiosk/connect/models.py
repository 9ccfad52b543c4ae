"""Typed Connect answers: field names follow the kiosk, aliases follow the wire (seed §3).

Models read leniently where real servers vary (ids as numbers or strings, money
as floats, both date forms, attributes as objects or strings) and strictly where
the kiosk depends on a value (ids, prices, seat positions are required).
They carry the wire's shape only: what a value means (a free seat, a sofa, an order
CompleteOrder was called on, a collected ticket) is the domain type's, which
:mod:`kiosk.connect.mapping` turns these into.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kiosk.connect.dates import parse_connect_date
from kiosk.connect.money import to_fen


def _date(value: Any) -> Any:
    return parse_connect_date(value) if isinstance(value, str) else value


def _text_id(value: Any) -> Any:
    """Connect sends SessionId as ``"34668"`` in one answer and ``32334`` in another."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _int_text(value: Any) -> Any:
    """CompleteOrder sends ``"VistaBookingNumber": "111972"``; GetSingleBooking sends a number."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _attributes(value: Any) -> Any:
    """Attributes as ``[{"Description": "3D"}]``, one object, OData's ``{"results": [...]}``,
    or plain strings, all read as a list of names."""
    if value is None:
        return []
    if isinstance(value, dict):
        value = value.get("results", [value])
    if not isinstance(value, list):
        return value
    names: list[Any] = []
    for item in value:
        if isinstance(item, dict):
            description = item.get("Description")
            names.extend(description if isinstance(description, list) else [description])
        else:
            names.append(item)
    return names


Fen = Annotated[int, BeforeValidator(to_fen)]
UtcDateTime = Annotated[dt.datetime, BeforeValidator(_date)]
TextId = Annotated[str, BeforeValidator(_text_id)]
IntFromText = Annotated[int, BeforeValidator(_int_text)]
AttributeNames = Annotated[list[str], BeforeValidator(_attributes)]


class ConnectModel(BaseModel):
    # defer_build: each model's validator is built on its first reply, not at import
    # (building all of them cost ~120 ms of every start before the doors opened)
    model_config = ConfigDict(populate_by_name=True, extra="ignore", frozen=True, defer_build=True)


class Cinema(ConnectModel):
    cinema_id: TextId = Field(alias="ID")
    national_id: TextId | None = Field(None, alias="CinemaNationalId")
    name: str = Field(alias="Name")
    name_alt: str | None = Field(None, alias="NameAlt")
    phone: str | None = Field(None, alias="PhoneNumber")
    email: str | None = Field(None, alias="EmailAddress")
    address: str | None = Field(None, alias="Address1")
    city: str | None = Field(None, alias="City")


class Session(ConnectModel):
    """A session, from GetNowShowingScheduledFilms (under a film) or the Sessions entity set."""

    session_id: TextId = Field(alias="SessionId")
    showtime: UtcDateTime = Field(alias="Showtime")
    cinema_id: TextId | None = Field(None, alias="CinemaId")
    film_id: TextId | None = Field(None, alias="ScheduledFilmId")
    screen_number: int | None = Field(None, alias="ScreenNumber")
    screen_name: str | None = Field(None, alias="ScreenName")
    seats_available: int | None = Field(None, alias="SeatsAvailable")
    attributes: AttributeNames = Field(default_factory=list, alias="Attributes")
    # The Sessions entity set names attributes here instead of in Attributes.
    attribute_names: AttributeNames = Field(default_factory=list, alias="SessionAttributesNames")


class ScheduledFilm(ConnectModel):
    film_id: TextId = Field(alias="ScheduledFilmId")
    title: str = Field(alias="Title")
    title_alt: str | None = Field(None, alias="TitleAlt")
    short_code: str | None = Field(None, alias="ShortCode")
    rating: str | None = Field(None, alias="RatingDescription")
    synopsis: str | None = Field(None, alias="Synopsis")
    run_time_min: IntFromText | None = Field(None, alias="RunTime")
    sessions: list[Session] = Field(default_factory=list, alias="Sessions")


class TicketType(ConnectModel):
    ticket_type_code: TextId = Field(alias="TicketTypeCode")
    area_category_code: TextId = Field(alias="AreaCategoryCode")
    description: str = Field(alias="Description")
    description_alt: str | None = Field(None, alias="DescriptionAlt")
    price_fen: Fen = Field(alias="PriceInCents")
    resale_price_fen: Fen | None = Field(None, alias="ResalePriceInCents")
    cinema_id: TextId | None = Field(None, alias="CinemaId")
    price_group_code: TextId | None = Field(None, alias="PriceGroupCode")


class SeatPosition(ConnectModel):
    area_number: int = Field(alias="AreaNumber")
    row_index: int = Field(alias="RowIndex")
    column_index: int = Field(alias="ColumnIndex")


class Seat(ConnectModel):
    """``status``: 0 free, 1 sold, 2 house, 3 wheelchair/special, 5 broken, 7 special hold;
    ``style`` 1/2/3 a sofa (left/middle/right), sold together with ``group``."""

    seat_id: TextId = Field(alias="Id")
    position: SeatPosition = Field(alias="Position")
    status: int = Field(alias="Status")
    style: int = Field(0, alias="SeatStyle")
    group: list[SeatPosition] | None = Field(None, alias="SeatsInGroup")


class SeatRow(ConnectModel):
    physical_name: str | None = Field(None, alias="PhysicalName")
    seats: list[Seat] = Field(default_factory=list, alias="Seats")


class SeatArea(ConnectModel):
    number: int = Field(alias="Number")
    area_category_code: TextId = Field(alias="AreaCategoryCode")
    description: str | None = Field(None, alias="Description")
    description_alt: str | None = Field(None, alias="DescriptionAlt")
    row_count: int = Field(alias="RowCount")
    column_count: int = Field(alias="ColumnCount")
    top: int = Field(0, alias="Top")
    left: int = Field(0, alias="Left")
    rows: list[SeatRow] = Field(default_factory=list, alias="Rows")


class SeatPlan(ConnectModel):
    areas: list[SeatArea] = Field(alias="Areas")


class OrderTicket(ConnectModel):
    ticket_type_code: TextId | None = Field(None, alias="TicketTypeCode")
    description: str | None = Field(None, alias="Description")
    price_fen: Fen | None = Field(None, alias="PriceCents")
    row_name: TextId | None = Field(None, alias="SeatRowId")
    seat_number: TextId | None = Field(None, alias="SeatNumber")


class OrderSession(ConnectModel):
    session_id: TextId = Field(alias="SessionId")
    cinema_id: TextId | None = Field(None, alias="CinemaId")
    film_title: str | None = Field(None, alias="FilmTitle")
    showing_at: UtcDateTime | None = Field(None, alias="ShowingRealDateTime")
    tickets: list[OrderTicket] = Field(default_factory=list, alias="Tickets")


class Order(ConnectModel):
    """An order as AddTickets and GetOrder return it. ``cinema_id`` is None once
    CompleteOrder has been called on it, successful or not (seed §3.6)."""

    user_session_id: str | None = Field(None, alias="UserSessionId")
    cinema_id: TextId | None = Field(None, alias="CinemaId")
    total_fen: Fen = Field(0, alias="TotalValueCents")
    booking_fee_fen: Fen = Field(0, alias="BookingFeeValueCents")
    ticket_count: int = Field(0, alias="TotalOrderCount")
    last_updated: UtcDateTime | None = Field(None, alias="LastUpdated")
    sessions: list[OrderSession] | None = Field(None, alias="Sessions")


class CompleteResult(ConnectModel):
    booking_id: str = Field(alias="VistaBookingId")  # 取票码
    booking_number: IntFromText = Field(alias="VistaBookingNumber")
    trans_number: IntFromText = Field(alias="VistaTransNumber")


class OrderSummary(ConnectModel):
    """QueryOrderBookingStatus: the booking exists at the cinema."""

    cinema_id: TextId | None = Field(None, alias="CinemaId")
    total_fen: Fen = Field(0, alias="TotalValueCents")
    user_session_id: str | None = Field(None, alias="UserSessionId")
    booking_id: str = Field(alias="VistaBookingId")
    booking_number: IntFromText = Field(alias="VistaBookingNumber")


# CollecteStatus / RefundedStatus: "1" yes, "0" no, "2" unknown (strings on the wire).
StatusFlag = Annotated[int, BeforeValidator(_int_text)]


class BookingTicket(ConnectModel):
    sequence: int = Field(alias="TicketSequenceNumber")
    ticket_type_code: TextId | None = Field(None, alias="TicketTypeCode")
    description: str | None = Field(None, alias="Description")
    film_title: str | None = Field(None, alias="MovieName")
    film_title_alt: str | None = Field(None, alias="MovieNameAlt")
    price_fen: Fen = Field(alias="PriceInCents")
    session_id: TextId | None = Field(None, alias="SessionId")
    session_at: UtcDateTime | None = Field(None, alias="SessionDateTime")
    collect_status: StatusFlag = Field(2, alias="CollecteStatus")
    refunded_status: StatusFlag = Field(2, alias="RefundedStatus")


class Booking(ConnectModel):
    booking_id: str = Field(alias="BookingId")
    booking_number: IntFromText = Field(alias="BookingNumber")
    booked_at: UtcDateTime | None = Field(None, alias="BookingDate")
    cinema_id: TextId | None = Field(None, alias="CinemaId")
    cinema_name: str | None = Field(None, alias="CinemaName")
    total_fen: Fen = Field(0, alias="TotalValueCents")
    user_session_id: str | None = Field(None, alias="UserSessionId")
    masked_card_number: str | None = Field(None, alias="MaskedBookingCardNumber")
    trans_number: IntFromText | None = Field(None, alias="VistaTransactionId")
    cancelled_status: StatusFlag = Field(0, alias="CancelledStatus")
    tickets: list[BookingTicket] = Field(default_factory=list, alias="Tickets")


class TicketRequest(ConnectModel):
    """One line of AddTickets ``TicketTypes``: a ticket type, how many, at its listed price."""

    ticket_type_code: str = Field(alias="TicketTypeCode")
    qty: int = Field(alias="Qty", ge=1)
    price_fen: int = Field(alias="PriceInCents", ge=0)
    booking_fee_override_fen: int | None = Field(None, alias="BookingFeeOverride")


class SeatRequest(ConnectModel):
    """One of AddTickets ``SelectedSeats``: the area category must match the ticket type's."""

    area_category_code: str = Field(alias="AreaCategoryCode")
    area_number: int = Field(alias="AreaNumber")
    row_index: int = Field(alias="RowIndex")
    column_index: int = Field(alias="ColumnIndex")
