"""The journal's identity, kept beside it, so a lost or swapped journal is noticed.

A journal that is deleted, emptied, swapped for another or rolled back (its
``-wal`` deleted after a crash, an old copy restored) would otherwise just look
like a quiet kiosk: recovery finds nothing and a paid purchase owed a refund is
forgotten. Each journal carries an id and a write sequence (``journal_meta``);
this file records the id and the highest sequence the kiosk has seen, and the
journal is refused at open when it does not match (:func:`check`).

The file is replaced atomically (temp file, rename) after every write (the
running kiosk does it on the journal's thread just after the write's caller has
its answer), but only fsynced at open, at close and every :data:`DURABLE_EVERY`
writes: a ``kill -9`` keeps the page cache, so a renamed file survives it without
an fsync, and a power cut can only leave the record behind the journal (whose own
commits are fsynced first), never ahead of it: an older record is never a false
alarm.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from kiosk.journal.faults import ACCEPT_NEW, JournalIdentityMismatch, backups_dir

log = logging.getLogger(__name__)

DURABLE_EVERY = 64


@dataclass(frozen=True)
class JournalIdentity:
    journal_id: str
    sequence: int


def identity_path(journal_path: Path) -> Path:
    """``journal.identity`` beside ``journal.sqlite3``."""
    return journal_path.with_suffix(".identity")


def read_identity(path: Path) -> JournalIdentity | None:
    """The recorded identity, or None when there is none (a new kiosk, or one from
    before identities). A file that cannot be parsed counts as none, with a warning:
    a power cut during its first write may leave it empty, and refusing to sell
    for that would be a false alarm. An unreadable data dir raises ``OSError``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return JournalIdentity(str(data["journal_id"]), int(data["sequence"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("the journal identity %s cannot be read (%s); recording it anew", path, exc)
        return None


def write_identity(path: Path, identity: JournalIdentity, *, durable: bool) -> None:
    """Replace the record atomically; ``durable`` also fsyncs it and its folder."""
    text = json.dumps({"journal_id": identity.journal_id, "sequence": identity.sequence})
    # One temp name per process: a reader (``kiosk journal``) beside the kiosk
    # must not write into the kiosk's half-written temp file.
    temp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        if durable:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(temp, path)
    if durable:
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def check(journal_path: Path, recorded: JournalIdentity, found: JournalIdentity | None) -> None:
    """Raise :class:`JournalIdentityMismatch` unless ``found`` (None: no journal, or an
    empty one) is the journal ``recorded`` names, at least as far on as it was seen."""
    last = f"journal {recorded.journal_id} at write {recorded.sequence}"
    if found is None:
        problem = f"the journal is missing or empty; this kiosk last wrote to {last}"
    elif found.journal_id != recorded.journal_id:
        problem = (
            f"the journal was replaced: it is journal {found.journal_id}, "
            f"but this kiosk last wrote to {last}"
        )
    elif found.sequence < recorded.sequence:
        problem = (
            f"the journal is older than last seen: it ends at write {found.sequence}, "
            f"but this kiosk had written up to {recorded.sequence} (lost writes: a deleted "
            "-wal file or an old copy put back)"
        )
    else:
        return
    raise JournalIdentityMismatch(
        f"sales are closed: {problem}",
        journal_path,
        "put the right journal back if you have it (a copy may be in "
        f"{backups_dir(journal_path)}); sales made since may be owed refunds, so check them "
        "with the payment provider and Connect; then accept the journal as it is with "
        f"{ACCEPT_NEW} (recorded in the audit log)",
    )
