"""A daily copy of the journal, so a damaged or lost one can be put back.

``VACUUM INTO`` writes a consistent copy while the kiosk keeps writing (it reads
one snapshot), into a temp name first, so a copy cut short by a crash or a full
disk is never mistaken for a good one. Only the newest ``keep`` copies stay.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.chinatime import CHINA_TIME
from kiosk.journal.faults import JournalUnavailable, backups_dir
from kiosk.journal.store import Journal

if TYPE_CHECKING:
    from kiosk.journal.aio import AsyncJournal

log = logging.getLogger(__name__)

_COPY = re.compile(r"journal-\d{8}\.sqlite3")
# How often the running kiosk looks whether today's copy is made yet.
CHECK_EVERY_S = 3600.0


def cinema_today() -> dt.date:
    """Copies are named by the cinema's own calendar day."""
    return dt.datetime.now(CHINA_TIME).date()


def copy_path(journal_path: Path, day: dt.date) -> Path:
    return backups_dir(journal_path) / f"journal-{day:%Y%m%d}.sqlite3"


def back_up(journal: Journal, keep: int, day: dt.date) -> Path | None:
    """Copy ``journal`` as ``backups/journal-YYYYMMDD.sqlite3`` unless ``day``'s copy
    exists, then prune to the newest ``keep``; the new copy's path, or None when none
    was made (``keep`` 0 turns copies off)."""
    if keep <= 0:
        return None
    target = copy_path(journal.path, day)
    made = None
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)  # left by a copy cut short
        try:
            journal.back_up_into(partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        made = target
        log.info("journal copied to %s", target)
    prune(target.parent, keep)
    return made


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` daily copies in ``folder``; what was deleted."""
    copies = sorted(p for p in folder.iterdir() if _COPY.fullmatch(p.name))
    old = copies[: max(0, len(copies) - keep)]
    for path in old:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return old


async def back_up_daily(
    journal: AsyncJournal,
    keep: int,
    today: Callable[[], dt.date] = cinema_today,
    check_every_s: float = CHECK_EVERY_S,
) -> None:
    """For the running kiosk: today's copy at start, then the next day's as the day
    turns. A copy that fails (a full disk) is logged in one line and tried again."""
    while True:
        try:
            await journal.back_up(keep, today())
        except JournalUnavailable as exc:
            log.error("journal copy not made: %s", exc)
        except Exception:
            log.exception("journal copy not made")
        await asyncio.sleep(check_every_s)
