"""Typed kiosk settings: one TOML file plus KIOSK_* environment overrides.

Every setting is declared once below with its type, default and meaning. The
TOML file may use the flat names (``connect_url = ...``) or tables whose name is
the prefix (``[connect]`` / ``url = ...``). The environment variable for a
setting is ``KIOSK_`` plus its name upper-cased (``KIOSK_CONNECT_URL``).

Checking is done here by hand rather than with a validation library: every
command loads settings first, and ``kiosk run`` loads them before its first
frame. Importing pydantic and building a model cost 80 ms there, more than a
bare Qt window takes to appear; these few rules cost well under one.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import operator
import os
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

import platformdirs

from kiosk.admin.pin import PinFormatError, parse_pin_hashes
from kiosk.secret import Secret

ENV_PREFIX = "KIOSK_"
CONFIG_FILE_NAME = "kiosk.toml"

T = TypeVar("T")


class SettingsError(Exception):
    """A setting is missing or invalid; the message names the key, never a secret value."""


class InvalidSettings(SettingsError):
    """Values that break a setting's rule: one ``(name, problem)`` per broken setting."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(describe(problems))


def describe(problems: list[tuple[str, str]], origins: Mapping[str, str] | None = None) -> str:
    """One line per problem, naming the setting and where its value came from. The
    value itself is never repeated: it may be a secret put under the wrong name."""
    lines = [
        f"setting '{name}' (from {(origins or {}).get(name, 'default')}): {problem}"
        for name, problem in problems
    ]
    return "invalid settings:\n  " + "\n  ".join(lines)


def setting(
    default: T,
    *,
    description: str,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    rule: Callable[[Any], Any] | None = None,
) -> T:
    """A setting's default, meaning and rules, kept where the setting is declared:
    numeric bounds (``gt``: above, ``ge``/``le``: at least/at most), and ``rule``, which
    takes the converted value and returns it (tidied if need be) or raises ValueError."""
    rules = {"gt": gt, "ge": ge, "le": le, "rule": rule}
    return field(default=default, metadata={"description": description, **rules})


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// URL")
    return value.rstrip("/")


def _printer_url(value: str) -> str:
    if urlsplit(value).scheme not in ("tcp", "usb", "serial", "file"):
        raise ValueError("must start with tcp://, usb://, serial:// or file://")
    return value


def _pin_hashes(value: Secret) -> Secret:
    try:
        parse_pin_hashes(value.get_secret_value())
    except PinFormatError as exc:
        raise ValueError(str(exc)) from None  # names the entry, never its text
    return value


