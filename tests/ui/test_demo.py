"""``kiosk demo`` and ``scripts/demo.sh`` as real processes: up in seconds, saying in the
terminal what a newcomer needs, and gone cleanly, everything they started with them,
on one signal."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from packaging.licenses import canonicalize_license_expression
from PIL import Image

from kiosk.admin.pin import verify_pin
from kiosk.admin.pin_choice import why_guessable
from kiosk.cli.demo import demo_settings
from kiosk.sim.faults import KINDS_WITH_INT_ARG, KINDS_WITHOUT_ARG, OPERATIONS

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
START_S = 20.0  # generous for a loaded CI machine; it takes about a second and a half
STOP_S = 20.0
_PIN = re.compile(r"PIN (\d{4,12})\b")


def _ports(info: dict[str, object]) -> list[int]:
    connect, sarft, payment, printer = (info[k] for k in ("connect", "sarft", "payment", "printer"))
    assert isinstance(connect, dict) and isinstance(sarft, dict)
    assert isinstance(payment, dict) and isinstance(printer, dict)
    urls = [connect["url"], payment["url"], printer["url"], info["control"]]
    return [int(sarft["port"]), *(urlsplit(str(u)).port or 0 for u in urls)]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _children(pid: int) -> dict[int, str]:
    """The processes ``pid`` started, by pid, with their command lines."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def _open_files(pid: int) -> list[str]:
    paths = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            paths.append(os.readlink(fd))
        except OSError:
            continue
    return paths


def _wait_for_notes(process: subprocess.Popen[bytes], out: Path, info_file: Path) -> str:
    started = time.monotonic()
    while not (info_file.exists() and "Stop: Ctrl-C" in out.read_text(encoding="utf-8")):
        assert process.poll() is None, out.read_text(encoding="utf-8")
        assert time.monotonic() - started < START_S, "the demo said nothing in time"
        time.sleep(0.1)
    return out.read_text(encoding="utf-8")


@pytest.fixture
def stopped() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test started, killed with their group and children if the test
    ends before they do (a failing test must not leave a kiosk or an Xvfb behind)."""
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        children = _children(process.pid)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()


@pytest.mark.e2e
def test_demo_says_what_a_newcomer_needs_and_keeps_the_tickets(
    tmp_path: Path, stopped: list[subprocess.Popen[bytes]]
) -> None:
    info_file, out = tmp_path / "info.json", tmp_path / "out.txt"
    # No KIOSK_DATA_DIR: the journal goes to a scratch folder removed at the end, and
    # the tickets under the kiosk's own data dir (platformdirs reads XDG_DATA_HOME).
    data = tmp_path / "xdg" / "kiosk"
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_DATA_DIR"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "xdg"))
    with out.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "demo", "--info", str(info_file)],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stopped.append(process)
    notes = _wait_for_notes(process, out, info_file)
    info = json.loads(info_file.read_text(encoding="utf-8"))
    connect = info["connect"]
    films = httpx.get(
        f"{connect['url']}/OData.svc/GetNowShowingScheduledFilms",
        params={"cinemaId": connect["cinema_id"]},
        headers={"connectapitoken": connect["token"]},
    )
    assert films.status_code == 200
    assert info["bookings"], "demo pickup codes are listed"
    for booking in info["bookings"]:
        assert booking["booking_id"] in notes
    pin = _PIN.search(notes)
    assert pin is not None and why_guessable(pin[1]) is None, notes
    assert "`" not in notes
    [tickets] = re.findall(r"Printed tickets .*: (\S+)", notes)
    tickets_dir = Path(tickets)
    assert tickets_dir.is_dir() and tickets_dir.is_relative_to(data), notes
    # Offscreen nobody sees the windows: a picture of them is kept fresh instead.
    [picture] = re.findall(r"saved every few seconds to (\S+)", notes)
    picture_file = Path(picture)
    started = time.monotonic()
    while not picture_file.exists():
        assert time.monotonic() - started < START_S, "no picture of the windows"
        time.sleep(0.2)
    with Image.open(picture_file) as image:
        assert image.format == "PNG" and image.width > 200
    assert Path(info["printer"]["out"]) == tickets_dir  # where the virtual printer writes
    # Posters drawn at the start for every other film, named by their 广电编码.
    posters = sorted((data / "demo" / "posters").glob("*.png"))
    assert len(posters) == 4, posters
    for poster in posters:
        assert re.fullmatch(r"\d{12}", poster.stem), poster
        with Image.open(poster) as image:
            assert image.size == (600, 900)
    scratch = [p for p in _open_files(process.pid) if "kiosk-demo-" in p]
    assert any(p.endswith("journal.sqlite3") for p in scratch), scratch
    ports = _ports(info)
    assert all(_listening(p) for p in ports)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in its terminal
    assert process.wait(timeout=STOP_S) == 0, out.read_text(encoding="utf-8")
    assert not any(_listening(p) for p in ports)
    assert not any(Path(p).exists() for p in scratch)  # the journal's folder went
    assert tickets_dir.is_dir()  # the tickets' did not
    assert not picture_file.exists()  # a picture of a demo that is over would mislead
    said = out.read_text(encoding="utf-8")
    assert "Traceback" not in said, said  # whole, so the traceback is there to read


@pytest.mark.e2e
def test_out_chooses_the_tickets_folder_and_a_bad_one_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo", "--out", str(blocker / "tickets")],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert f"cannot write printed tickets to {blocker / 'tickets'}" in done.stderr
    assert "give --out DIR" in done.stderr and "Traceback" not in done.stderr


def test_the_demo_settings_hold_a_hash_of_the_pin_it_prints(tmp_path: Path) -> None:
    info = {
        "connect": {"url": "http://127.0.0.1:1/WSVistaWebClient", "token": "t", "cinema_id": "0200"}
    }
    settings = demo_settings(argparse.Namespace(), info, tmp_path, "802615")
    stored = settings.admin_pin_hash.get_secret_value()
    assert verify_pin("802615", stored) and not verify_pin("802616", stored)


@pytest.mark.e2e
@pytest.mark.parametrize("command", ["demo", "sim"])
def test_fault_help_lists_every_kind_and_operation(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", command, "--help"],
        env={**os.environ, "COLUMNS": "400"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    words = " ".join(done.stdout.split())
    for kind in (*KINDS_WITH_INT_ARG, *KINDS_WITHOUT_ARG):
        assert re.search(rf"\b{kind}\b", words), kind
    assert "latency:MS" in words and "paper_out_after:N" in words
    for operations in OPERATIONS.values():
        for operation in operations:
            assert operation in words, operation


def test_the_license_is_an_spdx_expression_setuptools_reads_without_a_warning() -> None:
    """setuptools 77 warns of a ``license`` table (PEP 639) at every install."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    license_ = project["project"]["license"]
    assert isinstance(license_, str), license_
    assert canonicalize_license_expression(license_) == license_
    requires = project["build-system"]["requires"]
    assert "setuptools>=77" in requires, requires


