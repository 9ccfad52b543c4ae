"""Random fault schedules: whatever fails, in whatever order, recovery settles the purchase.

Each example draws fault rules for any Connect or payment call, and whether the
patron pays, waits or cancels; runs one purchase under them on fresh in-process
simulators; then recovery with the services healthy; then checks the invariant.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kiosk.flows.purchase import PurchaseError, PurchaseFlow, PurchaseState, Snapshot
from kiosk.sim.payment_server import Refused
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


def cancel_once_awaiting_payment(flow: PurchaseFlow, presses: list[asyncio.Future[None]]) -> None:
    """The patron taps Cancel as soon as the QR is up (once; the tap lands in ``presses``)."""

    def cancel_on_tick(snapshot: Snapshot) -> None:
        if snapshot.state is PurchaseState.AWAITING_PAYMENT and not presses:
            presses.append(asyncio.ensure_future(flow.cancel()))

    flow.observe(cancel_on_tick)


async def one_purchase(
    directory: Path, rules: list[str], patron: str, provider: str = "simulator"
) -> None:
    async with running_kit(directory, CONFIG, timeout_s=0.05, provider=provider) as kit:
        kit.faults(*rules)
        flow = kit.flow()
        presses: list[asyncio.Future[None]] = []
        if patron == "cancels":
            cancel_once_awaiting_payment(flow, presses)
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
    max_examples=40,
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


# Both wallets side by side, and payment codes: the patron pays either QR, both, a
# code that pays, waits for a password or is refused, or nothing; a code is charged
# through its own operations (codepay, reverse), faulted like the rest. Each patron is
# also tried once with no fault at all, so every path is sure to be walked.
CODE_OPS = [*WALLET_OPS, "codepay"]
two_wallet_rule = st.one_of(
    st.tuples(st.just("connect"), st.sampled_from(CONNECT_OPS)),
    st.tuples(st.just("payment"), st.sampled_from(CODE_OPS)),
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
two_wallet_patrons = st.sampled_from(
    [
        "pays_first",
        "pays_second",
        "pays_both",
        "code_pays",
        "code_password",
        "code_refused",
        "code_then_qr",
        "never_pays",
        "cancels",
    ]
)


async def one_purchase_two_wallets(
    directory: Path, rules: list[str], patron: str, providers: str, wallet: str
) -> None:
    from tests.payment.wechat_helpers import paycode

    config = dataclasses.replace(CONFIG, payment_poll_s=2.0)
    async with running_kit(directory, config, timeout_s=0.05, provider=providers) as kit:
        kit.faults(*rules)
        flow = kit.flow()
        presses: list[asyncio.Future[None]] = []
        if patron == "cancels":
            cancel_once_awaiting_payment(flow, presses)
        try:
            await flow.start(kit.session())
            await flow.choose({standard_code(flow): 2}, free_seats(flow, 2))
            request = await flow.pay()
            qrs = [q.out_trade_no for q in request.qrs]
            if patron in ("pays_first", "pays_both"):
                kit.pay(qrs[0])
            if patron in ("pays_second", "pays_both"):
                kit.pay(qrs[-1])
            waiting = asyncio.ensure_future(flow.wait_for_payment())
            if patron.startswith("code"):
                outcome = {"code_pays": "success", "code_refused": "fail"}.get(patron, "password")
                extra = {"password_s": 6} if patron == "code_then_qr" else {}
                code = await paycode(kit.payment_sim.url, wallet, outcome, **extra)
                paying = asyncio.ensure_future(flow.pay_with_code(code))
                if patron == "code_then_qr":
                    # a companion pays a QR while the patron types the password: one
                    # of the two is refunded
                    for _ in range(200):
                        if any(n[30:31] == "C" for n in kit.store.payments) or paying.done():
                            break
                        await asyncio.sleep(0.01)
                    with contextlib.suppress(Refused):  # closed already: nothing taken
                        kit.pay(qrs[-1])
                with contextlib.suppress(PurchaseError):
                    await paying
            await waiting
        except PurchaseError:
            pass
        await asyncio.gather(*presses, return_exceptions=True)
        kit.world.faults.clear()
        report = await kit.recover()
        assert report.all_terminal, (rules, patron, report.needs_staff)
        await assert_invariant(kit)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@example(rules=[], patron="pays_first", providers="wechatpay,alipay", wallet="wechat")
@example(rules=[], patron="pays_second", providers="wechatpay,alipay", wallet="alipay")
@example(rules=[], patron="pays_both", providers="wechatpay,alipay", wallet="wechat")
@example(rules=[], patron="code_pays", providers="wechatpay,alipay", wallet="alipay")
@example(rules=[], patron="code_password", providers="wechatpay,alipay", wallet="wechat")
@example(rules=[], patron="code_refused", providers="wechatpay,alipay", wallet="alipay")
@example(rules=[], patron="code_then_qr", providers="alipay,wechatpay", wallet="wechat")
@example(rules=[], patron="never_pays", providers="wechatpay,alipay", wallet="alipay")
@example(rules=[], patron="cancels", providers="wechatpay,alipay", wallet="wechat")
@given(
    rules=st.lists(two_wallet_rule, max_size=5),
    patron=two_wallet_patrons,
    providers=st.sampled_from(["wechatpay,alipay", "alipay,wechatpay"]),
    wallet=st.sampled_from(["wechat", "alipay"]),
)
def test_random_fault_schedules_with_both_wallets_and_payment_codes(
    rules: list[str], patron: str, providers: str, wallet: str
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(one_purchase_two_wallets(Path(directory), rules, patron, providers, wallet))
