"""The install path, as far as a CI machine allows: the shipped units pass
``systemd-analyze verify``, ``deploy/install.sh`` passes shellcheck, and run with
``--destdir`` it lays down the virtualenv (its scripts naming the path they will
have on the machine), the units, the udev rule, the PAM session, the settings and
the data and log folders with their modes; again without losing settings; and a
failure is one line on the terminal, never pip's traceback."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL = ROOT / "deploy" / "install.sh"
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
# the kiosk's own dependencies are already in the test venv: the installed copy
# of the kiosk borrows them instead of fetching them all again
BORROWED = next(Path(sys.prefix, "lib").glob("python3*/site-packages"))


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} missing: scripts/setup.sh installs it"
    return found


def test_the_units_pass_systemd_analyze_verify() -> None:
    assert [u.name for u in UNITS] == ["kiosk.service"]
    done = subprocess.run(
        [_tool("systemd-analyze"), "verify", *map(str, UNITS)], capture_output=True, text=True
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stdout + done.stderr


def test_the_kiosk_unit_says_what_supervision_needs() -> None:
    unit = (ROOT / "deploy" / "systemd" / "kiosk.service").read_text()
    for line in (
        "Type=notify",
        "NotifyAccess=all",
        "Restart=always",
        "Environment=KIOSK_WATCHDOG_ANY_PID=true",
        "StartLimitBurst=10",
        "RestartPreventExitStatus=78 65 77",
        "User=kiosk",
        "TTYPath=/dev/tty1",
    ):
        assert line in unit.splitlines(), line
    assert any(line.startswith("WatchdogSec=") for line in unit.splitlines())
    assert "ExecStart=/usr/bin/cage -d -- /opt/kiosk/venv/bin/kiosk run" in unit


def test_install_sh_passes_shellcheck() -> None:
    done = subprocess.run([_tool("shellcheck"), str(INSTALL)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def _install(dest: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(INSTALL), "--destdir", str(dest), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("root")
    done = _install(
        dest, "--kiosk-id", "K07", "--printer-usb", "04B8:0E27", "--pip-args", "--no-deps"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return dest


@pytest.mark.e2e
def test_destdir_install_lays_down_the_kiosk(installed: Path) -> None:
    venv = installed / "opt" / "kiosk" / "venv"
    kiosk = venv / "bin" / "kiosk"
    assert kiosk.is_file()
    # the script names the interpreter it will have on the machine, not the build's
    assert kiosk.read_text().splitlines()[0] == "#!/opt/kiosk/venv/bin/python"
    built = subprocess.run(["grep", "-rlI", str(installed), str(venv / "bin")], capture_output=True)
    assert built.stdout == b"", built.stdout
    found = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import kiosk.supervision, sys; print(sys.modules['kiosk'].__file__)",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(BORROWED)},
        cwd=installed,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.startswith(str(venv)), found.stdout


@pytest.mark.e2e
def test_destdir_install_lays_down_units_rules_and_folders(installed: Path) -> None:
    etc = installed / "etc"
    unit = etc / "systemd" / "system" / "kiosk.service"
    assert unit.is_file() and _mode(unit) == 0o644
    if (ROOT / ".git").exists():  # kiosk_build_info{commit} names what was installed
        assert "Environment=KIOSK_BUILD_COMMIT=" in unit.read_text()
    done = subprocess.run(
        [_tool("systemd-analyze"), "verify", str(unit)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    journald = (etc / "systemd" / "journald.conf.d" / "kiosk.conf").read_text()
    assert "MaxRetentionSec=30day" in journald
    assert "pam_systemd.so" in (etc / "pam.d" / "kiosk").read_text()
    rules = (etc / "udev" / "rules.d" / "70-kiosk-printer.rules").read_text()
    assert 'ATTR{idVendor}=="04b8", ATTR{idProduct}=="0e27", GROUP="kiosk", MODE="0660"' in rules
    for line in rules.splitlines():
        if line and not line.startswith("#"):
            assert line.startswith('SUBSYSTEM=="usb"') and line.endswith('MODE="0660"'), line
    config = etc / "kiosk" / "kiosk.toml"
    assert _mode(config) == 0o640 and _mode(etc / "kiosk") == 0o750
    text = config.read_text()
    assert 'include = "/etc/kiosk/cinema.toml"' in text and 'kiosk_id = "K07"' in text
    assert 'printer = "usb://04b8:0e27"' in text
    assert (etc / "kiosk" / "conf.d").is_dir()
    for folder in ("var/lib/kiosk", "var/log/kiosk"):
        assert _mode(installed / folder) == 0o750, folder
    assert os.readlink(installed / "var/lib/kiosk/logs") == "/var/log/kiosk"


@pytest.mark.e2e
def test_install_again_keeps_the_settings(installed: Path) -> None:
    config = installed / "etc" / "kiosk" / "kiosk.toml"
    config.write_text(config.read_text() + 'language = "en"\n')
    done = _install(installed, "--pip-args", "--no-deps")
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'language = "en"' in config.read_text()
    assert 'kiosk_id = "K07"' in config.read_text()


@pytest.mark.e2e
def test_a_failed_step_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    # no package index and no dependencies to hand: pip cannot build the kiosk
    done = _install(tmp_path, "--pip-args", "--no-index --find-links /nonexistent")
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("install.sh: failed while installing the kiosk into /opt/kiosk/venv")
    assert "details in /tmp/" in line


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--kiosk-id", "K 07"], "--kiosk-id must be"),
        (["--printer-usb", "epson"], "--printer-usb must be"),
        (["--prefix", "opt"], "--prefix must be an absolute path"),
        (["--frobnicate"], "unknown option --frobnicate"),
    ],
)
def test_bad_options_are_refused_in_words(tmp_path: Path, args: list[str], says: str) -> None:
    done = _install(tmp_path, *args)
    assert done.returncode != 0
    assert says in done.stderr and "Traceback" not in done.stderr
