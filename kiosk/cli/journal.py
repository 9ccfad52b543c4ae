"""``kiosk journal``: what the kiosk did, for staff and support, read from the journal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.chinatime import CHINA_TIME
from kiosk.cli.common import settings_from
from kiosk.journal import (
    AuditEntry,
    Journal,
    JournalError,
    JournalIdentityMismatch,
    Step,
    Transaction,
)
from kiosk.journal.faults import translated
from kiosk.journal.identity import identity_path
from kiosk.journal.summaries import PurchaseSummary

# Staff read times as the wall clock in the cinema; the journal keeps UTC.
CHINA = CHINA_TIME


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--all", action="store_true", help="list every transaction")
    what.add_argument("--id", metavar="TXN", help="show one transaction with its steps")
    what.add_argument("--audit", action="store_true", help="show the staff audit log")
    what.add_argument(
        "--search", metavar="CODE", help="find by pickup code, booking number or ticket code"
    )
    what.add_argument(
        "--accept-new",
        action="store_true",
        help="accept a missing, replaced or older journal as it is, so sales open again "
        "(needs --by and --reason; recorded in the audit log)",
    )
    parser.add_argument(
        "--limit", type=int, default=50, help="how many recent transactions to list (default 50)"
    )
    parser.add_argument("--by", metavar="NAME", help="who accepts the journal (--accept-new)")
    parser.add_argument("--reason", metavar="WHY", help="why it is accepted (--accept-new)")


EXIT_USAGE = 2


def run(args: argparse.Namespace) -> int:
    path = settings_from(args).journal_path
    if args.accept_new:
        return _accept_new(path, args.by, args.reason)
    # Without an identity this kiosk never wrote a journal; with one, a missing
    # journal is a loss, which Journal.open reports.
    if not path.exists() and not identity_path(path).exists():
        print(f"No journal yet at {path}.")
        return 0
    try:
        with Journal.open(path) as journal, translated(path):
            if args.id:
                return _show(journal, args.id)
            if args.audit:
                _print_audit(journal.audit_log(limit=None))
            elif args.search:
                _print_list(f"Matching {args.search!r}", journal.search(args.search))
            else:
                _print_list("Open (not finished)", journal.open_transactions())
                if args.all:
                    _print_list("All, latest first", journal.latest(limit=None))
                else:
                    _print_list(f"Latest {args.limit}", journal.latest(limit=args.limit))
    except JournalError as exc:
        print(f"kiosk journal: {exc}", file=sys.stderr)
        return 1
    return 0


def _accept_new(path: Path, by: str | None, reason: str | None) -> int:
    if not (by and by.strip()) or not (reason and reason.strip()):
        print("kiosk journal: --accept-new needs --by NAME and --reason WHY", file=sys.stderr)
        return EXIT_USAGE
    try:
        Journal.open(path).close()
    except JournalIdentityMismatch as exc:
        print(f"was: {exc.what}")
    else:
        print(f"The journal at {path} is the one last seen; nothing to accept.")
        return 0
    entry = Journal.accept_new(path, by.strip(), reason.strip())
    print(f"Accepted journal {entry.target} at {path} (audit entry {entry.id}); sales open again.")
    return 0


def _when(at: dt.datetime) -> str:
    return at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")


def _facts(summary: dict[str, Any]) -> str:
    facts = []
    if "booking_id" in summary:
        facts.append(f"booking {summary['booking_id']}")
    if "amount_fen" in summary:
        fen = PurchaseSummary.read(summary).amount_fen
        facts.append(f"¥{fen // 100}.{fen % 100:02d}")
    if "seats" in summary:
        seats = summary["seats"]
        facts.append(
            "seats " + (", ".join(map(str, seats)) if isinstance(seats, list) else str(seats))
        )
    return "  ".join(facts)


def _line(txn: Transaction) -> str:
    state = txn.state + ("" if txn.terminal else " (open)")
    return f"  {_when(txn.created_at)}  {txn.kind:<8}  {txn.id}  {state}  {_facts(txn.summary)}"


def _print_list(title: str, transactions: list[Transaction]) -> None:
    print(f"{title} ({len(transactions)}), times {CHINA.tzname(None)}:")
    for txn in transactions:
        print(_line(txn).rstrip())
    if not transactions:
        print("  none")
    print()


def _details(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def _step_line(step: Step) -> str:
    outcome = f" -> {step.outcome}" if step.outcome else ""
    return (
        f"  #{step.seq:<3} {_when(step.at)}  {step.phase:<6}  {step.step}{outcome}  "
        f"{_details(step.details)}"
    ).rstrip()


def _show(journal: Journal, txn_id: str) -> int:
    txn = journal.transaction(txn_id)
    if txn is None:
        print(f"kiosk journal: no transaction {txn_id}", file=sys.stderr)
        return 1
    print(f"Transaction {txn.id} ({txn.kind})")
    print(f"  state    {txn.state}{' (final)' if txn.terminal else ' (open)'}")
    print(f"  created  {_when(txn.created_at)} {CHINA.tzname(None)}")
    print(f"  updated  {_when(txn.updated_at)} {CHINA.tzname(None)}")
    print(f"  summary  {_details(txn.summary) or '{}'}")
    print("Steps:")
    steps = journal.steps(txn_id)
    for step in steps:
        print(_step_line(step))
    if not steps:
        print("  none")
    unanswered = journal.unanswered(txn_id)
    if unanswered and not txn.terminal:
        names = ", ".join(f"#{s.seq} {s.step}" for s in unanswered)
        print(f"Outcome unknown (intent without result): {names}")
    printed = journal.printed(txn_id)
    if printed:
        print("Printed tickets:")
        for ticket in printed:
            kind = "reprint" if ticket.reprint else "original"
            print(
                f"  {_when(ticket.printed_at)}  {ticket.booking_id} #{ticket.ticket_index}"
                f"  {ticket.ticket_code}  {kind}"
            )
    return 0


def _print_audit(entries: list[AuditEntry]) -> None:
    print(f"Staff audit log ({len(entries)}), newest first, times {CHINA.tzname(None)}:")
    for entry in entries:
        print(
            f"  {_when(entry.at)}  {entry.actor}  {entry.action}  {entry.target}"
            f"  reason: {entry.reason}  {_details(entry.details)}".rstrip()
        )
    if not entries:
        print("  none")
