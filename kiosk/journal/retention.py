"""How long the journal keeps what (PIPL art. 47: delete once the purpose is served).

- A finished transaction's financial facts (its steps, printed tickets, amounts)
  are kept ``journal_retention_days`` (400 by default: a year of accounts and
  disputes), then the whole transaction goes, steps and tickets with it. Steps are
  append-only evidence: schema migration 3 lets SQLite delete them only for a
  finished transaction this purge has named, inside its own write.
- The staff audit log (who reprinted, closed the kiosk, accepted a new journal,
  what a reconciliation found, sign-ins) explains the transactions and the money,
  so it is kept as long as they are: an entry goes after ``journal_retention_days``
  too. It names staff, never a patron, so it has no shorter personal-data term. The
  latest entry of each action stays whatever its age (SQLite refuses otherwise,
  migration 5): it is what is in force, such as staff having closed the kiosk.
- A patron's personal data (phone, e-mail, a person's name from VISTA) may be kept
  only under ``summary["personal"]`` (:data:`kiosk.privacy.PERSONAL`; the guard
  refuses it anywhere else) and is dropped after ``personal_data_days`` (30),
  whether or not the transaction has finished.

Deleted rows are overwritten (``secure_delete``) and the WAL is checkpointed, so
nothing purged can be read back from the file's free pages. The running kiosk
purges at start and then daily (:func:`purge_daily`); the journal's daily copies
(``journal_backups``) age out after their own count of days.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.privacy import PERSONAL

if TYPE_CHECKING:
    from kiosk.journal.aio import AsyncJournal

log = logging.getLogger(__name__)

CHECK_EVERY_S = 24 * 3600.0


@dataclass(frozen=True)
class Purged:
    transactions: int = 0  # finished transactions older than the retention, gone
    personal: int = 0  # summaries whose personal data was dropped
    audit: int = 0  # staff audit entries older than the retention, gone

    @property
    def any(self) -> bool:
        return bool(self.transactions or self.personal or self.audit)


def purge_in(conn: sqlite3.Connection, keep_before: str, personal_before: str, now: str) -> Purged:
    """Inside a write: drop what the cut-offs (journal time stamps) have passed."""
    conn.execute(
        "INSERT OR IGNORE INTO retention_purge (txn_id)"
        " SELECT id FROM transactions WHERE terminal = 1 AND updated_at < ?",
        (keep_before,),
    )
    named = "SELECT txn_id FROM retention_purge"
    conn.execute(f"DELETE FROM steps WHERE txn_id IN ({named})")
    conn.execute(f"DELETE FROM printed_tickets WHERE txn_id IN ({named})")
    gone = conn.execute(f"DELETE FROM transactions WHERE id IN ({named})").rowcount
    conn.execute("DELETE FROM retention_purge")
    path = f"$.{PERSONAL}"
    # The path written out, not a parameter: only then can SQLite use the partial index
    # of what still holds personal data (migration 4) instead of reading every summary.
    dropped = conn.execute(
        "UPDATE transactions SET summary = json_set(json_remove(summary, ?),"
        " '$.personal_data_dropped_at', ?)"
        f" WHERE created_at < ? AND json_type(summary, '{path}') IS NOT NULL",
        (path, now, personal_before),
    ).rowcount
    conn.execute("INSERT INTO audit_purge (before) VALUES (?)", (keep_before,))
    audit = conn.execute(
        "DELETE FROM audit WHERE at < ? AND id NOT IN (SELECT max(id) FROM audit GROUP BY action)",
        (keep_before,),
    ).rowcount
    conn.execute("DELETE FROM audit_purge")
    return Purged(max(gone, 0), max(dropped, 0), max(audit, 0))


async def purge_daily(
    journal: AsyncJournal,
    keep_days: int,
    personal_days: int,
    check_every_s: float = CHECK_EVERY_S,
) -> None:
    """For the running kiosk: purge at start, then once a day. A failure (a full
    disk, a journal gone) is logged in one line and tried again the next day."""
    while True:
        try:
            purged = await journal.purge(keep_days, personal_days)
        except Exception as exc:
            log.error("journal retention purge not done: %s", exc)
        else:
            if purged.any:
                log.info(
                    "journal retention: %d finished transaction(s) and %d staff audit "
                    "entries older than %d days deleted, personal data dropped from %d "
                    "older than %d days",
                    purged.transactions,
                    purged.audit,
                    keep_days,
                    purged.personal,
                    personal_days,
                )
        await asyncio.sleep(check_every_s)


def cutoff(now: dt.datetime, days: int) -> dt.datetime:
    return now - dt.timedelta(days=days)
