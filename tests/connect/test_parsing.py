"""The client's readers on the seed's own sample payloads, quirks included."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.connect import mapping, wire
from kiosk.connect.dates import parse_connect_date
from kiosk.connect.errors import (
    BookingDoesNotExist,
    ConnectProtocolError,
    ConnectResultError,
    InvalidRequestData,
    SeatsUnavailable,
    SoldOut,
)
from kiosk.connect.models import (
    Booking,
    Cinema,
    CompleteResult,
    Order,
    OrderSummary,
    ScheduledFilm,
    SeatPlan,
    TicketType,
)
from kiosk.connect.money import to_fen
from kiosk.connect.results import RESULT_NAMES, check_result

UTC = dt.UTC

# seed §3.2, verbatim apart from the "....." elisions: duplicate keys at two levels
FILMS_SAMPLE = """{
  "ScheduledFilmId": "HO00012501",
  "Title": "一万年以后 ( 数字 3D ) ",
  "ShortCode": "001200472015",
  "RunTime": "97",
  "Sessions": [
    {
      "Attributes": {
        "Description": "原版",
        "Description": "3D"
      },
      "SessionId": "34668",
      "Showtime": "2016-10-19T10:30:00",
      "Attributes": {
        "Description": "原版",
        "Description": "2D"
      },
      "SessionId": "34669",
      "Showtime": "2016-10-19T12:45:00"
    }
  ]
}"""

TICKETS_SAMPLE = """{ "ResponseCode":0,
  "Tickets":[
    {"AreaCategoryCode":"0000000001","CinemaId":"0200","Description":"标准票",
     "PriceGroupCode":"0029","PriceInCents":10000,"ResalePriceInCents":19.9,
     "TicketTypeCode":"0010"},
    {"AreaCategoryCode":"0000000003","CinemaId":"0200",
     "Description":"webTicket 测试用代金券(优选区)","PriceGroupCode":"0029","PriceInCents":2000,
     "SalesChannels":["POS", "POSBK", "RSP", "TEST"],"TicketTypeCode":"0043"}
  ] }"""

ADD_TICKETS_SAMPLE = r"""{ "ErrorDescription":null, "Result":0, "AvailableSeats":15,
 "ExtendedResultCode":0, "Order":{
 "BookingFeeValueCents": 0, "CinemaId": "0200",
 "LastUpdated": "\Date(1438827090884+0800)\V",
 "Sessions": [ { "AllocatedSeating": true, "AltFilmTitle": "重返 20 岁", "CinemaId": "0200",
   "FilmClassification": "G", "FilmTitle": "重返 20 岁", "SeatsAllocated": true,
   "SessionId": "29617", "ShowingRealDateTime": "\Date(1438829400000+0800)\V" } ],
 "TotalOrderCount": 2, "TotalTicketFeeValueInCents": null, "TotalValueCents": 10000,
 "UserSessionId": "FTTest201508060001", "VistaBookingNumber": 0, "VistaTransactionNumber": 0 } }"""

GET_ORDER_COMPLETED = r"""{ "Order":{ "BookingFeeValueCents":0, "CinemaId":null,
 "LastUpdated":"\Date(1450766797104+0800)\V", "Sessions":null, "TotalOrderCount":0,
 "TotalTicketFeeValueInCents":null, "TotalValueCents":0, "UserSessionId":"990001" },
 "Result":0 }"""

COMPLETE_SAMPLE = """{ "BalanceList": null, "CinematID": "0200", "ErrorDescription": null,
 "ExtendedResultCode": 0, "HistoryID": "1935728", "PassCollection": null,
 "PaymentInfoCollection": [ {} ], "PrintStream": "", "PrintStreamCollection": null,
 "Result": 0, "VistaBookingId": "WQNX8JL", "VistaBookingNumber": "111972",
 "VistaTransNumber": "375975" }"""

BOOKING_STATUS_SAMPLE = """{ "OrderSummary":{ "CinemaId":"0200", "TotalValueCents":10000,
 "UserSessionId":"FTTest201509140001", "VistaBookingId":"WL5633Z", "VistaBookingNumber":112086 },
 "ResponseCode":0, "ResponseDescription":"Booking exists at Cinema" }"""

SINGLE_BOOKING_SAMPLE = r"""{"Booking":{
 "BookingDate":"\\/Date(1438827090840+0800)\\/", "BookingId":"WQNX8JL", "BookingNumber":111972,
 "BookingRef":"ABC Cinemas-111972, 2015\\/08\\/06 10:11", "CancelledStatus":"0",
 "CinemaId":"0200", "CinemaName":"CHTEST01", "ClientId":"111.111.111.111",
 "MaskedBookingCardNumber":"123456..9012", "Phone":"", "PickupName":"",
 "Tickets":[ { "CollecteStatus":"0", "Description":"web ticket", "DescriptionAlt":"",
   "MovieName":"重返 20 岁", "MovieNameAlt":"", "PriceInCents":5000, "RefundedStatus":"0",
   "SessionDateTime":"\\/Date(1438829400000+0800)\\/", "SessionId":29617,
   "TicketSequenceNumber":1, "TicketTypeCode":"0056" }],
 "TotalValueCents":10000, "UserSessionId":"FTest201508060001", "VistaTransactionId":375975 },
"ResultCode":0 }"""

SEAT_PLAN_SAMPLE = """{"ResponseCode":0, "SeatLayoutData":{ "AreaCategories":[],
 "Areas":[ { "AreaCategoryCode":"0000000001", "ColumnCount":12, "Description":"一号厅",
  "DescriptionAlt":"", "HasSofaSeatingEnabled":false, "Height":7, "IsAllocatedSeating":true,
  "Left":0, "Number":1, "NumberOfSeats":84, "RowCount":7, "Rows":[ { "PhysicalName":"7",
  "Seats":[ { "Id":"10", "Position":{"AreaNumber":1,"ColumnIndex":1,"RowIndex":0},
   "Priority":0, "SeatStyle":0, "SeatsInGroup":null, "Status":0 } ] } ] } ] } }"""


def test_duplicate_keys_keep_every_value_and_split_run_together_sessions() -> None:
    film = ScheduledFilm.model_validate(wire.loads(FILMS_SAMPLE))
    assert film.film_id == "HO00012501"
    assert film.run_time_min == 97
    assert [s.session_id for s in film.sessions] == ["34668", "34669"]
    assert film.sessions[0].attributes == ["原版", "3D"]
    assert film.sessions[1].attributes == ["原版", "2D"]
    # a naive showtime is the cinema's local time (UTC+8)
    assert film.sessions[0].showtime == dt.datetime(2016, 10, 19, 2, 30, tzinfo=UTC)


def test_ticket_prices_are_integer_fen_even_from_a_float() -> None:
    body = check_result(wire.loads(TICKETS_SAMPLE), "GetTicketsForSession")
    tickets = [TicketType.model_validate(t) for t in body["Tickets"]]
    assert tickets[0].price_fen == 10000
    assert tickets[0].resale_price_fen == 20
    assert isinstance(tickets[0].resale_price_fen, int)
    assert tickets[1].area_category_code == "0000000003"
    assert tickets[1].resale_price_fen is None


def test_seeds_mangled_dates_are_repaired_and_read_as_utc() -> None:
    body = check_result(wire.loads(ADD_TICKETS_SAMPLE), "AddTickets")
    order = Order.model_validate(body["Order"])
    assert order.total_fen == 10000 and order.ticket_count == 2
    assert order.last_updated == dt.datetime.fromtimestamp(1438827090.884, UTC)
    assert order.sessions is not None
    assert order.sessions[0].showing_at == dt.datetime(2015, 8, 6, 2, 50, tzinfo=UTC)
    assert not mapping.order(order).complete_called


def test_completed_order_has_no_cinema() -> None:
    order = Order.model_validate(wire.loads(GET_ORDER_COMPLETED)["Order"])
    assert mapping.order(order).complete_called and order.sessions is None


def test_complete_result_numbers_arrive_as_strings() -> None:
    result = CompleteResult.model_validate(check_result(wire.loads(COMPLETE_SAMPLE), "x"))
    assert (result.booking_id, result.booking_number, result.trans_number) == (
        "WQNX8JL",
        111972,
        375975,
    )


def test_booking_status_and_single_booking() -> None:
    summary = OrderSummary.model_validate(wire.loads(BOOKING_STATUS_SAMPLE)["OrderSummary"])
    assert summary.booking_number == 112086 and summary.booking_id == "WL5633Z"
    booking = Booking.model_validate(wire.loads(SINGLE_BOOKING_SAMPLE)["Booking"])
    assert booking.booked_at == dt.datetime.fromtimestamp(1438827090.840, UTC)
    assert booking.trans_number == 375975
    ticket = booking.tickets[0]
    assert ticket.session_id == "29617"
    ticket_means, booking_means = mapping.booking(booking).tickets[0], mapping.booking(booking)
    assert not ticket_means.collected and not ticket_means.refunded
    assert not booking_means.collected


def test_seat_plan_sample() -> None:
    body = check_result(wire.loads(SEAT_PLAN_SAMPLE), "GetSessionSeatPlan")
    plan = SeatPlan.model_validate(body["SeatLayoutData"])
    area, row, seat = mapping.seat_plan(plan).seats()[0]
    assert (area.number, area.area_category_code, row.physical_name, seat.seat_id) == (
        1,
        "0000000001",
        "7",
        "10",
    )
    assert (seat.position.row_index, seat.position.column_index) == (0, 1)
    assert seat.is_free and not seat.is_sofa and seat.group is None


def test_cinema_with_select() -> None:
    cinema = Cinema.model_validate(
        wire.loads(
            '{ "ID": "0200", "CinemaNationalId": "1721210", "Name": "CHTEST01", '
            '"PhoneNumber": "", "EmailAddress": null, "City": "China" }'
        )
    )
    assert cinema.cinema_id == "0200" and cinema.email is None


@pytest.mark.parametrize(
    "text",
    [
        "/Date(1438827090884+0800)/",
        "\\/Date(1438827090884+0800)\\/",
        "\\Date(1438827090884+0800)\\V",
        "/Date(1438827090884)/",
        "2015-08-06T10:11:30.884+08:00",
        "2015-08-06T02:11:30.884Z",
        "2015-08-06T10:11:30.884",
    ],
)
def test_every_date_form_is_the_same_instant(text: str) -> None:
    assert parse_connect_date(text) == dt.datetime(2015, 8, 6, 2, 11, 30, 884000, tzinfo=UTC)


def test_bad_date_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_connect_date("yesterday")


@pytest.mark.parametrize(
    ("value", "fen"), [(10000, 10000), (19.9, 20), (19.5, 20), ("3000", 3000), (0.4, 0)]
)
def test_money(value: object, fen: int) -> None:
    assert to_fen(value) == fen


@pytest.mark.parametrize("value", [True, None, "ten", float("nan"), [1]])
def test_money_refuses_non_amounts(value: object) -> None:
    with pytest.raises(ValueError):
        to_fen(value)


@pytest.mark.parametrize(
    ("body", "error", "code"),
    [
        ({"Result": 8, "ErrorDescription": "gone"}, SeatsUnavailable, 8),
        ({"ResultCode": 47}, BookingDoesNotExist, 47),
        ({"ResponseCode": "67"}, SoldOut, 67),
        ({"ResponseCode": 4, "ResponseDescription": "required"}, InvalidRequestData, 4),
        ({"Result": 36}, ConnectResultError, 36),
        ({"Result": 99}, ConnectResultError, 99),
    ],
)
def test_normaliser_raises_typed_errors(
    body: dict[str, object], error: type[ConnectResultError], code: int
) -> None:
    with pytest.raises(error) as info:
        check_result(body, "Op")
    assert type(info.value) is error
    assert info.value.result_code == code
    assert info.value.name == RESULT_NAMES.get(code, f"Unknown{code}")


def test_normaliser_keeps_the_description_and_extended_code() -> None:
    with pytest.raises(InvalidRequestData) as info:
        check_result({"Result": 4, "ErrorDescription": "bad price", "ExtendedResultCode": 3}, "Op")
    assert info.value.description == "bad price" and info.value.extended == 3
    assert "InvalidRequestData (4)" in str(info.value)


@pytest.mark.parametrize(
    "body",
    [
        [],
        "text",
        {"Order": {}},
        {"Result": "x"},
        {"Result": True},
        {"Result": "²"},
        {"Result": "١"},
    ],
)
def test_normaliser_protocol_errors(body: object) -> None:
    with pytest.raises(ConnectProtocolError):
        check_result(body, "Op")


def test_full_code_table() -> None:
    assert set(RESULT_NAMES) == {*range(64), 67}
    assert RESULT_NAMES[61] == "OrderCannotBeUniquelyIdentified"
    assert RESULT_NAMES[67] == "SeatMapRequestedForSoldOutSession"
