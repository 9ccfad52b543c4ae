"""Why the journal cannot be used, in one line staff can act on.

SQLite and the OS report a damaged file, a full disk or a missing permission as
``sqlite3.DatabaseError``/``OSError`` with terse text. The kiosk must not sell
while its journal cannot record a sale, and the person at the terminal needs to
know what broke, where, and what to do: these exceptions carry exactly that, and
each has its own exit status (sysexits.h), which ``kiosk.__main__`` exits with
after printing the one line (:class:`~kiosk.fatal.FatalError`).
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kiosk.fatal import FatalError

EXIT_DATAERR = 65  # EX_DATAERR: the journal is damaged
EXIT_CANTCREAT = 73  # EX_CANTCREAT: no room on the disk for the next write
EXIT_IOERR = 74  # EX_IOERR: the data dir or the journal cannot be read or written
EXIT_NOPERM = 77  # EX_NOPERM: not the journal last seen; staff must accept it first


class JournalUnavailable(FatalError):
    """The journal cannot be used; nothing with an outside effect may start."""

    exit_code = EXIT_IOERR

    def __init__(self, what: str, where: Path, todo: str) -> None:
        self.what = what
        self.where = where
        self.todo = todo
        super().__init__(f"{what} ({where}); {todo}")


class JournalCorrupt(JournalUnavailable):
    """The journal file is damaged or is not a journal at all."""

    exit_code = EXIT_DATAERR


class JournalDiskFull(JournalUnavailable):
    """The disk holding the journal has no room for the next write."""

    exit_code = EXIT_CANTCREAT


class JournalUnwritable(JournalUnavailable):
    """The data dir or the journal cannot be read or written (permissions, I/O)."""

    exit_code = EXIT_IOERR


class JournalIdentityMismatch(JournalUnavailable):
    """The journal is not the one this kiosk last wrote: missing, replaced or older."""

    exit_code = EXIT_NOPERM


def backups_dir(journal_path: Path) -> Path:
    return journal_path.parent / "backups"


ACCEPT_NEW = "the command: kiosk journal --accept-new --by NAME --reason WHY"


def corrupt(path: Path, detail: str) -> JournalCorrupt:
    return JournalCorrupt(
        f"the journal is damaged: {detail}",
        path,
        "stop the kiosk, move the file aside for support (do not delete it), copy the newest "
        f"backup from {backups_dir(path)} in its place, then accept it with {ACCEPT_NEW}",
    )


def disk_full(path: Path) -> JournalDiskFull:
    return JournalDiskFull(
        "the disk holding the journal is full",
        path,
        f"free space on that disk (old logs in {path.parent / 'logs'} may go); nothing is sold "
        "or printed until the journal can be written, and what was under way is settled then",
    )


def gone(path: Path) -> JournalIdentityMismatch:
    """The file the running kiosk opened is no longer at ``path`` (deleted, moved, or
    another put in its place): what it writes now would be lost at the next start."""
    return JournalIdentityMismatch(
        "sales are closed: the journal file was removed or replaced under the running kiosk",
        path,
        "stop the kiosk, put the journal back if you have it (a copy may be in "
        f"{backups_dir(path)}), then start it; the start says what to accept, if anything",
    )


def unwritable(path: Path, detail: str) -> JournalUnwritable:
    return JournalUnwritable(
        f"the journal cannot be read or written: {detail}",
        path,
        f"check that {path.parent} is a folder the kiosk's user may read and write, "
        "on a disk that is mounted and healthy, and that no other program holds the journal",
    )


_FULL = (sqlite3.SQLITE_FULL,)
_CORRUPT = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
_UNWRITABLE = (
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
)
_UNWRITABLE_TEXT = ("unable to open", "disk I/O error", "readonly database", "database is locked")


def translate(exc: BaseException, path: Path) -> JournalUnavailable | None:
    """The clear fault behind a low-level error about the journal at ``path``, or None
    when ``exc`` is not about the file (a bug, a constraint: those stay as they are)."""
    if isinstance(exc, JournalUnavailable):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(path)
        return unwritable(path, exc.strerror or str(exc))
    # Only errors about the file itself: IntegrityError, ProgrammingError and the like
    # are the journal's own rules or bugs, and must not be mistaken for a broken disk.
    if type(exc) not in (sqlite3.DatabaseError, sqlite3.OperationalError):
        return None
    assert isinstance(exc, sqlite3.DatabaseError)
    code: int | None = getattr(exc, "sqlite_errorcode", None)
    text = str(exc)
    primary = None if code is None else code & 0xFF  # extended codes carry it in the low byte
    if primary in _FULL or "database or disk is full" in text:
        return disk_full(path)
    if primary in _CORRUPT or "malformed" in text or "not a database" in text:
        return corrupt(path, text)
    if path.is_dir():
        return corrupt(path, "a folder stands where the journal file should be")
    if primary in _UNWRITABLE or any(words in text for words in _UNWRITABLE_TEXT):
        return unwritable(path, text)
    return None  # a syntax error, a trigger's refusal: the code's fault, not the file's


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Raise the clear fault for any low-level error about the journal file."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        fault = translate(exc, path)
        if fault is None:
            raise
        raise fault from exc
