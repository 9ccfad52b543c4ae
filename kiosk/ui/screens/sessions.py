"""Sessions of one film, by day: the patron picks a day, then a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime

from kiosk.qt import (
    QButtonGroup,
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.viewmodels import FilmView, SessionView
from kiosk.ui.widgets.big_button import LayoutButton
from kiosk.ui.widgets.layouts import place_in_columns, touch_scroll

translate = QCoreApplication.translate

# Below this many free seats the session button says so, to set expectations before the map.
FEW_SEATS = 15
# How often a shown list looks again for sessions that passed their sale cutoff.
RECHECK_MS = 20_000


def _system_now() -> datetime:
    return datetime.now(UTC)


class SessionButton(LayoutButton):
    """One session: when it starts and ends, where, its lowest price once known. A
    sold-out one, or one past its sale cutoff, is dimmed with a tag saying why and
    cannot be tapped (booking it could only end on the error screen).

    A tile is built for an available or an unavailable session (the two are styled
    and laid out apart) and then shows any session of the same kind
    (:meth:`show_session`): the sessions screen keeps its tiles from one film to the
    next instead of building new ones."""

    def __init__(
        self, session: SessionView, now: datetime | None = None, price_fen: int | None = None
    ) -> None:
        super().__init__()
        self.unavailable = unavailable = self.is_unavailable(session, now)
        self.setProperty("variant", "card")
        self.setProperty("unavailable", unavailable)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setEnabled(not unavailable)
        self.time = time_label = QLabel()
        time_label.setObjectName("bigTitle")
        self.ends = ends = QLabel()
        ends.setProperty("role", "muted")
        self.price = price = QLabel()
        price.setObjectName("sessionPrice")
        price.setProperty("role", "accent")
        self.detail = detail = QLabel()
        detail.setWordWrap(True)
        self.state = state = QLabel()
        state.setObjectName("sessionState")
        state.setProperty("role", "tag" if unavailable else "accent")
        top = QHBoxLayout()
        top.setSpacing(theme.GAP_PX // 2)
        top.addWidget(time_label)
        top.addWidget(ends, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 16, 24, 16)
        box.setSpacing(6)
        box.addLayout(top)
        box.addWidget(detail)
        if unavailable:
            # The tag beside the time: the reason is the first thing read on a dimmed card.
            top.addWidget(state, 0, Qt.AlignmentFlag.AlignVCenter)
        else:
            # what it costs, then how few seats are left, each whole on its own line
            box.addWidget(price)
            box.addWidget(state)
        for label in (time_label, ends, price, detail, state):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.show_session(session, now, price_fen)

    @staticmethod
    def is_unavailable(session: SessionView, now: datetime | None) -> bool:
        return session.sold_out or (now is not None and session.sale_closed(now))

    def show_session(
        self, session: SessionView, now: datetime | None = None, price_fen: int | None = None
    ) -> None:
        """Show ``session`` on this tile, which must be of its kind (available or not);
        words already shown are left as they are (Qt lays out again only what changed)."""
        self.session = session
        self.closed = closed = now is not None and session.sale_closed(now)
        if self.is_unavailable(session, now) != self.unavailable:
            raise ValueError("a tile shows only sessions of its own kind")
        self.time.setText(formatting.clock(session.starts_at))
        self.ends.setText(
            translate("SessionsScreen", "ends %1").replace("%1", formatting.clock(session.ends_at))
            if session.ends_at is not None and not self.unavailable
            else ""
        )
        self.price.setText(self._price_text(price_fen))
        # A hall named for its format ("1号厅 IMAX") need not say IMAX twice. Each part
        # stays whole on its line ("国语", "Original version"); lines break between them.
        shown = [a for a in session.attributes if a not in session.screen_name]
        self.detail.setText(
            " · ".join(formatting.unbroken(w) for w in (session.screen_name, *shown))
        )
        self.state.setText(self._availability(session, closed))
        for label in (self.ends, self.price, self.state):
            label.setVisible(bool(label.text()))

    def set_price(self, price_fen: int | None) -> None:
        """The lowest price, once Connect said (the tile is built before)."""
        text = self._price_text(price_fen)
        self.price.setText(text)
        self.price.setVisible(bool(text))

    def _price_text(self, price_fen: int | None) -> str:
        if price_fen is None or self.unavailable:
            return ""
        return translate("SessionsScreen", "from %1").replace("%1", formatting.money(price_fen))

    @staticmethod
    def _availability(session: SessionView, closed: bool) -> str:
        if session.sold_out:
            return translate("SessionsScreen", "Sold out")
        if closed:
            return translate("SessionsScreen", "Not on sale")
        if session.seats_available is not None and session.seats_available <= FEW_SEATS:
            return translate("SessionsScreen", "Only %1 seats left").replace(
                "%1", str(session.seats_available)
            )
        return ""


class SessionsScreen(StepScreen):
    sessionChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._film: FilmView | None = None
        self._sessions: tuple[SessionView, ...] = ()
        self._prices: dict[str, int] = {}
        self._today = formatting.today()
        self._day: date | None = None
        self._columns = 2
        self._clock: Callable[[], datetime] = _system_now
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._recheck_sale)
        self._facts = QLabel()
        self._facts.setProperty("role", "muted")
        self._facts.setWordWrap(True)
        self._day_row = QHBoxLayout()
        self._day_row.setSpacing(theme.GAP_PX // 2)
        self._day_row.addStretch(1)
        self._days = QButtonGroup(self)
        self._days.setExclusive(True)
        self._pick_time = QLabel()
        self._pick_time.setProperty("role", "large")
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.GAP_PX)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = touch_scroll(self._grid_host)
        self._buttons: list[SessionButton] = []  # the tiles shown, in the grid's order
        self._tiles: list[SessionButton] = []  # every tile made: shown, or spare
        self._placed: tuple[tuple[SessionButton, ...], int] = ((), 0)
        self._day_buttons: list[QPushButton] = []  # shown for the first days, or spare
        self._shown_days: list[date] = []
        self._built_in = ""  # the tiles' language, as one of their words
        self.body.addWidget(self._facts)
        self.body.addLayout(self._day_row)
        self.body.addWidget(self._pick_time)
        self.body.addWidget(scroll, 1)
        self.translated(self._render)
        self.on_orientation(self._arrange)

    def show_sessions(
        self,
        film: FilmView,
        sessions: Sequence[SessionView],
        today: date | None = None,
        clock: Callable[[], datetime] | None = None,
        prices: Mapping[str, int] | None = None,
    ) -> None:
        """``clock``: the time the sale cutoffs are judged by (the flows' clock);
        ``prices``: the lowest prices already known (the rest come by
        :meth:`show_prices`; written on the tiles as they are built, the tiles are not
        laid out and painted once more for them)."""
        self._film = film
        self._sessions = tuple(sorted(sessions, key=lambda s: s.starts_at))
        self._prices = dict(prices or {})
        self._today = today or formatting.today()
        self._clock = clock or _system_now
        days = self._session_days()
        self._day = days[0] if days else None
        self._render()
        self._recheck.start()

    def show_prices(self, prices: Mapping[str, int]) -> None:
        """The lowest price of each session (fen, by session id), once Connect said:
        written on the tiles already there (building the screen again held the event
        loop 10-20 ms, just after it had been built)."""
        self._prices = dict(prices)
        if self._built_in != translate("SessionsScreen", "from %1"):
            self._render()  # the language changed since: every word on the tiles changes
            return
        for button in self._buttons:
            button.set_price(self._prices.get(button.session.session_id))

    def days(self) -> list[date]:
        return self._session_days()

    def select_day(self, day: date) -> None:
        if day == self._day and self._buttons:
            return  # the day shown tapped again: its tiles stand (the timer greys closings)
        self._day = day
        self._render()

    def session_buttons(self) -> list[SessionButton]:
        return list(self._buttons)

    def _recheck_sale(self) -> None:
        """A patron may linger on this screen past a session's cutoff: grey it then."""
        if not self.isVisible():
            return
        now = self._clock()
        if any(b.session.sale_closed(now) != b.closed for b in self._buttons):
            self._render()

    def _session_days(self) -> list[date]:
        return sorted({formatting.local(s.starts_at).date() for s in self._sessions})

    def _arrange(self, portrait: bool) -> None:
        # A session tile needs ~450 px for its time and end, hall, price and seats left.
        self._columns = 3 if self.is_wide() else 2
        self._place()

    def _render(self) -> None:
        """Show the film's sessions of the day chosen on the tiles and day buttons the
        screen already has, making only those it lacks: building the tiles anew at each
        film's tap held the event loop 10-20 ms (widgets made, styled, laid out)."""
        film = self._film
        self.header.set_title(film.title if film else translate("SessionsScreen", "Choose a time"))
        if film is not None:
            facts = [formatting.minutes(film.run_time_min), film.rating, *film.attributes]
            self._facts.setText(" · ".join(f for f in facts if f))
        self._pick_time.setText(translate("SessionsScreen", "Choose a time"))
        self._render_days()
        self._built_in = translate("SessionsScreen", "from %1")
        shown = [s for s in self._sessions if formatting.local(s.starts_at).date() == self._day]
        now = self._clock()
        spare = list(self._tiles)
        buttons: list[SessionButton] = []
        for session in shown:
            price = self._prices.get(session.session_id)
            unavailable = SessionButton.is_unavailable(session, now)
            tile = next((t for t in spare if t.unavailable == unavailable), None)
            if tile is None:
                tile = SessionButton(session, now, price)
                tile.clicked.connect(
                    lambda _=False, t=tile: self.sessionChosen.emit(t.session.session_id)
                )
                self._tiles.append(tile)
            else:
                spare.remove(tile)
                tile.show_session(session, now, price)
            buttons.append(tile)
        for tile in spare:
            if tile in self._buttons:
                self._grid.removeWidget(tile)
            tile.hide()
        self._buttons = buttons
        self._place()
        for tile in buttons:
            tile.setVisible(True)

    def _render_days(self) -> None:
        days = self._session_days()
        while len(self._day_buttons) < len(days):
            button = QPushButton()
            button.setCheckable(True)
            index = len(self._day_buttons)
            button.clicked.connect(lambda _=False, i=index: self.select_day(self._shown_days[i]))
            self._day_row.insertWidget(self._day_row.count() - 1, button)
            self._day_buttons.append(button)
        self._shown_days = days
        for index, button in enumerate(self._day_buttons):
            if index < len(days):
                day = days[index]
                button.setText(formatting.day_label(day, self._today, dated=True))
                if button.group() is None:
                    self._days.addButton(button)
                button.setChecked(day == self._day)
                button.setVisible(True)
            else:
                if button.group() is not None:
                    self._days.removeButton(button)
                button.setChecked(False)
                button.hide()

    def _place(self) -> None:
        placed = (tuple(self._buttons), self._columns)
        if placed != self._placed:  # the grid already holds these tiles so: leave it be
            self._placed = placed
            place_in_columns(self._grid, self._buttons, self._columns)
