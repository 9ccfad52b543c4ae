"""Staff read journal and health words in plain language; the raw value stays for support."""

from __future__ import annotations

import datetime as dt
import enum
import re

import pytest

from kiosk.flows.collect import CollectState, CollectStop
from kiosk.flows.purchase_ledger import PurchaseReason, PurchaseState
from kiosk.flows.reprint import STEP_REPRINT, ReprintState
from kiosk.journal.models import Transaction
from kiosk.qt import QLabel
from kiosk.qt.i18n import Language, Translations
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
    assert wording.health_detail("payment", "HTTP 503", ok=False) == (
        "无应答（详情见 kiosk doctor 或日志）"
    )
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


def test_an_open_card_words_its_state_and_shows_no_raw_names(
    qtbot: object, translations: Translations
) -> None:
    translations.switch("en")
    card = TransactionCard(_txn(stop="tickets_owed", booking_id="WBBW43J"), [], None)
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    texts = "\n".join(label.text() for label in card.findChildren(QLabel))
    assert "Ticket collection · Waiting for staff" in texts
    assert "Stopped because: tickets still owed to the patron" in texts
    assert "Reference (pickup code): WBBW43J" in texts
    for raw in ("awaiting_staff", "tickets_owed", "stop=", "collect ·"):
        assert raw not in texts


def test_a_pickup_served_while_connect_was_down_says_so_on_its_card(
    qtbot: object, translations: Translations
) -> None:
    txn = _txn("collected", connect_skipped=True, connect_error="ConnectTimeout")
    translations.switch("en")
    card = TransactionCard(txn, [], None)
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    texts = "\n".join(label.text() for label in card.findChildren(QLabel))
    assert "Code proven by SARFT alone (no Connect): yes" in texts
    assert "Connect's failure: ConnectTimeout" in texts
    translations.switch("zh")
    assert wording.fact_line("connect_skipped", True) == (
        "取票码仅由影院取票系统核验（Connect 未连通）：是"
    )


# A purchase's summary as kiosk.flows.purchase journals it (the hold began at 19:29:17
# UTC: 03:29 the next morning in China).
PURCHASE = {
    "session_id": "22871",
    "showtime": "2026-12-01T12:30:00+00:00",
    "seats": ["5排5座", "5排6座"],
    "tickets": {"0010": 1, "0020": 1},
    "hold_expires_at": "2026-12-01T19:39:17.642366+00:00",
    "ticket_labels": {"types": [[4500, "成人票"], [3000, "学生票"]], "attributes": ["国语"]},
    "total_fen": 7500,
    "amount_fen": 7500,
    "out_trade_no": "9f1c2d3e4b5a69788796a5b4c3d2e1f0",
    "wallet": "wechatpay",
}


def plain(text: str) -> str:
    """Without the joiners that keep a time on one line."""
    return text.replace("\u2060", "").replace("\u00a0", " ")


def test_a_purchase_reads_in_words_in_china_time(translations: Translations) -> None:
    translations.switch("zh")
    lines = [plain(line) for line in wording.fact_lines(PURCHASE)]
    assert "座位：5排5座、5排6座" in lines
    assert "票种：成人票 ×1、学生票 ×1" in lines
    assert "座位保留：03:39 到期" in lines
    assert "总额：¥75.00" in lines and "金额：¥75.00" in lines
    assert "支付方式：微信支付" in lines
    assert any(line.startswith("放映时间：") and line.endswith(" 20:30") for line in lines)
    assert lines[0].startswith("放映时间：")  # what was bought comes first
    assert "支付单号：9f1c 2d3e 4b5a 6978 8796 a5b4 c3d2 e1f0" in lines
    assert not any("座位保留" in line for line in wording.fact_lines(PURCHASE, open_=False))
    translations.switch("en")
    lines = [plain(line) for line in wording.fact_lines(PURCHASE)]
    assert "Seats: Row 5 Seat 5, Row 5 Seat 6" in lines
    assert "Seat hold: expires 03:39" in lines
    assert "Total: ¥75.00" in lines
    assert "Ticket types: 成人票 ×1, 学生票 ×1" in lines  # VISTA's names, as the cinema gave them
    assert wording.fact_line("tickets", {"0010": 2}) == "Ticket types: 0010 ×2"
    assert wording.fact_line("tickets", 3) == "Tickets: 3"
    assert "Paid with: WeChat Pay" in lines
    joined = "\n".join(lines)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T|\+00:00|[\[\]{}\"]|fen|（分）", joined)