@dataclass(frozen=True)
class Settings:
    """Everything an installer can set. Secrets are ``Secret`` so they never print.

    Values are checked and converted (text from the environment into numbers, flags
    and choices) when the object is made, also through ``dataclasses.replace``."""

    # VISTA Connect
    connect_url: str = setting(
        "http://127.0.0.1:8080/WSVistaWebClient",
        description="Base URL up to and including /WSVistaWebClient",
        rule=_http_url,
    )
    connect_token: Secret = setting(Secret(""), description="connectapitoken header value")
    cinema_id: str = setting("0200", description="VISTA cinema id this kiosk sells for")
    connect_ticketing_service: str = setting(
        "RESTTicketing.svc", description="Service segment for ticketing (deployments differ)"
    )
    connect_booking_service: str = setting(
        "RESTBooking.svc", description="Service segment for bookings (deployments differ)"
    )
    connect_client_class: str = setting("KIOSK", description="OptionalClientClass sent to Connect")
    connect_client_id: str = setting("127.0.0.1", description="OptionalClientId / ClientId")
    connect_client_name: str = setting("SelfServiceKiosk", description="OptionalClientName")
    connect_card_type: str = setting("CreditCard", description="CardType on CompleteOrder")
    connect_tender_category: str = setting(
        "CreditCard", description="PaymentTenderCategory on CompleteOrder"
    )
    connect_card_number: str = setting(
        "9999999999999999", description="CardNumber on CompleteOrder/RefundBooking (a placeholder)"
    )
    connect_read_timeout_s: float = setting(20.0, gt=0, description="Timeout for reads/AddTickets")
    connect_complete_timeout_s: float = setting(80.0, gt=0, description="Timeout for CompleteOrder")
    connect_read_retries: int = setting(3, ge=1, le=10, description="Attempts for idempotent reads")

    # SARFT kiosk service
    sarft_host: str = setting("127.0.0.1", description="SarftKioskService host")
    sarft_port: int = setting(9000, ge=1, le=65535, description="SarftKioskService port")
    sarft_username: str = setting("kiosk", description="SARFT username")
    sarft_password: Secret = setting(Secret(""), description="SARFT password")
    sarft_password_mode: Literal["plain", "md5"] = setting(
        "plain", description="How the password is sent in 0x01"
    )
    sarft_connect_timeout_s: float = setting(5.0, gt=0, description="TCP connect timeout")
    sarft_reply_timeout_s: float = setting(15.0, gt=0, description="Timeout for each reply")
    sarft_length_prefix_bytes: Literal[2, 4] = setting(4, description="Frame length field width")
    sarft_length_byteorder: Literal["little", "big"] = setting(
        "little", description="Byte order of the frame length and datetimes"
    )
    sarft_float_byteorder: Literal["little", "big"] = setting(
        "little", description="Byte order of the price floats"
    )
    sarft_datetime_form: Literal["unix_seconds", "unix_millis"] = setting(
        "unix_seconds", description="How session datetimes are counted"
    )
    sarft_text_encoding: str = setting("gb18030", description="Encoding of char[N] fields")

    # Printer
    printer: str = setting(
        "tcp://127.0.0.1:9100",
        description="tcp://host:port, usb://VID:PID, serial:///dev/ttyS0?baudrate=N, file:///path",
        rule=_printer_url,
    )
    printer_profile: str = setting("virtual", description="Profile name from printers/*.toml")
    printer_timeout_s: float = setting(5.0, gt=0, description="Device I/O and status timeout")
    ticket_language: Literal["zh", "en"] = setting("zh", description="Label language on tickets")

    # Payment
    payment_url: str = setting(
        "http://127.0.0.1:8090", description="Payment provider base URL", rule=_http_url
    )
    payment_expires_s: int = setting(300, ge=30, description="How long a payment QR stays valid")

    # Flows
    seat_hold_s: float = setting(
        600.0, gt=0, description="Connect's seat lock lifetime, as the cinema configured it"
    )
    sale_cutoff_min: int = setting(
        20, ge=0, description="ATMTimeShowMovieAfterStart: minutes after start selling stops"
    )
    max_tickets: int = setting(8, ge=1, le=20, description="Most tickets in one purchase")
    recovery_interval_s: float = setting(
        300.0, ge=1, description="How often a running kiosk retries purchases left open"
    )
    booking_status_polls: int = setting(15, ge=1, description="QueryOrderBookingStatus attempts")
    booking_status_interval_s: float = setting(60.0, ge=0, description="Seconds between polls")
    pickup_max_failures: int = setting(5, ge=1, description="Wrong codes before the keypad locks")
    pickup_lock_s: float = setting(60.0, ge=0, description="Keypad lock after too many wrong codes")

    # Kiosk and UI
    kiosk_id: str = setting("K01", description="Printed on every ticket")
    data_dir: Path = setting(
        Path(platformdirs.user_data_dir("kiosk")), description="Journal, logs and output"
    )
    journal_backups: int = setting(
        7, ge=0, description="Daily journal copies kept in backups/ under the data dir (0: none)"
    )
    language: Literal["zh", "en"] = setting("zh", description="Default patron language")
    kiosk_mode: bool = setting(True, description="Full screen, frameless, close ignored")
    hide_cursor: bool = setting(True, description="Hide the mouse cursor in kiosk mode")
    inactivity_s: float = setting(60.0, ge=5, description="Idle time before 'Are you still there?'")
    inactivity_prompt_s: float = setting(20.0, ge=5, description="Time to answer that prompt")
    admin_pin_hash: Secret = setting(
        Secret(""),
        description="From `kiosk admin-pin`: one shared hash, or name:hash entries joined "
        "by commas, one per member of staff (empty: no admin)",
        rule=_pin_hashes,
    )

    def __post_init__(self) -> None:
        problems: list[tuple[str, str]] = []
        for spec in dataclasses.fields(self):
            try:
                value = _check(spec, getattr(self, spec.name))
            except ValueError as exc:
                problems.append((spec.name, str(exc)))
            else:
                object.__setattr__(self, spec.name, value)  # frozen: only here
        if problems:
            raise InvalidSettings(problems)

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
        found = [v.get_secret_value() for v in values if v.get_secret_value()]
        # each staff member's hash on its own too, should one ever be quoted alone
        pins = parse_pin_hashes(self.admin_pin_hash.get_secret_value())
        return found + [stored for _, stored in pins if len(pins) > 1]


SETTING_NAMES = frozenset(spec.name for spec in dataclasses.fields(Settings))
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@functools.cache
def _kinds() -> dict[str, Any]:
    """Each setting's declared type, resolved once (annotations are strings here)."""
    return typing.get_type_hints(Settings)


def _check(spec: dataclasses.Field[Any], value: Any) -> Any:
    """``value`` converted to the setting's type and checked against its rules;
    ``ValueError`` says what is wrong in words an installer understands."""
    value = _convert(_kinds()[spec.name], value)
    for bound, broken, words in (
        ("gt", operator.le, "greater than"),
        ("ge", operator.lt, "at least"),
        ("le", operator.gt, "at most"),
    ):
        limit = spec.metadata.get(bound)
        if limit is not None and broken(value, limit):
            raise ValueError(f"must be {words} {limit:g}")
    rule = spec.metadata.get("rule")
    if rule is not None:
        value = rule(value)
    return value


def _convert(kind: Any, value: Any) -> Any:
    """Environment values are text, TOML values are typed: accept both forms."""
    text = value.strip() if isinstance(value, str) else None
    if typing.get_origin(kind) is Literal:
        for choice in typing.get_args(kind):
            if value == choice or text == str(choice):
                return choice
        raise ValueError("must be one of " + ", ".join(str(c) for c in typing.get_args(kind)))
    if kind is bool:
        if isinstance(value, bool):
            return value
        if text is not None and text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        raise ValueError("must be true or false")
    if kind is int and not isinstance(value, bool):
        if isinstance(value, int):
            return value
        try:
            return int(text or "x")
        except ValueError:
            raise ValueError("must be a whole number") from None
    if kind is float and not isinstance(value, bool):
        try:
            number = float(value) if isinstance(value, int | float) else float(text or "x")
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
        raise ValueError("must be a number")
    if kind is Secret:
        if isinstance(value, Secret):
            return value
        if isinstance(value, str):
            return Secret(value)
        raise ValueError("must be text")  # the value is not repeated: it is a secret
    if kind is str and isinstance(value, str):
        return value
    if kind is Path and isinstance(value, str | os.PathLike):
        return Path(value)
    wanted = {bool: "true or false", int: "a whole number", float: "a number"}
    raise ValueError(f"must be {wanted.get(kind, 'text')}")


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
    except InvalidSettings as exc:
        raise SettingsError(describe(exc.problems, origins)) from None
