"""Printing stopped part-way: how many tickets came out of how many, and where to go.

The reference (查询码) is what staff look the booking up by (its pickup code), the
biggest type on the screen and as a QR code the patron can photograph, or hold up
to the desk's scanner.
Staff are named the way their own screen names the transaction
(:func:`kiosk.ui.admin.wording.owed_tickets_path`), so patron and staff speak of
the same thing.
"""

from __future__ import annotations

from kiosk.qt import (
    QBoxLayout,
    QCoreApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.admin import wording
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.error import ReferenceView
from kiosk.ui.viewmodels import PrintStoppedView
from kiosk.ui.widgets.fit_label import FitLabel
from kiosk.ui.widgets.inactivity import IdlePolicy
from kiosk.ui.widgets.qr_view import QrView

translate = QCoreApplication.translate

QR_PX = 260


class _Count(QFrame):
    """One big number and what it counts."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_color(color)
        self.label = QLabel()
        self.label.setProperty("role", "large")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(24, 16, 24, 16)
        box.setSpacing(4)
        box.addWidget(self.number)
        box.addWidget(self.label)

    def set_color(self, color: str) -> None:
        self.number.setStyleSheet(
            f"font-size: {theme.HERO_PX}px; font-weight: bold; color: {color};"
        )


class PrintStoppedScreen(Screen):
    idle_policy = IdlePolicy.HOME

    finishRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = PrintStoppedView(0, 0, "")
        # "1 of 3 tickets came out" in one line where it can: a smaller size before a
        # wrap, which in a narrow window squeezed the counts below it.
        self._title = FitLabel(theme.HEADING_PX, theme.BODY_PX + 2)
        self.printed = _Count(theme.SUCCESS)
        self.not_printed = _Count(theme.DANGER)
        counts = QHBoxLayout()
        counts.setSpacing(theme.GAP_PX)
        counts.addWidget(self.printed, 1)
        counts.addWidget(self.not_printed, 1)
        self._doubt = QLabel()
        self._doubt.setProperty("role", "notice")
        self._doubt.setWordWrap(True)
        self._todo = QLabel()
        self._todo.setProperty("role", "large")
        self._todo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._todo.setWordWrap(True)
        self.qr = QrView(QR_PX)
        self.reference_view = ReferenceView()
        self.reference = self.reference_view.code
        self._photo = QLabel()
        self._photo.setProperty("role", "muted")
        self._photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._photo.setWordWrap(True)
        self.staff = QLabel()
        self.staff.setObjectName("staffWords")
        self.staff.setProperty("role", "muted")
        self.staff.setStyleSheet(f"font-size: {theme.SMALL_PX}px;")
        self.staff.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff.setWordWrap(True)
        self.finish_button = QPushButton()
        self.finish_button.setProperty("variant", "primary")
        self.finish_button.setMinimumWidth(420)
        self.finish_button.clicked.connect(self.finishRequested)

        told = QVBoxLayout()
        told.setSpacing(theme.GAP_PX)
        told.addWidget(self._title)
        told.addLayout(counts)
        told.addWidget(self._doubt)
        told.addWidget(self._todo)
        code = QVBoxLayout()
        code.setSpacing(theme.GAP_PX // 2)
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addWidget(self.reference_view)
        code.addWidget(self._photo)
        # Landscape: what happened on the left, the reference on the right.
        self._main = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._main.setSpacing(theme.GAP_PX * 2)
        self._main.addLayout(told, 3)
        self._main.addLayout(code, 2)
        box = QVBoxLayout(self)
        box.setContentsMargins(theme.MARGIN_PX * 2, theme.MARGIN_PX, theme.MARGIN_PX * 2, 48)
        box.setSpacing(theme.GAP_PX)
        box.addStretch(1)
        box.addLayout(self._main)
        box.addStretch(1)
        box.addWidget(self.staff)
        box.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def show_stopped(self, view: PrintStoppedView) -> None:
        self._view = view
        self.qr.set_payload(view.reference)
        self._retranslate()

    def view(self) -> PrintStoppedView:
        return self._view

    def _arrange(self, portrait: bool) -> None:
        self._main.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _retranslate(self) -> None:
        view = self._view
        self._title.set_full_text(
            translate("PrintStoppedScreen", "Printing stopped: %1 of %2 tickets came out")
            .replace("%1", str(view.printed))
            .replace("%2", str(view.total))
        )
        self.printed.number.setText(
            translate("PrintStoppedScreen", "%1", "a number of tickets").replace(
                "%1", str(view.printed)
            )
        )
        self.printed.label.setText(translate("PrintStoppedScreen", "came out"))
        self.not_printed.number.setText(
            translate("PrintStoppedScreen", "%1", "a number of tickets").replace(
                "%1", str(view.not_printed)
            )
        )
        self.not_printed.label.setText(translate("PrintStoppedScreen", "did not come out"))
        self._doubt.setText(
            translate(
                "PrintStoppedScreen",
                "%1 of those may have come out only in part: if you find one in the slot,"
                " please hand it to staff too.",
            ).replace("%1", str(view.in_doubt))
        )
        self._doubt.setVisible(view.in_doubt > 0)
        if view.printed:
            todo = translate(
                "PrintStoppedScreen",
                "Please take the tickets that came out, and show the reference at the service"
                " desk for the rest.",
            )
        else:
            todo = translate(
                "PrintStoppedScreen",
                "Please show the reference at the service desk for your tickets.",
            )
        self._todo.setText(todo)
        # Nothing out is no good news: the count is not shown in the colour of success.
        self.printed.set_color(theme.SUCCESS if view.printed else theme.TEXT_MUTED)
        self.reference_view.show_reference(view.reference)
        self._photo.setText(
            translate("PrintStoppedScreen", "You may photograph this screen to keep it.")
        )
        self.staff.setText(
            translate("PrintStoppedScreen", "For staff: %1").replace(
                "%1", wording.owed_tickets_path()
            )
        )
        self.finish_button.setText(translate("PrintStoppedScreen", "Finish"))
