"""The demo cinema world: two cinemas, eight films, halls with every seat kind, three days
of sessions from now, and a few bookings bought "online" before the kiosk starts.

Halls are drawn as text so a reader sees the room: one string per row, top (back of
the room) first, screen at the bottom; row 1 is nearest the screen and seats are
numbered from the right, like the seed's hall 1. ``.`` aisle (no seat returned),
``s`` seat, ``w`` wheelchair, ``h`` house seat, ``b`` broken, ``(`` ``)`` a sofa pair.
"""

from __future__ import annotations

import datetime as dt
import random

from kiosk.sim.store import (
    BROKEN,
    CHINA,
    FREE,
    HOUSE,
    WHEELCHAIR,
    Area,
    Hall,
    OrderLine,
    SeatCoords,
    SimCinema,
    SimFilm,
    SimSeat,
    SimSession,
    SimStore,
    SimTicketType,
)

STANDARD_AREA = "0000000001"
PREMIUM_AREA = "0000000003"

HALL_1 = [  # the seed's 一号厅: 7 rows, 12 columns, column 0 an aisle
    ".ssssssssss.",
    ".sssssssssss",
    ".ssssssssss.",
    ".ssssssssss.",
    "ssssssssssss",
    "ssssssssssss",
    "ssssssssssss",
]
HALL_2 = [
    "()()..()()",
    "ssss..ssss",
    "ssss..sshs",
    "ssbs..ssss",
    "ssss..ssss",
    "ww........",
]
HALL_3 = [".sssssssss..ssssssssssss..sssssssss."] * 12  # 30 seats a row, 360 seats
HALL_3 = HALL_3 + ["sssssssss..ssssssssssss..sssssssss"] * 2  # 62 more: 422 seats
HALL_7_PREMIUM = ["()()()()", "ssssssss"]
HALL_7_STANDARD = ["ssssssssss", "ssssssssss", "ssss..ssss", "w........w"]

_STATUS = {"s": FREE, "w": WHEELCHAIR, "h": HOUSE, "b": BROKEN, "(": FREE, ")": FREE}


def draw_area(
    number: int, category: str, name: str, name_en: str, rows: list[str], first_row: int, top: int
) -> Area:
    """An area from its drawing; ``first_row`` is the physical number of its lowest row."""
    area = Area(number, category, name, name_en, len(rows), max(len(r) for r in rows), top)
    seated_rows = [i for i, r in enumerate(rows) if r.strip(".")]
    for row_index, text in enumerate(rows):
        if row_index not in seated_rows:
            continue
        physical = first_row + (len(seated_rows) - 1 - seated_rows.index(row_index))
        columns = [c for c, ch in enumerate(text) if ch != "."]
        for seat_number, column in enumerate(reversed(columns), start=1):
            char = text[column]
            area.seats.append(
                SimSeat(
                    number,
                    category,
                    row_index,
                    column,
                    str(physical),
                    str(seat_number),
                    _STATUS[char],
                    {"(": 1, ")": 3}.get(char, 0),
                )
            )
    for seat in area.seats:
        if seat.style == 1:
            right = next(
                s
                for s in area.seats
                if s.row_index == seat.row_index and s.column_index == seat.column_index + 1
            )
            seat.group = right.group = (seat.key, right.key)
    return area


FILMS = [
    ("HO00012501", "一万年以后", "Ten Thousand Years Later", 97, "G", ["3D", "原版"]),
    ("HO00012502", "重返20岁", "20 Once Again", 131, "G", ["2D", "国语"]),
    ("HO00012503", "流浪地球", "The Wandering Earth", 125, "PG", ["IMAX", "3D", "国语"]),
    ("HO00012504", "你好，李焕英", "Hi, Mom", 128, "G", ["2D", "国语"]),
    ("HO00012505", "长津湖", "The Battle at Lake Changjin", 176, "PG-13", ["2D", "国语"]),
    ("HO00012506", "哪吒之魔童降世", "Ne Zha", 110, "G", ["3D", "国语"]),
    ("HO00012507", "疯狂动物城", "Zootopia", 108, "G", ["3D", "原版"]),
    ("HO00012508", "星际穿越", "Interstellar", 169, "PG-13", ["IMAX", "2D", "原版"]),
]
SHOW_HOURS = (10, 13, 16, 19, 22)


