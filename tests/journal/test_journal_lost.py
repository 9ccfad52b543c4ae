"""A journal deleted, emptied, swapped or rolled back is refused, not silently replaced.

Before the identity file, each of these left ``kiosk journal`` saying "No journal
yet" and ``kiosk recover`` finding nothing, so a paid purchase owed a refund was
forgotten. Staff accept the journal as it is with ``--accept-new`` (audited).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.journal import Journal, JournalIdentityMismatch
from kiosk.journal.faults import EXIT_NOPERM
from tests.journal.cli_helpers import assert_one_clear_line, kiosk

PAID = "f" * 32


def paid_purchase(path: Path) -> None:
    """A purchase whose payment went through: recovery owes it a refund or a booking."""
    with Journal.open(path) as journal:
        journal.begin("purchase", PAID, "paying", {"amount_fen": 6000})
        intent = journal.intent(PAID, "query_payment", {"amount_fen": 6000})
        journal.result(PAID, "query_payment", "ok", {"paid": True}, intent_id=intent)
        journal.intent(PAID, "complete_order", {"amount_fen": 6000})


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def journal_path(data_dir: Path) -> Path:
    path = data_dir / "journal.sqlite3"
    paid_purchase(path)
    return path


def remove_journal(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.e2e
def test_deleted_journal_is_refused_by_journal_and_recover(
    journal_path: Path, data_dir: Path
) -> None:
    remove_journal(journal_path)
    for command in (["journal"], ["recover"]):
        ran = kiosk(data_dir, *command)
        assert_one_clear_line(ran, EXIT_NOPERM, "missing", str(journal_path), "--accept-new")
    assert not journal_path.exists()  # nothing quietly made a new, empty one


@pytest.mark.e2e
def test_emptied_journal_is_refused(journal_path: Path, data_dir: Path) -> None:
    remove_journal(journal_path)
    journal_path.write_bytes(b"")
    ran = kiosk(data_dir, "journal")
    assert_one_clear_line(ran, EXIT_NOPERM, "missing or empty")
    assert journal_path.stat().st_size == 0


def test_a_different_journal_in_its_place_is_refused(journal_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "journal.sqlite3"
    Journal.open(other).close()
    remove_journal(journal_path)
    shutil.copy(other, journal_path)
    with pytest.raises(JournalIdentityMismatch, match="replaced"):
        Journal.open(journal_path)


def test_an_older_copy_put_back_is_refused(journal_path: Path, tmp_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.back_up_into(tmp_path / "old.sqlite3")
        journal.set_state(PAID, "refunding")
    remove_journal(journal_path)
    shutil.copy(tmp_path / "old.sqlite3", journal_path)
    with pytest.raises(JournalIdentityMismatch, match="older than last seen"):
        Journal.open(journal_path)


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kiosk.journal import Journal

    journal = Journal.open(Path(sys.argv[1]))
    journal.begin("purchase", "a" * 32, "paying", {"amount_fen": 6000})
    journal.intent("a" * 32, "complete_order", {"amount_fen": 6000})
    print("written", flush=True)
    time.sleep(60)  # the kiosk dies inside CompleteOrder
    """
)


@pytest.mark.e2e
def test_wal_deleted_after_a_hard_kill_is_refused(journal_path: Path, data_dir: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(journal_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "written"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    wal = Path(f"{journal_path}-wal")
    assert wal.stat().st_size > 0  # the paid purchase lives there, not yet checkpointed
    wal.unlink()
    ran = kiosk(data_dir, "recover")
    assert_one_clear_line(ran, EXIT_NOPERM, "older than last seen", "-wal")


@pytest.mark.e2e
def test_accept_new_needs_who_and_why(journal_path: Path, data_dir: Path) -> None:
    remove_journal(journal_path)
    ran = kiosk(data_dir, "journal", "--accept-new", "--by", "li")
    assert ran.code == 2 and "--reason" in ran.err
    assert not journal_path.exists()


@pytest.mark.e2e
def test_accept_new_opens_sales_again_and_is_audited(journal_path: Path, data_dir: Path) -> None:
    remove_journal(journal_path)
    ran = kiosk(
        data_dir, "journal", "--accept-new", "--by", "li", "--reason", "disk replaced, ticket 42"
    )
    assert ran.code == 0, ran
    assert "Accepted journal" in ran.out and "Traceback" not in ran.err

    listed = kiosk(data_dir, "journal", "--audit")
    assert listed.code == 0, listed
    assert "li  accept_new_journal" in listed.out
    assert "reason: disk replaced, ticket 42" in listed.out
    with Journal.open(journal_path) as journal:
        [entry] = journal.audit_log()
    assert entry.details["expected_sequence"] > 0
    assert entry.details["expected_journal_id"] != entry.target

    again = kiosk(data_dir, "journal", "--accept-new", "--by", "li", "--reason", "again")
    assert again.code == 0 and "nothing to accept" in again.out


def test_the_journal_kiosk_wrote_opens_as_before(journal_path: Path) -> None:
    """No false alarm: closing and reopening, and a reader beside a writer."""
    with Journal.open(journal_path) as writer, Journal.open(journal_path) as reader:
        writer.set_state(PAID, "refunding")
        assert reader.transaction(PAID) is not None
    with Journal.open(journal_path) as journal:
        assert journal.identity().sequence >= 5


def test_a_kiosk_without_an_identity_yet_adopts_its_journal(journal_path: Path) -> None:
    """An upgrade from before identities (or a lost identity file) is not a loss."""
    journal_path.with_suffix(".identity").unlink()
    with Journal.open(journal_path) as journal:
        assert journal.transaction(PAID) is not None
    assert journal_path.with_suffix(".identity").exists()
