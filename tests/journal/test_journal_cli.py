"""``kiosk journal`` lists transactions, shows one with its steps, and the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.journal import Journal

T0 = dt.datetime(2025, 3, 1, 4, 0, tzinfo=dt.UTC)  # 12:00 in Beijing


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def filled(data_dir: Path) -> Path:
    path = data_dir / "journal.sqlite3"
    with Journal.open(path, clock=lambda: T0) as journal:
        journal.begin(
            "purchase",
            "a" * 32,
            "issued",
            {"booking_id": "WQNX8JL", "amount_fen": 6050, "seats": ["7排10座"]},
        )
        charge = journal.intent("a" * 32, "complete_order", {"amount_fen": 6050})
        journal.result("a" * 32, "complete_order", "ok", intent_id=charge)
        journal.record_printed("a" * 32, "WQNX8JL", 0, "1234567890123456")
        journal.set_state("a" * 32, "issued", terminal=True)
        journal.begin("collect", "b" * 32, "printing")
        journal.intent("b" * 32, "confirm_print")
        journal.audit("admin", "reprint", "WQNX8JL", "paper jam")
    return path


def test_no_journal_yet_is_not_an_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal"]) == 0
    assert "No journal yet" in capsys.readouterr().out
    assert not (data_dir / "journal.sqlite3").exists()


def test_default_lists_open_then_latest(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal"]) == 0
    out = capsys.readouterr().out
    open_part, latest_part = out.split("Latest 50")
    assert "b" * 32 in open_part and "a" * 32 not in open_part
    assert "a" * 32 in latest_part
    assert "2025-03-01 12:00:00" in out
    assert "booking WQNX8JL  ¥60.50  seats 7排10座" in out


def test_one_transaction_with_its_steps(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "--id", "a" * 32]) == 0
    out = capsys.readouterr().out
    assert "issued (final)" in out
    assert "intent  complete_order" in out
    assert "result  complete_order -> ok" in out
    assert "WQNX8JL #0  1234567890123456  original" in out

    assert main(["journal", "--id", "b" * 32]) == 0
    assert "Outcome unknown (intent without result): #1 confirm_print" in capsys.readouterr().out
    assert main(["journal", "--id", "nope"]) == 1


def test_audit_search_and_all(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "--audit"]) == 0
    assert "admin  reprint  WQNX8JL  reason: paper jam" in capsys.readouterr().out
    assert main(["journal", "--search", "wqnx8jl"]) == 0
    out = capsys.readouterr().out
    assert "a" * 32 in out and "b" * 32 not in out
    assert main(["journal", "--all"]) == 0
    assert "All, latest first (2)" in capsys.readouterr().out
