"""The staff admin screen: a header (language, Close) and one section at a time.

Sections: Health, Attention, Reprint, Tools, Recent. Opening the screen shows Health
and re-reads health and the transactions, so staff see the current state.
"""

from __future__ import annotations

from kiosk.qt import (
    QButtonGroup,
    QCoreApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLocale,
    QPoint,
    QPushButton,
    QResizeEvent,
    QScrollArea,
    QStackedWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui import theme
from kiosk.ui.admin import wording
from kiosk.ui.admin.attention_section import AttentionSection
from kiosk.ui.admin.health_section import HealthSection
from kiosk.ui.admin.recent_section import RecentSection
from kiosk.ui.admin.reprint_section import ReprintSection
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.admin.tools_section import ToolsSection
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.inactivity import IdlePolicy
from kiosk.ui.widgets.layouts import place_in_columns, touch_scroll

translate = QCoreApplication.translate

# Narrower than this, the tabs take two rows.
NAV_ONE_ROW_PX = 1200


class AdminScreen(Screen):
    # Staff get their own idle logout (kiosk.ui.admin.idle_logout), never the patron's
    # "Are you still there? ... cancels this order".
    idle_policy = IdlePolicy.OFF
    closeRequested = Signal()
    languageRequested = Signal(str)

    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.health = HealthSection(services)
        self.attention = AttentionSection(services)
        self.reprint = ReprintSection(services)
        self.tools = ToolsSection(services)
        self.recent = RecentSection(services)
        self._title = QLabel()
        self._title.setProperty("role", "heading")
        self.language_button = QPushButton()
        self.language_button.setProperty("variant", "quiet")
        self.language_button.clicked.connect(self._toggle_language)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.closeRequested)
        header = QFrame()
        header.setProperty("role", "header")
        top = QHBoxLayout(header)
        top.setContentsMargins(theme.MARGIN_PX // 2, 16, theme.MARGIN_PX // 2, 16)
        top.setSpacing(theme.GAP_PX)
        top.addWidget(self._title, 1)
        top.addWidget(self.language_button)
        top.addWidget(self.close_button)
        self.pages = QStackedWidget()
        self.tabs = QButtonGroup(self)
        self.tabs.setExclusive(True)
        # The tabs: one row on a wide panel, two on a narrow one (five tabs of a portrait
        # panel's 1080 pixels cut "Attention" short).
        self.nav = QWidget()
        self._nav_columns = 0
        self._nav = QGridLayout(self.nav)
        self._nav.setContentsMargins(0, 0, 0, 0)
        self._nav.setSpacing(theme.GAP_PX // 2)
        # Each section scrolls on its own: a window smaller than the panel (`kiosk demo`
        # beside its panel) stacks it and lets staff scroll it rather than squeeze the
        # keypad's keys together, and one tab's scrolling must not leave the next one
        # opened halfway down (or blank, scrolled past its end).
        self._scrolls: list[QScrollArea] = []
        for index, section in enumerate(self.sections()):
            tab = QPushButton()
            tab.setCheckable(True)
            self.tabs.addButton(tab, index)
            scroll = touch_scroll(section)
            self._scrolls.append(scroll)
            self.pages.addWidget(scroll)
        self.tabs.idClicked.connect(self._open_tab)
        self.reprint.resultsShown.connect(self._reveal_reprint_results)
        body = QVBoxLayout()
        body.setContentsMargins(theme.MARGIN_PX, theme.GAP_PX, theme.MARGIN_PX, theme.MARGIN_PX)
        body.setSpacing(theme.GAP_PX)
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(header)
        outer.addLayout(body, 1)
        self.translated(self._retranslate)
        self.on_orientation(self._arrange)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = len(self.tabs.buttons()) if self.width() >= NAV_ONE_ROW_PX else 3
        if columns != self._nav_columns:
            self._nav_columns = columns
            place_in_columns(self._nav, self.tabs.buttons(), columns)

    def _arrange(self, portrait: bool) -> None:
        stacked = not self.is_wide()
        self.reprint.arrange(stacked)
        self.attention.arrange(stacked)

    def sections(self) -> list[QWidget]:
        return [self.health, self.attention, self.reprint, self.tools, self.recent]

    def show_section(self, section: QWidget) -> None:
        index = self.sections().index(section)
        self.tabs.button(index).setChecked(True)
        self._open_tab(index)

    def current_section(self) -> QWidget:
        return self.sections()[self.pages.currentIndex()]

    def scroll_of(self, section: QWidget) -> QScrollArea:
        return self._scrolls[self.sections().index(section)]

    def _open_tab(self, index: int) -> None:
        """A tab opens at its top, whatever was done on it before."""
        self.pages.setCurrentIndex(index)
        self._scrolls[index].verticalScrollBar().setValue(0)

    def _reveal_reprint_results(self) -> None:
        # Below the keypad on a stacked layout: staff would not know the search answered.
        # After the next layout pass, when the scroll range holds the new rows.
        QTimer.singleShot(0, self._scroll_to_reprint_results)

    def _scroll_to_reprint_results(self) -> None:
        scroll = self.scroll_of(self.reprint)
        top = self.reprint.results_top().mapTo(self.reprint, QPoint(0, 0)).y()
        scroll.verticalScrollBar().setValue(top)
        if self.reprint.rows:  # and at least the first ticket's Reprint button
            scroll.ensureWidgetVisible(self.reprint.rows[0], 0, 0)

    def open(self) -> None:
        """Fresh facts each time staff come in."""
        self.show_section(self.health)
        self.health.refresh()
        self.attention.reload()
        self.recent.reload()

    def _toggle_language(self) -> None:
        self.languageRequested.emit(str(self.language_button.property("target")))

    def _retranslate(self) -> None:
        self._title.setText(translate("AdminScreen", "Staff admin"))
        # The button names the other language in that language, as on the home screen.
        target = "en" if QLocale().language() == QLocale.Language.Chinese else "zh"
        self.language_button.setProperty("target", target)
        self.language_button.setText("English" if target == "en" else "中文")
        self.close_button.setText(translate("AdminScreen", "Close"))
        for index, text in enumerate(
            (
                translate("AdminScreen", "Health"),
                wording.attention_tab(),
                translate("AdminScreen", "Reprint"),
                translate("AdminScreen", "Tools"),
                translate("AdminScreen", "Recent"),
            )
        ):
            self.tabs.button(index).setText(text)
