"""Progress after payment: what the kiosk is doing now, so nobody walks away mid-print."""

from __future__ import annotations

from kiosk.qt import QCoreApplication, QLabel, QProgressBar, Qt, QVBoxLayout, QWidget
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen
from kiosk.ui.viewmodels import ProgressStep
from kiosk.ui.widgets.busy import Spinner
from kiosk.ui.widgets.inactivity import IdlePolicy

translate = QCoreApplication.translate


class ProgressScreen(Screen):
    idle_policy = IdlePolicy.OFF

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step = ProgressStep.CONFIRMING_PAYMENT
        self._done = 0
        self._total = 0
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._title.setWordWrap(True)
        self._detail = QLabel()
        self._detail.setProperty("role", "large")
        self._detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._detail.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self._stay = QLabel()
        self._stay.setProperty("role", "accent")
        self._stay.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stay.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 3, theme.MARGIN_PX, theme.MARGIN_PX * 3, 80)
        box.setSpacing(theme.GAP_PX * 2)
        box.addStretch(2)
        box.addWidget(Spinner(), 0, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self._title)
        box.addWidget(self._detail)
        box.addWidget(self.bar)
        box.addStretch(3)
        box.addWidget(self._stay)
        self.translated(self._retranslate)

    def show_step(self, step: ProgressStep, done: int = 0, total: int = 0) -> None:
        """Show a step; ``done``/``total`` count printed tickets while printing."""
        self._step, self._done, self._total = step, done, total
        self._retranslate()

    def _retranslate(self) -> None:
        titles = {
            ProgressStep.CONFIRMING_PAYMENT: translate("ProgressScreen", "Confirming your payment"),
            ProgressStep.BOOKING: translate("ProgressScreen", "Booking your seats"),
            ProgressStep.FINDING_TICKETS: translate("ProgressScreen", "Finding your tickets"),
            ProgressStep.PRINTING: translate("ProgressScreen", "Printing your tickets"),
        }
        self._title.setText(titles[self._step])
        if self._step is ProgressStep.PRINTING and self._total:
            self._detail.setText(
                translate("ProgressScreen", "Ticket %1 of %2")
                .replace("%1", str(min(self._done + 1, self._total)))
                .replace("%2", str(self._total))
            )
            self.bar.setRange(0, self._total)
            self.bar.setValue(self._done)
        else:
            self._detail.setText(translate("ProgressScreen", "This takes a few seconds."))
            self.bar.setRange(0, 0)
        self._stay.setText(
            translate("ProgressScreen", "Please stay here until your tickets are printed.")
        )
