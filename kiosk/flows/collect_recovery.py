"""Recovery at start for collections: finish what a crash interrupted, never print twice.

For each open collect transaction, from the journal: nothing applied yet means
nothing happened outside, so it is closed and the patron may simply try again;
once 0x05 may have been sent, the flow's engine re-queries SARFT and prints
only what the journal says is still owed, then confirms. Tickets whose print
was cut off by the crash are in doubt and wait for staff (see
:mod:`kiosk.flows.collect`), as do collections already handed to staff.

:class:`CollectRecoverer` is a :class:`kiosk.flows.recovery.Recoverer`. It is not
registered by kind: it must print through the caller's own :class:`CollectFlow`
(a network printer takes one connection at a time), so the caller passes
:func:`collect_recoverers` to ``recover_all`` (see :mod:`kiosk.services`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from kiosk.flows.collect import STEP_APPLY, CollectFlow, CollectRun, CollectState
from kiosk.flows.collect_errors import CollectError
from kiosk.flows.recovery_base import Outcome, Recoverer
from kiosk.flows.reprint import ReprintState
from kiosk.journal.models import BOOKING_NUMBER, Kind, Transaction
from kiosk.words import words

log = logging.getLogger(__name__)


@dataclass
class CollectRecoverer:
    """Recovers the open transactions of one kind, ``collect`` or ``reprint``."""

    flow: CollectFlow
    kind: Kind = "collect"

    async def recover(self, txn: Transaction) -> Outcome:
        facts: dict[str, Any] = {BOOKING_NUMBER: txn.summary.get(BOOKING_NUMBER)}
        if txn.state == CollectState.CONFIRM_OWED:
            # every ticket is on paper: send the owed 0x07 again, and nothing else
            return await self._drive(txn, CollectFlow.run_for(txn, confirm_only=True), facts)
        if txn.state == CollectState.AWAITING_STAFF:
            return self._outcome(
                txn, CollectState.AWAITING_STAFF, False, "tickets owed or in doubt", facts
            )
        if txn.kind == "reprint":
            # staff were at the kiosk; what the crash cut off is in doubt, and they decide
            await self.flow.journal.set_state(txn.id, ReprintState.INTERRUPTED, terminal=True)
            return self._outcome(
                txn, ReprintState.INTERRUPTED, True, "staff reprint interrupted", facts
            )
        steps = await self.flow.journal.steps(txn.id)
        if not any(s.step == STEP_APPLY and s.phase == "intent" for s in steps):
            await self.flow.journal.set_state(txn.id, CollectState.ABANDONED, terminal=True)
            return self._outcome(txn, CollectState.ABANDONED, True, "stopped before apply", facts)
        return await self._drive(txn, CollectFlow.run_for(txn), facts)

    async def _drive(self, txn: Transaction, run: CollectRun, facts: dict[str, Any]) -> Outcome:
        try:
            result = await self.flow.drive(run)
        except CollectError as exc:
            current = await self.flow.journal.transaction(txn.id)
            state = current.state if current is not None else txn.state
            terminal = current is not None and current.terminal
            # in English, as the other reasons, for the log and kiosk recover's list
            return self._outcome(txn, state, terminal, words(exc, "en"), facts)
        facts.update(printed=result.printed, total=result.total)
        if not result.confirmed:
            return self._outcome(
                txn, CollectState.CONFIRM_OWED, False, "SARFT has not accepted 0x07", facts
            )
        return self._outcome(txn, CollectState.COLLECTED, True, "", facts)

    def _outcome(
        self, txn: Transaction, state: str, terminal: bool, reason: str, facts: dict[str, Any]
    ) -> Outcome:
        log.info("recovered %s %s: %s %s", txn.kind, txn.id, state, reason)
        return Outcome(txn.id, txn.kind, state, terminal, reason, facts)


def collect_recoverers(flow: CollectFlow) -> list[Recoverer]:
    """The recoverers for ``recover_all``: collections and staff reprints."""
    return [CollectRecoverer(flow, "collect"), CollectRecoverer(flow, "reprint")]