def _ticket_types(hall: Hall, attributes: list[str], hour: int) -> list[SimTicketType]:
    """Prices per area: a premium for 3D and IMAX, a discount before noon."""
    base = 4000 + (1000 if "3D" in attributes else 0) + (2000 if "IMAX" in attributes else 0)
    if hour < 12:
        base -= 500
    types: list[SimTicketType] = []
    for area in hall.areas:
        extra = 2000 if area.area_category_code == PREMIUM_AREA else 0
        suffix = "(优选区)" if extra else ""
        prefix = "1" if extra else "0"
        types += [
            SimTicketType(
                f"{prefix}010", f"标准票{suffix}", "Standard", area.area_category_code, base + extra
            ),
            SimTicketType(
                f"{prefix}020",
                f"学生票{suffix}",
                "Student",
                area.area_category_code,
                base + extra - 1000,
            ),
            SimTicketType(
                f"{prefix}153",
                f"第三方网售{suffix}",
                "Online agent",
                area.area_category_code,
                base + extra - 500,
                service_fee_fen=300,
                channels=("RSP",),  # sold by online agents only, never at the kiosk
            ),
        ]
    return types


def _free_block(
    store: SimStore, session: SimSession, count: int, rng: random.Random
) -> list[SeatCoords]:
    """``count`` free normal seats side by side in one row, for the online bookings."""
    hall = store.hall_for(session)
    rows: dict[tuple[int, int], list[SimSeat]] = {}
    for seat in hall.all_seats():
        if seat.status == FREE and not seat.group and seat.key not in session.sold:
            rows.setdefault((seat.area_number, seat.row_index), []).append(seat)
    options = []
    for seats in rows.values():
        seats.sort(key=lambda s: s.column_index)
        for i in range(len(seats) - count + 1):
            block = seats[i : i + count]
            if block[-1].column_index - block[0].column_index == count - 1:
                options.append([s.key for s in block])
    return rng.choice(options)


