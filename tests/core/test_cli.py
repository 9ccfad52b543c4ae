"""The kiosk command line: every subcommand is reachable, and only its own module loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.__main__ import COMMANDS, build_parser, command_in


def _kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.e2e
def test_top_level_help_lists_every_command() -> None:
    out = _kiosk("--help")
    assert out.returncode == 0
    for name in COMMANDS:
        assert name in out.stdout


@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_working_help(name: str) -> None:
    out = _kiosk(name, "--help")
    assert out.returncode == 0, out.stderr
    assert f"usage: kiosk {name}" in out.stdout


@pytest.mark.e2e
def test_unknown_command_is_refused_with_the_choices() -> None:
    out = _kiosk("bogus")
    assert out.returncode == 2
    assert "invalid choice" in out.stderr and "collect" in out.stderr


def test_command_is_found_past_global_options() -> None:
    assert command_in(["--config", "collect", "-v", "doctor", "--timeout", "1"]) == "doctor"
    assert command_in(["-v"]) is None


def test_listing_commands_imports_none_of_them() -> None:
    probe = (
        "import sys; from kiosk.__main__ import build_parser; build_parser(None);"
        "print(sorted(m for m in sys.modules if m.startswith(('kiosk.cli.', 'aiohttp', 'escpos'))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert build_parser("doctor").parse_args(["doctor", "--timeout", "2"]).timeout == 2
