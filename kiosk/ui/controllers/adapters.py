"""The kiosk's own types (:mod:`kiosk.domain`: films, sessions, seat plans, a pickup's
records) turned into the view-models the screens draw.

The one place that knows both sides. Its only subtle job is the seat plan's
orientation: VISTA counts rows and columns from the top-left of the cinema's own
drawing, which in the seed has the screen at the bottom (seed §3.4), while a
:class:`SeatPlanView` draws row 0 nearest the screen, at the top, as a patron at
the back of the hall sees it. :mod:`plan_turn` decides how each plan is turned
(a rotation, for the seed's drawing); the same turn maps a chosen seat back when
it goes to AddTickets.

Names come in the patron's language where the cinema gave one: VISTA keeps a
second-language name beside each Chinese one (``TitleAlt``, ``DescriptionAlt``),
which Chinese cinemas fill in English. An English-speaking patron sees it; where
it is empty they see the Chinese name, as they would on the cinema's own screens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from kiosk.domain import Film, SeatArea, SeatPlan, SeatPosition, Session, TicketType
from kiosk.flows.collect import CollectPreview
from kiosk.flows.purchase import SeatKey
from kiosk.flows.seat_order import natural_key, seat_key
from kiosk.qt.i18n import Language
from kiosk.ui import english_words
from kiosk.ui.controllers.plan_turn import PlanTurn, TurnSetting
from kiosk.ui.viewmodels import (
    AreaView,
    CollectOrderView,
    CollectTicketView,
    FilmView,
    OrderLineView,
    OrderView,
    RowView,
    SeatCell,
    SeatName,
    SeatPlanView,
    SeatView,
    SessionView,
    TicketTypeView,
)

# How SARFT words a seat ("7排10座"); anything else is shown whole as the row.
_SARFT_SEAT = re.compile(r"^\s*(.+?)\s*排\s*(.+?)\s*座\s*$")


def in_language(name: str, alt: str | None, language: Language) -> str:
    """``name``, or in English its second-language form ``alt`` if the cinema gave one."""
    if language == "en" and alt and alt.strip():
        return alt.strip()
    return name


def film_view(
    film: Film, now: dt.datetime, language: Language = "zh", *, rating: bool = False
) -> FilmView:
    """A film card: the attributes of its sessions (3D, 原版…) and its next start times.
    VISTA's rating only with ``rating`` (the show_film_rating setting): mainland China
    has no rating system, and a G or PG-13 a cinema never chose would mislead."""
    attributes: list[str] = []
    for session in film.sessions:
        attributes += [a for a in session.all_attributes if a not in attributes]
    upcoming = sorted(s.showtime for s in film.sessions if s.showtime >= now)
    return FilmView(
        film.film_id,
        in_language(film.title, film.title_alt, language),
        film.run_time_min or 0,
        _attributes(attributes, language),
        tuple(upcoming),
        (film.rating or "") if rating else "",
        (film.short_code or "").strip(),
    )


def _attributes(words: Sequence[str], language: Language) -> tuple[str, ...]:
    return tuple(english_words.attribute(w) for w in words) if language == "en" else tuple(words)


def hall_name(name: str, language: Language) -> str:
    return english_words.hall(name) if language == "en" else name


def session_view(
    session: Session,
    sale_cutoff: dt.timedelta | None = None,
    language: Language = "zh",
    run_time_min: int | None = None,
) -> SessionView:
    """``sale_cutoff``: how long after the start the kiosk still sells (settings);
    ``run_time_min``: the film's, for when the session ends."""
    return SessionView(
        session.session_id,
        session.showtime,
        hall_name(session.screen_name or str(session.screen_number or ""), language),
        _attributes(session.all_attributes, language),
        session.seats_available,
        sold_out=session.seats_available == 0,
        on_sale_until=None if sale_cutoff is None else session.showtime + sale_cutoff,
        ends_at=session.showtime + dt.timedelta(minutes=run_time_min) if run_time_min else None,
    )


def ticket_type_views(
    ticket_types: Sequence[TicketType], plan: SeatPlan, language: Language = "zh"
) -> list[TicketTypeView]:
    """Ticket types with their area's name, for halls that sell several areas."""
    area_names = {a.area_category_code: _area_name(a, language) for a in plan.areas}
    return [
        TicketTypeView(
            t.ticket_type_code,
            in_language(t.description, t.description_alt, language),
            t.area_category_code,
            t.price_fen,
            area_names.get(t.area_category_code, ""),
        )
        for t in ticket_types
    ]


def _area_name(area: SeatArea, language: Language) -> str:
    return in_language(area.description or "", area.description_alt, language)


def _view_key(turn: PlanTurn, area: SeatArea, position: SeatPosition) -> SeatCell:
    return (
        position.area_number,
        turn.row(area, position.row_index),
        turn.column(area, position.column_index),
    )


