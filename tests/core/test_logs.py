"""Logging: daily files, correlation ids on every line, secrets redacted."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import REDACTED, correlation, redactor, setup_logging


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    setup_logging(tmp_path / "logs", secrets=["TOKEN-XYZ-42", "sarft-pass-77"])
    yield tmp_path / "logs"
    setup_logging(None)


def _today(log_dir: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (log_dir / f"kiosk-{dt.date.today().isoformat()}.log").read_text(encoding="utf-8")


def test_lines_carry_the_correlation_id(log_dir: Path) -> None:
    log = logging.getLogger("kiosk.test")
    with correlation("0123456789abcdef0123456789abcdef"):
        log.info("seats locked")
    log.info("idle")
    text = _today(log_dir)
    assert "[0123456789abcdef0123456789abcdef] kiosk.test: seats locked" in text
    assert "[-] kiosk.test: idle" in text


def test_known_secrets_and_secret_fields_are_redacted(log_dir: Path) -> None:
    log = logging.getLogger("kiosk.test")
    log.info("calling with token TOKEN-XYZ-42 and %s", "sarft-pass-77")
    log.warning('payload {"verify_code_md5": "9f86d081884c7d659a2feaa0c55ad015", "pin": "1234"}')
    log.info("password=hunter2 connectapitoken: abc")
    text = _today(log_dir)
    for secret in (
        "TOKEN-XYZ-42",
        "sarft-pass-77",
        "9f86d081884c7d659a2feaa0c55ad015",
        "1234",
        "hunter2",
        "abc",
    ):
        assert secret not in text
    assert text.count(REDACTED) >= 6


def test_exception_text_is_redacted(log_dir: Path) -> None:
    log = logging.getLogger("kiosk.test")
    try:
        raise RuntimeError("login failed for TOKEN-XYZ-42")
    except RuntimeError:
        log.exception("boom")
    text = _today(log_dir)
    assert "TOKEN-XYZ-42" not in text
    assert "RuntimeError: login failed for ***" in text


def test_user_session_ids_stay_readable() -> None:
    usid = "a3f5c2d4e6b7a8c9d0e1f2a3b4c5d6e7"
    assert (
        redactor().redact(f"AddTickets UserSessionId={usid}") == f"AddTickets UserSessionId={usid}"
    )