def build_demo_store(seed: int | None = None, now: dt.datetime | None = None) -> SimStore:
    """A fresh demo world. With ``seed`` (and ``now``) it is the same every time."""
    rng = random.Random(seed)
    store = SimStore(rng=random.Random(seed))
    now = now or store.clock()
    store.cinemas["0200"] = SimCinema(
        "0200",
        "31011201",
        "沃思达影城(上海店)",
        "Vista Cinemas Shanghai",
        "021-62345678",
        None,
        "上海市静安区南京西路1266号",
        "上海",
    )
    store.cinemas["0201"] = SimCinema(
        "0201",
        "31011202",
        "沃思达影城(北京店)",
        "Vista Cinemas Beijing",
        "010-65432100",
        None,
        "北京市朝阳区建国路87号",
        "北京",
    )
    halls = [
        Hall(
            1,
            "一号厅",
            "Hall 1",
            "3101120101",
            [draw_area(1, STANDARD_AREA, "一号厅", "Hall 1", HALL_1, 1, 0)],
        ),
        Hall(
            2,
            "二号厅(情侣厅)",
            "Hall 2",
            "3101120102",
            [draw_area(1, STANDARD_AREA, "二号厅", "Hall 2", HALL_2, 1, 0)],
        ),
        Hall(
            3,
            "三号厅(IMAX)",
            "Hall 3 IMAX",
            "3101120103",
            [draw_area(1, STANDARD_AREA, "三号厅", "Hall 3", HALL_3, 1, 0)],
        ),
        Hall(
            7,
            "七号厅",
            "Hall 7",
            "3101120107",
            [
                draw_area(1, STANDARD_AREA, "普通区", "Standard", HALL_7_STANDARD, 1, 2),
                draw_area(2, PREMIUM_AREA, "优选区", "Premium", HALL_7_PREMIUM, 4, 0),
            ],
        ),
    ]
    for hall in halls:
        store.halls[("0200", hall.screen_number)] = hall
    store.halls[("0201", 1)] = Hall(
        1,
        "一号厅",
        "Hall 1",
        "3101120201",
        [draw_area(1, STANDARD_AREA, "一号厅", "Hall 1", HALL_1, 1, 0)],
    )
    for index, (film_id, title, title_en, minutes, rating, _) in enumerate(FILMS):
        store.films[film_id] = SimFilm(
            film_id,
            title,
            title_en,
            f"0012004{index:02d}2015"[:12],
            minutes,
            rating,
            f"{title} / {title_en}",
        )

    today = now.astimezone(CHINA).replace(hour=0, minute=0, second=0, microsecond=0)
    next_id = 30001
    screens = [1, 2, 3, 7]
    for day in range(3):
        for index, (film_id, *_rest, attributes) in enumerate(FILMS):
            screen = 3 if "IMAX" in attributes else screens[index % len(screens)]
            for slot, hour in enumerate(SHOW_HOURS):
                if (slot + index) % 2 and screen != 3:
                    continue
                showtime = today + dt.timedelta(days=day, hours=hour, minutes=15 * (index % 4))
                hall = store.halls[("0200", screen)]
                session = SimSession(
                    str(next_id),
                    "0200",
                    film_id,
                    screen,
                    showtime.astimezone(dt.UTC),
                    list(attributes),
                    _ticket_types(hall, attributes, hour),
                )
                store.sessions[session.session_id] = session
                next_id += 1
    # Sessions relative to now, whatever the time of day: one past its sale cutoff and
    # one started but still on sale (selling stops 20 minutes after the start).
    for minutes_ago, (film_id, *_rest, attributes) in ((40, FILMS[0]), (5, FILMS[3])):
        hall = store.halls[("0200", 1)]
        session = SimSession(
            str(next_id),
            "0200",
            film_id,
            1,
            (now - dt.timedelta(minutes=minutes_ago)).replace(second=0, microsecond=0),
            list(attributes),
            _ticket_types(hall, attributes, now.astimezone(CHINA).hour),
        )
        store.sessions[session.session_id] = session
        next_id += 1
    for hour in (14, 20):  # the second cinema proves that filtering by cinema works
        film_id, *_rest, attributes = FILMS[1]
        session = SimSession(
            str(next_id),
            "0201",
            film_id,
            1,
            (today + dt.timedelta(days=1, hours=hour)).astimezone(dt.UTC),
            list(attributes),
            _ticket_types(store.halls[("0201", 1)], attributes, hour),
        )
        store.sessions[session.session_id] = session
        next_id += 1

    upcoming = sorted(
        (
            s
            for s in store.sessions.values()
            if s.cinema_id == "0200" and s.showtime > now + dt.timedelta(hours=2)
        ),
        key=lambda s: (s.showtime, s.session_id),
    )
    # Special sessions: chosen from tomorrow on, so they exist whatever the time of day.
    tomorrow = [s for s in upcoming if s.showtime >= today + dt.timedelta(days=1)]
    small = [s for s in tomorrow if s.screen_number in (1, 2)]
    small[0].marked_sold_out = True
    small[1].private = True
    sold_out = small[2]
    for seat in store.hall_for(sold_out).all_seats():
        if seat.status == FREE:
            sold_out.sold.add(seat.key)
    specials = {small[0].session_id, small[1].session_id, small[2].session_id}

    bookable = [s for s in upcoming if s.session_id not in specials]
    for number in range(5):
        session = bookable[(number * 7) % len(bookable)]
        count = 2 + number % 3
        keys = _free_block(store, session, count, rng)
        hall = store.hall_for(session)
        lines = []
        for key in keys:
            booked = hall.seat(key)
            assert booked is not None
            ticket_type = next(
                t
                for t in session.ticket_types
                if t.area_category_code == booked.area_category_code and t.code.endswith("153")
            )
            lines.append(OrderLine(ticket_type.code, ticket_type.price_fen, key))
        store.create_booking(
            session,
            lines,
            user_session_id=f"{rng.getrandbits(128):032x}",
            card_number_masked="999999..9999",
            card_type="CreditCard",
            tender_category="CreditCard",
            online=True,
            booking_id="WQNX8JL" if number == 0 else None,
        )
    return store
