"""A chain's settings: one file for the cinema (``include``), drop-ins in ``conf.d/``
merged in name order, and the per-kiosk file winning; ``kiosk doctor --print-config``
shows every value in force and where it came from, secrets as ``***``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.settings import SETTING_NAMES, SettingsError, effective_settings, load_settings

TOKEN = "tok-4e1b-never-printed"


def _fleet(tmp_path: Path) -> Path:
    etc = tmp_path / "etc"
    (etc / "conf.d").mkdir(parents=True)
    (etc / "cinema.toml").write_text(
        'cinema_id = "0300"\nkiosk_id = "CINEMA"\nlanguage = "en"\n'
        f'[connect]\nurl = "https://connect.example.cn/WSVistaWebClient"\ntoken = "{TOKEN}"\n'
    )
    (etc / "conf.d" / "10-printer.toml").write_text('printer_profile = "epson_tm_t88vi"\n')
    (etc / "conf.d" / "20-override.toml").write_text(
        'printer_profile = "snbc_bk_t680"\nlanguage = "zh"\n'
    )
    (etc / "conf.d" / "README").write_text("not a settings file, never read\n")
    kiosk = etc / "kiosk.toml"
    kiosk.write_text('include = "cinema.toml"\nkiosk_id = "K07"\n')
    return kiosk


def test_include_then_conf_d_in_name_order_then_the_kiosk_file(tmp_path: Path) -> None:
    kiosk = _fleet(tmp_path)
    settings = load_settings(kiosk, environ={})
    assert settings.kiosk_id == "K07"  # the per-kiosk file wins
    assert settings.cinema_id == "0300"  # from the cinema's file
    assert settings.connect_url == "https://connect.example.cn/WSVistaWebClient"
    assert settings.printer_profile == "snbc_bk_t680"  # 20- after 10-
    assert settings.language == "zh"  # conf.d over the included file
    assert load_settings(kiosk, environ={"KIOSK_KIOSK_ID": "K09"}).kiosk_id == "K09"


def test_where_each_value_came_from(tmp_path: Path) -> None:
    kiosk = _fleet(tmp_path)
    rows = {name: (shown, origin) for name, shown, origin in effective_settings(kiosk, {})}
    assert set(rows) == SETTING_NAMES
    assert rows["kiosk_id"] == ('"K07"', str(kiosk))
    assert rows["cinema_id"] == ('"0300"', str(kiosk.parent / "cinema.toml"))
    assert rows["printer_profile"][1] == str(kiosk.parent / "conf.d" / "20-override.toml")
    assert rows["connect_token"] == ('"***"', str(kiosk.parent / "cinema.toml"))
    assert rows["sarft_password"] == ('""', "default")
    assert rows["kiosk_mode"] == ("true", "default")


def test_an_absolute_include_and_a_list_of_them(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "chain.toml").write_text('language = "en"\nkiosk_id = "CHAIN"\n')
    (shared / "cinema.toml").write_text('kiosk_id = "CINEMA"\n')
    kiosk = tmp_path / "kiosk.toml"
    kiosk.write_text(f'include = ["{shared / "chain.toml"}", "{shared / "cinema.toml"}"]\n')
    settings = load_settings(kiosk, environ={})
    assert (settings.language, settings.kiosk_id) == ("en", "CINEMA")  # later wins


@pytest.mark.parametrize(
    ("cinema", "says"),
    [
        (None, "cinema.toml (included by"),
        ('include = "other.toml"\n', "only the kiosk's own file may include"),
        ("nonsense = 1\n", "unknown setting(s): nonsense"),
    ],
)
def test_a_bad_included_file_is_named(tmp_path: Path, cinema: str | None, says: str) -> None:
    if cinema is not None:
        (tmp_path / "cinema.toml").write_text(cinema)
    kiosk = tmp_path / "kiosk.toml"
    kiosk.write_text('include = "cinema.toml"\n')
    with pytest.raises(SettingsError, match=r"cinema\.toml") as caught:
        load_settings(kiosk, environ={})
    assert says in str(caught.value)


def test_a_bad_value_names_the_file_it_came_from(tmp_path: Path) -> None:
    kiosk = _fleet(tmp_path)
    (kiosk.parent / "conf.d" / "30-bad.toml").write_text("sarft_port = 0\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(kiosk, environ={})
    assert "setting 'sarft_port' (from " in str(caught.value)
    assert "30-bad.toml" in str(caught.value)


def test_include_must_name_files(tmp_path: Path) -> None:
    kiosk = tmp_path / "kiosk.toml"
    kiosk.write_text("include = 3\n")
    with pytest.raises(SettingsError, match="include must be"):
        load_settings(kiosk, environ={})


def _kiosk(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


@pytest.mark.e2e
def test_doctor_print_config_shows_every_value_and_its_origin(tmp_path: Path) -> None:
    kiosk = _fleet(tmp_path)
    done = _kiosk(
        "--config", str(kiosk), "doctor", "--print-config",
        env={"KIOSK_SARFT_PASSWORD": "pw-never-printed", "KIOSK_DATA_DIR": str(tmp_path / "d")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert TOKEN not in out and "pw-never-printed" not in out
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    assert {line.split(" = ", 1)[0] for line in lines} == SETTING_NAMES
    assert f'kiosk_id = "K07"  # {kiosk}' in lines
    assert 'sarft_password = "***"  # $KIOSK_SARFT_PASSWORD' in lines
    assert f'connect_token = "***"  # {kiosk.parent / "cinema.toml"}' in lines
    assert "connect_read_retries = 3  # default" in lines
    assert str(kiosk.parent / "conf.d" / "10-printer.toml") in out  # listed as read
    assert "Traceback" not in done.stderr


@pytest.mark.e2e
def test_doctor_print_config_with_a_bad_setting_exits_78_naming_it(tmp_path: Path) -> None:
    kiosk = _fleet(tmp_path)
    done = _kiosk("--config", str(kiosk), "doctor", "--print-config", env={"KIOSK_SARFT_PORT": "x"})
    assert done.returncode == 78
    assert "sarft_port" in done.stderr and "Traceback" not in done.stderr
