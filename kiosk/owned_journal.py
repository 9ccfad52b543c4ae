"""The data dir's lock and its journal: what a process that works the journal takes
first, in that order (:mod:`kiosk.datadir_lock`), and gives back in the other.

A module of its own, light to import, so ``kiosk run`` can start opening the journal
on its thread the moment its window has painted, while the adapters, flows and
screens are still being imported (the open is SQLite's own work, off the GIL).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.datadir_lock import DataDirLock
from kiosk.journal import AsyncJournal
from kiosk.settings import Settings


@dataclass
class OwnedJournal:
    lock: DataDirLock
    journal: AsyncJournal


async def own_journal(settings: Settings, command: str) -> OwnedJournal:
    """Lock the data dir for ``command`` (:class:`~kiosk.datadir_lock.DataDirBusy` at
    once when another process holds it), then open the journal; the lock is let go
    again if the journal cannot be opened."""
    lock = DataDirLock.acquire(settings.data_dir, command)
    try:
        journal = await AsyncJournal.open(settings.journal_path, known_secrets=settings.secrets())
    except BaseException:
        lock.release()
        raise
    return OwnedJournal(lock, journal)
