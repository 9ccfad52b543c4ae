"""Seat choice: the map, what is chosen so far, why a tap was refused, and Confirm."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.flows.seat_order import seat_key
from kiosk.qt import QBoxLayout, QCoreApplication, QLabel, QPushButton, QVBoxLayout, QWidget, Signal
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.theme import set_style_property
from kiosk.ui.viewmodels import SeatKey, SeatPlanView
from kiosk.ui.widgets.seat_legend import SeatLegend
from kiosk.ui.widgets.seat_map import SeatMap
from kiosk.ui.widgets.seat_rules import Refusal

translate = QCoreApplication.translate


class SeatsScreen(StepScreen):
    seatsConfirmed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = SeatPlanView(areas=())
        self._refusal: Refusal | None = None
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.seat_map = SeatMap()
        self.seat_map.selectionChanged.connect(self._on_selection)
        self.seat_map.refused.connect(self._on_refused)
        self._status = QLabel()
        self._status.setProperty("role", "large")
        self._status.setWordWrap(True)
        self.legend = SeatLegend()
        self.confirm_button = QPushButton()
        self.confirm_button.setProperty("variant", "primary")
        self.confirm_button.setMinimumWidth(360)
        self.confirm_button.clicked.connect(self._confirm)
        self._side = QWidget()
        side = QVBoxLayout(self._side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(theme.GAP_PX)
        side.addWidget(self.legend)
        # The stretch goes above the status line, not into it: a refusal is a short
        # boxed sentence next to Confirm, not a box the height of the panel.
        side.addStretch(1)
        side.addWidget(self._status)
        side.addWidget(self.confirm_button)
        # Portrait: the key and Confirm under the map. Landscape: beside it, so the map
        # keeps the full height that a wide hall needs.
        self._main = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._main.setSpacing(theme.GAP_PX)
        self._main.addWidget(self.seat_map, 1)
        self._main.addWidget(self._side)
        self.body.addWidget(self.notice)
        self.body.addLayout(self._main, 1)
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def set_plan(self, plan: SeatPlanView, quota: Mapping[str, int]) -> None:
        """Show a fresh plan; ``quota`` is seats wanted per area category."""
        self._plan = plan
        self._refusal = None
        self.notice.hide()
        self.seat_map.set_plan(plan, quota)

    def show_seats_taken(self, plan: SeatPlanView, quota: Mapping[str, int]) -> None:
        """Someone else got a chosen seat first: reload the map and tell the patron plainly."""
        self.set_plan(plan, quota)
        self.notice.show()
        self._retranslate()

    def selected_labels(self) -> list[str]:
        """The chosen seats' names in seat order, whatever order they were tapped in."""
        seats = [self._plan.seat(key) for key in self.seat_map.selected()]
        chosen = sorted(
            (s for s in seats if s is not None), key=lambda s: seat_key(s.row_name, s.seat_id)
        )
        return [formatting.seat_name(s.row_name, s.seat_id) for s in chosen]

    def _arrange(self, portrait: bool) -> None:
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.legend.set_columns(4 if portrait else 2)
        if portrait:
            self._side.setMaximumWidth(16777215)
        else:
            self._side.setFixedWidth(520)

    def _on_selection(self, _keys: list[SeatKey]) -> None:
        self._refusal = None
        self._retranslate()

    def _on_refused(self, refusal: Refusal) -> None:
        self._refusal = refusal
        self._retranslate()

    def _confirm(self) -> None:
        if self.seat_map.is_complete():
            self.seatsConfirmed.emit(self.seat_map.selected())

    def _refusal_text(self, refusal: Refusal) -> str:
        return {
            Refusal.UNAVAILABLE: translate(
                "SeatsScreen", "That seat is not available. Please choose a free seat."
            ),
            Refusal.WRONG_AREA: translate(
                "SeatsScreen",
                "Your tickets are for another area. Choose a seat there, or go back"
                " and change tickets.",
            ),
            Refusal.TOO_MANY: translate(
                "SeatsScreen", "You have all your seats. Tap a chosen seat to free it first."
            ),
            Refusal.SOFA_TOO_BIG: translate(
                "SeatsScreen",
                "A couple sofa is sold whole. Choose more tickets, or another seat.",
            ),
        }[refusal]

    def _retranslate(self) -> None:
        self.header.set_title(translate("SeatsScreen", "Choose your seats"))
        self.confirm_button.setText(translate("SeatsScreen", "Confirm seats ›"))
        self.notice.setText(
            translate(
                "SeatsScreen",
                "Sorry, some seats you chose were just taken by someone else."
                " The map is up to date now: please choose again.",
            )
        )
        chosen = self.selected_labels()
        wanted = self.seat_map.wanted()
        if self._refusal is not None:
            text = self._refusal_text(self._refusal)
            set_style_property(self._status, "role", "problem")
        elif chosen:
            text = (
                translate("SeatsScreen", "%1 of %2 chosen: %3")
                .replace("%1", str(len(chosen)))
                .replace("%2", str(wanted))
                .replace("%3", translate("SeatsScreen", ", ").join(chosen))
            )
            set_style_property(self._status, "role", "large")
        else:
            text = translate("SeatsScreen", "Tap %1 free seats on the map.").replace(
                "%1", str(wanted)
            )
            set_style_property(self._status, "role", "large")
        self._status.setText(text)
        self.confirm_button.setEnabled(self.seat_map.is_complete())
