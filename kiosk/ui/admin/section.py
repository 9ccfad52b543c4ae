"""What every admin section shares: live retranslation, a status line, guarded actions.

A staff action that fails must say why on the section itself, not send the kiosk
to the patron error screen, so each action runs through :meth:`Section.act`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from kiosk.errors import KioskError
from kiosk.qt import QCoreApplication, QEvent, QLabel, QWidget
from kiosk.ui import theme
from kiosk.ui.error_words import error_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def staff_message(exc: BaseException) -> str:
    """The flows' own wording where they have one (in the screen's language), else the error."""
    if isinstance(exc, KioskError):
        return f"{error_text(exc)} ({exc})"
    return f"{type(exc).__name__}: {exc}"


class Section(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[Callable[[], None]] = []
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()

    def translated(self, apply: Callable[[], None]) -> None:
        """Run ``apply`` now and after every language switch."""
        self._texts.append(apply)
        apply()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for apply in self._texts:
                apply()
        super().changeEvent(event)

    def say(self, text: str, *, problem: bool = False) -> None:
        theme.set_style_property(self.status, "role", "problem" if problem else "notice")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    async def act(self, what: str, action: Callable[[], Awaitable[str]]) -> bool:
        """Run a staff action; show its result or its failure. True when it worked."""
        self.say(translate("Section", "Working…"))
        self.setEnabled(False)
        try:
            done = await action()
        except Exception as exc:
            log.warning("admin action %s failed: %s", what, exc)
            self.say(staff_message(exc), problem=True)
            return False
        finally:
            self.setEnabled(True)
        self.say(done)
        return True
