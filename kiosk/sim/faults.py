"""Fault rules for the simulators: ``SERVICE.OPERATION=KIND[:ARG][:times:K]``.

The grammar and kinds are a fixed interface (docs/simulators.md). Rules apply in
order and a later rule for the same operation wins; ``*`` matches any service or
operation; ``times:K`` limits a rule to its next K hits, after which earlier
rules show through again.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

SERVICES = ("connect", "sarft", "payment", "printer")
OPERATIONS: dict[str, tuple[str, ...]] = {
    "connect": (
        "Cinemas",
        "GetNowShowingScheduledFilms",
        "Sessions",
        "GetTicketsForSession",
        "GetSessionSeatPlan",
        "AddTickets",
        "GetOrder",
        "CancelOrder",
        "StartExternalPayment",
        "CompleteOrder",
        "QueryOrderBookingStatus",
        "GetSingleBooking",
        "RefundBooking",
    ),
    "sarft": ("auth", "query", "apply", "confirm"),
    # native, codepay, reverse and bill are the real protocols' (WeChat Pay, Alipay)
    "payment": ("create", "query", "close", "refund", "native", "codepay", "reverse", "bill"),
    "printer": ("print", "status"),
}
KINDS_WITH_INT_ARG = ("latency", "code", "paper_out_after", "paper_out_after_mm", "slow")
KINDS_WITHOUT_ARG = (
    "hang",
    "http500",
    "malformed",
    "drop_request",
    "drop_response",
    "paper_near_end",
    "cover_open",
    "no_reply",
    "eof_when_idle",
    "jam",
    "bad_signature",
)
PRINTER_ONLY = (
    "paper_out_after",
    "paper_out_after_mm",
    "paper_near_end",
    "cover_open",
    "no_reply",
    "slow",
    "eof_when_idle",
    "jam",
)
HTTP_ONLY = ("http500",)
PAYMENT_ONLY = ("bad_signature",)  # a signed reply whose signature does not verify

_RULE = re.compile(r"^(?P<service>[a-z*]+)\.(?P<op>[A-Za-z*]+)=(?P<spec>.+)$")


class FaultRuleError(ValueError):
    """A fault rule does not parse; the message quotes the rule and says why."""


@dataclass
class FaultRule:
    service: str
    operation: str
    kind: str
    arg: int | None = None
    times: int | None = None  # remaining hits; None = unlimited
    text: str = ""

    def matches(self, service: str, operation: str) -> bool:
        return self.service in ("*", service) and self.operation in ("*", operation)

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.times <= 0


@dataclass(frozen=True)
class Fault:
    """What a simulator should do for one request."""

    kind: str
    arg: int | None = None

    async def delay(self) -> None:
        """Sleep for a latency fault, forever for a hang; return at once otherwise."""
        if self.kind == "latency" and self.arg:
            await asyncio.sleep(self.arg / 1000)
        elif self.kind == "hang":
            await asyncio.Event().wait()


def parse_rule(text: str) -> FaultRule:
    match = _RULE.match(text.strip())
    if not match:
        raise FaultRuleError(f"fault rule {text!r}: expected SERVICE.OPERATION=KIND[:ARG]")
    service, operation, spec = match["service"], match["op"], match["spec"]
    if service != "*" and service not in SERVICES:
        raise FaultRuleError(f"fault rule {text!r}: unknown service {service!r}")
    if operation != "*" and service != "*" and operation not in OPERATIONS[service]:
        known = ", ".join(OPERATIONS[service])
        raise FaultRuleError(
            f"fault rule {text!r}: {service} has no operation {operation!r} ({known})"
        )
    parts = spec.split(":")
    times: int | None = None
    if len(parts) >= 2 and parts[-2] == "times":
        try:
            times = int(parts[-1])
        except ValueError:
            raise FaultRuleError(f"fault rule {text!r}: times needs a whole number") from None
        if times < 1:
            raise FaultRuleError(f"fault rule {text!r}: times must be at least 1")
        parts = parts[:-2]
    kind, args = parts[0], parts[1:]
    arg: int | None = None
    if kind in KINDS_WITH_INT_ARG:
        if len(args) != 1:
            raise FaultRuleError(f"fault rule {text!r}: {kind} needs one number, e.g. {kind}:100")
        try:
            arg = int(args[0])
        except ValueError:
            raise FaultRuleError(f"fault rule {text!r}: {kind} needs a whole number") from None
        if arg < 0:
            raise FaultRuleError(f"fault rule {text!r}: {kind} cannot be negative")
    elif kind in KINDS_WITHOUT_ARG:
        if args:
            raise FaultRuleError(f"fault rule {text!r}: {kind} takes no argument")
    else:
        raise FaultRuleError(f"fault rule {text!r}: unknown kind {kind!r}")
    if kind in PRINTER_ONLY and service not in ("printer", "*"):
        raise FaultRuleError(f"fault rule {text!r}: {kind} applies to the printer only")
    if kind in PAYMENT_ONLY and service not in ("payment", "*"):
        raise FaultRuleError(f"fault rule {text!r}: {kind} applies to payment only")
    if kind in HTTP_ONLY and service not in ("connect", "payment", "*"):
        raise FaultRuleError(f"fault rule {text!r}: {kind} applies to connect and payment only")
    return FaultRule(service, operation, kind, arg, times, text.strip())


@dataclass
class FaultBook:
    """The live rule list shared by every simulator in a process."""

    rules: list[FaultRule] = field(default_factory=list)

    def add(self, texts: list[str] | tuple[str, ...]) -> list[FaultRule]:
        """Parse every rule first so a bad one adds none of them."""
        parsed = [parse_rule(text) for text in texts]
        self.rules.extend(parsed)
        return parsed

    def clear(self) -> None:
        self.rules.clear()

    def take(
        self, service: str, operation: str, kinds: tuple[str, ...] | None = None
    ) -> Fault | None:
        """The fault for this request, counting one hit against a ``times`` rule.

        ``kinds`` restricts the search to rules of those kinds (the printer asks
        for its paper rules separately from its reply rules)."""
        for rule in reversed(self.rules):
            if rule.exhausted or not rule.matches(service, operation):
                continue
            if kinds is not None and rule.kind not in kinds:
                continue
            if rule.times is not None:
                rule.times -= 1
            return Fault(rule.kind, rule.arg)
        return None

    def peek(
        self, service: str, operation: str, kinds: tuple[str, ...] | None = None
    ) -> FaultRule | None:
        """The rule that would apply, without counting a hit (for stateful printer faults)."""
        for rule in reversed(self.rules):
            if rule.exhausted or not rule.matches(service, operation):
                continue
            if kinds is not None and rule.kind not in kinds:
                continue
            return rule
        return None

    def describe(self) -> list[dict[str, object]]:
        return [
            {"rule": r.text, "remaining": r.times, "exhausted": r.exhausted} for r in self.rules
        ]
