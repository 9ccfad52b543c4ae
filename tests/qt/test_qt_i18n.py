"""Switching the translator changes what translate() returns, for every shipped catalogue."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from kiosk.paths import I18N_DIR
from kiosk.qt import QApplication, QCoreApplication
from kiosk.qt.i18n import Translations


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations()
    yield translations
    translations.remove()


def test_switch_installs_chinese_then_english(translations: Translations) -> None:
    translations.switch("zh")
    assert translations.language == "zh"
    assert QCoreApplication.translate("HomeScreen", "Buy tickets") == "购票"
    assert QCoreApplication.translate("PaymentScreen", "Scan to pay") == "请扫码支付"
    translations.switch("en")
    assert QCoreApplication.translate("HomeScreen", "Buy tickets") == "Buy tickets"
    translations.remove()
    assert translations.language is None


@pytest.mark.parametrize("name", ["kiosk_zh_CN", "kiosk_en"])
def test_catalogues_are_complete_and_compiled(name: str) -> None:
    tree = ET.parse(I18N_DIR / f"{name}.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 80
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, message.findtext("source")
        assert translation.text, message.findtext("source")
        if name == "kiosk_zh_CN":
            # Placeholders must survive translation, or numbers would vanish from screens.
            for marker in ("%1", "%2", "%3"):
                source = message.findtext("source") or ""
                assert (marker in source) == (marker in translation.text), source
    ts = (I18N_DIR / f"{name}.ts").stat().st_mtime
    assert (I18N_DIR / f"{name}.qm").stat().st_mtime >= ts - 1, "run update_translations.sh"


@pytest.mark.parametrize("name", ["kiosk_zh_CN", "kiosk_en"])
def test_no_screen_text_shows_markdown(name: str) -> None:
    """A screen is not a README: `kiosk admin-pin` showed its backticks to staff."""
    for message in ET.parse(I18N_DIR / f"{name}.ts").iter("message"):
        for text in (message.findtext("source") or "", message.findtext("translation") or ""):
            assert "`" not in text and "**" not in text, text
