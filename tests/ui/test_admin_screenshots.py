"""The PIN pad and every admin section in both languages and both panels, for people to look at.

PNGs land in artifacts/admin/ (git-ignored). The sections hold real data: a
paper-out booking under Attention, printed tickets found under Reprint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.flows.collect_errors import PartialPrint
from kiosk.qt import QAbstractButton
from kiosk.qt.aio import running_tasks
from kiosk.ui.demo_panel import GAP, PANEL_WIDTH
from kiosk.ui.theme import TOUCH_PX
from tests.ui.admin_fixtures import (  # noqa: F401 (fixtures)
    PIN,
    Admin,
    Run,
    admin_fixture,
    qloop_fixture,
    run_fixture,
)
from tests.ui.layout_checks import (
    boxed_labels_without_padding,
    buttons_cut_off,
    clipped_buttons,
    labels_cut_off,
    overlapping_buttons,
    scroll_areas_without_touch,
)

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "admin"
SIZES = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "demo": (1920 - PANEL_WIDTH - GAP, 1080),  # `kiosk demo`: beside the demo panel
}

pytestmark = pytest.mark.ui


def test_pin_pad_and_every_admin_section_render(qtbot: Any, admin: Admin, run: Run[Any]) -> None:
    kit = admin.kit
    owed = kit.booking(3)
    kit.faults("printer.print=paper_out_after:1")
    with pytest.raises(PartialPrint):
        run(kit.flow.print_tickets(run(kit.flow.lookup(owed.booking_id))))
    kit.sim.world.faults.clear()
    done = kit.booking(2)
    run(kit.flow.print_tickets(run(kit.flow.lookup(done.booking_id))))
    window, controller = admin.window, admin.controller
    screen = controller.admin
    OUT.mkdir(parents=True, exist_ok=True)
    small: list[str] = []
    broken: list[str] = []
    for language in ("zh", "en"):
        for orientation, (width, height) in SIZES.items():
            window.resize(width, height)
            controller.open_pin()
            window.set_language(language)  # type: ignore[arg-type]
            controller.pin.field.setText("1234")
            qtbot.wait(1)
            window.grab().save(str(OUT / f"pin_{language}_{orientation}.png"))
            controller.open_admin("staff")
            # Opening starts a fresh health check: the last language's results are still
            # there until it ends, so wait for it rather than shoot it half-drawn.
            qtbot.waitUntil(lambda: not running_tasks(), timeout=15000)
            qtbot.waitUntil(
                lambda: len(screen.health.results()) == 4 and screen.health.isEnabled(),
                timeout=15000,
            )
            qtbot.waitUntil(lambda: bool(screen.attention.cards) and screen.attention.isEnabled())
            screen.reprint.search_range(24 * 7)
            # The last language's rows are still there: wait for this search to answer.
            qtbot.waitUntil(lambda: not running_tasks(), timeout=15000)
            qtbot.waitUntil(lambda: len(screen.reprint.rows) == 3 and screen.reprint.isEnabled())
            screen.reprint.reason.choose(1)
            for section in screen.sections():
                screen.show_section(section)
                qtbot.wait(1)
                name = type(section).__name__.removesuffix("Section").lower()
                window.grab().save(str(OUT / f"{name}_{language}_{orientation}.png"))
                small += [
                    f"{name} {language} {orientation}: {b.text()!r} {b.height()}px"
                    for b in section.findChildren(QAbstractButton)
                    if b.isVisible() and b.height() < TOUCH_PX - 8
                ]
                broken += [
                    f"{name} {language} {orientation}: {problem}"
                    for problem in overlapping_buttons(section)
                    + boxed_labels_without_padding(section)
                    + clipped_buttons(section)
                    + buttons_cut_off(section)
                    + labels_cut_off(section)
                    + scroll_areas_without_touch(section)
                ]
                assert window.width() == width and window.height() == height
            broken += [f"tabs {language} {orientation}: {b}" for b in clipped_buttons(screen.nav)]
    assert small == []
    assert broken == []
