"""Typed kiosk settings: one TOML file plus KIOSK_* environment overrides.

Every setting is declared once below with its type, default and meaning. The
TOML file may use the flat names (``connect_url = ...``) or tables whose name is
the prefix (``[connect]`` / ``url = ...``). The environment variable for a
setting is ``KIOSK_`` plus its name upper-cased (``KIOSK_CONNECT_URL``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

ENV_PREFIX = "KIOSK_"
CONFIG_FILE_NAME = "kiosk.toml"


class SettingsError(Exception):
    """A setting is missing or invalid; the message names the key, never a secret value."""


class Settings(BaseModel):
    """Everything an installer can set. Secrets are ``SecretStr`` so they never print."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # VISTA Connect
    connect_url: str = Field(
        "http://127.0.0.1:8080/WSVistaWebClient",
        description="Base URL up to and including /WSVistaWebClient",
    )
    connect_token: SecretStr = Field(SecretStr(""), description="connectapitoken header value")
    cinema_id: str = Field("0200", description="VISTA cinema id this kiosk sells for")
    connect_ticketing_service: str = Field(
        "RESTTicketing.svc", description="Service segment for ticketing (deployments differ)"
    )
    connect_booking_service: str = Field(
        "RESTBooking.svc", description="Service segment for bookings (deployments differ)"
    )
    connect_client_class: str = Field("KIOSK", description="OptionalClientClass sent to Connect")
    connect_client_id: str = Field("127.0.0.1", description="OptionalClientId / ClientId")
    connect_client_name: str = Field("SelfServiceKiosk", description="OptionalClientName")
    connect_card_type: str = Field("CreditCard", description="CardType on CompleteOrder")
    connect_tender_category: str = Field(
        "CreditCard", description="PaymentTenderCategory on CompleteOrder"
    )
    connect_card_number: str = Field(
        "9999999999999999", description="CardNumber on CompleteOrder/RefundBooking (a placeholder)"
    )
    connect_read_timeout_s: float = Field(20.0, gt=0, description="Timeout for reads/AddTickets")
    connect_complete_timeout_s: float = Field(80.0, gt=0, description="Timeout for CompleteOrder")
    connect_read_retries: int = Field(3, ge=1, le=10, description="Attempts for idempotent reads")

    # SARFT kiosk service
    sarft_host: str = Field("127.0.0.1", description="SarftKioskService host")
    sarft_port: int = Field(9000, ge=1, le=65535, description="SarftKioskService port")
    sarft_username: str = Field("kiosk", description="SARFT username")
    sarft_password: SecretStr = Field(SecretStr(""), description="SARFT password")
    sarft_password_mode: Literal["plain", "md5"] = Field(
        "plain", description="How the password is sent in 0x01"
    )
    sarft_connect_timeout_s: float = Field(5.0, gt=0, description="TCP connect timeout")
    sarft_reply_timeout_s: float = Field(15.0, gt=0, description="Timeout for each reply")
    sarft_length_prefix_bytes: Literal[2, 4] = Field(4, description="Frame length field width")
    sarft_length_byteorder: Literal["little", "big"] = Field(
        "little", description="Byte order of the frame length and datetimes"
    )
    sarft_float_byteorder: Literal["little", "big"] = Field(
        "little", description="Byte order of the price floats"
    )
    sarft_datetime_form: Literal["unix_seconds", "unix_millis"] = Field(
        "unix_seconds", description="How session datetimes are counted"
    )
    sarft_text_encoding: str = Field("gb18030", description="Encoding of char[N] fields")

    # Printer
    printer: str = Field(
        "tcp://127.0.0.1:9100",
        description="tcp://host:port, usb://VID:PID, serial:///dev/ttyS0?baudrate=N, file:///path",
    )
    printer_profile: str = Field("virtual", description="Profile name from printers/*.toml")
    printer_timeout_s: float = Field(5.0, gt=0, description="Device I/O and status timeout")
    ticket_language: Literal["zh", "en"] = Field("zh", description="Label language on tickets")

    # Payment
    payment_url: str = Field("http://127.0.0.1:8090", description="Payment provider base URL")
    payment_expires_s: int = Field(300, ge=30, description="How long a payment QR stays valid")

    # Flows
    seat_hold_s: float = Field(
        600.0, gt=0, description="Connect's seat lock lifetime, as the cinema configured it"
    )
    sale_cutoff_min: int = Field(
        20, ge=0, description="ATMTimeShowMovieAfterStart: minutes after start selling stops"
    )
    max_tickets: int = Field(8, ge=1, le=20, description="Most tickets in one purchase")
    recovery_interval_s: float = Field(
        300.0, ge=1, description="How often a running kiosk retries purchases left open"
    )
    booking_status_polls: int = Field(15, ge=1, description="QueryOrderBookingStatus attempts")
    booking_status_interval_s: float = Field(60.0, ge=0, description="Seconds between polls")
    pickup_max_failures: int = Field(5, ge=1, description="Wrong codes before the keypad locks")
    pickup_lock_s: float = Field(60.0, ge=0, description="Keypad lock after too many wrong codes")

    # Kiosk and UI
    kiosk_id: str = Field("K01", description="Printed on every ticket")
    data_dir: Path = Field(
        Path(platformdirs.user_data_dir("kiosk")), description="Journal, logs and output"
    )
    language: Literal["zh", "en"] = Field("zh", description="Default patron language")
    kiosk_mode: bool = Field(True, description="Full screen, frameless, close ignored")
    hide_cursor: bool = Field(True, description="Hide the mouse cursor in kiosk mode")
    inactivity_s: float = Field(60.0, ge=5, description="Idle time before 'Are you still there?'")
    inactivity_prompt_s: float = Field(20.0, ge=5, description="Time to answer that prompt")
    admin_pin_hash: SecretStr = Field(
        SecretStr(""), description="scrypt$salt$hash from `kiosk admin-pin` (empty: no admin)"
    )

    @field_validator("connect_url", "payment_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("must be an http:// or https:// URL")
        return value.rstrip("/")

    @field_validator("printer")
    @classmethod
    def _printer_url(cls, value: str) -> str:
        scheme = urlsplit(value).scheme
        if scheme not in ("tcp", "usb", "serial", "file"):
            raise ValueError("must start with tcp://, usb://, serial:// or file://")
        return value

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def journal_path(self) -> Path:
        return self.data_dir / "journal.sqlite3"

    @property
    def printed_dir(self) -> Path:
        return self.data_dir / "printed"

    def secrets(self) -> list[str]:
        """Every secret value in force, for the log redaction filter."""
        values = [self.connect_token, self.sarft_password, self.admin_pin_hash]
        return [v.get_secret_value() for v in values if v.get_secret_value()]


SETTING_NAMES = frozenset(Settings.model_fields)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir("kiosk")) / CONFIG_FILE_NAME


