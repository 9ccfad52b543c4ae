"""Realistic view-models for widget tests and screenshots: a Chinese multiplex on a Saturday."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.ui.viewmodels import (
    AreaView,
    CollectOrderView,
    CollectTicketView,
    DoneView,
    FilmView,
    OrderLineView,
    OrderView,
    PaymentQrView,
    PaymentView,
    RowView,
    SeatCell,
    SeatName,
    SeatPlanView,
    SeatStatus,
    SeatStyle,
    SeatView,
    SessionView,
    TicketTypeView,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2024, 6, 1)


def at(hour: int, minute: int, days: int = 0) -> datetime:
    return datetime(TODAY.year, TODAY.month, TODAY.day, hour, minute, tzinfo=SHANGHAI) + timedelta(
        days=days
    )


FILMS = (
    FilmView("F1", "流浪地球2", 173, ("IMAX", "3D", "国语"), (at(14, 30), at(16, 10), at(19, 45))),
    FilmView("F2", "满江红", 159, ("2D", "国语"), (at(15, 0), at(18, 20), at(21, 40))),
    FilmView("F3", "阿凡达：水之道", 192, ("3D", "原版"), (at(13, 50), at(20, 15))),
    FilmView("F4", "熊出没·伴我“熊芯”", 99, ("2D",), (at(14, 0), at(16, 0), at(18, 0), at(20, 0))),
    FilmView("F5", "深海", 112, ("2D", "杜比全景声"), (at(22, 30),)),
    FilmView("F6", "无名", 128, ("2D",), ()),
)

SESSIONS = (
    SessionView("S1", at(14, 30), "1号厅 IMAX", ("IMAX", "3D"), 180),
    SessionView("S2", at(16, 10), "3号厅", ("2D",), 8),
    SessionView("S3", at(19, 45), "1号厅 IMAX", ("IMAX", "3D"), None, sold_out=True),
    # As an English patron sees it: the longest words a tile carries.
    SessionView("S4", at(21, 30), "Hall 5 Laser", ("2D", "Original version"), 60),
    SessionView("S5", at(10, 0, 1), "2号厅", ("3D",), 120),
    SessionView("S6", at(13, 20, 1), "1号厅 IMAX", ("IMAX", "3D"), 200),
    SessionView("S7", at(18, 0, 2), "3号厅", ("2D",), 90),
    # Started at 13:00; the kiosk sells until 20 minutes in, so at NOW it is closed.
    SessionView("S8", at(13, 0), "2号厅", ("2D",), 40, on_sale_until=at(13, 20)),
)
NOW = at(13, 30)

TICKET_TYPES = (
    TicketTypeView("ADULT", "成人票", "0000000001", 4500, "普通区"),
    TicketTypeView("STUDENT", "学生票（需验证学生证）", "0000000001", 3500, "普通区"),
    TicketTypeView("CHILD", "儿童票", "0000000001", 3000, "普通区"),
    TicketTypeView("SOFA", "情侣座（每座）", "0000000002", 6000, "情侣区"),
)

NORMAL = "0000000001"
COUPLE = "0000000002"


def plan(rows: int, cols: int, *, sofa_rows: int = 0, aisle: int | None = None) -> SeatPlanView:
    """A hall of ``rows`` x ``cols`` with some sold, house, broken, held and wheelchair seats,
    an aisle column and, at the back, a separate area of two-seat sofas."""
    seats_rows = []
    for r in range(rows):
        seats = []
        number = 1
        for c in range(cols):
            if aisle is not None and c == aisle:
                continue
            status = SeatStatus.FREE
            if (r * 7 + c * 3) % 11 == 0:
                status = SeatStatus.SOLD
            if r == 0 and c in (0, 1):
                status = SeatStatus.WHEELCHAIR
            if r == 1 and c == cols - 2:
                status = SeatStatus.BROKEN
            if r == rows - 1 and c in (2, 3):
                status = SeatStatus.HOUSE
            if r == 2 and c == 5:
                status = SeatStatus.SPECIAL_HOLD
            seats.append(
                SeatView((1, r, c), str(r + 1), str(number), status, area_category_code=NORMAL)
            )
            number += 1
        seats_rows.append(RowView(r, str(r + 1), tuple(seats)))
    areas = [AreaView(1, NORMAL, "普通区", rows, cols, tuple(seats_rows))]
    if sofa_rows:
        sofa_list = []
        for r in range(sofa_rows):
            seats = []
            for pair, c in enumerate(range(1, cols - 1, 3)):
                if c + 1 >= cols:
                    break
                keys: tuple[SeatCell, SeatCell] = ((2, r, c), (2, r, c + 1))
                status = SeatStatus.SOLD if pair == 1 else SeatStatus.FREE
                name = str(rows + r + 1)
                seats.append(
                    SeatView(
                        keys[0], name, str(pair * 2 + 1), status, SeatStyle.SOFA_LEFT, keys, COUPLE
                    )
                )
                seats.append(
                    SeatView(
                        keys[1], name, str(pair * 2 + 2), status, SeatStyle.SOFA_RIGHT, keys, COUPLE
                    )
                )
            sofa_list.append(RowView(r, str(rows + r + 1), tuple(seats)))
        areas.append(AreaView(2, COUPLE, "情侣区", sofa_rows, cols, tuple(sofa_list)))
    return SeatPlanView(tuple(areas))


ORDER = OrderView(
    film_title="流浪地球2",
    starts_at=at(19, 45),
    screen_name="1号厅 IMAX",
    seats=(SeatName("7", "12"), SeatName("7", "13")),
    lines=(OrderLineView("成人票", 1, 4500), OrderLineView("学生票", 1, 3500)),
    booking_fee_fen=400,
    total_fen=8400,
)

PAYMENT = PaymentView(
    (
        PaymentQrView("wechatpay", "weixin://wxpay/bizpayurl?pr=7f3c9a1e2b4d"),
        PaymentQrView("alipay", "https://qr.alipay.com/bax07f3c9a1e2b4d5e6f7a8b"),
    ),
    8400,
    300,
    ORDER,
)

DONE = DoneView("8K3F7Q2M", 2)

COLLECT_ORDER = CollectOrderView(
    film_title="满江红",
    starts_at=at(18, 20),
    screen_name="3号厅",
    tickets=(
        CollectTicketView(SeatName("5", "8"), "成人票", 4500),
        CollectTicketView(SeatName("5", "9"), "成人票", 4500),
        CollectTicketView(SeatName("5", "10"), "儿童票", 3000),
    ),
)
