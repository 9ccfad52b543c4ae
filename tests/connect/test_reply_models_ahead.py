"""A reply model's validator is built on a thread while its request is on the wire, not
on the event loop after the answer (10-30 ms there, the first time of each); and the
models themselves, with pydantic, load on that thread with the first request."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from kiosk.connect import models
from kiosk.connect.client import ConnectClient
from kiosk.connect.models import ConnectModel
from tests.core.test_command_imports import _probe


class _Traced(str):
    """A text field whose schema notes the thread it was built on."""

    built_on: ClassVar[list[str]] = []

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        cls.built_on.append(threading.current_thread().name)
        return core_schema.str_schema()


class _Reply(ConnectModel):
    name: _Traced


async def test_the_reply_validator_is_built_off_the_loop_while_the_answer_is_awaited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(models, "_Reply", _Reply, raising=False)  # a reply is named
    answered = asyncio.Event()

    async def slow_network(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.1)  # the validator is built meanwhile
        answered.set()
        return httpx.Response(200, json={"name": "ok"})

    assert not _Reply.__pydantic_complete__
    client = ConnectClient(
        "http://connect.test", "token", transport=httpx.MockTransport(slow_network)
    )
    async with client:
        body = await client._get("Probe", "probe", reply="_Reply")
    assert answered.is_set()
    assert _Reply.__pydantic_complete__  # built before the answer was handed back
    assert _Traced.built_on and threading.main_thread().name not in _Traced.built_on
    assert _Reply.model_validate(body).name == "ok"


def test_the_models_and_pydantic_load_on_that_thread_with_the_first_request(
    tmp_path: Path,
) -> None:
    code = """
import asyncio, json, sys, threading
import httpx
from kiosk.connect.client import ConnectClient

loaded_on = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("pydantic", "kiosk.connect.models"):
            loaded_on.setdefault(name, threading.current_thread().name)
        return None

sys.meta_path.insert(0, Watch())

async def network(request):
    await asyncio.sleep(0.2)
    return httpx.Response(200, json={"value": [{"ID": "0200", "Name": "x"}]})

async def main():
    before = sorted(m for m in ("pydantic", "kiosk.connect.models") if m in sys.modules)
    client = ConnectClient("http://connect.test", "t", transport=httpx.MockTransport(network))
    async with client:
        cinemas = await client.get_cinemas()
    return before, [c.cinema_id for c in cinemas]

before, cinemas = asyncio.run(main())
print(json.dumps([before, cinemas, loaded_on]))
"""
    before, cinemas, loaded_on = _probe(code, tmp_path)
    assert before == []  # the client, built and ready to send, needs neither
    assert cinemas == ["0200"]
    assert loaded_on == {"pydantic": "kiosk-ahead", "kiosk.connect.models": "kiosk-ahead"}


def test_a_second_request_while_the_models_are_still_loading_waits_for_them(
    tmp_path: Path,
) -> None:
    # The models load on the builder thread with the first request; until that import
    # ends, sys.modules holds a module without its classes. A second request at that
    # moment (a purchase asks for the ticket types and the seat plan together) once
    # raised AttributeError from the client instead of answering.
    code = """
import asyncio, json, sys, threading
import httpx
from kiosk.connect.client import ConnectClient

inside_models = threading.Event()
let_go = threading.Event()

class HoldModels:
    # pydantic's import comes from inside kiosk.connect.models: hold it there
    def find_spec(self, name, path=None, target=None):
        if name == "pydantic" and "kiosk.connect.models" in sys.modules:
            inside_models.set()
            let_go.wait(10)
        return None

sys.meta_path.insert(0, HoldModels())

async def network(request):
    if request.url.path.endswith("Cinemas"):
        return httpx.Response(200, json={"value": [{"ID": "0200", "Name": "x"}]})
    return httpx.Response(200, json={"value": [{"ID": "0201", "Name": "y"}]})

async def main():
    client = ConnectClient("http://connect.test", "t", transport=httpx.MockTransport(network))
    async with client:
        first = asyncio.ensure_future(client.get_cinemas())
        while not inside_models.is_set():
            await asyncio.sleep(0.005)
        second = asyncio.ensure_future(
            client._get("Films", "OData.svc/GetNowShowingScheduledFilms", reply="ScheduledFilm")
        )
        await asyncio.sleep(0.05)  # the second request is under way, the models half loaded
        let_go.set()
        cinemas = await first
        films = await second
    return [c.cinema_id for c in cinemas], films["value"][0]["ID"]

print(json.dumps(asyncio.run(main())))
"""
    cinemas, film = _probe(code, tmp_path)
    assert cinemas == ["0200"]
    assert film == "0201"
