"""Words a patron reads on more than one screen must be the same words."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.qt.i18n import Translations
from kiosk.ui.screens.seats import SeatsScreen

from .samples import plan

ZH_TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "kiosk_zh_CN.ts"


def _zh_pairs() -> list[tuple[str, str]]:
    root = ET.parse(ZH_TS).getroot()
    return [
        (m.findtext("source") or "", m.findtext("translation") or "") for m in root.iter("message")
    ]


def test_the_counter_is_always_the_service_desk_in_chinese() -> None:
    """One place to send people: "服务台" everywhere, never "柜台" on one screen and
    "服务台" on the next."""
    counters = [(s, t) for s, t in _zh_pairs() if "counter" in s.lower()]
    assert counters
    assert [(s, t) for s, t in counters if "服务台" not in t] == []
    assert [t for _, t in _zh_pairs() if "柜台" in t] == []


@pytest.mark.ui
def test_chosen_seats_are_listed_with_the_chinese_enumeration_comma(
    qtbot: object, translations: Translations
) -> None:
    screen = SeatsScreen()
    qtbot.addWidget(screen)  # type: ignore[attr-defined]
    screen.set_plan(plan(3, 6), {"0000000001": 2})
    for seat in range(6):
        if len(screen.seat_map.selected()) < 2:
            screen.seat_map.toggle((1, 1, seat))
    assert len(screen.seat_map.selected()) == 2
    assert "、" in screen._status.text() and "," not in screen._status.text()
    translations.switch("en")
    qtbot.wait(1)  # type: ignore[attr-defined]
    assert ", " in screen._status.text()


def test_the_flows_messages_send_people_to_the_same_place() -> None:
    """The flows' own two-language messages end up on the same screens."""
    root = Path(__file__).resolve().parents[2] / "kiosk"
    offenders = [str(p) for p in root.rglob("*.py") if "柜台" in p.read_text(encoding="utf-8")]
    assert offenders == []
