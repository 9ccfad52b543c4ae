"""The SARFT simulator speaks every variant ``kiosk sarft-probe`` tries, with its own code.

Each variant is checked twice over loopback: with bytes written out here by hand
(struct and literals, from docs/sarft-protocol.md), and with the kiosk's own
client set to the same ``sarft_*`` settings. The simulator must not borrow the
client's codec: a mistake shared by both ends would pass every test.
"""

from __future__ import annotations

import ast
import asyncio
import hashlib
import json
import struct
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.sarft import SarftClient, SarftProtocolError
from kiosk.sarft.codec import WireFormat
from kiosk.secret import Secret
from kiosk.settings import Settings
from kiosk.sim.cluster import SimCluster, SimOptions, kiosk_env
from kiosk.sim.sarft_server import SarftSimulator, start_sarft
from kiosk.sim.sarft_wire import SimWire, WireSpecError
from tests.sarft.variants import VARIANTS
from tests.sarft.world import SHOWTIME, SarftWorld, build_world

ROOT = Path(__file__).resolve().parents[2]
USERNAME = "kiosk"
PASSWORD = "密码-pw"  # not ASCII: GB18030 and UTF-8 send different bytes
PRINT_NO = b"0000000000111972"


def _frame(wire: SimWire, msg_type: int, body: bytes) -> bytes:
    """A frame built here from the contract's words, not by the simulator's writer."""
    if wire.length_prefix_bytes == 0:
        return bytes([msg_type]) + body
    length = len(body) + (1 if wire.length_counts_type else 0)
    big = wire.length_byteorder == "big"
    fmt = {(2, False): "<H", (2, True): ">H", (4, False): "<I", (4, True): ">I"}
    return struct.pack(fmt[(wire.length_prefix_bytes, big)], length) + bytes([msg_type]) + body


def _char(text: str, width: int, wire: SimWire) -> bytes:
    return text.encode(wire.text_encoding).ljust(width, b"\0")


def _auth_body(wire: SimWire, password: str = PASSWORD) -> bytes:
    if wire.password_mode == "md5":
        password = hashlib.md5(password.encode(wire.text_encoding)).hexdigest()
    return _char(USERNAME, 33, wire) + _char(password, 33, wire)


def _prefix_size(wire: SimWire) -> int:
    return wire.length_prefix_bytes


async def _exchange(sim: SarftSimulator, *frames: bytes, expect: int = 0) -> bytes:
    """Send the frames, then read until ``expect`` bytes came, the simulator closed, or
    nothing more came for half a second."""
    reader, writer = await asyncio.open_connection(sim.host, sim.port)
    try:
        writer.write(b"".join(frames))
        await writer.drain()
        data = b""
        while not expect or len(data) < expect:
            try:
                chunk = await asyncio.wait_for(reader.read(65536), 0.5)
            except TimeoutError:
                return data
            if not chunk:
                return data
            data += chunk
        return data
    finally:
        writer.close()


@pytest.fixture
def world() -> SarftWorld:
    return build_world()


@pytest.fixture
async def variant_sim(
    world: SarftWorld, request: pytest.FixtureRequest
) -> AsyncIterator[SarftSimulator]:
    sim = await start_sarft(
        world.world, username=USERNAME, password=PASSWORD, wire=SimWire.parse(request.param)
    )
    try:
        yield sim
    finally:
        await sim.close()


