"""Recent: the latest transactions, newest first, and how each one ended.

For the patron at the counter ("I paid at the kiosk a few minutes ago"): staff find
the purchase by its time, or by the reference on the patron's screen, and see if
it was booked (with the pickup code), refunded, or is still being settled. The
Attention tab lists only what is still open; this one keeps the ended ones too.
"""

from __future__ import annotations

from kiosk.qt import QCoreApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from kiosk.qt.aio import async_slot
from kiosk.ui import theme
from kiosk.ui.admin.attention_section import TransactionCard
from kiosk.ui.admin.section import Section
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.widgets.layouts import clear_layout, scrolled_list

translate = QCoreApplication.translate

# About an hour of a busy kiosk: enough to find a patron who just left the screen.
RECENT_LIMIT = 30


class RecentSection(Section):
    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.cards: list[TransactionCard] = []
        self.reload_button = QPushButton()
        self.reload_button.setProperty("variant", "primary")
        self.reload_button.clicked.connect(self.reload)
        self._empty = QLabel()
        self._empty.setProperty("role", "large")
        self._list, scroll = scrolled_list(theme.GAP_PX)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.reload_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.GAP_PX)
        box.addLayout(top)
        box.addWidget(self._empty)
        box.addWidget(scroll, 1)
        self.translated(self._retranslate)

    @async_slot
    async def reload(self) -> None:
        await self.act("recent", self._load)

    async def _load(self) -> str:
        journal = self._services.journal
        cards = [TransactionCard(txn, [], None) for txn in await journal.latest(RECENT_LIMIT)]
        clear_layout(self._list)
        self.cards = cards
        for card in cards:
            self._list.addWidget(card)
        self._empty.setVisible(not cards)
        return ""

    def _retranslate(self) -> None:
        self.reload_button.setText(translate("RecentSection", "Reload"))
        self._empty.setText(translate("RecentSection", "No transactions yet."))