def seat_plan_view(
    plan: SeatPlan, language: Language = "zh", turn: TurnSetting = "auto"
) -> SeatPlanView:
    """The plan as drawn for the patron: screen at the top, row 1 just below it, and
    the seats on the patron's left on the left. ``turn``: the seat_plan_turn setting."""
    turned = PlanTurn.of(plan, turn)
    areas: list[AreaView] = []
    # VISTA's Top grows downwards in the cinema's drawing: towards the screen when the
    # drawing has it at the bottom, away from it when at the top.
    for area in sorted(plan.areas, key=lambda a: -a.top if turned.screen_at_bottom else a.top):
        rows: list[RowView] = []
        for row in area.rows:
            if not row.seats:
                continue
            seats = tuple(
                sorted(
                    (
                        SeatView(
                            _view_key(turned, area, seat.position),
                            row.physical_name or "",
                            seat.seat_id,
                            seat.status,
                            turned.style(seat.style),
                            tuple(_view_key(turned, area, p) for p in seat.group or ()),
                            area.area_category_code,
                        )
                        for seat in row.seats
                    ),
                    key=lambda s: s.key[2],
                )
            )
            rows.append(RowView(seats[0].key[1], row.physical_name or "", seats))
        areas.append(
            AreaView(
                area.number,
                area.area_category_code,
                _area_name(area, language),
                area.row_count,
                area.column_count,
                tuple(sorted(rows, key=lambda r: r.row_index)),
            )
        )
    return SeatPlanView(tuple(areas))


def flow_seat(plan: SeatPlan, key: SeatCell, turn: TurnSetting = "auto") -> SeatKey:
    """A seat tapped on the map as AddTickets addresses it (the same turn, undone)."""
    area_number, row, column = key
    area = next(a for a in plan.areas if a.number == area_number)
    turned = PlanTurn.of(plan, turn)
    return SeatKey(area_number, turned.row(area, row), turned.column(area, column))


def seat_names(plan: SeatPlan, keys: Sequence[SeatKey]) -> tuple[SeatName, ...]:
    names: dict[SeatKey, SeatName] = {}
    for area, row, seat in plan.seats():
        position = seat.position
        names[SeatKey(area.number, position.row_index, position.column_index)] = SeatName(
            row.physical_name or "", seat.seat_id
        )
    return tuple(names[k] for k in keys if k in names)


def price_from(ticket_types: Sequence[TicketType]) -> int | None:
    """The lowest price a patron pays for a seat in this session (free passes aside)."""
    return min((t.price_fen for t in ticket_types if t.price_fen > 0), default=None)


def quota(ticket_types: Sequence[TicketType], tickets: Mapping[str, int]) -> dict[str, int]:
    """Seats wanted per area category for the chosen ticket quantities."""
    area = {t.ticket_type_code: t.area_category_code for t in ticket_types}
    wanted: dict[str, int] = {}
    for code, count in tickets.items():
        if count and code in area:
            wanted[area[code]] = wanted.get(area[code], 0) + count
    return wanted


def order_view(
    film_title: str,
    session: Session,
    ticket_types: Sequence[TicketType],
    tickets: Mapping[str, int],
    seats: tuple[SeatName, ...],
    total_fen: int,
    language: Language = "zh",
) -> OrderView:
    """The review: one line per ticket type; whatever Connect adds on top is the booking fee.
    ``film_title`` is already in the patron's language (from the film card)."""
    by_code = {t.ticket_type_code: t for t in ticket_types}
    lines = tuple(
        OrderLineView(
            in_language(by_code[code].description, by_code[code].description_alt, language),
            count,
            by_code[code].price_fen,
        )
        for code, count in tickets.items()
        if count and code in by_code
    )
    tickets_fen = sum(line.price_fen * line.quantity for line in lines)
    return OrderView(
        film_title,
        session.showtime,
        hall_name(session.screen_name or "", language),
        tuple(sorted(seats, key=lambda s: seat_key(s.row_name, s.seat_id))),
        lines,
        max(0, total_fen - tickets_fen),
        total_fen,
    )


def _seat_name(text: str) -> SeatName:
    match = _SARFT_SEAT.match(text)
    return SeatName(match.group(1), match.group(2)) if match else SeatName(text.strip(), "")


def collect_order_view(preview: CollectPreview, language: Language = "zh") -> CollectOrderView:
    """What a pickup code will print, from SARFT's records (price includes the service fee)."""
    return CollectOrderView(
        in_language(preview.film_name, preview.film_name_alt, language),
        preview.show_time,
        hall_name(preview.hall_name, language),
        tuple(
            CollectTicketView(_seat_name(r.seat_name), "", r.price_fen + r.service_fee_fen)
            for r in sorted(preview.records, key=lambda r: natural_key(r.seat_name))
        ),
    )
