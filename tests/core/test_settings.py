"""Settings: TOML file, KIOSK_* overrides, and errors that name the key but never a secret."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.secret import Secret
from kiosk.settings import Settings, SettingsError, load_settings

INTERFACE_ENV = {
    "KIOSK_CONNECT_URL": "http://10.1.2.3:8080/WSVistaWebClient",
    "KIOSK_CONNECT_TOKEN": "tok-abc-123",
    "KIOSK_CINEMA_ID": "0201",
    "KIOSK_SARFT_HOST": "192.0.2.10",
    "KIOSK_SARFT_PORT": "9123",
    "KIOSK_SARFT_USERNAME": "booth",
    "KIOSK_SARFT_PASSWORD": "pw-secret-9",
    "KIOSK_PRINTER": "serial:///dev/ttyS0?baudrate=115200",
    "KIOSK_PRINTER_PROFILE": "epson-tm-t88vi",
    "KIOSK_PAYMENT_URL": "http://127.0.0.1:8555",
    "KIOSK_DATA_DIR": "/var/lib/kiosk",
    "KIOSK_BOOKING_STATUS_POLLS": "3",
    "KIOSK_BOOKING_STATUS_INTERVAL_S": "0.5",
}


def test_every_interface_environment_name_is_honoured() -> None:
    s = load_settings(environ=INTERFACE_ENV)
    assert s.connect_url == "http://10.1.2.3:8080/WSVistaWebClient"
    assert s.connect_token.get_secret_value() == "tok-abc-123"
    assert s.cinema_id == "0201"
    assert (s.sarft_host, s.sarft_port, s.sarft_username) == ("192.0.2.10", 9123, "booth")
    assert s.sarft_password.get_secret_value() == "pw-secret-9"
    assert s.printer == "serial:///dev/ttyS0?baudrate=115200"
    assert s.printer_profile == "epson-tm-t88vi"
    assert s.payment_url == "http://127.0.0.1:8555"
    assert s.data_dir == Path("/var/lib/kiosk")
    assert s.booking_status_polls == 3
    assert s.booking_status_interval_s == 0.5


def test_toml_tables_and_flat_keys_and_env_precedence(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'cinema_id = "0200"\n'
        "[connect]\n"
        'url = "http://a.example/WSVistaWebClient/"\n'
        'token = "from-file"\n'
        "[sarft]\n"
        "port = 7000\n",
        encoding="utf-8",
    )
    s = load_settings(config, environ={"KIOSK_SARFT_PORT": "7001"})
    assert s.connect_url == "http://a.example/WSVistaWebClient"  # trailing slash dropped
    assert s.connect_token.get_secret_value() == "from-file"
    assert s.sarft_port == 7001  # the environment wins over the file


def test_bad_value_names_the_key_and_where_it_came_from() -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(environ={"KIOSK_SARFT_PORT": "ninety"})
    assert "sarft_port" in str(err.value)
    assert "$KIOSK_SARFT_PORT" in str(err.value)


def test_bad_printer_url_is_explained() -> None:
    with pytest.raises(SettingsError, match=r"printer.*tcp://"):
        load_settings(environ={"KIOSK_PRINTER": "lpt1"})


def test_unknown_key_in_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[connect]\nurll = 'x'\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="connect_urll"):
        load_settings(config, environ={})


def test_missing_and_broken_files_are_clear(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("cinema_id = ", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(broken, environ={})


def test_secrets_never_appear_in_errors_or_repr() -> None:
    env = {"KIOSK_CONNECT_TOKEN": "SUPERSECRET-TOKEN", "KIOSK_SARFT_PORT": "-1"}
    with pytest.raises(SettingsError) as err:
        load_settings(environ=env)
    assert "SUPERSECRET" not in str(err.value)
    s = load_settings(environ={"KIOSK_CONNECT_TOKEN": "SUPERSECRET-TOKEN"})
    assert "SUPERSECRET" not in repr(s)
    assert "SUPERSECRET" not in str(dataclasses.asdict(s))
    assert s.secrets() == ["SUPERSECRET-TOKEN"]


def test_purchase_knobs_reach_the_flow() -> None:
    from kiosk.services import purchase_config

    s = load_settings(
        environ={
            "KIOSK_SEAT_HOLD_S": "300",
            "KIOSK_SALE_CUTOFF_MIN": "15",
            "KIOSK_MAX_TICKETS": "6",
            "KIOSK_BOOKING_STATUS_POLLS": "4",
        }
    )
    config = purchase_config(s)
    assert config.seat_hold_s == 300
    assert config.sale_cutoff_after_start_min == 15
    assert config.max_tickets == 6
    assert config.booking_status_polls == 4


def test_text_from_the_environment_becomes_flags_numbers_and_choices() -> None:
    s = load_settings(
        environ={
            "KIOSK_KIOSK_MODE": "false",
            "KIOSK_HIDE_CURSOR": " Yes ",
            "KIOSK_SARFT_LENGTH_PREFIX_BYTES": "2",
            "KIOSK_SARFT_PASSWORD_MODE": "md5",
            "KIOSK_INACTIVITY_S": "30",
            "KIOSK_MAX_TICKETS": "+6",
        }
    )
    assert s.kiosk_mode is False
    assert s.hide_cursor is True
    assert s.sarft_length_prefix_bytes == 2
    assert s.sarft_password_mode == "md5"
    assert s.inactivity_s == 30.0 and isinstance(s.inactivity_s, float)
    assert s.max_tickets == 6


def test_toml_values_keep_their_types(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        "kiosk_mode = false\ninactivity_s = 45\n[sarft]\nport = '9001'\n", encoding="utf-8"
    )
    s = load_settings(config, environ={})
    assert (s.kiosk_mode, s.inactivity_s, s.sarft_port) == (False, 45.0, 9001)
    with pytest.raises(SettingsError, match=r"'kiosk_mode'.*true or false"):
        load_settings(config, environ={"KIOSK_KIOSK_MODE": "1.5"})


def test_every_broken_setting_is_listed_with_its_rule(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(
            environ={
                "KIOSK_KIOSK_MODE": "maybe",
                "KIOSK_INACTIVITY_S": "2",
                "KIOSK_MAX_TICKETS": "2.5",
                "KIOSK_LANGUAGE": "fr",
                "KIOSK_SARFT_PORT": "70000",
                "KIOSK_PRINTER_TIMEOUT_S": "nan",
                "KIOSK_SEAT_HOLD_S": "0",
            }
        )
    lines = str(err.value).splitlines()[1:]
    assert sorted(line.strip() for line in lines) == [
        "setting 'inactivity_s' (from $KIOSK_INACTIVITY_S): must be at least 5",
        "setting 'kiosk_mode' (from $KIOSK_KIOSK_MODE): must be true or false",
        "setting 'language' (from $KIOSK_LANGUAGE): must be one of zh, en",
        "setting 'max_tickets' (from $KIOSK_MAX_TICKETS): must be a whole number",
        "setting 'printer_timeout_s' (from $KIOSK_PRINTER_TIMEOUT_S): must be a number",
        "setting 'sarft_port' (from $KIOSK_SARFT_PORT): must be at most 65535",
        "setting 'seat_hold_s' (from $KIOSK_SEAT_HOLD_S): must be greater than 0",
    ]


def test_settings_made_in_code_are_checked_too() -> None:
    with pytest.raises(SettingsError, match=r"'printer' \(from default\): must start with tcp"):
        Settings(printer="lpt1")
    with pytest.raises(SettingsError, match="sarft_port"):
        dataclasses.replace(Settings(), sarft_port=0)
    s = Settings(connect_token="t0ken", payment_url="https://pay.example/")  # type: ignore[arg-type]
    assert s.connect_token == Secret("t0ken")
    assert s.payment_url == "https://pay.example"
    assert str(s.connect_token) == "**********" and "t0ken" not in repr(s)
