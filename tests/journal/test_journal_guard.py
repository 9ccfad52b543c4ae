"""The journal refuses secrets and card data wherever they hide in what it is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.journal import Journal
from kiosk.journal.guard import check_no_secrets, secret_key


@pytest.mark.parametrize(
    "key",
    [
        "token",
        "connectapitoken",
        "ConnectApiToken",
        "password",
        "sarft_password",
        "pin",
        "PIN",
        "admin_pin",
        "pinHash",
        "verify_code",
        "VerifyCodeMd5",
        "card_number",
        "CardNumber",
        "card_number_masked",
        "client_secret",
        "cvv",
    ],
)
def test_secret_keys_are_recognised(key: str) -> None:
    assert secret_key(key)


@pytest.mark.parametrize(
    "key",
    ["booking_id", "shipping", "typing", "out_trade_no", "ticket_code", "seats", "spin_count"],
)
def test_ordinary_keys_pass(key: str) -> None:
    assert not secret_key(key)


def test_nested_secret_keys_are_found_and_the_value_is_not_echoed() -> None:
    with pytest.raises(ValueError, match=r"details\.request\[0\]") as info:
        check_no_secrets({"request": [{"Password": "hunter22"}]})
    assert "hunter22" not in str(info.value)


def test_known_secret_values_are_refused_under_any_key() -> None:
    with pytest.raises(ValueError, match="configured secret") as info:
        check_no_secrets({"headers": "connectapi s3cr3t-t0k"}, known=["s3cr3t-t0k"])
    assert "s3cr3t-t0k" not in str(info.value)


def test_every_write_path_is_guarded(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3", known_secrets=["sim-sarft-password"]) as journal:
        with pytest.raises(ValueError):
            journal.begin("purchase", "t1", "started", {"card": "6222..."})
        journal.begin("purchase", "t1", "started")
        with pytest.raises(ValueError):
            journal.intent("t1", "complete_order", {"verify_code": "1234"})
        with pytest.raises(ValueError):
            journal.result("t1", "auth", "ok", {"echo": "login sim-sarft-password"})
        with pytest.raises(ValueError):
            journal.set_state("t1", "paid", summary_update={"token": "x"})
        with pytest.raises(ValueError):
            journal.audit("admin", "login", "kiosk", "shift start", {"pin": "0000"})
        assert journal.steps("t1") == []
        assert journal.audit_log() == []
        assert journal.transaction("t1").summary == {}  # type: ignore[union-attr]