def _demo_sh(tmp_path: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(SKIP_SETUP="1", KIOSK_DATA_DIR=str(tmp_path / "d"))
    with out.open("wb") as sink:
        return subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "demo.sh"), "--info", str(tmp_path / "info.json")],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (scripts/setup.sh)")
@pytest.mark.parametrize("how", ["ctrl-c", "kill"])
def test_demo_sh_without_a_display_stops_all_it_started_on_one_signal(
    tmp_path: Path, stopped: list[subprocess.Popen[bytes]], how: str
) -> None:
    out = tmp_path / "out.txt"
    script = _demo_sh(tmp_path, out)
    stopped.append(script)
    notes = _wait_for_notes(script, out, tmp_path / "info.json")
    assert "no display found" in notes
    started = _children(script.pid)
    kinds = sorted(
        "Xvfb" if "Xvfb" in c else "kiosk" if "kiosk" in c else c for c in started.values()
    )
    assert kinds == ["Xvfb", "kiosk"], started
    [picture] = re.findall(r"saved every few seconds to (\S+)", notes)
    began = time.monotonic()
    while not Path(picture).exists():
        assert time.monotonic() - began < START_S, "no picture of the virtual screen"
        time.sleep(0.2)
    with Image.open(picture) as image:  # the real window on Xvfb's 1920x1080 screen
        assert image.format == "PNG" and image.width >= 1900, image.size
    ports = _ports(json.loads((tmp_path / "info.json").read_text(encoding="utf-8")))
    if how == "ctrl-c":
        os.killpg(script.pid, signal.SIGINT)  # the terminal's Ctrl-C: its whole group
    else:
        script.send_signal(signal.SIGTERM)  # kill PID of the script alone
    assert script.wait(timeout=STOP_S) == 0, out.read_text(encoding="utf-8")
    left = {pid: cmd for pid, cmd in started.items() if _alive(pid)}
    assert left == {}, left
    assert not any(_listening(p) for p in ports)
    said = out.read_text(encoding="utf-8")
    assert "Traceback" not in said, said  # whole, so the traceback is there to read