def test_staff_times_are_china_time_whatever_the_machine_zone(translations: Translations) -> None:
    translations.switch("en")
    at = dt.datetime(2026, 12, 1, 19, 29, 24, tzinfo=dt.UTC)
    assert plain(wording.staff_time(at)).endswith(" 03:29:24")
    assert "Dec 2" in plain(wording.staff_time(at))


def test_a_card_without_a_booking_gives_its_transaction_as_the_reference(
    qtbot: object, translations: Translations
) -> None:
    translations.switch("zh")
    card = TransactionCard(
        Transaction(
            "9f1c2d3e4b5a69788796a5b4c3d2e1f0",
            "purchase",
            "REFUNDED",
            True,
            dt.datetime(2026, 12, 1, 19, 29, 24, tzinfo=dt.UTC),
            dt.datetime(2026, 12, 1, 19, 29, 24, tzinfo=dt.UTC),
            dict(PURCHASE),
        ),
        [],
        None,
    )
    qtbot.addWidget(card)  # type: ignore[attr-defined]
    assert card.facts.text().splitlines()[0] == (
        "查询码（交易号）：9f1c 2d3e 4b5a 6978 8796 a5b4 c3d2 e1f0"
    )


def _words_in(translations: Translations, say: object, members: list[enum.StrEnum]) -> None:
    """Each member in English words that are not its journal word, and in Chinese ones
    that are not the English (the catalogue translates it)."""
    assert callable(say)
    translations.switch("en")
    english = {member: say(member) for member in members}
    translations.switch("zh")
    for member in members:
        assert english[member] != member.value, member
        assert say(member) not in (english[member], member.value), member


def test_every_state_has_staff_words(translations: Translations) -> None:
    states: list[enum.StrEnum] = [*PurchaseState, *CollectState, *ReprintState]
    _words_in(translations, wording.state_text, states)


def test_every_collection_stop_has_staff_words(translations: Translations) -> None:
    _words_in(translations, wording.stop_text, list(CollectStop))


def test_every_purchase_reason_has_staff_words(translations: Translations) -> None:
    _words_in(translations, wording.reason_text, list(PurchaseReason))


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "Reason: holding the seats failed (ConnectTimeout)"),
        ("zh", "原因：锁座失败（ConnectTimeout）"),
    ],
)
def test_a_failed_seat_hold_reads_with_the_error_it_journaled(
    translations: Translations, language: Language, line: str
) -> None:
    """Journals have always written this reason with the error's name after a colon."""
    translations.switch(language)
    journaled = PurchaseReason.ADD_TICKETS_FAILED.journaled("ConnectTimeout")
    assert journaled == "add_tickets_failed:ConnectTimeout"
    assert wording.fact_line("reason", journaled) == line


def test_a_staff_reason_is_shown_as_typed(translations: Translations) -> None:
    translations.switch("en")
    assert wording.fact_line("reason", "Paper ran out") == "Reason: Paper ran out"
    assert wording.fact_line("reason", "jam: tray 2") == "Reason: jam: tray 2"


def test_a_reprint_step_reads_in_staff_words(translations: Translations) -> None:
    """A staff copy's journaled step (kiosk.flows.reprint.STEP_REPRINT), not its name."""
    translations.switch("en")
    assert wording.step_text(STEP_REPRINT) == "printing a marked copy of a ticket"
    translations.switch("zh")
    assert wording.step_text(STEP_REPRINT) == "补打票（票面注明补打）"
