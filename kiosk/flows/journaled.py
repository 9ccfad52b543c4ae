"""How every flow journals a call with an effect outside the kiosk, in one way.

An intent committed before the call, a result answering it after, in one of three
words (:class:`CallOutcome`): purchase (Connect, payment), collect (SARFT, the printer)
and reprint (the printer) all speak them, so recovery and staff read one language.
What counts as a refusal and what as an answer lost is the adapter's to say: each
flow hands in a :data:`Judge` for its own errors.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from kiosk.flows.ports import JournalPort

T = TypeVar("T")


class CallOutcome(enum.StrEnum):
    """How a journaled call ended: the word its result is written with."""

    OK = "ok"
    FAILED = "failed"  # a considered refusal: nothing changed outside
    UNKNOWN = "unknown"  # no clear answer: it may have happened

    @classmethod
    def read(cls, word: str) -> CallOutcome | None:
        """The outcome a result's word means, in any version's words; None for a note
        that answers no call (a collection's ``bad_record``)."""
        try:
            return cls(word)
        except ValueError:
            return _OLD_WORDS.get(word)


# What collections and reprints wrote before they spoke CallOutcome's words: journals
# that hold them are still recovered, and their tickets still known in doubt.
_OLD_WORDS = {
    "refused": CallOutcome.FAILED,  # SARFT refused 0x05 or 0x07
    "not_printed": CallOutcome.FAILED,  # nothing came out of the printer
    "in_doubt": CallOutcome.UNKNOWN,  # the print was interrupted part-way
}

Verdict = tuple[CallOutcome, Mapping[str, Any]]
Judge = Callable[[Exception], Verdict | None]
"""What a call's error means: its outcome and the facts to keep beside it, or None for
an error that is no answer of the call (a bug, the journal's own), which leaves the
intent unanswered for recovery to find out, as a crash would."""


class JournaledCalls:
    """The calls of one transaction: each through :meth:`call`, judged by ``judge``."""

    def __init__(self, journal: JournalPort, txn_id: str, judge: Judge) -> None:
        self.journal = journal
        self.txn_id = txn_id
        self.judge = judge

    async def call(
        self,
        step: str,
        details: Mapping[str, Any],
        action: Callable[[], Awaitable[T]],
        record: Callable[[T], Mapping[str, Any]] = lambda _: {},
    ) -> T:
        """Intent (committed), the call, then its result: :attr:`CallOutcome.OK` with
        ``record`` of its value, else the judge's verdict on its error, which is raised."""
        intent_id = await self.journal.intent(self.txn_id, step, details)
        try:
            value = await action()
        except Exception as exc:
            verdict = self.judge(exc)
            if verdict is not None:
                outcome, facts = verdict
                await self.journal.result(self.txn_id, step, outcome, facts, intent_id)
            raise
        await self.journal.result(self.txn_id, step, CallOutcome.OK, record(value), intent_id)
        return value

    async def note(self, step: str, facts: Mapping[str, Any], word: str = CallOutcome.OK) -> None:
        """A result that answers no intent: a read's answer (it changed nothing outside)
        or what stopped a step before its call, kept for staff and recovery."""
        await self.journal.result(self.txn_id, step, word, facts)


def may_have_happened(answer: str | None) -> bool:
    """Whether a call answered by ``answer`` (None: never answered, a crash or a lost
    write) may have had its effect without the kiosk knowing."""
    return answer is None or CallOutcome.read(answer) is CallOutcome.UNKNOWN
