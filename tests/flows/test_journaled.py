"""One way of journaling an outside call, for every flow: the intent committed before
the call, its answer after it in one of three words, old journals' words still read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.flows.journaled import CallOutcome, JournaledCalls, Verdict, may_have_happened
from kiosk.journal import AsyncJournal


class Refused(Exception):
    pass


class Lost(Exception):
    pass


def judge(exc: Exception) -> Verdict | None:
    if isinstance(exc, Refused):
        return CallOutcome.FAILED, {"code": 9}
    if isinstance(exc, Lost):
        return CallOutcome.UNKNOWN, {}
    return None


@pytest.fixture
async def journal(tmp_path: Path) -> AsyncIterator[AsyncJournal]:
    journal = await AsyncJournal.open(tmp_path / "journal.sqlite3")
    await journal.begin("collect", "t1", "started")
    try:
        yield journal
    finally:
        await journal.close()


async def test_the_intent_is_on_the_journal_before_the_call_and_answered_after(
    journal: AsyncJournal,
) -> None:
    calls = JournaledCalls(journal, "t1", judge)
    seen_during: list[str] = []

    async def action() -> int:
        seen_during.extend(s.step for s in await journal.unanswered("t1"))
        return 7

    assert await calls.call("apply", {"print_no": "1"}, action, lambda v: {"got": v}) == 7
    assert seen_during == ["apply"]
    intent, answer = await journal.steps("t1")
    assert (intent.phase, intent.details) == ("intent", {"print_no": "1"})
    assert (answer.outcome, answer.details, answer.intent_id) == ("ok", {"got": 7}, intent.id)


@pytest.mark.parametrize(
    ("error", "word", "facts"), [(Refused(), "failed", {"code": 9}), (Lost(), "unknown", {})]
)
async def test_a_judged_error_is_answered_with_its_verdict_and_raised(
    journal: AsyncJournal, error: Exception, word: str, facts: dict[str, int]
) -> None:
    async def action() -> None:
        raise error

    with pytest.raises(type(error)):
        await JournaledCalls(journal, "t1", judge).call("apply", {}, action)
    intent, answer = await journal.steps("t1")
    assert (answer.outcome, answer.details, answer.intent_id) == (word, facts, intent.id)


async def test_an_error_the_judge_does_not_know_leaves_the_call_in_doubt(
    journal: AsyncJournal,
) -> None:
    async def action() -> None:
        raise KeyError("a bug, not an answer")

    with pytest.raises(KeyError):
        await JournaledCalls(journal, "t1", judge).call("print_ticket", {}, action)
    [open_intent] = await journal.unanswered("t1")
    assert open_intent.step == "print_ticket"
    assert may_have_happened(None)


async def test_a_note_answers_no_intent(journal: AsyncJournal) -> None:
    calls = JournaledCalls(journal, "t1", judge)
    await calls.note("query", {"state": "PAID"})
    await calls.note("print_ticket", {"ticket_index": 1}, "bad_record")
    assert [(s.outcome, s.intent_id) for s in await journal.steps("t1")] == [
        ("ok", None),
        ("bad_record", None),
    ]
    assert CallOutcome.read("bad_record") is None


@pytest.mark.parametrize(
    ("word", "outcome", "in_doubt"),
    [
        ("ok", CallOutcome.OK, False),
        ("failed", CallOutcome.FAILED, False),
        ("unknown", CallOutcome.UNKNOWN, True),
        # what collections and reprints wrote before they spoke the ledger's words
        ("refused", CallOutcome.FAILED, False),
        ("not_printed", CallOutcome.FAILED, False),
        ("in_doubt", CallOutcome.UNKNOWN, True),
    ],
)
def test_every_version_s_words_are_read(word: str, outcome: CallOutcome, in_doubt: bool) -> None:
    assert CallOutcome.read(word) is outcome
    assert may_have_happened(word) is in_doubt
