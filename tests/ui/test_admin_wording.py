"""Staff read journal and health words in plain language; the raw value stays for support."""

from __future__ import annotations

import datetime as dt

from kiosk.journal.models import Transaction
from kiosk.qt.i18n import Translations
from kiosk.ui.admin import wording
from kiosk.ui.admin.attention_section import TransactionCard


def _txn(state: str = "awaiting_staff", **summary: object) -> Transaction:
    at = dt.datetime(2026, 11, 28, 12, tzinfo=dt.UTC)
    return Transaction("t1", "collect", state, False, at, at, dict(summary))


def test_known_words_are_translated_for_staff(translations: Translations) -> None:
    translations.switch("en")
    assert wording.kind_text("collect") == "Ticket collection"
    assert wording.state_text("awaiting_staff") == "Waiting for staff"
    assert wording.state_text("NEEDS_STAFF") == "Needs staff"
    assert wording.fact_line("stop", "tickets_owed") == (
        "Stopped because: tickets still owed to the patron"
    )
    translations.switch("zh")
    assert wording.state_text("awaiting_staff") == "等待人工处理"
    assert wording.fact_line("stop", "tickets_owed") == "停止原因：仍欠观众电影票"


def test_unknown_words_are_shown_raw_not_hidden(translations: Translations) -> None:
    assert wording.kind_text("refund") == "refund"
    assert wording.state_text("half_way") == "half_way"
    assert wording.fact_line("stop", "new_reason") == "停止原因：new_reason"
    assert wording.fact_line("mystery", 3) == "mystery：3"
    assert wording.health_detail("payment", "HTTP 503") == "HTTP 503"
    assert wording.health_detail("printer", "online, jammed") == "online, jammed"


def test_health_details_in_staff_words(translations: Translations) -> None:
    translations.switch("en")
    assert wording.health_detail("payment", "answering") == "Answering"
    assert wording.health_detail("printer", "online, paper ok") == "online, paper OK"
    assert wording.health_detail("connect", "2 cinemas, 0200 present") == (
        "Cinema 0200 found (2 cinemas on the system)"
    )
    translations.switch("zh")
    assert wording.health_detail("printer", "offline, paper out") == "离线、缺纸"


def test_an_open_card_words_its_state_and_keeps_the_raw_names(
    qtbot: object, translations: Translations
) -> None:
    translations.switch("en")
    card = TransactionCard(_txn(stop="tickets_owed", booking_id="WBBW43J"), [], None)
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    texts = [label.text() for label in card.findChildren(type(card.raw))]
    assert any(t.startswith("Ticket collection · Waiting for staff") for t in texts)
    assert any("Stopped because: tickets still owed to the patron" in t for t in texts)
    assert card.raw.text() == "collect · awaiting_staff · stop=tickets_owed"


def test_a_pickup_served_while_connect_was_down_says_so_on_its_card(
    qtbot: object, translations: Translations
) -> None:
    txn = _txn("collected", connect_skipped=True, connect_error="ConnectTimeout")
    translations.switch("en")
    card = TransactionCard(txn, [], None)
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    texts = "\n".join(label.text() for label in card.findChildren(type(card.raw)))
    assert "Code proven by SARFT alone (no Connect): yes" in texts
    assert "Connect's failure: ConnectTimeout" in texts
    assert "connect_skipped=True" in card.raw.text()
    translations.switch("zh")
    assert wording.fact_line("connect_skipped", True) == (
        "取票码仅由影院取票系统核验（Connect 未连通）：是"
    )
