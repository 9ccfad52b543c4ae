"""``kiosk run`` under systemd's notify protocol, against a real ``NOTIFY_SOCKET``.

The test plays systemd: it binds the datagram socket, starts ``kiosk run`` (offscreen,
against the simulators) with ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and a
``WATCHDOG_PID`` naming another process (as under cage), and reads what arrives:
READY once the doors open, STATUS lines that follow the availability, WATCHDOG
every half interval, and no WATCHDOG while the kiosk's event loop is blocked.

The loop is blocked from outside by a test-only wrapper (``_BLOCKABLE``, never in the
kiosk): it installs a SIGUSR1 handler that sleeps in the main thread, where Qt's loop
runs, then starts the kiosk as ``python -m kiosk run`` would.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import pwd
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.sim.cluster import SimCluster, kiosk_env
from kiosk.supervision import socket_address, watchdog_plan

WATCHDOG_USEC = 1_000_000  # pings every 0.5 s
BLOCK_S = 3.0
_BLOCKABLE = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGUSR1, lambda *_: time.sleep(float(sys.argv[1])))\n"
    "from kiosk.__main__ import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)


@dataclass
class Systemd:
    """What the kiosk sent, each datagram with the time it arrived."""

    received: list[tuple[float, str]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    def lines(self) -> list[str]:
        return [line for _, message in self.received for line in message.split("\n")]

    def times_of(self, line: str) -> list[float]:
        return [at for at, message in self.received if line in message.split("\n")]

    async def until(self, wanted: str, timeout_s: float = 60.0) -> float:
        """The arrival time of the first line starting with ``wanted``."""
        deadline = time.monotonic() + timeout_s
        while True:
            for at, message in self.received:
                if any(line.startswith(wanted) for line in message.split("\n")):
                    return at
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{wanted!r} never came; got {self.lines()[-20:]}")
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), left)


@contextlib.asynccontextmanager
async def notify_socket(address: str | bytes) -> AsyncIterator[Systemd]:
    systemd = Systemd()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()

    def readable() -> None:
        with contextlib.suppress(BlockingIOError):
            while True:
                systemd.received.append((time.monotonic(), sock.recv(4096).decode()))
                systemd.arrived.set()

    loop.add_reader(sock.fileno(), readable)
    try:
        yield systemd
    finally:
        loop.remove_reader(sock.fileno())
        sock.close()


@contextlib.asynccontextmanager
async def kiosk_run(
    sim: SimCluster, data_dir: Path, notify: str, **extra: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    env = {
        **os.environ,
        **kiosk_env(sim.info()),
        "KIOSK_DATA_DIR": str(data_dir),
        "KIOSK_HEALTH_INTERVAL_S": "0.5",
        "KIOSK_KIOSK_MODE": "false",
        "QT_QPA_PLATFORM": "offscreen",
        "NOTIFY_SOCKET": notify,
        "WATCHDOG_USEC": str(WATCHDOG_USEC),
        # systemd names the unit's main process: under cage, cage (here: this test)
        "WATCHDOG_PID": str(os.getpid()),
        **extra,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _BLOCKABLE, str(BLOCK_S), "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        yield process
    finally:
        if process.returncode is None:
            process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 30)
        assert b"Traceback" not in err, err.decode()[-2000:]


def _longest_gap(times: list[float]) -> float:
    return max((b - a for a, b in itertools.pairwise(times)), default=0.0)


@pytest.mark.e2e
async def test_ready_status_and_watchdog_from_the_qt_loop(sim: SimCluster, tmp_path: Path) -> None:
    path = str(tmp_path / "notify")
    async with (
        notify_socket(path) as systemd,
        kiosk_run(sim, tmp_path / "kiosk", path, KIOSK_WATCHDOG_ANY_PID="true") as kiosk,
    ):
        ready_at = await systemd.until("READY=1")
        assert "STATUS=starting" in " ".join(systemd.lines()[: systemd.lines().index("READY=1")])
        await systemd.until("STATUS=in service")
        sim.world.faults.add(["printer.print=paper_out_after:0"])  # the roll runs out
        await systemd.until("STATUS=out of service (printer_paper_out)")
        sim.world.faults.clear()
        await asyncio.sleep(2.0)
        steady = [t for t in systemd.times_of("WATCHDOG=1") if t > ready_at]
        assert len(steady) >= 3, systemd.lines()
        assert _longest_gap(steady) < 0.9  # every half WatchdogSec, give or take

        blocked_at = time.monotonic()
        kiosk.send_signal(signal.SIGUSR1)  # the loop sleeps in the main thread
        await asyncio.sleep(BLOCK_S + 1.5)
        around = [t for t in systemd.times_of("WATCHDOG=1") if t > blocked_at - 1.0]
        assert _longest_gap(around) > BLOCK_S - 0.6, "pings went on while the loop was blocked"
        assert around[-1] > blocked_at + BLOCK_S, "pings did not come back with the loop"
        await systemd.until("STATUS=in service")

        kiosk.terminate()
        assert await asyncio.wait_for(kiosk.wait(), 30) == 0
        assert "STOPPING=1" in systemd.lines()


@pytest.mark.e2e
async def test_abstract_socket_and_no_pings_for_another_process(
    sim: SimCluster, tmp_path: Path
) -> None:
    """``@name`` is an abstract address; and without the unit's word that the kiosk is
    the watched process, WATCHDOG_PID naming cage means no pings (sd_watchdog_enabled)."""
    name = f"@kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    address = socket_address(name)
    assert isinstance(address, bytes)
    async with notify_socket(address) as systemd, kiosk_run(sim, tmp_path / "kiosk", name):
        await systemd.until("READY=1")
        await asyncio.sleep(1.5)
        assert "WATCHDOG=1" not in systemd.lines()


def _anyone_can_run(program: str) -> bool:
    """Whether a user with no rights of its own may run ``program`` (every folder on
    its real path open to others)."""
    real = Path(os.path.realpath(program))
    folders_open = all(p.stat().st_mode & 0o001 for p in real.parents)
    return folders_open and bool(real.stat().st_mode & 0o001)


def _interpreter_for(user: pwd.struct_passwd | None) -> tuple[str, dict[str, str]]:
    """A Python the unprivileged user can run, with the kiosk and its dependencies:
    this one, or (when it lives where that user cannot enter, as under /root)
    Debian's own of the same version over this environment's packages."""
    if user is None:
        return sys.executable, {}
    if _anyone_can_run(sys.executable):
        return sys.executable, {}
    system = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
    if not os.access(system, os.X_OK):
        pytest.skip(f"no Python the user {user.pw_name} can run ({system} is missing)")
    site = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))
    root = Path(__file__).resolve().parents[2]
    return system, {"PYTHONPATH": f"{root}:{site}"}


@pytest.mark.e2e
async def test_under_cage_the_kiosk_pings_for_cage(sim: SimCluster) -> None:
    """The real thing: cage (headless) as the unit's main process, named by
    WATCHDOG_PID as systemd names it, with ``kiosk run`` on Wayland inside it."""
    cage = shutil.which("cage")
    assert cage, "cage missing: scripts/setup.sh installs Debian's cage and xwayland"
    name = f"@kiosk-cage-{os.getpid()}-{time.monotonic_ns()}"
    address = socket_address(name)
    assert isinstance(address, bytes)
    # cage will not run as root; the kiosk unit runs it as the kiosk user
    user = pwd.getpwnam("nobody") if os.getuid() == 0 else None
    python, python_env = _interpreter_for(user)
    home = tempfile.mkdtemp(prefix="kiosk-cage-")
    try:
        runtime = os.path.join(home, "run")
        os.mkdir(runtime, 0o700)
        if user is not None:
            for folder in (home, runtime):
                os.chown(folder, user.pw_uid, user.pw_gid)
        env = {
            **os.environ,
            **kiosk_env(sim.info()),
            **python_env,
            "KIOSK_DATA_DIR": os.path.join(home, "data"),
            "KIOSK_HEALTH_INTERVAL_S": "0.5",
            "KIOSK_WATCHDOG_ANY_PID": "true",
            "HOME": home,
            "XDG_CONFIG_HOME": home,
            "XDG_DATA_HOME": home,
            # not root's cache (python-escpos pickles its capabilities there)
            "XDG_CACHE_HOME": home,
            "ESCPOS_CAPABILITIES_PICKLE_DIR": os.path.join(home, "escpos"),
            "XDG_RUNTIME_DIR": runtime,
            "QT_QPA_PLATFORM": "wayland",
            "WLR_BACKENDS": "headless",
            "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "NOTIFY_SOCKET": name,
            "WATCHDOG_USEC": str(WATCHDOG_USEC),
        }
        drop = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if user else []
        # systemd puts the main process's pid in WATCHDOG_PID: the shell's, which cage takes
        command = [
            *drop, "sh", "-c", 'WATCHDOG_PID=$$ exec "$0" "$@"',
            cage, "--", python, "-m", "kiosk", "run",
        ]  # fmt: skip
        async with notify_socket(address) as systemd:
            process = await asyncio.create_subprocess_exec(
                *command, env=env, cwd=home,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            )  # fmt: skip
            try:
                await systemd.until(
                    "READY=1", timeout_s=90
                )  # a cold cage + Qt start on a loaded CI machine
                await systemd.until("STATUS=in service")
                started = time.monotonic()
                await asyncio.sleep(1.5)
                pings = [t for t in systemd.times_of("WATCHDOG=1") if t > started]
                assert len(pings) >= 2, systemd.lines()
            except AssertionError as exc:
                if process.returncode is None:
                    process.terminate()
                _, err = await asyncio.wait_for(process.communicate(), 30)
                raise AssertionError(f"exit {process.returncode}: " + err.decode()[-3000:]) from exc
            process.terminate()  # cage ends its client, and the kiosk closes
            _, err = await asyncio.wait_for(process.communicate(), 30)
            assert b"Traceback" not in err, err.decode()[-2000:]
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize(
    ("environ", "any_pid", "interval"),
    [
        ({}, False, None),
        ({"WATCHDOG_USEC": "20000000"}, False, 10.0),
        ({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "42"}, False, 10.0),
        ({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "7"}, False, None),
        ({"WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "7"}, True, 10.0),
        ({"WATCHDOG_USEC": "0"}, True, None),
        ({"WATCHDOG_USEC": "soon"}, True, None),
    ],
)
def test_watchdog_plan(environ: dict[str, str], any_pid: bool, interval: float | None) -> None:
    assert watchdog_plan(environ, any_pid=any_pid, pid=42).interval_s == interval


def test_socket_addresses() -> None:
    assert socket_address("/run/systemd/notify") == "/run/systemd/notify"
    assert socket_address("@abc") == b"\0abc"
    assert socket_address("vsock:2:1234") is None
    assert socket_address("@") is None
