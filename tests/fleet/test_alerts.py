"""Staff alerts to a WeCom or DingTalk group robot, against a local HTTP receiver
that answers as the robots do (errcode JSON, DingTalk's 加签 checked on its side)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from kiosk.alerts import StaffAlerts
from kiosk.availability import Checks, decide
from kiosk.journal.models import Transaction
from kiosk.printing.status import PrinterStatus

PAPER_OUT = decide(Checks(printer=PrinterStatus(online=False, paper_present=False)))
FINE = decide(Checks())
SECRET = "SEC0123456789abcdef"


@dataclass
class Robot:
    """A group robot: records messages; ``answers`` are consumed one per request."""

    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    queries: list[dict[str, str]] = field(default_factory=list)
    secret: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.queries.append(dict(request.query))
        body = await request.json()
        assert body["msgtype"] == "text"
        if self.secret:  # DingTalk's check, written from its documentation
            stamp = request.query.get("timestamp", "0")
            expected = base64.b64encode(
                hmac.new(
                    self.secret.encode(), f"{stamp}\n{self.secret}".encode(), hashlib.sha256
                ).digest()
            ).decode()
            if (
                request.query.get("sign") != expected
                or abs(time.time() * 1000 - int(stamp)) > 3.6e6
            ):
                return web.json_response({"errcode": 310000, "errmsg": "sign not match"})
        status, reply = self.answers.pop(0) if self.answers else (200, {"errcode": 0})
        if status == 200 and reply.get("errcode") == 0:
            self.messages.append(body["text"]["content"])
        return web.json_response(reply, status=status)


@contextlib.asynccontextmanager
async def robot_at(robot: Robot) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/send", robot.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/send?key=ROBOTKEY"
    finally:
        await runner.cleanup()


async def _until(check: Any, timeout_s: float = 5.0) -> None:
    for _ in range(int(timeout_s / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("timed out")


def _txn(txn_id: str, state: str, terminal: bool = False) -> Transaction:
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    summary = {"booking_id": "WQNX8JL", "phone": "13812345678"}
    return Transaction(txn_id, "purchase", state, terminal, now, now, summary)


async def test_wecom_hears_out_of_service_once_and_back_in_service(caplog: Any) -> None:
    robot = Robot(answers=[(500, {}), (200, {"errcode": 45009, "errmsg": "rate limited"})])
    async with robot_at(robot) as url:
        alerts = StaffAlerts(url, kind="wecom", kiosk_id="K07", first_delay_s=0.05)
        alerts.start()
        alerts.availability(PAPER_OUT)
        alerts.availability(PAPER_OUT)  # still out for the same reason: nothing new
        await _until(lambda: len(robot.messages) == 1)  # after a 500 and a rate limit
        alerts.availability(FINE)
        await _until(lambda: len(robot.messages) == 2)
        await alerts.close()
    out, back = robot.messages
    assert "K07" in out and "printer_paper_out" in out and "暂停服务" in out
    assert "K07" in back and "恢复服务" in back
    assert "ROBOTKEY" not in caplog.text  # the webhook's key never reaches a log


async def test_a_transaction_needing_staff_is_announced_once_without_personal_data() -> None:
    robot = Robot()
    async with robot_at(robot) as url:
        alerts = StaffAlerts(url, kind="wecom", kiosk_id="K07", first_delay_s=0.05)
        alerts.start()
        alerts.transaction_changed(_txn("p-42", "NEEDS_STAFF"))
        alerts.transaction_changed(_txn("p-42", "NEEDS_STAFF"))
        alerts.transaction_changed(_txn("p-43", "AWAITING_PAYMENT"))
        await _until(lambda: len(robot.messages) == 1)
        await alerts.close()
    [message] = robot.messages
    assert "p-42" in message
    assert "WQNX8JL" not in message and "13812345678" not in message


async def test_dingtalk_messages_are_signed_and_a_refusal_is_not_retried() -> None:
    robot = Robot(secret=SECRET)
    async with robot_at(robot) as url:
        signed = StaffAlerts(url, kind="dingtalk", kiosk_id="K07", secret=SECRET)
        signed.start()
        signed.availability(PAPER_OUT)
        await _until(lambda: len(robot.messages) == 1)
        await signed.close()
        wrong = StaffAlerts(
            url, kind="dingtalk", kiosk_id="K07", secret="SECwrong", first_delay_s=0.05
        )
        wrong.start()
        wrong.availability(PAPER_OUT)
        await _until(lambda: len(robot.queries) == 2)
        await asyncio.sleep(0.3)
        await wrong.close()
    assert len(robot.queries) == 2  # refused (errcode 310000) once, not hammered
    assert wrong.sent == [] and len(signed.sent) == 1


async def test_an_unreachable_robot_never_holds_up_the_kiosk() -> None:
    alerts = StaffAlerts(
        "http://127.0.0.1:9/send", kind="wecom", kiosk_id="K07", attempts=2, first_delay_s=0.05
    )
    alerts.start()
    alerts.availability(PAPER_OUT)  # returns at once: delivery is the task's business
    await asyncio.sleep(0.3)
    await alerts.close()
    assert alerts.sent == []
