"""The README stays true: its first lines are the two set-up commands, and it
documents every setting and every command the kiosk has."""

from __future__ import annotations

from pathlib import Path

from kiosk.__main__ import COMMANDS
from kiosk.settings import SETTING_NAMES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_demo_and_test_commands_that_exist() -> None:
    first = README.splitlines()[2:4]
    assert "scripts/demo.sh" in first[0] and "scripts/test.sh" in first[1]
    assert (ROOT / "scripts" / "demo.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_every_setting_is_documented_with_its_environment_name() -> None:
    for name in SETTING_NAMES:
        assert f"`KIOSK_{name.upper()}`" in README, name


def test_every_command_is_documented() -> None:
    for name in COMMANDS:
        assert f"kiosk {name}" in README, name
