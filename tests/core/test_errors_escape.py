"""Failures an installer meets at a terminal end in one clear line and an exit code,
never a traceback (issue 14, items 9 and 10)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from kiosk.logs import DailyFileHandler
from kiosk.sarft import codec
from kiosk.settings import SARFT_CREDENTIAL_FIELD, load_settings
from kiosk.sim.cluster import DEFAULT_TOKEN, SimCluster

EXIT_CONFIG = 78
EXIT_UNAVAILABLE = 69


async def _kiosk(env: dict[str, str], *args: str, stdout: int | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kiosk",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE if stdout is None else stdout,
        stderr=asyncio.subprocess.PIPE if stdout is None else stdout,
    )
    _, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode is not None
    return process.returncode, (err or b"").decode()


def _buy_env(sim: SimCluster, data_dir: Path) -> dict[str, str]:
    info = sim.info()
    return {
        "KIOSK_CONNECT_URL": info["connect"]["url"],
        "KIOSK_CONNECT_TOKEN": DEFAULT_TOKEN,
        "KIOSK_PAYMENT_URL": info["payment"]["url"],
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_CONNECT_READ_RETRIES": "1",
        "KIOSK_CONNECT_READ_TIMEOUT_S": "3",
    }


BUY = ("buy", "--session", "1", "--seats", "A:1")


@pytest.mark.e2e
@pytest.mark.parametrize("kind", ["http500", "malformed", "drop_request"])
async def test_kiosk_buy_says_in_one_line_that_the_films_cannot_be_read(
    sim: SimCluster, tmp_path: Path, kind: str
) -> None:
    sim.world.faults.add([f"connect.GetNowShowingScheduledFilms={kind}"])
    code, err = await _kiosk(_buy_env(sim, tmp_path / "kiosk"), *BUY)
    assert "Traceback" not in err
    assert code == EXIT_UNAVAILABLE, err
    ours = [line for line in err.splitlines() if line.startswith("kiosk buy:")]
    assert len(ours) == 1 and "films on sale" in ours[0]
    assert err.rstrip().endswith(ours[0])
    assert sim.world.store.orders == {}  # nothing locked


@pytest.mark.e2e
async def test_kiosk_buy_keeps_its_own_exit_code_with_both_outputs_in_a_closed_pipe(
    sim: SimCluster, tmp_path: Path
) -> None:
    """``kiosk buy ... 2>&1 | head -0``: the message meets a broken pipe; the exit code
    must still be the command's (69), not 1 for a BrokenPipeError traceback."""
    sim.world.faults.add(["connect.GetNowShowingScheduledFilms=http500"])
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        code, _ = await _kiosk(_buy_env(sim, tmp_path / "kiosk"), *BUY, stdout=write_end)
    finally:
        os.close(write_end)
    assert code == EXIT_UNAVAILABLE


# ---- settings that used to pass validation and fail later (item 10) ---------------------


def _refused_at_start(ran: tuple[int, str], key: str) -> None:
    code, err = ran
    assert "Traceback" not in err and "Error:" not in err, err
    assert code == EXIT_CONFIG, err
    assert f"'{key}'" in err or key in err.splitlines()[0], err


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KIOSK_PRINTER", "tcp://127.0.0.1:notaport"),
        ("KIOSK_PRINTER", "tcp://:9100"),
        ("KIOSK_PRINTER", "usb://epson"),
        ("KIOSK_PRINTER", "serial:///dev/ttyS0?baudrate=fast"),
        ("KIOSK_CONNECT_TOKEN", "tökén-from-a-word-processor"),
        ("KIOSK_CONNECT_TOKEN", "token-with-a-line-break\n"),
        ("KIOSK_SARFT_PASSWORD", "p" * 33),
        ("KIOSK_SARFT_PASSWORD", "密码" * 9),  # 18 characters, 36 bytes in GB18030
        ("KIOSK_SARFT_USERNAME", "u" * 33),
        ("KIOSK_SARFT_TEXT_ENCODING", "klingon"),
        ("KIOSK_CINEMA_ID", "02/00"),
    ],
    ids=lambda v: v if v.startswith("KIOSK_") else "",
)
async def test_a_setting_that_would_fail_later_is_refused_at_start(
    tmp_path: Path, name: str, value: str
) -> None:
    env = {"KIOSK_DATA_DIR": str(tmp_path / "kiosk"), name: value}
    ran = await _kiosk(env, "collect", "WQNX8JL")
    _refused_at_start(ran, name.removeprefix("KIOSK_").lower())
    if "TOKEN" in name or "PASSWORD" in name:
        assert value.strip() not in ran[1]  # a secret is named, never shown


@pytest.mark.e2e
async def test_a_data_dir_with_a_file_in_its_place_is_refused_at_start(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    for data_dir in (tmp_path / "taken", tmp_path / "taken" / "kiosk"):
        ran = await _kiosk({"KIOSK_DATA_DIR": str(data_dir)}, "collect", "WQNX8JL")
        _refused_at_start(ran, "data_dir")
        assert "AttributeError" not in ran[1]


@pytest.mark.e2e
async def test_a_config_that_is_a_folder_or_not_utf8_is_refused_at_start(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('kiosk_id = "Caf\xe9"\n'.encode("latin-1"))
    for config in (tmp_path, latin1):
        ran = await _kiosk({}, "--config", str(config), "journal")
        _refused_at_start(ran, str(config))


def test_a_log_folder_that_cannot_be_made_leaves_a_handler_that_closes(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as caught:
        DailyFileHandler(tmp_path / "taken" / "logs")
    # logging registered the half-made handler and closes it at exit
    half_made = next(
        entry.locals["self"]
        for entry in caught.traceback
        if isinstance(entry.locals.get("self"), DailyFileHandler)
    )
    half_made.close()  # raised AttributeError: no '_stream'


def test_the_sarft_login_width_is_the_codecs() -> None:
    assert SARFT_CREDENTIAL_FIELD == codec.USERNAME == codec.PASSWORD


@pytest.mark.parametrize(
    "url",
    [
        "tcp://127.0.0.1",
        "tcp://printer.local:9100",
        "usb://04b8:0202?in_ep=0x82&out_ep=0x01",
        "serial:///dev/ttyS0?baudrate=115200",
        "file:///dev/usb/lp0",
    ],
)
def test_every_documented_printer_form_is_still_accepted(url: str) -> None:
    assert load_settings(environ={"KIOSK_PRINTER": url}).printer == url


def test_a_long_password_is_fine_when_only_its_md5_is_sent() -> None:
    env = {"KIOSK_SARFT_PASSWORD": "p" * 60, "KIOSK_SARFT_PASSWORD_MODE": "md5"}
    assert len(load_settings(environ=env).sarft_password.get_secret_value()) == 60
