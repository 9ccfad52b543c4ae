"""Health: each service the kiosk needs, working or not and why, the paper level, and
the last daily reconciliation's verdict."""

from __future__ import annotations

import logging

from kiosk.domain.printer import PrinterStatus
from kiosk.health import Health
from kiosk.journal import AuditEntry
from kiosk.qt import (
    QCoreApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from kiosk.qt.aio import async_slot
from kiosk.reconcile import RECONCILE_ACTION
from kiosk.ui import theme
from kiosk.ui.admin import wording
from kiosk.ui.admin.section import Section
from kiosk.ui.admin.services import AdminServices
from kiosk.ui.widgets.layouts import clear_layout

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

_MARKS = {"ok": theme.SUCCESS, "warning": theme.ACCENT, "failed": theme.DANGER}


def service_name(service: str) -> str:
    return {
        "connect": translate("HealthSection", "Cinema system (VISTA Connect)"),
        "sarft": translate("HealthSection", "Ticket collection service (SARFT)"),
        "payment": translate("HealthSection", "Payment"),
        "printer": translate("HealthSection", "Ticket printer"),
    }.get(service, service)


def verdict(health: Health) -> str:
    """ok, warning or failed: the word and colour staff read first."""
    if not health.ok:
        return "failed"
    return "warning" if health.warning else "ok"


def reconcile_verdict(entry: AuditEntry | None) -> str:
    """All matched: ok; a mismatch: failed; never run, or a bill unread: warning."""
    if entry is None:
        return "warning"
    if entry.details.get("mismatches"):
        return "failed"
    return "warning" if entry.details.get("unavailable") else "ok"


def verdict_text(value: str) -> str:
    return {
        "ok": translate("HealthSection", "Working"),
        "warning": translate("HealthSection", "Needs attention"),
        "failed": translate("HealthSection", "Not working"),
    }[value]


def paper_text(status: PrinterStatus) -> str:
    if status.unknown or not status.checked:
        return translate("HealthSection", "Paper: unknown")
    if status.paper_out:
        return translate("HealthSection", "Paper: out")
    if status.paper_near_end:
        return translate("HealthSection", "Paper: near end")
    return translate("HealthSection", "Paper: OK")


class HealthSection(Section):
    def __init__(self, services: AdminServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._results: list[Health] = []
        self._reconciled: AuditEntry | None = None
        self.refresh_button = QPushButton()
        self.refresh_button.setProperty("variant", "primary")
        self.refresh_button.clicked.connect(self.refresh)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(theme.GAP_PX)
        self.rows.setVerticalSpacing(theme.GAP_PX)
        self.rows.setColumnStretch(0, 1)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.GAP_PX)
        box.addLayout(top)
        box.addLayout(self.rows)
        box.addStretch(1)
        self.translated(self._retranslate)

    def results(self) -> list[Health]:
        return list(self._results)

    @async_slot
    async def refresh(self) -> None:
        async def check() -> str:
            results = await self._services.check_health()
            found = await self._services.journal.audit_log(1, actions=[RECONCILE_ACTION])
            # Both at once, with the rows: results() never runs ahead of the screen.
            self._results = results
            self._reconciled = found[0] if found else None
            self._show()
            return ""

        await self.act("health", check)

    def reconciliation(self) -> AuditEntry | None:
        return self._reconciled

    def _show(self) -> None:
        clear_layout(self.rows)
        rows = [
            (
                health.service,
                service_name(health.service),
                verdict(health),
                self._health_detail(health),
            )
            for health in self._results
        ]
        # The last `kiosk reconcile` (its verdict is in the audit log): finance asks
        # staff whether yesterday's money matched.
        entry = self._reconciled
        rows.append(
            (
                "reconcile",
                translate("HealthSection", "Daily reconciliation"),
                reconcile_verdict(entry),
                wording.reconcile_detail(entry),
            )
        )
        for row, (key, title, value, shown) in enumerate(rows):
            name = QLabel(title)
            name.setProperty("role", "large")
            mark = QLabel(verdict_text(value))
            mark.setObjectName(f"verdict_{key}")
            mark.setProperty("verdict", value)
            mark.setStyleSheet(
                f"color: {theme.BACKGROUND}; background: {_MARKS[value]};"
                " border-radius: 10px; padding: 6px 16px; font-weight: bold;"
            )
            mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
            detail = QLabel(shown)
            detail.setObjectName(f"detail_{key}")
            detail.setProperty("role", "muted")
            detail.setWordWrap(True)
            # The detail goes under the name: beside it, a portrait panel wraps it to slivers.
            self.rows.addWidget(name, row * 2, 0)
            self.rows.addWidget(mark, row * 2, 1)
            self.rows.addWidget(detail, row * 2 + 1, 0, 1, 2)

    @staticmethod
    def _health_detail(health: Health) -> str:
        worded = wording.health_detail(health.service, health.detail, ok=health.ok)
        if worded != health.detail:
            # The check's own words, for a support call: in the log, not on screen.
            log.info("health %s: %s", health.service, health.detail)
        facts = [worded]
        if health.printer is not None:
            facts.insert(0, paper_text(health.printer))
        facts.append(translate("HealthSection", "%1 ms").replace("%1", str(health.elapsed_ms)))
        return " · ".join(facts)

    def _retranslate(self) -> None:
        self.refresh_button.setText(translate("HealthSection", "Check again"))
        if self._results:
            self._show()
