"""One process per data dir: an exclusive ``flock`` on ``<data_dir>/kiosk.lock``.

Two processes on one journal each believe they own its open transactions: a
``kiosk recover`` started beside a live ``kiosk collect`` re-drove the live
collection and printed its tickets again, and recovery beside a live
``kiosk buy`` refunded the purchase under it. The lock makes the journal's
owner a fact the kernel keeps: it is released when the process ends, however it
ends (``kill -9`` included), so a crash never leaves a stale lock behind, and a
second process is refused at once with the holder's name instead of acting.

The file itself is never deleted (deleting a lock file lets two processes each
lock a different inode); it holds, for the refusal message, who has it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path
from types import TracebackType

from kiosk.fatal import FatalError

LOCK_NAME = "kiosk.lock"
EXIT_BUSY = 75  # EX_TEMPFAIL from sysexits.h: try again once the other process is gone


class DataDirBusy(FatalError):
    """Another kiosk process holds the data dir; nothing was done."""

    exit_code = EXIT_BUSY

    def __init__(self, data_dir: Path, command: str, holder: dict[str, object]) -> None:
        who = holder.get("command") or "another kiosk process"
        pid = holder.get("pid")
        since = holder.get("since")
        held = f"{who} (pid {pid}, since {since})" if pid else str(who)
        what = (
            "recovery is the running kiosk's own job: it recovers at start, every few "
            "minutes and from the admin screen"
            if command == "kiosk recover"
            else "two processes on one journal would each work the same transactions"
        )
        super().__init__(
            f"{command} refused: {held} is using the data dir {data_dir}; {what}. "
            "Stop that process first (or use its admin screen)."
        )
        self.holder = holder


class DataDirLock:
    """Held for a process's life by whoever opens the journal for work."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: Path, command: str) -> DataDirLock:
        """Lock ``data_dir`` for ``command`` or raise :class:`DataDirBusy` at once."""
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise DataDirBusy(data_dir, command, holder) from None
        except BaseException:
            os.close(fd)
            raise
        _write_holder(fd, command)
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _write_holder(fd: int, command: str) -> None:
    since = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = json.dumps({"pid": os.getpid(), "command": command, "since": since})
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode(), 0)


def _read_holder(fd: int) -> dict[str, object]:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