def _flatten(table: Mapping[str, Any], source: str) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            for sub, subvalue in value.items():
                name = f"{key}_{sub}"
                if isinstance(subvalue, Mapping):
                    raise SettingsError(f"{source}: table [{key}.{sub}] is nested too deep")
                flat[name] = subvalue
        else:
            flat[key] = value
    unknown = sorted(set(flat) - SETTING_NAMES)
    if unknown:
        raise SettingsError(f"{source}: unknown setting(s): {', '.join(unknown)}")
    return flat


def _from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name in SETTING_NAMES:
            values[name] = value
    return values


def _describe(error: ValidationError, origins: Mapping[str, str]) -> str:
    lines = []
    for item in error.errors(include_input=False, include_url=False):
        name = str(item["loc"][0]) if item["loc"] else "?"
        where = origins.get(name, "default")
        lines.append(f"setting '{name}' (from {where}): {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def load_settings(
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Read the TOML file (explicit path, else the platform config dir if it exists),
    apply KIOSK_* environment overrides, then keyword overrides, and validate."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = config_path
    if path is None and environ.get("KIOSK_CONFIG"):
        path = Path(environ["KIOSK_CONFIG"])
    if path is None and default_config_path().is_file():
        path = default_config_path()
    if path is not None:
        try:
            with path.open("rb") as fh:
                table = tomllib.load(fh)
        except FileNotFoundError:
            raise SettingsError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None
        file_values = _flatten(table, str(path))
        values.update(file_values)
        origins.update(dict.fromkeys(file_values, str(path)))
    env_values = _from_env(environ)
    values.update(env_values)
    origins.update({k: f"${ENV_PREFIX}{k.upper()}" for k in env_values})
    values.update(overrides)
    origins.update(dict.fromkeys(overrides, "command line"))
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise SettingsError(_describe(exc, origins)) from None
