"""Seat choice: the map, what is chosen so far, why a tap was refused, and Confirm.

Nothing under a finger moves while seats are chosen: the line that says what is
chosen, or why a tap was refused, keeps the height of the longest thing it may
say, so a refusal appearing never shrinks the map (portrait) or pushes Confirm.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.flows.seat_order import seat_key
from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QEvent,
    QLabel,
    QObject,
    QPushButton,
    QShowEvent,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import formatting, theme
from kiosk.ui.screens.base import StepScreen
from kiosk.ui.theme import set_style_property
from kiosk.ui.viewmodels import SeatCell, SeatPlanView
from kiosk.ui.widgets.seat_legend import SeatLegend
from kiosk.ui.widgets.seat_map import SeatMap
from kiosk.ui.widgets.seat_rules import Refusal

translate = QCoreApplication.translate


class _Reserved(QWidget):
    """A box of a set height: its word-wrapped text never asks the layout for more
    (a height-for-width child would make the whole screen's minimum grow)."""

    def hasHeightForWidth(self) -> bool:
        return False


class SeatsScreen(StepScreen):
    seatsConfirmed = Signal(list)

    def __init__(self, parent: QWidget | None = None, *, screen_mm: float = 0.0) -> None:
        """``screen_mm``: the panel's diagonal (the setting), to size seats in mm."""
        super().__init__(parent)
        self._plan = SeatPlanView(areas=())
        self._refusal: Refusal | None = None
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.seat_map = SeatMap(screen_mm=screen_mm)
        self.seat_map.selectionChanged.connect(self._on_selection)
        self.seat_map.refused.connect(self._on_refused)
        self.seat_map.zoomed.connect(self._on_zoomed)
        self._status = QLabel()
        self._status.setProperty("role", "large")
        self._status.setWordWrap(True)
        # The status sits at the bottom of a box as tall as its longest text can be.
        self._status_box = _Reserved()
        status_box = QVBoxLayout(self._status_box)
        status_box.setContentsMargins(0, 0, 0, 0)
        status_box.addStretch(1)
        status_box.addWidget(self._status)
        self._probe = QLabel(self)
        self._probe.setWordWrap(True)
        self._probe.hide()
        self._status_width = -1
        # what the status box's height was measured for (width, every text it may say)
        # and the height found
        self._measured: tuple[int, list[tuple[str, str]], int] | None = None
        self._status_box.installEventFilter(self)
        self.legend = SeatLegend()
        self.confirm_button = QPushButton()
        self.confirm_button.setProperty("variant", "primary")
        self.confirm_button.setMinimumWidth(360)
        self.confirm_button.clicked.connect(self._confirm)
        self._side = QWidget()
        side = QVBoxLayout(self._side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(theme.GAP_PX)
        # Zoom beside the key (portrait) or above it (landscape), never beside the plan.
        self._key_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._key_row.setSpacing(theme.GAP_PX)
        self._key_row.addWidget(self.seat_map.zoom_controls, 0, Qt.AlignmentFlag.AlignTop)
        self._key_row.addWidget(self.legend, 1)
        side.addLayout(self._key_row)
        # The stretch goes above the status line, not into it: a refusal is a short
        # boxed sentence next to Confirm, not a box the height of the panel.
        side.addStretch(1)
        self._action_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._action_row.setSpacing(theme.GAP_PX)
        self._action_row.addWidget(self._status_box, 1)
        self._action_row.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignBottom)
        side.addLayout(self._action_row)
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
        self._reserve_status_height()

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
        # Beside the map only where a wide landscape leaves it the room. A narrower
        # landscape (the demo's window) gives the map the full width and keeps the rows
        # under it low: the key beside the zoom, Confirm beside the status line.
        beside = self.is_wide()
        across = QBoxLayout.Direction.LeftToRight
        down = QBoxLayout.Direction.TopToBottom
        self._main.setDirection(across if beside else down)
        self._key_row.setDirection(down if beside else across)
        self._action_row.setDirection(across if not beside and not portrait else down)
        self.legend.set_columns(2 if beside else 3 if portrait else 4)
        if beside:
            self._side.setFixedWidth(520)
        else:
            self._side.setMinimumWidth(0)
            self._side.setMaximumWidth(16777215)

    def _on_selection(self, _keys: list[SeatCell]) -> None:
        self._refusal = None
        self._retranslate()

    def _on_refused(self, refusal: Refusal) -> None:
        self._refusal = refusal
        self._retranslate()

    def _on_zoomed(self) -> None:
        # A refusal is about the last tap; after a zoom it would be about nothing in view.
        if self._refusal is not None:
            self._refusal = None
            self._retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # measured before the patron can touch anything: a box sized later would move
        # the map under a finger
        self._reserve_status_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self._status_box and event.type() == QEvent.Type.Resize
        if resized and self._status_box.width() != self._status_width:
            # not inside its own resize: the box's layout would keep the old height
            QTimer.singleShot(0, self, self._reserve_status_height)
        return False

    def _status_texts(self) -> list[tuple[str, str]]:
        """Everything the status line may say for this plan, with its role: the height
        of the longest is kept for it."""
        wanted = max(1, self.seat_map.wanted())
        longest = [formatting.seat_name("88", "88")] * wanted
        return [("problem", self._refusal_text(refusal)) for refusal in Refusal] + [
            ("large", self._chosen_text(longest, wanted)),
            ("large", self._tap_text(wanted)),
        ]

    def _reserve_status_height(self) -> None:
        if not self._status_box.isVisible():
            return  # a hidden widget's width is a placeholder: measured once shown
        width = self._status_box.width()
        self._status_width = width
        texts = self._status_texts()
        if self._measured == (width, texts, self._status_box.height()):
            # every tap comes here: the same words at the same width need the same height,
            # and measuring them re-styles the probe once a text (3-6 ms a tap)
            return
        tallest = 0
        for role, text in texts:
            set_style_property(self._probe, "role", role)
            self._probe.setText(text)
            self._probe.ensurePolished()
            tallest = max(tallest, self._probe.heightForWidth(width))
        self._measured = (width, texts, tallest)
        if tallest != self._status_box.height():
            self._status_box.setFixedHeight(tallest)
            # laid out now, not at the next event: the map takes its size at once
            layout = self.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()

    def _chosen_text(self, chosen: list[str], wanted: int) -> str:
        names = [formatting.unbroken(name) for name in chosen]
        return (
            translate("SeatsScreen", "%1 of %2 chosen: %3")
            .replace("%1", str(len(chosen)))
            .replace("%2", str(wanted))
            .replace("%3", translate("SeatsScreen", ", ").join(names))
        )

    def _tap_text(self, wanted: int) -> str:
        return formatting.no_orphan(
            translate("SeatsScreen", "Tap %1 free seats on the map.").replace("%1", str(wanted))
        )

    def _confirm(self) -> None:
        if self.seat_map.is_complete():
            self.seatsConfirmed.emit(self.seat_map.selected())

    def _refusal_text(self, refusal: Refusal) -> str:
        text = {
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
        return formatting.no_orphan(text)

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
            text, role = self._refusal_text(self._refusal), "problem"
        elif chosen:
            text, role = self._chosen_text(chosen, wanted), "large"
        else:
            text, role = self._tap_text(wanted), "large"
        if self._status.property("role") != role:  # re-styling is the slow part of a tap
            set_style_property(self._status, "role", role)
        self._status.setText(text)
        self.confirm_button.setEnabled(self.seat_map.is_complete())
        self._reserve_status_height()
