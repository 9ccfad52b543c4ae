"""A damaged journal, or a data dir that cannot hold one, is one clear line and its own
exit status for every command that opens it: never a raw ``sqlite3.DatabaseError``."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.journal import Journal, JournalCorrupt, JournalUnwritable
from kiosk.journal.faults import EXIT_DATAERR
from tests.journal.cli_helpers import assert_one_clear_line, kiosk


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    with Journal.open(data / "journal.sqlite3") as journal:
        journal.begin("purchase", "f" * 32, "paying", {"amount_fen": 6000})
    return data


def garbage_header(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.write(b"\x00garbage, not SQLite\x00" * 4)


def text_file(path: Path) -> None:
    path.write_text("this was a journal\n", encoding="utf-8")


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.e2e
@pytest.mark.parametrize("damage", [garbage_header, text_file, directory])
@pytest.mark.parametrize("command", [["journal"], ["recover"]])
def test_a_damaged_journal_is_one_line_and_exit_65(
    data_dir: Path, damage: object, command: list[str]
) -> None:
    path = data_dir / "journal.sqlite3"
    assert callable(damage)
    damage(path)
    ran = kiosk(data_dir, *command)
    assert_one_clear_line(ran, EXIT_DATAERR, "damaged", str(path), "backup")


def test_damage_inside_the_file_is_found_at_open(data_dir: Path) -> None:
    """``PRAGMA integrity_check``: a header that still reads, with pages that do not."""
    path = data_dir / "journal.sqlite3"
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(b"\xff" * 512)
    with pytest.raises(JournalCorrupt, match="damaged"):
        Journal.open(path)


def test_a_data_dir_that_is_a_file_is_unwritable(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    with pytest.raises(JournalUnwritable, match="cannot be read or written") as caught:
        Journal.open(tmp_path / "data" / "journal.sqlite3")
    assert caught.value.exit_code == 74
