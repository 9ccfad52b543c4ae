"""Random fault schedules: whatever fails, in whatever order, recovery settles the purchase.

Each example draws fault rules for any Connect or payment call, and whether the
patron pays, waits or cancels; runs one purchase under them on fresh in-process
simulators; then recovery with the services healthy; then checks the invariant.
"""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.flows.purchase import PurchaseError, PurchaseState, Snapshot
from tests.flows.helpers_purchase import (
    FAST,
    assert_invariant,
    free_seats,
    running_kit,
    standard_code,
)

pytestmark = pytest.mark.slow

CONFIG = dataclasses.replace(FAST, booking_status_polls=3, payment_poll_s=60.0)
CONNECT_OPS = [
    "AddTickets",
    "GetTicketsForSession",
    "GetSessionSeatPlan",
    "StartExternalPayment",
    "CompleteOrder",
    "GetOrder",
    "QueryOrderBookingStatus",
    "CancelOrder",
    "RefundBooking",
]
PAYMENT_OPS = ["create", "query", "close", "refund"]
KINDS = ["hang", "drop_request", "http500", "malformed", "drop_response", "code:1", "code:8"]

rule = st.one_of(
    st.tuples(st.just("connect"), st.sampled_from(CONNECT_OPS)),
    st.tuples(st.just("payment"), st.sampled_from(PAYMENT_OPS)),
).flatmap(
    lambda target: st.builds(
        lambda kind, times: f"{target[0]}.{target[1]}={kind}:times:{times}",
        st.sampled_from(
            [k for k in KINDS if target[0] == "connect" or k != "code:8"]
            + (["code:409", "code:404"] if target[0] == "payment" else [])
        ),
        st.integers(1, 3),
    )
)
schedules = st.lists(rule, max_size=5)
patrons = st.sampled_from(["pays", "never_pays", "cancels"])


async def one_purchase(
    directory: Path, rules: list[str], patron: str, provider: str = "simulator"
) -> None:
    async with running_kit(directory, CONFIG, timeout_s=0.05, provider=provider) as kit:
        kit.faults(*rules)
        flow = kit.flow()
        presses: list[asyncio.Future[None]] = []
        if patron == "cancels":

            def cancel_on_tick(snapshot: Snapshot) -> None:
                if snapshot.state is PurchaseState.AWAITING_PAYMENT and not presses:
                    presses.append(asyncio.ensure_future(flow.cancel()))

            flow.observe(cancel_on_tick)
        try:
            await flow.start(kit.session())
            await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
            request = await flow.pay()
            if patron == "pays":
                kit.pay(request.out_trade_no)
            await flow.wait_for_payment()
        except PurchaseError:
            pass
        await asyncio.gather(*presses, return_exceptions=True)
        kit.world.faults.clear()
        report = await kit.recover()
        assert report.all_terminal, (rules, patron, report.needs_staff)
        await assert_invariant(kit)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rules=schedules, patron=patrons)
def test_random_fault_schedules_keep_the_invariant(rules: list[str], patron: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(one_purchase(Path(directory), rules, patron))


# WeChat Pay and Alipay: their own operations, and replies whose signature is bad
WALLET_OPS = ["create", "native", "query", "close", "reverse", "refund"]
wallet_rule = st.one_of(
    st.tuples(st.just("connect"), st.sampled_from(CONNECT_OPS)),
    st.tuples(st.just("payment"), st.sampled_from(WALLET_OPS)),
).flatmap(
    lambda target: st.builds(
        lambda kind, times: f"{target[0]}.{target[1]}={kind}:times:{times}",
        st.sampled_from(
            [k for k in KINDS if target[0] == "connect" or k != "code:8"]
            + (["bad_signature", "code:400", "code:404"] if target[0] == "payment" else [])
        ),
        st.integers(1, 3),
    )
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    rules=st.lists(wallet_rule, max_size=5),
    patron=patrons,
    provider=st.sampled_from(["wechatpay", "alipay"]),
)
def test_random_fault_schedules_with_wechatpay_and_alipay(
    rules: list[str], patron: str, provider: str
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(one_purchase(Path(directory), rules, patron, provider))
