"""The README stays true: its first lines are the two set-up commands, and it
documents every setting and every command the kiosk has, its settings table being
the declaration in kiosk/settings.py as scripts/settings_table.py writes it."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from types import ModuleType

from kiosk.__main__ import COMMANDS
from kiosk.settings import SETTING_NAMES, Settings, setting

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_opens_with_the_demo_and_test_commands_that_exist() -> None:
    first = README.splitlines()[2:4]
    assert "scripts/demo.sh" in first[0] and "scripts/test.sh" in first[1]
    assert (ROOT / "scripts" / "demo.sh").is_file() and (ROOT / "scripts" / "test.sh").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_both_scripts_skip_their_set_up_as_it_says() -> None:
    """Read, not run: a test.sh that ran its set-up anyway would reinstall the kiosk
    into the virtualenv the suite is running from."""
    assert "(`SKIP_SETUP=1` skips that part)" in README
    for script in ("demo.sh", "test.sh"):
        text = (ROOT / "scripts" / script).read_text(encoding="utf-8")
        assert '[ "${SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh' in text, script


def test_every_setting_is_documented_with_its_environment_name() -> None:
    for name in SETTING_NAMES:
        assert f"`KIOSK_{name.upper()}`" in README, name


def test_every_command_is_documented() -> None:
    for name in COMMANDS:
        assert f"kiosk {name}" in README, name


def _settings_table() -> ModuleType:
    path = ROOT / "scripts" / "settings_table.py"
    spec = importlib.util.spec_from_file_location("settings_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_settings_table_is_the_declaration() -> None:
    script = _settings_table()
    assert script.with_table(README) == README, (
        "README.md's settings table is not the declaration in kiosk/settings.py: "
        f"run `{script.COMMAND}` and commit README.md"
    )


def test_a_setting_added_without_regenerating_makes_the_readme_stale() -> None:
    """The check above can fail: one more declared setting is one more row."""
    script = _settings_table()

    @dataclasses.dataclass(frozen=True)
    class WithOneMore(Settings):
        admin_idle_s: float = setting(90.0, gt=0, description="Staff screen idle | then locks")

    current = script.with_table(README)
    wanted = script.with_table(current, WithOneMore)
    assert wanted != current
    added = set(wanted.splitlines()) - set(current.splitlines())
    assert added == {
        "| `admin_idle_s` | `KIOSK_ADMIN_IDLE_S` | `90.0` | Staff screen idle \\| then locks |"
    }
