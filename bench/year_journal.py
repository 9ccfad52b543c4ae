"""A journal as a busy kiosk leaves it after a year, written with direct SQL in seconds.

500,000 transactions over the 365 days before it was made, in a realistic mix
(purchases printed at the kiosk, each with the collect that printed it; pickups of
online bookings; purchases the patron walked away from or that were refunded;
collects the printer refused; staff reprints; collections that needed staff and
were finished by them), with their steps, printed tickets and a staff audit log of
logins, reprints and wrong pickup codes, shaped like the rows the flows write
(``kiosk/flows``). Both this journal and the bench's "empty" one also hold the same
OPEN_STAFF collections still waiting for staff, so the only difference between the
two is the history.

The journal is written at schema ``BASE_SCHEMA`` (the one released kiosks have) and
every later migration runs when the bench opens its copy, as when a kiosk in the field
is upgraded. It is built once and kept under the temp dir (``cached``); a change of
the mix bumps ``GENERATOR`` so a stale cache is not used.

    python bench/year_journal.py PATH [--count N]   write one at PATH
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from kiosk.journal.identity import JournalIdentity
GENERATOR = 2
YEAR_TRANSACTIONS = 500_000
OPEN_STAFF = 3  # collections still waiting for staff, in both journals
BASE_SCHEMA = 2  # the released schema: later migrations are an upgrade
SEED = 19
CACHE = Path(tempfile.gettempdir()) / "kiosk-bench-journal-cache"

# One patron event and how often it happens; a printed purchase is two transactions.
MIX = (
    ("purchase_printed", 0.33),
    ("pickup", 0.28),
    ("purchase_cancelled", 0.03),
    ("purchase_refunded", 0.004),
    ("collect_refused", 0.01),
    ("reprint", 0.004),
    ("staff_finished", 0.002),
)
TICKETS = (1, 2, 2, 2, 2, 3, 4)  # tickets per booking
STAFF = ("staff", "王经理", "李娜", "张伟")


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _stamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass
class _Rows:
    transactions: list[tuple[Any, ...]] = field(default_factory=list)
    steps: list[tuple[Any, ...]] = field(default_factory=list)
    printed: list[tuple[Any, ...]] = field(default_factory=list)
    audit: list[tuple[Any, ...]] = field(default_factory=list)
    writes: int = 0  # committed writes, for journal_meta's sequence


@dataclass
class Facts:
    """What the bench looks for in the journal it was given."""

    transactions: int
    open_staff: list[str]  # txn ids
    search_codes: dict[str, str]  # what -> a code the admin search finds

    def as_json(self) -> dict[str, Any]:
        return {
            "transactions": self.transactions,
            "open_staff": self.open_staff,
            "search_codes": self.search_codes,
        }


class _Writer:
    def __init__(self, rows: _Rows, rng: random.Random) -> None:
        self.rows = rows
        self.rng = rng
        self.step_id = 0
        self.printed_id = 0
        self.audit_id = 0
        self.booking_number = 100_000
        self.sessions = [str(30_000 + i) for i in range(400)]

    # ---- ids and codes ----------------------------------------------------------------

    def txn_id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def booking(self) -> tuple[str, int]:
        self.booking_number += 1
        n, chars = self.booking_number * 7919 % 2_176_782_336, []
        for _ in range(6):
            n, digit = divmod(n, 36)
            chars.append("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit])
        return "W" + "".join(chars), self.booking_number

    def ticket_code(self, number: int) -> str:
        return f"{number:010d}{self.rng.randrange(1_000_000):06d}"

    # ---- rows ---------------------------------------------------------------------------

    def begin(self, kind: str, txn_id: str, at: dt.datetime) -> None:
        self.rows.writes += 1
        self._current = [txn_id, kind, at, at, 0]

    def step(
        self,
        txn_id: str,
        name: str,
        phase: str,
        outcome: str | None,
        details: dict[str, Any],
        at: dt.datetime,
        intent: int | None = None,
    ) -> int:
        self.step_id += 1
        self._current[4] += 1
        self._current[3] = at
        self.rows.steps.append(
            (
                self.step_id,
                txn_id,
                self._current[4],
                name,
                phase,
                outcome,
                _dump(details),
                _stamp(at),
                intent,
            )
        )
        self.rows.writes += 1
        return self.step_id

    def call(
        self,
        txn_id: str,
        name: str,
        details: dict[str, Any],
        at: dt.datetime,
        outcome: str = "ok",
        answer: dict[str, Any] | None = None,
    ) -> dt.datetime:
        intent = self.step(txn_id, name, "intent", None, details, at)
        at += dt.timedelta(milliseconds=self.rng.randrange(40, 400))
        self.step(txn_id, name, "result", outcome, answer or {}, at, intent)
        return at + dt.timedelta(milliseconds=self.rng.randrange(1, 30))

    def printed_ticket(
        self,
        txn_id: str,
        booking_id: str,
        index: int,
        code: str,
        at: dt.datetime,
        reprint: bool = False,
    ) -> None:
        self.printed_id += 1
        self.rows.printed.append(
            (self.printed_id, txn_id, booking_id, index, code, _stamp(at), int(reprint))
        )
        self.rows.writes += 1

    def end(self, state: str, terminal: bool, summary: dict[str, Any]) -> None:
        txn_id, kind, created, updated, _ = self._current
        self.rows.transactions.append(
            (txn_id, kind, state, int(terminal), _stamp(created), _stamp(updated), _dump(summary))
        )
        self.rows.writes += 1

    def audit(
        self,
        actor: str,
        action: str,
        target: str,
        reason: str,
        details: dict[str, Any],
        at: dt.datetime,
    ) -> None:
        self.audit_id += 1
        self.rows.audit.append(
            (self.audit_id, actor, action, target, reason, _dump(details), _stamp(at))
        )
        self.rows.writes += 1

    # ---- what patrons and staff do ------------------------------------------------------

    def _labels(self, count: int, price: int, name: str) -> dict[str, Any]:
        return {
            "attributes": ["3D"] if self.rng.random() < 0.2 else [],
            "types": [[price, name]] * count,
        }

    def _collect_prints(
        self,
        txn_id: str,
        booking_id: str,
        number: int,
        count: int,
        at: dt.datetime,
        doubt_from: int | None = None,
    ) -> dt.datetime:
        print_no = f"{number:016d}"
        at = self.call(txn_id, "sarft_apply", {"print_no": print_no}, at)
        for index in range(count):
            code = self.ticket_code(number)
            details = {"ticket_code": code, "ticket_index": index}
            if doubt_from is not None and index >= doubt_from:
                if index == doubt_from:
                    at = self.call(txn_id, "print_ticket", details, at, outcome="in_doubt")
                continue
            at = self.call(txn_id, "print_ticket", details, at)
            self.printed_ticket(txn_id, booking_id, index, code, at)
        if doubt_from is None:
            at = self.call(txn_id, "sarft_confirm", {"print_no": print_no}, at)
        return at

    def pickup(self, at: dt.datetime) -> Iterator[str]:
        txn_id, (booking_id, number) = self.txn_id(), self.booking()
        count = self.rng.choice(TICKETS)
        self.begin("collect", txn_id, at)
        self._collect_prints(txn_id, booking_id, number, count, at)
        self.end(
            "collected",
            True,
            {
                "booking_id": booking_id,
                "booking_number": number,
                "channel": "online_agent",
                "origin": "pickup_code",
                "ticket_labels": self._labels(count, 4500, "第三方网售"),
            },
        )
        if self.rng.random() < 0.03:  # a wrong code typed first
            self.audit("patron", "pickup_code", "keypad", "wrong code", {"failures": 1}, at)
        yield txn_id

    def _purchase_start(
        self, txn_id: str, count: int, at: dt.datetime
    ) -> tuple[dict[str, Any], dt.datetime]:
        session = self.rng.choice(self.sessions)
        price = self.rng.choice((3500, 4500, 7000))
        seats = [
            {
                "area_category_code": "0000000001",
                "area_number": 1,
                "column_index": c,
                "row_index": self.rng.randrange(20),
            }
            for c in range(count)
        ]
        self.begin("purchase", txn_id, at)
        at = self.call(
            txn_id,
            "add_tickets",
            {
                "seats": seats,
                "session_id": session,
                "tickets": [
                    {
                        "booking_fee_override_fen": None,
                        "price_fen": price,
                        "qty": count,
                        "ticket_type_code": "0010",
                    }
                ],
            },
            at,
            answer={"tickets": count, "total_fen": price * count},
        )
        total = price * count
        at = self.call(
            txn_id,
            "payment_create",
            {"amount_fen": total, "expires_in_s": 300, "out_trade_no": txn_id},
            at,
            answer={"expires_at": _stamp(at + dt.timedelta(minutes=5)), "state": "PENDING"},
        )
        summary = {
            "amount_fen": total,
            "hold_expires_at": _stamp(at + dt.timedelta(minutes=10)),
            "out_trade_no": txn_id,
            "seats": [f"{s['row_index'] + 1}排{s['column_index'] + 1}座" for s in seats],
            "session_id": session,
            "showtime": _stamp(at + dt.timedelta(hours=2)),
            "tickets": {"0010": count},
            "total_fen": total,
        }
        return summary, at

    def purchase_printed(self, at: dt.datetime) -> Iterator[str]:
        txn_id, (booking_id, number) = self.txn_id(), self.booking()
        count = self.rng.choice(TICKETS)
        summary, at = self._purchase_start(txn_id, count, at)
        at += dt.timedelta(seconds=self.rng.randrange(5, 60))
        self.step(
            txn_id,
            "payment_query",
            "result",
            "ok",
            {"amount_fen": summary["amount_fen"], "refunded_fen": 0, "state": "PAID"},
            at,
        )
        at = self.call(txn_id, "start_external_payment", {}, at)
        at = self.call(
            txn_id,
            "complete_order",
            {"amount_fen": summary["amount_fen"]},
            at,
            answer={"booking_id": booking_id, "booking_number": number},
        )
        self.end(
            "COMPLETED",
            True,
            {**summary, "booking_id": booking_id, "booking_number": number, "printed": count},
        )
        collect_id = self.txn_id()
        self.begin("collect", collect_id, at)
        self._collect_prints(collect_id, booking_id, number, count, at)
        self.end(
            "collected",
            True,
            {
                "booking_id": booking_id,
                "booking_number": number,
                "channel": "kiosk",
                "origin": "purchase",
                "purchase_txn": txn_id,
                "ticket_labels": self._labels(count, summary["amount_fen"] // count, "成人票"),
            },
        )
        yield txn_id
        yield collect_id

    def purchase_cancelled(self, at: dt.datetime) -> Iterator[str]:
        txn_id = self.txn_id()
        summary, at = self._purchase_start(txn_id, self.rng.choice(TICKETS), at)
        at += dt.timedelta(seconds=self.rng.randrange(30, 300))
        at = self.call(txn_id, "payment_close", {"out_trade_no": txn_id}, at)
        at = self.call(txn_id, "cancel_order", {}, at)
        self.end("CANCELLED", True, summary)
        yield txn_id

    def purchase_refunded(self, at: dt.datetime) -> Iterator[str]:
        txn_id = self.txn_id()
        summary, at = self._purchase_start(txn_id, self.rng.choice(TICKETS), at)
        amount = summary["amount_fen"]
        self.step(
            txn_id,
            "payment_query",
            "result",
            "ok",
            {"amount_fen": amount, "refunded_fen": 0, "state": "PAID"},
            at,
        )
        at = self.call(txn_id, "start_external_payment", {}, at)
        at = self.call(
            txn_id,
            "complete_order",
            {"amount_fen": amount},
            at,
            outcome="failed",
            answer={"error": "seats no longer held"},
        )
        at = self.call(txn_id, "cancel_order", {}, at)
        at = self.call(
            txn_id,
            "payment_refund",
            {"amount_fen": amount, "out_refund_no": txn_id},
            at,
            answer={"state": "REFUNDED"},
        )
        self.end("REFUNDED", True, summary)
        yield txn_id

    def collect_refused(self, at: dt.datetime) -> Iterator[str]:
        txn_id, (booking_id, number) = self.txn_id(), self.booking()
        self.begin("collect", txn_id, at)
        self.end(
            "refused",
            True,
            {
                "booking_id": booking_id,
                "booking_number": number,
                "channel": "online_agent",
                "origin": "pickup_code",
                "reason": "printer not ready",
            },
        )
        yield txn_id

    def reprint(self, at: dt.datetime) -> Iterator[str]:
        txn_id, (booking_id, number) = self.txn_id(), self.booking()
        code = self.ticket_code(number)
        actor = self.rng.choice(STAFF)
        self.audit(actor, "admin_login", "admin", "accepted", {"failures": 0}, at)
        self.audit(
            actor,
            "reprint_ticket",
            code,
            "ticket jammed in the tray",
            {"booking_number": number},
            at,
        )
        self.begin("reprint", txn_id, at)
        at = self.call(txn_id, "reprint_ticket", {"ticket_code": code, "ticket_index": 0}, at)
        self.printed_ticket(txn_id, booking_id, 0, code, at, reprint=True)
        self.end(
            "reprinted",
            True,
            {
                "booking_id": booking_id,
                "booking_number": number,
                "ticket_code": code,
                "actor": actor,
            },
        )
        yield txn_id

    def staff(self, at: dt.datetime, finished: bool) -> Iterator[str]:
        """A collection that stopped part-way (paper out): finished by staff, or not yet."""
        txn_id, (booking_id, number) = self.txn_id(), self.booking()
        count = 2
        self.begin("collect", txn_id, at)
        at = self._collect_prints(txn_id, booking_id, number, count, at, doubt_from=1)
        summary = {
            "booking_id": booking_id,
            "booking_number": number,
            "channel": "online_agent",
            "origin": "pickup_code",
            "ticket_labels": self._labels(count, 4500, "第三方网售"),
        }
        if finished:
            at += dt.timedelta(minutes=self.rng.randrange(2, 30))
            actor = self.rng.choice(STAFF)
            self.audit(actor, "admin_login", "admin", "accepted", {"failures": 0}, at)
            self.audit(
                actor,
                "finish_booking",
                booking_id,
                "paper replaced",
                {"came_out": [], "txn_ids": [txn_id]},
                at,
            )
            code = self.ticket_code(number)
            at = self.call(txn_id, "print_ticket", {"ticket_code": code, "ticket_index": 1}, at)
            self.printed_ticket(txn_id, booking_id, 1, code, at)
            at = self.call(txn_id, "sarft_confirm", {"print_no": f"{number:016d}"}, at)
            self.end("completed_by_staff", True, summary)
        else:
            self.end("awaiting_staff", False, summary)
        yield txn_id


def _times(count: int, end: dt.datetime, rng: random.Random) -> list[dt.datetime]:
    """``count`` moments over the year before ``end``, busier in the evening."""
    start = end - dt.timedelta(days=365)
    stamps = []
    for _ in range(count):
        day = rng.randrange(365)
        hour = min(23, max(9, int(rng.gauss(17, 3.5))))
        stamps.append(start + dt.timedelta(days=day, hours=hour, seconds=rng.randrange(3600)))
    return sorted(stamps)


def write(path: Path, count: int = YEAR_TRANSACTIONS, *, seed: int = SEED) -> Facts:
    """Write the journal at ``path`` (which must not exist): ``count`` transactions in
    all, the last OPEN_STAFF of them open and waiting for staff."""
    from kiosk.journal.identity import identity_path, write_identity
    from kiosk.journal.schema import MIGRATIONS
    from kiosk.journal.store import Journal

    Journal.open(path, migrations=MIGRATIONS[:BASE_SCHEMA]).close()
    rng = random.Random(seed)
    rows = _Rows()
    writer = _Writer(rows, rng)
    end = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(days=1)
    history = count - OPEN_STAFF
    kinds, weights = zip(*MIX, strict=True)
    made = 0
    found: dict[str, str] = {}
    for at in _times(history, end, rng):
        if made >= history:
            break
        kind = rng.choices(kinds, weights)[0]
        if kind == "purchase_printed" and made == history - 1:
            kind = "pickup"  # two transactions would be one too many
        events = (
            writer.staff(at, finished=True)
            if kind == "staff_finished"
            else getattr(writer, kind)(at)
        )
        for _ in events:
            made += 1
    # the codes to search for: a pickup from the middle of the year, its ticket, a
    # purchase's out_trade_no and booking number
    middle = rows.transactions[len(rows.transactions) // 2 :]
    pickup = next(json.loads(t[6]) for t in middle if '"pickup_code"' in t[6])
    purchase = next(t for t in middle if t[1] == "purchase" and t[2] == "COMPLETED")
    ticket = next(p for p in rows.printed[len(rows.printed) // 2 :] if not p[6])
    found = {
        "pickup code": pickup["booking_id"],
        "booking number": str(pickup["booking_number"]),
        "out_trade_no": purchase[0],
        "ticket code": ticket[4],
    }
    opened = [
        next(writer.staff(end + dt.timedelta(hours=i), finished=False)) for i in range(OPEN_STAFF)
    ]
    write_identity(identity_path(path), _insert(path, rows), durable=True)
    return Facts(len(rows.transactions), opened, found)


def _insert(path: Path, rows: _Rows) -> JournalIdentity:
    """Every row in one transaction, with the indexes dropped and built again after
    (much faster than keeping them up row by row), and the write sequence moved on by
    as many writes as the flows would have made; the journal stays in WAL mode, all
    of it in the main file. Its identity, for the file beside it."""
    from kiosk.journal.identity import JournalIdentity

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall()
        conn.execute("BEGIN")
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.executemany(
            "INSERT INTO transactions (id, kind, state, terminal, created_at,"
            " updated_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows.transactions,
        )
        conn.executemany(
            "INSERT INTO steps (id, txn_id, seq, step, phase, outcome, details, at,"
            " intent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.steps,
        )
        conn.executemany(
            "INSERT INTO printed_tickets (id, txn_id, booking_id, ticket_index,"
            " ticket_code, printed_at, reprint) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows.printed,
        )
        conn.executemany(
            "INSERT INTO audit (id, actor, action, target, reason, details, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows.audit,
        )
        for _, sql in indexes:
            conn.execute(sql)
        conn.execute("UPDATE journal_meta SET sequence = sequence + ?", (rows.writes,))
        journal_id, sequence = conn.execute(
            "SELECT journal_id, sequence FROM journal_meta"
        ).fetchone()
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return JournalIdentity(str(journal_id), int(sequence))


def cached(count: int = YEAR_TRANSACTIONS) -> tuple[Path, Facts]:
    """The year's journal from the cache, written first if it is not there yet."""
    name = f"journal-g{GENERATOR}-s{BASE_SCHEMA}-{count}"
    path = CACHE / f"{name}.sqlite3"
    facts_path = CACHE / f"{name}.json"
    if not (path.exists() and facts_path.exists()):
        CACHE.mkdir(parents=True, exist_ok=True)
        building = CACHE / f"{name}.building"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        started = time.perf_counter()
        facts = write(building / "journal.sqlite3", count)
        print(
            f"  wrote a {count}-transaction journal in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        (building / "journal.sqlite3").replace(path)
        (building / "journal.identity").replace(path.with_suffix(".identity"))
        facts_path.write_text(json.dumps(facts.as_json(), ensure_ascii=False))
        shutil.rmtree(building, ignore_errors=True)
    facts = Facts(**json.loads(facts_path.read_text()))
    return path, facts


def copy_into(data_dir: Path, count: int = YEAR_TRANSACTIONS) -> Facts:
    """A copy of the cached journal (and its identity) as ``data_dir``'s journal."""
    source, facts = cached(count)
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, data_dir / "journal.sqlite3")
    shutil.copyfile(source.with_suffix(".identity"), data_dir / "journal.identity")
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(prog="year_journal.py")
    parser.add_argument("path", type=Path)
    parser.add_argument("--count", type=int, default=YEAR_TRANSACTIONS)
    args = parser.parse_args()
    started = time.perf_counter()
    facts = write(args.path, args.count)
    print(json.dumps(facts.as_json(), ensure_ascii=False, indent=2))
    print(f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
