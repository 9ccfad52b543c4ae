"""Recovery's run over the journal, without any kind's own recoverer.

:func:`recover_all` drives the open transactions through the recoverers it is
given; the kinds' recoverers live with their flows (purchases in
:mod:`kiosk.flows.recovery`, collections in :mod:`kiosk.flows.collect_recovery`).
Apart so that ``kiosk collect``, which recovers only collections and reprints,
does not import the purchase flow to do it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from kiosk.flows.owners import TransactionOwners
from kiosk.flows.ports import JournalPort
from kiosk.journal.faults import JournalUnavailable
from kiosk.journal.models import Kind, Transaction
from kiosk.logs import correlation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """Where recovery left one transaction; ``facts`` are what staff need when not terminal."""

    txn_id: str
    kind: Kind
    state: str
    terminal: bool
    reason: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RecoveryReport:
    outcomes: list[Outcome]

    @property
    def needs_staff(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.terminal]

    @property
    def all_terminal(self) -> bool:
        return not self.needs_staff


class Recoverer(Protocol):
    """Finishes open transactions of one kind."""

    kind: Kind

    async def recover(self, txn: Transaction) -> Outcome: ...


async def recover_all(
    journal: JournalPort,
    recoverers: Iterable[Recoverer],
    *,
    owners: TransactionOwners,
    kinds: Collection[Kind] | None = None,
    skip: Collection[str] = (),
    only: Collection[str] | None = None,
    where: Callable[[Transaction], bool] | None = None,
) -> RecoveryReport:
    """Run the recoverer of each open transaction's kind, oldest first.

    Every transaction is claimed from ``owners`` before it is worked, and one a live
    flow owns is passed over: recovery never acts beside its owner. ``kinds`` limits
    recovery to those kinds, ``skip`` leaves out more transactions, ``only`` limits
    it to those transactions (the ones a previous run left open) and ``where`` to
    those it accepts. One transaction's failure never stops the others: it is
    reported for staff."""
    by_kind = {r.kind: r for r in recoverers}
    outcomes: list[Outcome] = []
    for listed in await journal.open_transactions():
        if listed.id in skip or (kinds is not None and listed.kind not in kinds):
            continue
        if only is not None and listed.id not in only:
            continue
        if where is not None and not where(listed):
            continue
        recoverer = by_kind.get(listed.kind)
        if recoverer is None:
            outcomes.append(
                Outcome(
                    listed.id, listed.kind, listed.state, False, f"no recoverer for {listed.kind}"
                )
            )
            continue
        if owners.owned(listed.id):
            log.info("recovery passes over %s: a live flow owns it", listed.id)
            continue
        # No await between the check and the claim: on one event loop it is atomic.
        with owners.hold(listed.id), correlation(listed.id):
            # Read again once it is ours: its owner may have ended it meanwhile.
            txn = await journal.transaction(listed.id)
            if txn is None or txn.terminal:
                continue
            try:
                outcomes.append(await recoverer.recover(txn))
            except JournalUnavailable:
                raise  # a full disk or a broken journal stops every transaction alike
            except Exception as exc:
                log.exception("recovering %s failed", txn.id)
                outcomes.append(
                    Outcome(txn.id, txn.kind, txn.state, False, f"recovery failed: {exc!r}")
                )
    return RecoveryReport(outcomes)
