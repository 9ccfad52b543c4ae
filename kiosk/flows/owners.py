"""Who works a transaction now: one owner at a time, inside one kiosk process.

A flow joins before its ``journal.begin`` and leaves when it is done with the
transaction (it ended, or it left it for recovery); every recovery entry point
(start-up, the periodic settling, the admin's button, ``kiosk recover``,
``kiosk collect``) claims a transaction before working it and passes over the
ones a live flow owns. Without this a recovery once acted on a purchase a
patron was still paying for and on a collection still printing.

Across processes the data dir's lock (:mod:`kiosk.datadir_lock`) keeps a second
process out altogether, so this registry only has to be right within one.

A claim is held through a weak reference to its owner: a flow the UI dropped
without finishing (an unexpected error, a patron who walked away) lets its
transaction go when it is collected, so recovery settles it instead of skipping
it until the next restart.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager


class AlreadyOwned(Exception):
    """Someone in this process already works this transaction."""


class _Held:
    """The owner of a claim made by ``with owners.hold(...)`` (recovery, a print run)."""


class TransactionOwners:
    def __init__(self) -> None:
        self._owners: dict[str, weakref.ref[object]] = {}

    def claim(self, txn_id: str, owner: object) -> None:
        """Make ``owner`` the one who works ``txn_id``; raise :class:`AlreadyOwned` if taken."""
        current = self._owner(txn_id)
        if current is not None and current is not owner:
            raise AlreadyOwned(f"transaction {txn_id} is already being worked")
        self._owners[txn_id] = weakref.ref(owner)

    def release(self, txn_id: str, owner: object) -> None:
        """Let ``txn_id`` go, if ``owner`` holds it."""
        if self._owner(txn_id) is owner:
            del self._owners[txn_id]

    @contextmanager
    def hold(self, txn_id: str) -> Iterator[None]:
        """Own ``txn_id`` for the ``with`` block."""
        owner = _Held()
        self.claim(txn_id, owner)
        try:
            yield
        finally:
            self.release(txn_id, owner)

    def owned(self, txn_id: str) -> bool:
        return self._owner(txn_id) is not None

    def live(self) -> frozenset[str]:
        """Every transaction someone works now."""
        return frozenset(t for t in list(self._owners) if self.owned(t))

    def _owner(self, txn_id: str) -> object | None:
        ref = self._owners.get(txn_id)
        owner = ref() if ref is not None else None
        if ref is not None and owner is None:
            del self._owners[txn_id]
        return owner
