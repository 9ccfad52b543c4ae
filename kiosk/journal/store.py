"""The transaction journal: SQLite in WAL mode with ``synchronous=FULL``.

Every write commits before it returns, so a step written as an intent before
an outside call is on disk even if the power goes the next instant; recovery
trusts exactly what is here. With ``defer_fsync`` (the running kiosk) only an
intent, which an outside call follows, and the staff audit are fsynced at their
commit; every other write (a transaction begun, a step's result, a state, a ticket
on paper) is committed without an fsync of its own: the WAL is one file written in
order, so the next fsynced commit (in a flow, the next call's intent, a moment
later) or :meth:`Journal.flush_deferred` puts it on disk with its own. What precedes
any outside effect is therefore still on disk before it; a power cut can lose only
what came after the last intent, which recovery settles as a call in doubt (as when
the power goes during the call). This class is synchronous and single-threaded on
purpose; the event loop uses it through :class:`kiosk.journal.aio.AsyncJournal`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from kiosk.journal.faults import corrupt, disk_full, gone, translated
from kiosk.journal.guard import check_no_secrets
from kiosk.journal.identity import (
    DURABLE_EVERY,
    JournalIdentity,
    check,
    identity_path,
    read_identity,
    write_identity,
)
from kiosk.journal.models import (
    KINDS,
    AuditEntry,
    JournalError,
    Kind,
    Phase,
    PrintedTicket,
    Step,
    TicketAlreadyPrinted,
    Transaction,
    TransactionClosed,
    UnknownTransaction,
)
from kiosk.journal.retention import Purged, cutoff, purge_in
from kiosk.journal.schema import MIGRATIONS, Migration, migrate

Clock = Callable[[], dt.datetime]

log = logging.getLogger(__name__)

# Below this much free space on the journal's disk a sale may fail part-way through
# its writes (each step is a few kB, a WAL checkpoint more): stop selling before that.
MIN_FREE_BYTES = 8 * 1024 * 1024
# SQLite's page cache for the journal's connection, in KiB (``PRAGMA cache_size``).
PAGE_CACHE_KIB = 512
# ``PRAGMA integrity_check`` reads every page: about 8 ms a MiB here, 10 s for a busy
# kiosk's year. Up to this size it runs at open; a bigger journal is checked whole by
# :meth:`Journal.verify` beside the kiosk (kiosk.journal.aio starts it), so no start
# waits on a year of history; what a start reads is checked as it is read.
FULL_CHECK_AT_OPEN_BYTES = 8 * 1024 * 1024


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(at: dt.datetime) -> str:
    """One fixed text form, so stored times sort and compare as strings."""
    if at.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _load(text: str) -> dict[str, Any]:
    return cast(dict[str, Any], json.loads(text))


# Named columns, not ``*``: a later migration may add columns without breaking readers.
_TXN = "id, kind, state, terminal, created_at, updated_at, summary"
_STEP = "id, txn_id, seq, step, phase, outcome, details, at, intent_id"
_PRINTED = "id, txn_id, booking_id, ticket_index, ticket_code, printed_at, reprint"
_AUDIT = "id, actor, action, target, reason, details, at"


class Journal:
    """One open journal file. Not thread-safe: use it from one thread only."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        clock: Clock,
        known_secrets: Iterable[str],
        path: Path,
        identity: JournalIdentity,
    ) -> None:
        self._conn = conn
        self._clock = clock
        self._secrets = tuple(s for s in known_secrets if s)
        self.path = path
        self._identity = identity
        self._since_durable = 0
        self._file = _file_id(path)  # the file opened, to notice it go from under us
        # True once the whole file was found sound (at open, or by verify())
        self.verified = False
        self._damage = ""  # what verify() found wrong: every later write is refused
        # connections of verify() and back_up_into() on other threads, to interrupt at close
        self._side: set[sqlite3.Connection] = set()
        self._closing = False
        self.defer_identity = False  # see record_identity()
        self._identity_due = False
        self.defer_fsync = False  # see the module's docstring and flush_deferred()
        self._deferred_sequence: int | None = None  # the last write not yet fsynced

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock = utcnow,
        known_secrets: Iterable[str] = (),
        migrations: tuple[Migration, ...] = MIGRATIONS,
        accept_new: bool = False,
    ) -> Journal:
        """Open (creating if needed) and migrate the journal at ``path``.

        ``known_secrets`` are the kiosk's configured secrets; any value that
        contains one is refused, on top of the key-name guard. A damaged journal
        raises :class:`~kiosk.journal.faults.JournalCorrupt`; one that is not the
        journal this kiosk last wrote (missing, replaced, rolled back) raises
        :class:`~kiosk.journal.faults.JournalIdentityMismatch`, unless staff
        ``accept_new`` (use :meth:`accept_new`, which audits it).
        """
        with translated(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            recorded = read_identity(identity_path(path))
            if path.is_dir():
                raise corrupt(path, "a folder stands where the journal file should be")
            if recorded is not None and not accept_new and not path.exists():
                check(path, recorded, None)  # before connect() creates an empty file
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a commit is
            # never deferred by the sqlite3 module's implicit transactions.
            conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            try:
                verified = _check_integrity(conn, path)
                if recorded is not None and not accept_new:
                    # Before anything is written: an emptied file must not be
                    # quietly turned into a new journal.
                    check(path, recorded, _stored_identity(conn))
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise JournalError(f"cannot put the journal {path} in WAL mode (got {mode!r})")
                # FULL: WAL commits are fsynced, so a committed intent survives power loss.
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA foreign_keys=ON")
                # SQLite's own page cache is 2 MiB by default, filled as the journal grows:
                # it was most of a kiosk's memory growth in the soak. Indexed reads need
                # the B-trees' upper pages, which fit here; the rest the OS caches anyway.
                conn.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
                migrate(conn, migrations)
                identity = _stored_identity(conn)
                if identity is None:
                    raise JournalError(f"the journal {path} has no identity after migrating")
            except BaseException:
                conn.close()
                raise
        journal = cls(conn, clock, known_secrets, path, identity)
        journal.verified = verified
        journal._record_identity(durable=True)
        return journal

    @classmethod
    def accept_new(
        cls, path: Path, actor: str, reason: str, *, clock: Clock = utcnow
    ) -> AuditEntry:
        """Staff accept the journal at ``path`` as it is (creating it if it is gone):
        the audit log records who, why and what was expected, and the identity
        beside it is rewritten so the kiosk sells again."""
        recorded = read_identity(identity_path(path))
        with cls.open(path, clock=clock, accept_new=True) as journal:
            found = journal.identity()
            return journal.audit(
                actor,
                "accept_new_journal",
                found.journal_id,
                reason,
                {
                    "expected_journal_id": recorded.journal_id if recorded else None,
                    "expected_sequence": recorded.sequence if recorded else None,
                    "found_sequence": found.sequence,
                },
            )

    def identity(self) -> JournalIdentity:
        """This journal's id and its write sequence as stored now."""
        with translated(self.path):
            found = _stored_identity(self._conn)
        if found is None:
            raise JournalError(f"the journal {self.path} lost its identity")
        return found

    def _record_identity(self, durable: bool) -> None:
        """Write the identity file beside the journal. A failure is logged, not raised:
        the journal's own commit already stands, and the file only catches losses."""
        try:
            write_identity(identity_path(self.path), self._identity, durable=durable)
        except OSError as exc:
            log.warning("the journal identity beside %s was not updated: %s", self.path, exc)
            return
        if durable:
            self._since_durable = 0

    def _wrote(self, sequence: int) -> None:
        self._identity = JournalIdentity(self._identity.journal_id, sequence)
        self._since_durable += 1
        if self.defer_identity:
            self._identity_due = True
        else:
            self._record_identity(durable=self._since_durable >= DURABLE_EVERY)

    @property
    def deferred(self) -> bool:
        """True while a committed write waits for an fsync (``defer_fsync``)."""
        return self._deferred_sequence is not None

    def flush_deferred(self) -> None:
        """Put the writes committed without an fsync on disk (an fsync of the WAL, which
        holds them in order) and let the identity record catch up with them."""
        sequence = self._deferred_sequence
        if sequence is None:
            return
        with translated(self.path):
            try:
                wal = os.open(f"{self.path}-wal", os.O_RDONLY)
            except FileNotFoundError:
                pass  # checkpointed away: a checkpoint syncs what it copies
            else:
                try:
                    os.fsync(wal)
                finally:
                    os.close(wal)
        self._deferred_sequence = None
        self._wrote(sequence)

    def record_identity(self) -> None:
        """Bring the identity file up to the last write, when ``defer_identity`` left it
        behind: :class:`~kiosk.journal.aio.AsyncJournal` does it on the journal's thread
        right after handing a write's answer back, so the caller's next outside call
        does not wait for it (a third of a write's time). The record then lags the
        journal for a moment, which :func:`~kiosk.journal.identity.check` allows."""
        if self._identity_due:
            self._identity_due = False
            self._record_identity(durable=self._since_durable >= DURABLE_EVERY)

    def verify(self) -> list[str]:
        """``PRAGMA integrity_check`` of the whole file on a read-only connection of its
        own, so it may run on another thread while the journal's own keeps working (a
        year's journal takes seconds): the problems found, none when sound. Damage
        found stops every later write, as a damaged journal is refused at open.
        Raises ``sqlite3.OperationalError`` when :meth:`close` interrupted it."""
        with translated(self.path):
            conn = self._side_connection()
            try:
                try:
                    found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
                except sqlite3.DatabaseError as exc:
                    if "interrupt" in str(exc):
                        raise
                    found = [str(exc)]
            finally:
                self._side.discard(conn)
                conn.close()
        if found == ["ok"]:
            self.verified = True
            return []
        self._damage = "; ".join(found[:3])
        log.error("the journal %s is damaged (%s): no more writes", self.path, self._damage)
        return found

    def _side_connection(self) -> sqlite3.Connection:
        if self._closing:
            raise sqlite3.OperationalError("interrupted: the journal is closing")
        # made on the thread that uses it, interrupted from the journal's own at close
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=10.0, check_same_thread=False)
        self._side.add(conn)
        return conn

    def close(self) -> None:
        self._closing = True
        for side in list(self._side):
            side.interrupt()  # a check or a copy under way on another thread stops
        try:
            with contextlib.suppress(Exception):  # before the identity says they are there
                self.flush_deferred()
            # Read afresh: another process (``kiosk journal --accept-new``) may have written.
            with contextlib.suppress(sqlite3.Error, JournalError):
                self._identity = self.identity()
            with contextlib.suppress(Exception):
                self._record_identity(durable=True)
        finally:
            self._conn.close()

    def back_up_into(self, target: Path) -> None:
        """A consistent copy of the whole journal at ``target`` (which must not exist),
        made on a read-only connection of its own: it reads one snapshot while the
        journal's own keeps writing, so it may run on another thread (a year's copy
        takes seconds, and no sale should wait for it)."""
        with translated(self.path):
            conn = self._side_connection()
            try:
                conn.execute("VACUUM INTO ?", (str(target),))
            finally:
                self._side.discard(conn)
                conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def pragmas(self) -> dict[str, Any]:
        """The durability settings in force on this connection (for tests and ``kiosk doctor``)."""
        return {
            "journal_mode": self._conn.execute("PRAGMA journal_mode").fetchone()[0],
            "synchronous": self._conn.execute("PRAGMA synchronous").fetchone()[0],
            "cache_size": self._conn.execute("PRAGMA cache_size").fetchone()[0],
            "schema_version": self._conn.execute(
                "SELECT max(version) FROM schema_version"
            ).fetchone()[0],
        }

    def probe(self) -> None:
        """Raise the fault that would stop the next write, without writing anything:
        the file gone or replaced under the open connection (whose writes would then be
        lost), the write lock refused (read-only, I/O errors, held elsewhere), or too
        little room on the disk. For the running kiosk's availability check."""
        with translated(self.path):
            if self._damage:
                raise corrupt(self.path, self._damage)
            if _file_id(self.path) != self._file:
                raise gone(self.path)
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("ROLLBACK")
            if shutil.disk_usage(self.path.parent).free < MIN_FREE_BYTES:
                raise disk_full(self.path)

    @contextlib.contextmanager
    def _write(self, *, fsync: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction. Without ``fsync`` (an intent, the audit) and with
        ``defer_fsync`` it commits without an fsync, which the next fsynced commit or
        :meth:`flush_deferred` makes up."""
        if self._damage:
            raise corrupt(self.path, self._damage)
        deferred = not fsync and self.defer_fsync
        with translated(self.path):
            if deferred:  # the safety level cannot change inside a transaction
                self._conn.execute("PRAGMA synchronous=NORMAL")
            try:
                # IMMEDIATE takes the write lock up front, so a read-then-write (next
                # step number) cannot interleave with another writer of the same file.
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    sequence = self._conn.execute(
                        "UPDATE journal_meta SET sequence = sequence + 1 RETURNING sequence"
                    ).fetchall()[0][0]
                    self._conn.execute("COMMIT")
                except BaseException:
                    # The COMMIT too: one that fails (a full disk) leaves the transaction
                    # open, and every later BEGIN IMMEDIATE on this connection would fail.
                    if self._conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            self._conn.execute("ROLLBACK")
                    raise
            finally:
                if deferred:
                    self._conn.execute("PRAGMA synchronous=FULL")
        if deferred:
            # The identity record waits for the fsync: it must never be ahead of what
            # a power cut leaves of the journal.
            self._deferred_sequence = int(sequence)
        else:
            self._deferred_sequence = None  # this commit's fsync took them along
            self._wrote(int(sequence))

    def _guard(self, data: Mapping[str, Any], where: str) -> None:
        check_no_secrets(data, self._secrets, where)

    def purge(self, keep_days: int, personal_days: int) -> Purged:
        """Apply the retention (:mod:`kiosk.journal.retention`): finished transactions
        and staff audit entries older than ``keep_days`` go (the latest entry of each
        audit action stays), personal data older than ``personal_days`` too."""
        now = self._clock()
        self._conn.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed
        with self._write(fsync=True) as conn:
            purged = purge_in(
                conn,
                _stamp(cutoff(now, keep_days)),
                _stamp(cutoff(now, personal_days)),
                _stamp(now),
            )
        if purged.any:
            with translated(self.path):  # the old rows must not live on in the WAL
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return purged

    # ---- transactions ---------------------------------------------------------

    def begin(
        self, kind: Kind, txn_id: str, state: str, summary: Mapping[str, Any] | None = None
    ) -> Transaction:
        """Start the record of one patron transaction (before its first outside call)."""
        if kind not in KINDS:
            raise ValueError(f"unknown transaction kind {kind!r}")
        if not txn_id or not state:
            raise ValueError("a transaction needs an id and a state")
        summary = dict(summary or {})
        self._guard(summary, "summary")
        now = _stamp(self._clock())
        with self._write() as conn:
            try:
                conn.execute(
                    "INSERT INTO transactions (id, kind, state, terminal, created_at, updated_at,"
                    " summary) VALUES (?, ?, ?, 0, ?, ?, ?)",
                    (txn_id, kind, state, now, now, _dump(summary)),
                )
            except sqlite3.IntegrityError:
                raise JournalError(f"transaction {txn_id} already exists") from None
        return self._require(txn_id)

    def set_state(
        self,
        txn_id: str,
        state: str,
        terminal: bool = False,
        summary_update: Mapping[str, Any] | None = None,
    ) -> Transaction:
        """Move a transaction to ``state``, merging ``summary_update`` into its summary."""
        if not state:
            raise ValueError("a state needs a name")
        update = dict(summary_update or {})
        self._guard(update, "summary")
        with self._write() as conn:
            txn = self._require_open(txn_id)
            summary = {**txn.summary, **update}
            conn.execute(
                "UPDATE transactions SET state = ?, terminal = ?, updated_at = ?, summary = ?"
                " WHERE id = ?",
                (state, int(terminal), _stamp(self._clock()), _dump(summary), txn_id),
            )
        return self._require(txn_id)

    def transaction(self, txn_id: str) -> Transaction | None:
        row = self._conn.execute(
            f"SELECT {_TXN} FROM transactions WHERE id = ?", (txn_id,)
        ).fetchone()
        return _transaction(row) if row else None

    def open_transactions(self) -> list[Transaction]:
        """Every transaction not yet in a terminal state, oldest first (recovery's work list)."""
        rows = self._conn.execute(
            f"SELECT {_TXN} FROM transactions WHERE terminal = 0 ORDER BY created_at, id"
        ).fetchall()
        return [_transaction(row) for row in rows]

    def latest(self, limit: int | None = 50) -> list[Transaction]:
        """The most recently changed transactions first; ``limit=None`` for all of them."""
        rows = self._conn.execute(
            f"SELECT {_TXN} FROM transactions ORDER BY updated_at DESC, id LIMIT ?",
            (-1 if limit is None else limit,),
        ).fetchall()
        return [_transaction(row) for row in rows]

    def search(
        self,
        text: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        kind: Kind | None = None,
        limit: int = 200,
    ) -> list[Transaction]:
        """Transactions for the admin screen, newest first.

        ``text`` matches exactly (case-insensitive for codes) a transaction id,
        a booking id (the pickup code), a booking number, a payment out_trade_no
        or a printed ticket code. ``since`` is inclusive, ``until`` exclusive,
        both on the creation time.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if text:
            needle = text.strip()
            # One indexed lookup per code (migrations 1 and 4): an OR of them in one
            # WHERE would read every transaction.
            clauses.append(
                "id IN (SELECT id FROM transactions WHERE id = ?"
                " UNION SELECT id FROM transactions"
                " WHERE upper(json_extract(summary, '$.booking_id')) = upper(?)"
                " UNION SELECT id FROM transactions"
                " WHERE CAST(json_extract(summary, '$.booking_number') AS TEXT) = ?"
                " UNION SELECT id FROM transactions"
                " WHERE json_extract(summary, '$.out_trade_no') = ?"
                " UNION SELECT txn_id FROM printed_tickets WHERE upper(booking_id) = upper(?)"
                " UNION SELECT txn_id FROM printed_tickets WHERE ticket_code = ?)"
            )
            params += [needle] * 6
        if since is not None:
            clauses.append("created_at >= ?")
            params.append(_stamp(since))
        if until is not None:
            clauses.append("created_at < ?")
            params.append(_stamp(until))
        if kind is not None:
            clauses.append("kind = ?")
            params.append(kind)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        rows = self._conn.execute(
            f"SELECT {_TXN} FROM transactions{where} ORDER BY created_at DESC, id LIMIT ?",
            (*params, limit),
        ).fetchall()
        return [_transaction(row) for row in rows]

    def _require(self, txn_id: str) -> Transaction:
        txn = self.transaction(txn_id)
        if txn is None:
            raise UnknownTransaction(f"no transaction {txn_id}")
        return txn

    def _require_open(self, txn_id: str) -> Transaction:
        txn = self._require(txn_id)
        if txn.terminal:
            raise TransactionClosed(f"transaction {txn_id} is final in state {txn.state!r}")
        return txn

    # ---- steps ----------------------------------------------------------------

    def intent(self, txn_id: str, step: str, details: Mapping[str, Any] | None = None) -> int:
        """Record that ``step`` is about to be tried; committed before the call is made."""
        return self._append(txn_id, step, "intent", None, details, None)

    def result(
        self,
        txn_id: str,
        step: str,
        outcome: str,
        details: Mapping[str, Any] | None = None,
        intent_id: int | None = None,
    ) -> int:
        """Record how ``step`` ended (e.g. ``ok``, ``failed``, ``unknown``).

        The result answers ``intent_id`` and nothing else: a result without one
        is a read's answer (a step that changed nothing outside) and answers no
        intent. Pairing by guess (the latest unanswered intent of the same step)
        once let a ``bad_record`` note "answer" a print a crash had left in
        doubt, and that ticket could then be printed again.
        """
        if not outcome:
            raise ValueError("a result needs an outcome")
        return self._append(txn_id, step, "result", outcome, details, intent_id)

    def _append(
        self,
        txn_id: str,
        step: str,
        phase: Phase,
        outcome: str | None,
        details: Mapping[str, Any] | None,
        intent_id: int | None,
    ) -> int:
        if not step:
            raise ValueError("a step needs a name")
        details = dict(details or {})
        self._guard(details, "details")
        with self._write(fsync=phase == "intent") as conn:
            self._require_open(txn_id)
            if phase == "result":
                intent_id = self._answered_intent(txn_id, step, intent_id)
            seq = conn.execute(
                "SELECT coalesce(max(seq), 0) + 1 FROM steps WHERE txn_id = ?", (txn_id,)
            ).fetchone()[0]
            now = _stamp(self._clock())
            cursor = conn.execute(
                "INSERT INTO steps (txn_id, seq, step, phase, outcome, details, at, intent_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (txn_id, seq, step, phase, outcome, _dump(details), now, intent_id),
            )
            conn.execute("UPDATE transactions SET updated_at = ? WHERE id = ?", (now, txn_id))
        return cast(int, cursor.lastrowid)

    def _answered_intent(self, txn_id: str, step: str, intent_id: int | None) -> int | None:
        if intent_id is None:
            return None
        row = self._conn.execute(
            "SELECT txn_id, step, phase FROM steps WHERE id = ?", (intent_id,)
        ).fetchone()
        if row is None or tuple(row) != (txn_id, step, "intent"):
            raise JournalError(f"step {intent_id} is not an intent of {step!r} in {txn_id}")
        return intent_id

    def steps(self, txn_id: str) -> list[Step]:
        rows = self._conn.execute(
            f"SELECT {_STEP} FROM steps WHERE txn_id = ? ORDER BY seq", (txn_id,)
        ).fetchall()
        return [_step(row) for row in rows]

    def unanswered(self, txn_id: str) -> list[Step]:
        """Intents with no result: calls whose outcome recovery must find out first."""
        rows = self._conn.execute(
            f"SELECT {_STEP} FROM steps i WHERE i.txn_id = ? AND i.phase = 'intent' AND NOT EXISTS"
            " (SELECT 1 FROM steps r WHERE r.intent_id = i.id) ORDER BY i.seq",
            (txn_id,),
        ).fetchall()
        return [_step(row) for row in rows]

    # ---- printed tickets ------------------------------------------------------

    def record_printed(
        self,
        txn_id: str,
        booking_id: str,
        ticket_index: int,
        ticket_code: str,
        reprint: bool = False,
    ) -> PrintedTicket:
        """Record that a ticket came out of the printer.

        Raises :class:`TicketAlreadyPrinted` if this ticket of this booking was already
        printed and this is not a staff reprint.
        """
        if not booking_id or not ticket_code or ticket_index < 0:
            raise ValueError("a printed ticket needs a booking id, an index >= 0 and a code")
        with self._write() as conn:
            self._require_open(txn_id)
            try:
                cursor = conn.execute(
                    "INSERT INTO printed_tickets (txn_id, booking_id, ticket_index, ticket_code,"
                    " printed_at, reprint) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        txn_id,
                        booking_id,
                        ticket_index,
                        ticket_code,
                        _stamp(self._clock()),
                        int(reprint),
                    ),
                )
            except sqlite3.IntegrityError:
                raise TicketAlreadyPrinted(
                    f"ticket {ticket_index} of booking {booking_id} was already printed"
                ) from None
        row = self._conn.execute(
            f"SELECT {_PRINTED} FROM printed_tickets WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
        return _printed(row)

    def printed(self, txn_id: str) -> list[PrintedTicket]:
        rows = self._conn.execute(
            f"SELECT {_PRINTED} FROM printed_tickets WHERE txn_id = ? ORDER BY id", (txn_id,)
        ).fetchall()
        return [_printed(row) for row in rows]

    def printed_for_booking(self, booking_id: str) -> list[PrintedTicket]:
        """Every print of a booking's tickets, by any transaction (originals and reprints)."""
        rows = self._conn.execute(
            f"SELECT {_PRINTED} FROM printed_tickets WHERE booking_id = ? ORDER BY id",
            (booking_id,),
        ).fetchall()
        return [_printed(row) for row in rows]

    # ---- staff audit trail ----------------------------------------------------

    def audit(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        details: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Record a staff action; every one must say who did it and why."""
        if not actor or not action or not reason.strip():
            raise ValueError("an audit entry needs an actor, an action and a reason")
        details = dict(details or {})
        self._guard(details, "details")
        with self._write(fsync=True) as conn:  # a staff action stands on its own
            cursor = conn.execute(
                "INSERT INTO audit (actor, action, target, reason, details, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (actor, action, target, reason, _dump(details), _stamp(self._clock())),
            )
        row = self._conn.execute(
            f"SELECT {_AUDIT} FROM audit WHERE id = ?", (cursor.lastrowid,)
        ).fetchone()
        return _audit(row)

    def audit_log(
        self,
        limit: int | None = 200,
        since: dt.datetime | None = None,
        actions: Collection[str] | None = None,
    ) -> list[AuditEntry]:
        """Staff actions, newest first; ``actions`` keeps only those."""
        where, params = "at >= ?", ["" if since is None else _stamp(since)]
        if since is not None:
            # the recent rows only (by id, through the index of times), not every one
            where += " AND id >= (SELECT min(id) FROM audit WHERE at >= ?)"
            params.append(_stamp(since))
        if actions is not None:
            where += f" AND action IN ({', '.join('?' * len(actions))})"
            params += list(actions)
        rows = self._conn.execute(
            f"SELECT {_AUDIT} FROM audit WHERE {where} ORDER BY id DESC LIMIT ?",
            (*params, -1 if limit is None else limit),
        ).fetchall()
        return [_audit(row) for row in rows]


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> bool:
    """Refuse a damaged journal at open, before recovery trusts what it reads: all of it
    while it is small, else its schema (the rest is read by :meth:`Journal.verify`, and
    whatever a start reads is checked by SQLite as it reads it). Whether all was."""
    size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    whole = size <= FULL_CHECK_AT_OPEN_BYTES
    if not whole:
        # a file that is no journal fails here ("file is not a database")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return False
    problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise corrupt(path, "; ".join(problems[:3]))
    return True


def _stored_identity(conn: sqlite3.Connection) -> JournalIdentity | None:
    """The id and sequence in the journal; None for an empty file or an old schema."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal_meta'"
    ).fetchone()
    if has_meta is None:
        return None
    row = conn.execute("SELECT journal_id, sequence FROM journal_meta WHERE id = 1").fetchone()
    return JournalIdentity(str(row[0]), int(row[1])) if row else None


def _transaction(row: Any) -> Transaction:
    id_, kind, state, terminal, created, updated, summary = row
    return Transaction(
        id_, kind, state, bool(terminal), _time(created), _time(updated), _load(summary)
    )


def _step(row: Any) -> Step:
    id_, txn_id, seq, step, phase, outcome, details, at, intent_id = row
    return Step(id_, txn_id, seq, step, phase, outcome, _load(details), _time(at), intent_id)


def _printed(row: Any) -> PrintedTicket:
    id_, txn_id, booking_id, index, code, printed_at, reprint = row
    return PrintedTicket(id_, txn_id, booking_id, index, code, _time(printed_at), bool(reprint))


def _audit(row: Any) -> AuditEntry:
    id_, actor, action, target, reason, details, at = row
    return AuditEntry(id_, actor, action, target, reason, _load(details), _time(at))
