"""The ahead thread: a request's own work goes before what is queued for later, one
piece at a time, and the thread comes and goes with its work."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk import ahead
from tests.core.test_command_imports import _probe

ROOT = Path(__file__).resolve().parents[2]


def _idle() -> None:
    """Until the ahead thread of an earlier test has ended."""
    for thread in threading.enumerate():
        if thread.name == ahead.THREAD_NAME:
            thread.join(10)


def test_needed_work_goes_before_work_queued_earlier_for_later() -> None:
    _idle()
    order: list[str] = []
    holding = threading.Event()
    let_go = threading.Event()

    def first() -> None:
        holding.set()
        let_go.wait(10)  # while this runs, the rest is queued behind it
        order.append("first")

    running = ahead.submit(first, priority=ahead.LATER)
    assert holding.wait(10)
    later = [
        ahead.submit(lambda n=n: order.append(f"later {n}"), priority=ahead.LATER) for n in (1, 2)
    ]
    needed = ahead.submit(lambda: order.append("needed"), priority=ahead.NEEDED)
    let_go.set()
    for done in (running, *later, needed):
        done.result(10)
    # what runs is never interrupted; of the rest, the needed first, then in order
    assert order == ["first", "needed", "later 1", "later 2"]


def test_a_failure_reaches_the_caller_and_the_thread_goes_on() -> None:
    def broken() -> None:
        raise LookupError("no such module")

    failed = ahead.submit(broken, priority=ahead.LATER)
    after = ahead.submit(lambda: "still working", priority=ahead.LATER)
    with pytest.raises(LookupError, match="no such module"):
        failed.result(10)
    assert after.result(10) == "still working"


def test_the_thread_ends_when_idle_and_comes_back_with_new_work() -> None:
    assert ahead.submit(threading.current_thread, priority=ahead.LATER).result(10).name == (
        ahead.THREAD_NAME
    )
    _idle()
    assert ahead.THREAD_NAME not in {t.name for t in threading.enumerate()}
    ran_on = ahead.submit(lambda: threading.current_thread().name, priority=ahead.NEEDED)
    assert ran_on.result(10) == ahead.THREAD_NAME


def test_a_lookups_reply_model_is_built_before_the_printing_stack_loads(
    tmp_path: Path,
) -> None:
    # ``kiosk collect`` starts the collection's imports, then asks Connect for the
    # booking. Beside each other, the printing stack's imports (needed three round
    # trips later) held the booking's answer back: 267 ms to read it with L = 50 ms.
    code = """
import asyncio, json, sys, time
import httpx
from kiosk.connect import client as connect_client
from kiosk.connect.client import ConnectClient
from kiosk.services import COLLECTION_AHEAD, import_meanwhile

events = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("PIL", "qrcode", "escpos") and "printing stack" not in events:
            events.append("printing stack")
        return None

sys.meta_path.insert(0, Watch())
real_build = connect_client._build

def build(name):
    real_build(name)
    events.append("reply model built")

connect_client._build = build

async def network(request):
    await asyncio.sleep(0.05)
    return httpx.Response(200, json={"value": [{"ID": "0200", "Name": "x"}]})

async def main():
    warming = asyncio.ensure_future(import_meanwhile(*COLLECTION_AHEAD))
    await asyncio.sleep(0.001)  # its first import under way, as in kiosk collect
    client = ConnectClient("http://connect.test", "t", transport=httpx.MockTransport(network))
    async with client:
        await client.get_cinemas()
    await warming

asyncio.run(main())
print(json.dumps(events))
"""
    assert _probe(code, tmp_path) == ["reply model built", "printing stack"]


def test_the_collections_imports_leave_no_temporary_folder(tmp_path: Path) -> None:
    # escpos imported before kiosk.printing.escpos_cache parses its YAML database
    # (~150 ms) and leaves a folder in the temporary folder at every start
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    code = (
        "import asyncio\nfrom kiosk.services import COLLECTION_AHEAD, import_meanwhile\n"
        "asyncio.run(import_meanwhile(*COLLECTION_AHEAD))\n"
        "import sys; assert 'kiosk.printing.escpos' in sys.modules\n"
    )
    for _ in range(2):  # the first start writes the cache, the second reads it
        subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert list(tmp.iterdir()) == []


def test_a_thread_that_cannot_start_leaves_the_next_submit_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _idle()
    real_start = threading.Thread.start

    def no_thread(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with pytest.raises(RuntimeError, match="can't start new thread"):
        ahead.submit(lambda: "never asked for", priority=ahead.LATER)
    monkeypatch.setattr(threading.Thread, "start", real_start)
    assert ahead.submit(lambda: "answered", priority=ahead.NEEDED).result(10) == "answered"
