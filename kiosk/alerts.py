"""Staff alerts to a chat group: the kiosk says when it leaves service, when it is
back, and when a transaction needs a person (issue 16).

Cinema staff in China live in WeCom (企业微信) and DingTalk (钉钉) groups, and both
have "group robots": a webhook URL that takes a small JSON message.

- WeCom: ``POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY`` with
  ``{"msgtype": "text", "text": {"content": ...}}``; answers ``{"errcode": 0}``,
  45009 when the robot's limit (20 messages a minute) is hit.
- DingTalk: ``POST https://oapi.dingtalk.com/robot/send?access_token=...`` with the
  same body; a robot with 加签 also needs ``timestamp`` (ms) and ``sign`` =
  urlencode(base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}"))); answers
  ``{"errcode": 0}``, 130101 when sending too fast.

Alerts never block a patron: :meth:`StaffAlerts.notify` only queues, and one task
delivers with retries and backoff. The same alert is not sent again while it
still holds (out of service for the same reason; the same transaction needing
staff). A message carries the kiosk id, the reason and the transaction reference,
never personal data (no pickup code, phone number or payment code), and the
webhook URL (it holds the robot's key) never reaches a log.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import logging
import time
import urllib.parse
from dataclasses import dataclass
from typing import Literal

import httpx

from kiosk.availability import Availability
from kiosk.metrics import STAFF_STATES
from kiosk.tls import verify_for

log = logging.getLogger(__name__)

WebhookKind = Literal["wecom", "dingtalk"]
_RATE_LIMITED = {45009, 130101}  # WeCom, DingTalk: too many messages, try later
_QUEUE_SIZE = 100


@dataclass(frozen=True)
class Alert:
    key: str  # what it is about, for de-duplication (never shown)
    text: str


def sign_dingtalk(url: str, secret: str, now_ms: int) -> str:
    """The URL with DingTalk's 加签 parameters."""
    digest = hmac.new(secret.encode(), f"{now_ms}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={now_ms}&sign={sign}"


class StaffAlerts:
    def __init__(
        self,
        url: str,
        *,
        kind: WebhookKind,
        kiosk_id: str,
        secret: str = "",
        attempts: int = 5,
        first_delay_s: float = 2.0,
        timeout_s: float = 10.0,
    ) -> None:
        self._url = url
        self._kind = kind
        self._kiosk_id = kiosk_id
        self._secret = secret
        self._attempts = attempts
        self._first_delay_s = first_delay_s
        self._timeout_s = timeout_s
        self._queue: asyncio.Queue[Alert] = asyncio.Queue(_QUEUE_SIZE)
        self._out_of_service: tuple[str, ...] | None = None  # reasons last announced
        self._staff_waiting: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self.sent: list[Alert] = []  # delivered, newest last (the admin screen may show them)

    # ---- what the kiosk reports --------------------------------------------------------

    def availability(self, found: Availability) -> None:
        """Each answer of the availability watch: announce changes of service only."""
        if not found.checked:
            return
        if not found.in_service:
            reasons = tuple(found.reasons)
            if reasons != self._out_of_service:
                self._out_of_service = reasons
                self.notify(
                    Alert(
                        f"out:{','.join(reasons)}",
                        f"【暂停服务】取票机 {self._kiosk_id} 暂停服务：{'、'.join(reasons)}"
                        f"\nKiosk {self._kiosk_id} is out of service: {', '.join(reasons)}",
                    )
                )
        elif self._out_of_service is not None:
            self._out_of_service = None
            self.notify(
                Alert(
                    "back",
                    f"【恢复服务】取票机 {self._kiosk_id} 已恢复服务"
                    f"\nKiosk {self._kiosk_id} is back in service",
                )
            )

    def transaction_changed(self, txn: object) -> None:
        """A journal observer: a transaction that starts waiting for staff, once."""
        txn_id = str(getattr(txn, "id", ""))
        state = str(getattr(txn, "state", ""))
        if state in STAFF_STATES and not getattr(txn, "terminal", False):
            if txn_id not in self._staff_waiting:
                self._staff_waiting.add(txn_id)
                kind = getattr(txn, "kind", "")
                self.notify(
                    Alert(
                        f"staff:{txn_id}",
                        f"【需要处理】取票机 {self._kiosk_id}：一笔{_KIND_ZH.get(kind, '交易')}"
                        f"需要工作人员处理，交易号 {txn_id}"
                        f"\nKiosk {self._kiosk_id}: a {kind} needs staff, transaction {txn_id}",
                    )
                )
        else:
            self._staff_waiting.discard(txn_id)

    def ticket_printed(self, ticket: object) -> None:
        """Journal observer protocol: printed tickets are not alerts."""

    def notify(self, alert: Alert) -> None:
        """Queue an alert; never waits, never raises."""
        try:
            self._queue.put_nowait(alert)
        except asyncio.QueueFull:
            log.warning("staff alert dropped: the queue is full (webhook down?)")

    # ---- delivery ---------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._deliver_all())

    async def close(self, drain_s: float = 2.0) -> None:
        """Stop delivering, giving what is queued a moment to go."""
        task, self._task = self._task, None
        if task is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._queue.join(), drain_s)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _deliver_all(self) -> None:
        async with httpx.AsyncClient(
            timeout=self._timeout_s, verify=verify_for(self._url)
        ) as client:
            while True:
                alert = await self._queue.get()
                try:
                    await self._deliver(client, alert)
                finally:
                    self._queue.task_done()

    async def _deliver(self, client: httpx.AsyncClient, alert: Alert) -> None:
        delay = self._first_delay_s
        for attempt in range(1, self._attempts + 1):
            outcome = await self._post(client, alert)
            if outcome == "sent":
                self.sent.append(alert)
                log.info("staff alert sent (%s)", alert.key.split(":")[0])
                return
            if outcome == "refused":
                return
            if attempt < self._attempts:
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
        log.warning("staff alert not delivered after %d attempts", self._attempts)

    async def _post(self, client: httpx.AsyncClient, alert: Alert) -> str:
        url = self._url
        if self._kind == "dingtalk" and self._secret:
            url = sign_dingtalk(url, self._secret, int(time.time() * 1000))
        body = {"msgtype": "text", "text": {"content": alert.text}}
        try:
            reply = await client.post(url, json=body)
        except httpx.HTTPError as exc:
            # never the URL: it carries the robot's key
            log.warning("staff alert webhook unreachable (%s)", type(exc).__name__)
            return "retry"
        if reply.status_code >= 500 or reply.status_code == 429:
            log.warning("staff alert webhook answered HTTP %d", reply.status_code)
            return "retry"
        try:
            code = int(reply.json().get("errcode", -1))
        except (ValueError, AttributeError, TypeError):
            log.warning("staff alert webhook answered something that is not its JSON")
            return "retry"
        if code == 0:
            return "sent"
        if code in _RATE_LIMITED:
            log.warning("staff alert webhook is rate limited (errcode %d)", code)
            return "retry"
        log.error("staff alert webhook refused the message (errcode %d): check its settings", code)
        return "refused"


_KIND_ZH = {"purchase": "购票", "collect": "取票", "reprint": "补打"}
