"""The journal's API is written once, in :class:`Journal`: the asyncio face and the
flows' ports offer the same calls with the same signatures."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.flows.collect_ports import CollectJournal
from kiosk.flows.pickup_code import AuditTrail
from kiosk.flows.ports import JournalPort
from kiosk.journal import AsyncJournal, Journal

# Public Journal members the asyncio face has no counterpart of, and why.
NOT_ON_THE_LOOP = {
    "open": "AsyncJournal.open opens it on the journal's thread (no migrations to choose)",
    "accept_new": "a staff tool's, run by `kiosk journal --accept-new` with no kiosk running",
    "verify": "AsyncJournal.open runs it on the side thread when the file was too big at open",
    "back_up_into": "AsyncJournal.back_up runs it on the side thread",
    "flush_deferred": "the asyncio face's own timing (FLUSH_AFTER_S)",
    "record_identity": "the asyncio face's own timing (after each call's answer)",
    "deferred": "the asyncio face's own timing",
}


def _public(cls: type) -> dict[str, Any]:
    return {name: value for name, value in vars(cls).items() if not name.startswith("_")}


def _parameters(fn: Callable[..., Any]) -> list[tuple[str, Any, Any, Any]]:
    """Every parameter but ``self``: name, kind, default, annotation."""
    params = list(inspect.signature(fn).parameters.values())
    assert params and params[0].name == "self", fn
    return [(p.name, p.kind, p.default, p.annotation) for p in params[1:]]


def test_every_journal_call_has_its_coroutine_with_the_same_signature() -> None:
    sync = _public(Journal)
    assert set(NOT_ON_THE_LOOP) <= set(sync)  # the list names nothing that is gone
    calls = {name: fn for name, fn in sync.items() if name not in NOT_ON_THE_LOOP}
    assert {"begin", "intent", "result", "record_printed", "audit"} <= set(calls)
    for name, fn in calls.items():
        found = getattr(AsyncJournal, name, None)
        assert found is not None, f"AsyncJournal has no {name}()"
        assert inspect.iscoroutinefunction(found), f"AsyncJournal.{name} is not a coroutine"
        assert _parameters(found) == _parameters(fn), name
        assert (
            inspect.signature(found).return_annotation == inspect.signature(fn).return_annotation
        ), name
        assert found.__doc__ == fn.__doc__, name


@pytest.mark.parametrize("port", [JournalPort, CollectJournal, AuditTrail])
def test_the_flows_journal_ports_are_the_journals_own_calls(port: type) -> None:
    members = [
        name
        for cls in port.__mro__
        if cls.__module__.startswith("kiosk.flows")
        for name, value in vars(cls).items()
        if inspect.isfunction(value) and not name.startswith("_")
    ]
    assert members
    for name in members:
        ported = getattr(port, name)
        assert inspect.iscoroutinefunction(ported), f"{port.__name__}.{name}"
        assert _parameters(ported) == _parameters(getattr(Journal, name)), (port, name)
        assert (
            inspect.signature(ported).return_annotation
            == inspect.signature(getattr(Journal, name)).return_annotation
        ), (port, name)
