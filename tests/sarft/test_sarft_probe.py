"""``kiosk sarft-probe`` against the simulator speaking every variant: it names the right one.

Over loopback, never a mock: the simulator plays a cinema's service in each
framing, password mode, text encoding, float byte order and datetime form the
probe can tell apart, and the probe starts from the kiosk's default settings.
It must find them, print the KIOSK_SARFT_* settings a kiosk then needs, never
send 0x05 or 0x07, and never show the password.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from kiosk.sarft.capture import Recorder, parse, read
from kiosk.sarft.codec import WireFormat
from kiosk.sarft.messages import ApplyEntry, ApplyRequest, ConfirmRequest
from kiosk.sarft.probe import Prober, _send, framings, probe
from kiosk.secret import Secret
from kiosk.settings import Settings
from kiosk.sim.sarft_server import SarftSimulator, start_sarft
from kiosk.sim.sarft_wire import SimWire
from tests.sarft.variants import VARIANTS
from tests.sarft.world import SarftWorld, build_world

USERNAME = "kiosk"
PASSWORD = "密码-sarft-pw"  # not ASCII: the login tells GB18030 from UTF-8
PRINT_NO = "0000000000111972"


def _expected(variant: str) -> dict[str, str]:
    """The sarft_* settings a kiosk needs for a simulator speaking ``variant``."""
    values = {f"sarft_{k}": v for k, v in SimWire.parse(variant).settings().items()}
    if values["sarft_length_prefix_bytes"] == "0":
        values["sarft_length_counts_type"] = "true"  # no length: nothing to count
    return values


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


def _prober(sim: SarftSimulator, password: str = PASSWORD) -> Prober:
    return Prober(sim.host, sim.port, USERNAME, Secret(password), timeout_s=0.4, pause_s=0.01)


def _secret_forms(password: str = PASSWORD) -> list[str]:
    forms = []
    for encoding in ("gb18030", "utf-8"):
        data = password.encode(encoding)
        digest = hashlib.md5(data).hexdigest()
        forms += [data.hex(), digest, digest.encode().hex(), digest.upper().encode().hex()]
    return [password, *forms]


@pytest.mark.parametrize("variant_sim", VARIANTS, indirect=True, ids=lambda v: v or "contract")
async def test_it_names_every_variant_from_the_default_settings(
    variant_sim: SarftSimulator, world: SarftWorld, request: pytest.FixtureRequest
) -> None:
    variant = request.node.callspec.params["variant_sim"]
    out = io.StringIO()
    prober = _prober(variant_sim)
    prober.recorder = Recorder(out, "test", prober.secrets())

    report = await probe(prober, WireFormat(), PRINT_NO)

    assert report.problems == []
    assert report.authenticated and report.wire is not None
    assert report.wire.setting_values() == _expected(variant)
    assert all(f.known for f in report.findings.values() if f.value != "true")
    assert [r.seat_name for r in report.records] == ["7排10座", "7排11座"]
    assert (report.records[0].price_fen, report.records[0].service_fee_fen) == (4500, 300)
    # it changed nothing on the server, and sent nothing but 0x01 and 0x03
    assert world.booking.print_state == "unprinted"
    capture = parse(out.getvalue())
    kinds = {
        e.data[int(c.wire["length_prefix_bytes"])] for c in capture.conversations for e in c.sent()
    }
    assert kinds <= {0x01, 0x03}
    for form in _secret_forms():
        assert form not in out.getvalue()


@pytest.mark.parametrize("variant_sim", [""], indirect=True)
async def test_without_a_print_no_what_only_records_tell_is_kept(
    variant_sim: SarftSimulator,
) -> None:
    report = await probe(_prober(variant_sim), WireFormat(), None)
    assert report.authenticated and report.records == []
    assert "sarft_float_byteorder" not in report.findings
    assert "sarft_datetime_form" not in report.findings


@pytest.mark.parametrize("variant_sim", ["length_prefix_bytes=2"], indirect=True)
async def test_a_wrong_password_is_refused_in_every_mode_but_the_framing_is_named(
    variant_sim: SarftSimulator,
) -> None:
    report = await probe(_prober(variant_sim, "not-the-password"), WireFormat(), PRINT_NO)
    assert report.wire is not None and report.wire.length_prefix_bytes == 2
    assert not report.authenticated and report.auth_code == 7
    tried = {(a.wire.password_mode, a.wire.text_encoding) for a in report.attempts if a.answered}
    assert tried == {("plain", "gb18030"), ("md5", "gb18030")}  # an ASCII login: one encoding


def test_it_tries_each_framing_once_the_settings_in_force_first() -> None:
    first = WireFormat(length_prefix_bytes=2, length_byteorder="big", password_mode="md5")
    tried = framings(first)
    assert len(tried) == 9
    assert tried[0] == first and tried[1] == WireFormat(password_mode="md5")
    assert all(w.password_mode == "md5" for w in tried)
    assert tried[-1].length_prefix_bytes == 0


def test_it_can_never_send_an_apply_or_a_confirm() -> None:
    for request in (
        ApplyRequest((ApplyEntry(PRINT_NO, "0" * 32),)),
        ConfirmRequest((PRINT_NO,)),
    ):
        with pytest.raises(TypeError, match="0x01 and 0x03 only"):
            _send(request, WireFormat())  # type: ignore[arg-type]


# ---- the command, as an installer runs it ------------------------------------------


async def _probe_command(
    env_dir: Path, *args: str, password: str = PASSWORD
) -> tuple[int, str, str]:
    secret = env_dir / "sarft.pw"
    secret.write_text(password + "\n", encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "sarft-probe", "--username", USERNAME,
        "--password-file", str(secret), "--timeout", "0.4", "--pause", "0.01", *args,
        env={"KIOSK_DATA_DIR": str(env_dir / "data"), "PATH": "/usr/bin:/bin"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


@pytest.mark.e2e
@pytest.mark.parametrize(
    "variant_sim",
    [VARIANTS[0], VARIANTS[6], VARIANTS[-1]],
    indirect=True,
    ids=["contract", "2-byte-md5-utf8", "no-prefix"],
)
async def test_the_command_prints_the_settings_to_use_and_records_masked(
    variant_sim: SarftSimulator,
    world: SarftWorld,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    variant = request.node.callspec.params["variant_sim"]
    record = tmp_path / "capture.txt"
    code, out, err = await _probe_command(
        tmp_path,
        "--host", variant_sim.host, "--port", str(variant_sim.port),
        "--print-no", "111972", "--record", str(record),
    )  # fmt: skip
    assert code == 0, out + err
    lines = [line for line in out.splitlines() if line.startswith("KIOSK_SARFT_")]
    assert lines == [f"KIOSK_{k.upper()}={v}" for k, v in _ordered(_expected(variant))]
    # the printed settings work: a kiosk set to them talks to this service
    settings = Settings(**{k.removeprefix("KIOSK_").lower(): v for k, v in _pairs(lines)})
    assert WireFormat.from_settings(settings).setting_values() == _expected(variant)
    assert "7排10座" in out and "Login: accepted" in out
    text = record.read_text(encoding="utf-8")
    capture = read(record)
    assert capture.verdict is not None
    assert {f"sarft_{k}": v for k, v in capture.verdict.items()} == _expected(variant)
    for form in _secret_forms():
        assert form not in out and form not in err and form not in text
    assert "**" in text and "**" in out
    assert world.booking.print_state == "unprinted"


def _ordered(values: dict[str, str]) -> list[tuple[str, str]]:
    from kiosk.cli.sarft_probe import SETTING_ORDER

    return [(name, values[name]) for name in SETTING_ORDER]


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    return [tuple(line.split("=", 1)) for line in lines]  # type: ignore[misc]


@pytest.mark.e2e
@pytest.mark.parametrize("variant_sim", [VARIANTS[1]], indirect=True)
async def test_the_command_exits_3_when_the_login_is_refused(
    variant_sim: SarftSimulator, tmp_path: Path
) -> None:
    code, out, err = await _probe_command(
        tmp_path, "--host", variant_sim.host, "--port", str(variant_sim.port),
        password="wrong-password",
    )  # fmt: skip
    assert code == 3, out + err
    assert "Framing: 4-byte big-endian length counting the msg_type and body." in out
    assert "the login is not" in out and "wrong-password" not in out + err


@pytest.mark.e2e
async def test_the_command_exits_69_when_nothing_listens(tmp_path: Path) -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    code, out, err = await _probe_command(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    assert code == 69, out + err
    assert "cannot be reached" in out and "Traceback" not in err
    assert out.count("try ") == 1  # one refused connection says enough


@pytest.mark.e2e
async def test_the_command_exits_1_when_no_framing_answers(tmp_path: Path) -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # a service in a framing the contract does not know
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        record = tmp_path / "rec.txt"
        code, out, err = await _probe_command(
            tmp_path, "--host", "127.0.0.1", "--port", str(port), "--record", str(record)
        )
    finally:
        server.close()
        await server.wait_closed()
    assert code == 1, out + err
    # nine framings, the login (not ASCII) in each of the two encodings
    assert out.count("  timeout: no reply within 0.4 s") == 18
    assert f"send {record} back" in out
    assert read(record).verdict is None


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--print-no", "12ab"], "--print-no: booking number must be decimal digits"),
        (["--print-no", "12345678901234567"], "more than 16 digits"),
        (["--port", "0"], "not a port from 1 to 65535"),
        (["--timeout", "soon"], "not a number of seconds"),
    ],
)
async def test_bad_arguments_are_one_clear_line(
    tmp_path: Path, args: list[str], words: str
) -> None:
    code, _, err = await _probe_command(tmp_path, "--host", "127.0.0.1", *args)
    assert code == 2 and words in err and "Traceback" not in err


@pytest.mark.e2e
async def test_an_unreadable_password_file_is_named(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kiosk", "sarft-probe", "--password-file",
        str(tmp_path / "missing"), env={"KIOSK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await process.communicate()
    assert process.returncode == 2
    assert b"cannot read the password file" in err and b"Traceback" not in err
