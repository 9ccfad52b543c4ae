"""The code staff look a patron's transaction up by has one name: 查询码 in Chinese,
"reference" in English, on every screen, the staff screen and the README."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Names it had, or might be given, beside the one it has.
OTHER_NAMES = ("查询编号", "参考号", "参考编号", "凭证号", "流水号", "以下编号", "此编号")


def _messages() -> list[tuple[str, str]]:
    tree = ET.parse(ROOT / "resources" / "i18n" / "kiosk_zh_CN.ts")
    return [
        (m.findtext("source") or "", m.findtext("translation") or "") for m in tree.iter("message")
    ]


def test_every_chinese_text_of_the_reference_says_chaxunma() -> None:
    about = [(s, t) for s, t in _messages() if "reference" in s.lower()]
    assert len(about) >= 8  # the failure screens, the partial print, the staff cards
    assert [(s, t) for s, t in about if "查询码" not in t] == []


def test_no_other_name_for_it_anywhere() -> None:
    named = [t for _, t in _messages() if any(n in t for n in OTHER_NAMES)]
    assert named == []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "查询码" in readme and "**reference**" in readme
    assert not any(n in readme for n in OTHER_NAMES)
