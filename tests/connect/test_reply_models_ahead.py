"""A reply model's validator is built on a thread while its request is on the wire, not
on the event loop after the answer (10-30 ms there, the first time of each)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, ClassVar

import httpx
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

from kiosk.connect.client import ConnectClient
from kiosk.connect.models import ConnectModel


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


async def test_the_reply_validator_is_built_off_the_loop_while_the_answer_is_awaited() -> None:
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
        body = await client._get("Probe", "probe", reply=_Reply)
    assert answered.is_set()
    assert _Reply.__pydantic_complete__  # built before the answer was handed back
    assert _Traced.built_on and threading.main_thread().name not in _Traced.built_on
    assert _Reply.model_validate(body).name == "ok"