def test_the_simulator_shares_no_code_with_the_kiosk_sarft_package() -> None:
    for path in sorted((ROOT / "kiosk" / "sim").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith("kiosk.sarft"), f"{path.name} imports {name}"


@pytest.mark.parametrize("variant_sim", VARIANTS, indirect=True, ids=lambda v: v or "contract")
async def test_each_variant_by_hand_written_bytes(
    variant_sim: SarftSimulator, world: SarftWorld
) -> None:
    wire = variant_sim.wire
    query = _frame(wire, 0x03, b"\x01" + PRINT_NO + b"\0")
    auth_reply = _frame(wire, 0x02, b"\x00")
    size = len(auth_reply) + _prefix_size(wire) + 3 + 2 * 529
    data = await _exchange(variant_sim, _frame(wire, 0x01, _auth_body(wire)), query, expect=size)
    assert data[: len(auth_reply)] == auth_reply
    reply = data[len(auth_reply) :]
    head = _prefix_size(wire)
    record_size = 529
    assert reply == _frame(wire, 0x04, reply[head + 1 :])  # the length is the contract's
    assert reply[head + 1 : head + 3] == b"\x00\x02"  # OK, two seats
    record = reply[head + 3 : head + 3 + record_size]
    assert record[:17] == PRINT_NO + b"\0"
    cinema_name = record[17 + 181 + 9 : 17 + 181 + 9 + 64]
    assert cinema_name == _char("测试影城", 64, wire)
    when = record[17 + 181 + 9 + 64 + 17 + 64 + 13 + 64 + 17 :][:8]
    seconds = int(SHOWTIME.timestamp())
    count = seconds * 1000 if wire.datetime_form == "unix_millis" else seconds
    order = ">" if wire.length_byteorder == "big" else "<"
    assert when == struct.pack(f"{order}q", count)
    money = record[-9:-1]
    float_order = ">" if wire.float_byteorder == "big" else "<"
    assert money == struct.pack(f"{float_order}ff", 45.0, 3.0)
    assert record[-1] == 0  # not printed
    assert not any(b.print_state != "unprinted" for b in world.world.store.bookings.values())


@pytest.mark.parametrize("variant_sim", VARIANTS, indirect=True, ids=lambda v: v or "contract")
async def test_each_variant_answers_only_its_own_framing(variant_sim: SarftSimulator) -> None:
    """A kiosk speaking another framing gets no well-formed answer: the simulator closes,
    or waits for bytes that never come (as a real service would)."""
    wire = variant_sim.wire
    framing = ("length_prefix_bytes", "length_byteorder", "length_counts_type")
    others = [
        theirs
        for theirs in map(SimWire.parse, VARIANTS)
        if [getattr(theirs, name) for name in framing] != [getattr(wire, n) for n in framing]
        and not wire.length_prefix_bytes == theirs.length_prefix_bytes == 0
    ]
    answers = await asyncio.gather(
        *(_exchange(variant_sim, _frame(theirs, 0x01, _auth_body(wire))) for theirs in others)
    )
    for theirs, data in zip(others, answers, strict=True):
        assert data != _frame(wire, 0x02, b"\x00"), theirs
        assert data != _frame(theirs, 0x02, b"\x00"), theirs


@pytest.mark.parametrize("variant_sim", VARIANTS, indirect=True, ids=lambda v: v or "contract")
async def test_each_variant_refuses_the_password_sent_the_other_way(
    variant_sim: SarftSimulator,
) -> None:
    wire = variant_sim.wire
    other = "plain" if wire.password_mode == "md5" else "md5"
    wrong = SimWire.parse(variant_sim.wire.describe() + f",password_mode={other}")
    data = await _exchange(variant_sim, _frame(wire, 0x01, _auth_body(wrong)), expect=64)
    assert data == _frame(wire, 0x02, b"\x07")  # then it hangs up


@pytest.mark.parametrize("variant_sim", VARIANTS, indirect=True, ids=lambda v: v or "contract")
async def test_the_kiosk_client_with_the_same_settings_collects(
    variant_sim: SarftSimulator, world: SarftWorld
) -> None:
    env = {
        key.removeprefix("KIOSK_").lower(): value
        for key, value in variant_sim.wire.kiosk_env().items()
    }
    settings = Settings(
        sarft_host=variant_sim.host,
        sarft_port=variant_sim.port,
        sarft_username=USERNAME,
        sarft_password=Secret(PASSWORD),
        sarft_reply_timeout_s=2.0,
        **env,
    )
    async with SarftClient.from_settings(settings) as sarft:
        await sarft.authenticate()
        records = await sarft.query(PRINT_NO.decode())
        assert [r.seat_name for r in records] == ["7排10座", "7排11座"]
        assert records[0].session_datetime == SHOWTIME
        assert (records[0].price_fen, records[0].service_fee_fen) == (4500, 300)
        assert records[0].film_name == "重返20岁"
        await sarft.apply_print(PRINT_NO.decode(), "WQNX8JL")
        await sarft.confirm_printed(PRINT_NO.decode())
    assert world.booking.print_state == "printed"


@pytest.mark.parametrize(
    "variant_sim", ["length_prefix_bytes=0", "length_prefix_bytes=2"], indirect=True
)
async def test_a_malformed_fault_cannot_be_read_in_any_framing(
    variant_sim: SarftSimulator, world: SarftWorld
) -> None:
    world.world.faults.add(["sarft.auth=malformed"])
    wire = WireFormat(length_prefix_bytes=variant_sim.wire.length_prefix_bytes)
    client = SarftClient(
        variant_sim.host,
        variant_sim.port,
        username=USERNAME,
        password=Secret(PASSWORD),
        wire=wire,
        reply_timeout_s=2.0,
    )
    started = time.monotonic()
    async with client:
        with pytest.raises(SarftProtocolError):
            await client.authenticate()
    assert time.monotonic() - started < 1.0  # refused at once, not after a timeout


def test_wire_text_names_what_is_wrong() -> None:
    assert SimWire.parse("") == SimWire()
    assert SimWire.parse(" LENGTH_PREFIX_BYTES = 2 , length_counts_type=FALSE") == SimWire(
        length_prefix_bytes=2, length_counts_type=False
    )
    for bad, words in [
        ("length_prefix_bytes=3", "length_prefix_bytes must be one of 0, 2, 4"),
        ("prefix=2", "NAME=VALUE pairs"),
        ("length_prefix_bytes", "NAME=VALUE pairs"),
        ("text_encoding=latin-1", "text_encoding must be one of gb18030, utf-8"),
    ]:
        with pytest.raises(WireSpecError, match=words):
            SimWire.parse(bad)
    every = SimWire.parse(VARIANTS[-1])
    assert SimWire.parse(every.describe()) == every


async def test_the_info_file_and_kiosk_env_carry_the_variant(tmp_path: Path) -> None:
    wire = SimWire.parse("length_prefix_bytes=2,length_counts_type=false,password_mode=md5")
    cluster = SimCluster(build_world().world, SimOptions(out_dir=tmp_path, sarft_wire=wire))
    info = await cluster.start(["sarft"])
    try:
        env = kiosk_env(info)
        assert env["KIOSK_SARFT_LENGTH_PREFIX_BYTES"] == "2"
        assert env["KIOSK_SARFT_LENGTH_COUNTS_TYPE"] == "false"
        assert env["KIOSK_SARFT_PASSWORD_MODE"] == "md5"
        settings = Settings(**{k.removeprefix("KIOSK_").lower(): v for k, v in env.items()})
        async with SarftClient.from_settings(settings) as sarft:
            await sarft.authenticate()
    finally:
        await cluster.close()


def _sim_command(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "sim", "sarft", *args, "--info", str(tmp_path / "i")],
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--wire", "length_prefix_bytes=8"], "length_prefix_bytes must be one of 0, 2, 4"),
        (["--wire", "nonsense"], "NAME=VALUE pairs"),
        (
            ["--wire", "password_mode=plain", "--password-mode", "md5"],
            "disagree; give one",
        ),
    ],
)
def test_a_bad_wire_on_the_command_line_is_one_clear_line(
    tmp_path: Path, args: list[str], words: str
) -> None:
    done = _sim_command(tmp_path, *args)
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "i").exists()


@pytest.mark.e2e
def test_kiosk_sim_sarft_wire_writes_the_variant_in_its_info_file(tmp_path: Path) -> None:
    info_file = tmp_path / "info.json"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "kiosk", "sim", "sarft", "--info", str(info_file),
            "--wire", "length_prefix_bytes=0,float_byteorder=big", "--password-mode", "md5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not info_file.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        sarft = json.loads(info_file.read_text(encoding="utf-8"))["sarft"]
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert sarft["password_mode"] == "md5"
    assert sarft["wire"]["length_prefix_bytes"] == "0"
    assert sarft["wire"]["float_byteorder"] == "big"
    assert sarft["wire"]["password_mode"] == "md5"
