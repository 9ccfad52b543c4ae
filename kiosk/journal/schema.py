"""The journal's schema as numbered migrations, applied in order when a journal opens.

A kiosk in the field is upgraded in place, so its journal must be too: each
migration runs once, inside its own transaction, and ``schema_version`` records
which ran. Never edit a released migration; add the next number.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.journal.models import JournalError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "transactions, steps, printed tickets and the staff audit trail",
        (
            """
            CREATE TABLE transactions (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('purchase', 'collect', 'reprint')),
                state TEXT NOT NULL,
                terminal INTEGER NOT NULL DEFAULT 0 CHECK (terminal IN (0, 1)),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                summary TEXT NOT NULL DEFAULT '{}'
            )
            """,
            "CREATE INDEX transactions_open ON transactions (terminal, created_at)",
            "CREATE INDEX transactions_updated ON transactions (updated_at)",
            # The admin search finds a sale by the pickup code the patron shows.
            """
            CREATE INDEX transactions_booking_id
                ON transactions (upper(json_extract(summary, '$.booking_id')))
            """,
            """
            CREATE TABLE steps (
                id INTEGER PRIMARY KEY,
                txn_id TEXT NOT NULL REFERENCES transactions (id),
                seq INTEGER NOT NULL,
                step TEXT NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('intent', 'result')),
                outcome TEXT,
                details TEXT NOT NULL DEFAULT '{}',
                at TEXT NOT NULL,
                intent_id INTEGER REFERENCES steps (id),
                UNIQUE (txn_id, seq)
            )
            """,
            # Append-only: the history of a sale is evidence, so SQLite itself
            # refuses to rewrite it.
            """
            CREATE TRIGGER steps_append_only_update BEFORE UPDATE ON steps
            BEGIN SELECT RAISE(ABORT, 'steps are append-only'); END
            """,
            """
            CREATE TRIGGER steps_append_only_delete BEFORE DELETE ON steps
            BEGIN SELECT RAISE(ABORT, 'steps are append-only'); END
            """,
            """
            CREATE TABLE printed_tickets (
                id INTEGER PRIMARY KEY,
                txn_id TEXT NOT NULL REFERENCES transactions (id),
                booking_id TEXT NOT NULL,
                ticket_index INTEGER NOT NULL,
                ticket_code TEXT NOT NULL,
                printed_at TEXT NOT NULL,
                reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1))
            )
            """,
            # A ticket comes out once; further copies are staff reprints.
            """
            CREATE UNIQUE INDEX printed_once
                ON printed_tickets (booking_id, ticket_index) WHERE reprint = 0
            """,
            "CREATE INDEX printed_by_txn ON printed_tickets (txn_id)",
            """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                reason TEXT NOT NULL,
                details TEXT NOT NULL DEFAULT '{}',
                at TEXT NOT NULL
            )
            """,
            """
            CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
            """,
            """
            CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
            """,
        ),
    ),
    Migration(
        2,
        "the journal's identity: an id and a write sequence, to notice a lost or swapped journal",
        (
            # One row. The id is new for every journal; the sequence grows with every
            # committed write, so an older copy of the same journal shows a lower one.
            """
            CREATE TABLE journal_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                journal_id TEXT NOT NULL,
                sequence INTEGER NOT NULL CHECK (sequence >= 0)
            )
            """,
            "INSERT INTO journal_meta (id, journal_id, sequence)"
            " VALUES (1, lower(hex(randomblob(16))), 0)",
            """
            CREATE TRIGGER journal_meta_forward_only BEFORE UPDATE ON journal_meta
            WHEN NEW.journal_id != OLD.journal_id OR NEW.sequence < OLD.sequence
            BEGIN SELECT RAISE(ABORT, 'a journal keeps its id and its sequence only grows'); END
            """,
            """
            CREATE TRIGGER journal_meta_kept BEFORE DELETE ON journal_meta
            BEGIN SELECT RAISE(ABORT, 'a journal keeps its identity'); END
            """,
        ),
    ),
    Migration(
        3,
        "retention: a finished transaction's steps may go once its retention has passed",
        (
            # Filled and emptied inside one purge write (kiosk.journal.retention):
            # the transactions whose time is up.
            "CREATE TABLE retention_purge (txn_id TEXT PRIMARY KEY)",
            "DROP TRIGGER steps_append_only_delete",
            """
            CREATE TRIGGER steps_append_only_delete BEFORE DELETE ON steps
            WHEN NOT EXISTS (
                SELECT 1 FROM retention_purge p JOIN transactions t ON t.id = p.txn_id
                WHERE p.txn_id = OLD.txn_id AND t.terminal = 1
            )
            BEGIN SELECT RAISE(ABORT, 'steps are append-only'); END
            """,
        ),
    ),
    Migration(
        4,
        "indexes for a year of journal: every read at start, in a flow or on the admin screen"
        " finds its rows without reading every transaction",
        (
            # The admin search (Journal.search) by each code it takes, one index each:
            # the booking id (pickup code) has one since migration 1.
            "CREATE INDEX transactions_booking_number"
            " ON transactions (CAST(json_extract(summary, '$.booking_number') AS TEXT))",
            "CREATE INDEX transactions_out_trade_no"
            " ON transactions (json_extract(summary, '$.out_trade_no'))",
            "CREATE INDEX printed_by_booking_code ON printed_tickets (upper(booking_id))",
            "CREATE INDEX printed_by_ticket_code ON printed_tickets (ticket_code)",
            # A booking's prints, originals and reprints (printed_once holds originals only).
            "CREATE INDEX printed_by_booking ON printed_tickets (booking_id)",
            # Searches by day (the admin's "today"), newest first.
            "CREATE INDEX transactions_created ON transactions (created_at)",
            # The result that answers an intent (Journal.unanswered).
            "CREATE INDEX steps_answering ON steps (intent_id) WHERE intent_id IS NOT NULL",
            # The audit log since a time (lockouts at start) and by action (staff closed).
            "CREATE INDEX audit_at ON audit (at)",
            "CREATE INDEX audit_action ON audit (action)",
            # What the retention drops after its days (kiosk.journal.retention): finished
            # transactions by their last change, personal data by its transaction's start.
            "CREATE INDEX transactions_ended ON transactions (terminal, updated_at)",
            "CREATE INDEX transactions_personal ON transactions (created_at)"
            " WHERE json_type(summary, '$.personal') IS NOT NULL",
        ),
    ),
    Migration(
        5,
        "retention: staff audit entries older than the journal retention may go,"
        " the latest of each action never",
        (
            # Filled and emptied inside one purge write (kiosk.journal.retention): the
            # time stamp before which entries may go.
            "CREATE TABLE audit_purge (before TEXT NOT NULL)",
            "DROP TRIGGER audit_append_only_delete",
            # The latest entry of an action is what is in force (staff closed the
            # kiosk, the last reconciliation), so SQLite keeps it whatever its age.
            """
            CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
            WHEN NOT EXISTS (SELECT 1 FROM audit_purge p WHERE OLD.at < p.before)
              OR OLD.id = (SELECT max(id) FROM audit a WHERE a.action = OLD.action)
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END
            """,
        ),
    ),
)


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row[0] is not None else 0


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply every migration newer than the journal; return the resulting version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so each
    migration's ``BEGIN``/``COMMIT`` is ours: a failed migration leaves the
    journal at the previous version, never half-changed.
    """
    known = max((m.version for m in migrations), default=0)
    version = current_version(conn)
    if version > known:
        raise JournalError(
            f"journal schema version {version} is newer than this kiosk knows ({known}); "
            "refusing to open it rather than misread it"
        )
    for migration in sorted(migrations, key=lambda m: m.version):
        if migration.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (
                    migration.version,
                    migration.description,
                    dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
                ),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = migration.version
    return version
