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

import codecs
import dataclasses
import functools
import json
import math
import operator
import os
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import parse_qs, urlsplit

import platformdirs

from kiosk.admin.pin import PinFormatError, parse_pin_hashes
from kiosk.secret import Secret

ENV_PREFIX = "KIOSK_"
CONFIG_FILE_NAME = "kiosk.toml"
# A chain's settings (README, "Running a fleet"): the kiosk's own file may name
# shared files to read first, and the drop-in folder beside it is read in between.
INCLUDE_KEY = "include"
DROP_IN_DIR = "conf.d"

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
    shown_default: str | None = None,
) -> T:
    """A setting's default, meaning and rules, kept where the setting is declared:
    numeric bounds (``gt``: above, ``ge``/``le``: at least/at most), and ``rule``, which
    takes the converted value and returns it (tidied if need be) or raises ValueError.

    ``description`` is the README's settings table too (scripts/settings_table.py
    writes it; Markdown is fine), and ``shown_default`` how the table names a default
    that depends on the machine, such as a folder platformdirs picks."""
    rules = {"gt": gt, "ge": ge, "le": le, "rule": rule}
    documented = {"description": description, "shown_default": shown_default}
    return field(default=default, metadata={**documented, **rules})


def _ui_scale(value: float) -> float:
    if value != 0 and not 0.25 <= value <= 4:
        raise ValueError("must be 0 (fit the screen) or a scale from 0.25 to 4")
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("must be an http:// or https:// URL")
    return value.rstrip("/")


def _poster_url(value: str) -> str:
    """Empty, or an http(s) URL naming the film by ``{film_id}`` or ``{short_code}``
    (and no other field: a stray brace would fail at the first poster instead)."""
    if not value:
        return value
    _http_url(value)
    try:
        filled = value.format(film_id="HO00012501", short_code="001200472015")
    except (KeyError, IndexError, ValueError):
        raise ValueError(
            "may name the film only as {film_id} or {short_code} (a literal brace is {{ }})"
        ) from None
    if filled == value.replace("{{", "{").replace("}}", "}"):
        raise ValueError("must name the film: {film_id} (VISTA's id) or {short_code} (广电编码)")
    return value


def _printer_url(value: str) -> str:
    """Every part the printer driver will read, checked now rather than at the first
    ticket: tcp://host[:port], usb://VID:PID (hex), serial:///dev/X, file:///path,
    and whole-number query options (baudrate, in_ep, out_ep)."""
    parts = urlsplit(value)
    if parts.scheme not in ("tcp", "usb", "serial", "file"):
        raise ValueError("must start with tcp://, usb://, serial:// or file://")
    if parts.scheme == "tcp":
        if not parts.hostname:
            raise ValueError("tcp:// needs a host: tcp://HOST[:PORT]")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("the port after the host must be a number from 1 to 65535") from None
        if port == 0:
            raise ValueError("the port after the host must be a number from 1 to 65535")
    elif parts.scheme == "usb":
        ids = parts.netloc.split(":")
        if len(ids) != 2 or not all(_is_hex_id(i) for i in ids):
            raise ValueError("usb:// needs the vendor and product ids in hex: usb://04b8:0202")
    elif not parts.path:
        raise ValueError(f"{parts.scheme}:// needs a device path, e.g. {parts.scheme}:///dev/ttyS0")
    for name, values in parse_qs(parts.query).items():
        try:
            int(values[0], 0)
        except ValueError:
            raise ValueError(f"the {name} option must be a whole number") from None
    return value


def _is_hex_id(text: str) -> bool:
    return 1 <= len(text) <= 4 and all(c in "0123456789abcdefABCDEF" for c in text)


def _header_value(value: Secret) -> Secret:
    """A value sent as an HTTP header: httpx writes headers as ASCII, and a control
    character or an edge space would be refused or stripped on the way."""
    text = value.get_secret_value()
    if any(not " " <= c <= "~" for c in text) or text != text.strip():
        # the value is a secret: say what is wrong with it, never what it is
        raise ValueError(
            "must be printable ASCII with no space at either end (it is sent as an HTTP "
            "header): check for a pasted non-ASCII character or a line break"
        )
    return value


def _connect_id(value: str) -> str:
    # The client puts the cinema id in URL paths and refuses anything else there.
    if not (1 <= len(value) <= 20 and value.isascii() and value.isalnum()):
        raise ValueError("must be 1 to 20 letters or digits, as Connect names the cinema")
    return value


def _text_encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise ValueError("must be a text encoding Python knows, e.g. gb18030") from None
    return value


def _webhook_url(value: Secret) -> Secret:
    url = value.get_secret_value()
    if url and not url.startswith(("https://", "http://")):
        raise ValueError("must be an http(s) URL")  # never echo it: it holds the robot's key
    return value


def _usable_dir(value: Path) -> Path:
    """The data dir must be a folder, or creatable as one: a file in its place (or in
    place of a folder above it) fails the journal and the log at the first write.
    Permissions are the journal's to report (kiosk.journal.faults), when it opens."""
    here = value
    while not here.exists() and here != here.parent:
        if here.is_symlink():
            raise ValueError(f"{here} is a broken symbolic link")
        here = here.parent
    if not here.is_dir():
        where = "is a file" if here == value else f"cannot be made: {here} is a file"
        raise ValueError(f"{value} {where}, not a folder")
    return value


PAYMENT_PROVIDERS = ("simulator", "wechatpay", "alipay")


def _payment_providers(value: str) -> str:
    names = [name.strip() for name in value.split(",")]
    if not all(names):
        raise ValueError("must name at least one provider, e.g. wechatpay,alipay")
    unknown = [name for name in names if name not in PAYMENT_PROVIDERS]
    if unknown:
        raise ValueError(f"unknown provider {unknown[0]!r}: use {', '.join(PAYMENT_PROVIDERS)}")
    if len(set(names)) != len(names):
        raise ValueError("names a provider twice")
    return ",".join(names)


def _public_key_id(value: str) -> str:
    if value and not value.startswith("PUB_KEY_ID_"):
        raise ValueError("must start with PUB_KEY_ID_, as WeChat Pay names its public keys")
    return value


def _apiv3_key(value: Secret) -> Secret:
    text = value.get_secret_value()
    if text and len(text.encode("utf-8")) != 32:
        raise ValueError("must be exactly 32 bytes, as set in the merchant platform")
    return value


def _https_url_or_empty(value: str) -> str:
    parts = urlsplit(value)
    if value and (parts.scheme != "https" or not parts.netloc or parts.query):
        raise ValueError("must be an https:// URL without a query (WeChat Pay refuses others)")
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
    connect_token: Secret = setting(
        Secret(""), description="connectapitoken header value", rule=_header_value
    )
    cinema_id: str = setting(
        "0200", description="VISTA cinema id this kiosk sells for", rule=_connect_id
    )
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
    sarft_length_prefix_bytes: Literal[0, 2, 4] = setting(
        4, description="Frame length field width (0: none, each message's layout gives its size)"
    )
    sarft_length_byteorder: Literal["little", "big"] = setting(
        "little", description="Byte order of the frame length and datetimes"
    )
    sarft_length_counts_type: bool = setting(
        True, description="The frame length counts the msg_type byte as well as the body"
    )
    sarft_float_byteorder: Literal["little", "big"] = setting(
        "little", description="Byte order of the price floats"
    )
    sarft_datetime_form: Literal["unix_seconds", "unix_millis"] = setting(
        "unix_seconds", description="How session datetimes are counted"
    )
    sarft_text_encoding: str = setting(
        "gb18030", description="Encoding of char[N] fields", rule=_text_encoding
    )

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
    payment_providers: str = setting(
        "simulator",
        description="`simulator` (the simulator's own API), `wechatpay` (WeChat Pay API v3), "
        "`alipay`, or a comma list of them in screen order (`wechatpay,alipay`): a QR each, "
        "side by side; the first paid wins, the others are closed at once (one paid as well "
        "is refunded)",
        rule=_payment_providers,
    )
    wechatpay_url: str = setting(
        "https://api.mch.weixin.qq.com", description="WeChat Pay API v3 base URL", rule=_http_url
    )
    wechatpay_mchid: str = setting("", description="WeChat Pay merchant id (商户号)")
    wechatpay_appid: str = setting("", description="App id bound to that merchant")
    wechatpay_merchant_serial: str = setting(
        "", description="Serial number of the merchant API certificate"
    )
    wechatpay_private_key_file: str = setting(
        "", description="PEM of the merchant API private key (the file's content is a secret)"
    )
    wechatpay_public_key_file: str = setting("", description="WeChat Pay public key PEM")
    wechatpay_public_key_id: str = setting(
        "",
        description="That key's `PUB_KEY_ID_…`, as replies name it in `Wechatpay-Serial`",
        rule=_public_key_id,
    )
    wechatpay_platform_cert_dir: str = setting(
        "",
        description="Optional: a folder of platform certificates (PEM files), for merchants "
        "still on certificates; hold both during a migration",
    )
    wechatpay_apiv3_key: Secret = setting(
        Secret(""),
        description="APIv3 key, 32 bytes (decrypts certificates and notifications)",
        rule=_apiv3_key,
    )
    wechatpay_notify_url: str = setting(
        "",
        description="The HTTPS `notify_url` WeChat requires on every order; never called back here "
        "(the kiosk polls), any HTTPS URL of the merchant's",
        rule=_https_url_or_empty,
    )
    alipay_url: str = setting(
        "https://openapi.alipay.com/gateway.do",
        description="Alipay openapi gateway URL",
        rule=_http_url,
    )
    alipay_app_id: str = setting("", description="Alipay app id")
    alipay_private_key_file: str = setting(
        "", description="PEM of the app private key (the file's content is a secret)"
    )
    alipay_public_key_file: str = setting("", description="PEM of Alipay's public key")

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
    health_interval_s: float = setting(
        15.0,
        ge=0.1,
        description="How often an idle kiosk re-checks what buying and collecting need "
        "(out of service and back within one interval)",
    )
    booking_status_polls: int = setting(15, ge=1, description="QueryOrderBookingStatus attempts")
    booking_status_interval_s: float = setting(60.0, ge=0, description="Seconds between polls")
    pickup_max_failures: int = setting(
        5,
        ge=1,
        description="Wrong codes in one patron's visit before the keypad pauses for "
        "`pickup_lock_s` (the patron is told from two tries left)",
    )
    pickup_lock_s: float = setting(
        60.0,
        ge=0,
        description="That pause; Start over or the idle timeout ends the visit, so the next "
        "patron is not held by it",
    )
    pickup_delay_s: float = setting(
        2.0,
        ge=0,
        description="Wait after a wrong code, doubled by each further one in a visit "
        "(2, 4, 8, 16 s), counted down live on the button",
    )
    pickup_kiosk_max_failures: int = setting(
        30,
        ge=1,
        description="Wrong codes on this kiosk, whoever typed them, before it takes no code "
        "until the oldest leaves the window; staff are alerted (journal audit `kiosk limit`, "
        "the log, the chat robot)",
    )
    pickup_kiosk_window_s: float = setting(
        600.0, gt=0, description="Window those are counted in; staff are alerted when it fills"
    )

    # Kiosk and UI
    kiosk_id: str = setting("K01", description="Printed on every ticket")
    data_dir: Path = setting(
        Path(platformdirs.user_data_dir("kiosk")),
        description="Journal, logs and output",
        rule=_usable_dir,
        shown_default="platform data dir",
    )
    journal_backups: int = setting(
        7,
        ge=0,
        description="Daily `VACUUM INTO` copies of the journal kept in `backups/` under the "
        "data dir (0: none)",
    )
    metrics_host: str = setting(
        "127.0.0.1", description="Address the Prometheus `/metrics` endpoint listens on"
    )
    metrics_port: int = setting(
        0, ge=0, le=65535, description="Port of the Prometheus `/metrics` endpoint (0: off)"
    )
    metrics_textfile: str = setting(
        "",
        description="A node_exporter textfile (`*.prom`) the metrics are also written to, "
        "atomically, every 15 s (empty: none)",
    )
    alert_webhook_url: Secret = setting(
        Secret(""),
        description="Staff chat group robot webhook (WeCom or DingTalk) told when the kiosk "
        "leaves or re-enters service and when a transaction needs staff (empty: none)",
        rule=_webhook_url,
    )
    alert_webhook_kind: Literal["wecom", "dingtalk"] = setting(
        "wecom", description="Which group robot `alert_webhook_url` is: `wecom` or `dingtalk`"
    )
    alert_webhook_secret: Secret = setting(
        Secret(""), description="DingTalk robot signing secret (加签, SEC...; empty: none)"
    )
    watchdog_any_pid: bool = setting(
        False,
        description="Ping systemd's watchdog even when `WATCHDOG_PID` names another process: "
        "under cage, systemd watches cage's pid (`deploy/systemd/kiosk.service` sets it)",
    )
    log_retention_days: int = setting(
        30, ge=1, description="Days a daily log file is kept, then deleted (PIPL)"
    )
    journal_retention_days: int = setting(
        400,
        ge=1,
        description="Days a finished transaction (its financial facts) stays in the journal",
    )
    personal_data_days: int = setting(
        30,
        ge=1,
        description="Days the journal keeps a patron's phone, e-mail or name before dropping them",
    )
    language: Literal["zh", "en"] = setting("zh", description="Default patron language")
    kiosk_mode: bool = setting(True, description="Full screen, frameless, close ignored")
    hide_cursor: bool = setting(True, description="Hide the mouse cursor in kiosk mode")
    inactivity_s: float = setting(60.0, ge=5, description="Idle time before 'Are you still there?'")
    inactivity_prompt_s: float = setting(20.0, ge=5, description="Time to answer that prompt")
    admin_idle_s: float = setting(
        120.0,
        ge=10,
        description="Idle time on the staff PIN pad or admin screen before it closes by itself"
        " and the kiosk is back at the start (audited as `admin_logout`); staff never see the"
        " patron's 'Are you still there?'",
    )
    ui_scale: float = setting(
        0.0,
        rule=_ui_scale,
        description="How large the screens are drawn. They are laid out for a 1920x1080 "
        "picture, landscape or portrait; 0 fits them to the screen (a 1366x768 panel: 0.711; "
        "a 4K one: 2; a windowed kiosk: its desktop's free area); any other value, 0.25 to "
        "4, is the scale itself (1: never scaled). A `QT_SCALE_FACTOR` in the environment "
        "wins over 0",
    )
    screen_mm: float = setting(
        0.0,
        ge=0,
        description="Diagonal of the panel's picture in mm (21.5-inch: 546, 24-inch: 610), so "
        "seats are drawn at least 15 mm wide; 0: the size the display reports (EDID), else 96 dpi",
    )
    seat_plan_turn: Literal["auto", "rotate", "flip_rows", "none"] = setting(
        "auto",
        description="How VISTA's seat plans are turned to put the screen on top: `auto` (from "
        "the row names: falling as RowIndex grows, the plan is rotated; rising, left as it is; "
        "saying neither, rotated as seed 3.4 draws), `rotate` (rows and columns), `flip_rows` "
        "(rows only: plans entered as a mirror image), `none`",
    )
    show_film_rating: bool = setting(
        False,
        description="Show VISTA's film rating on the film and session lists: only for a cinema "
        "that fills it with a rating that means something (mainland China has no rating "
        "system; a G or PG-13 nobody chose would mislead)",
    )
    poster_dir: str = setting(
        "",
        description="Folder of film posters named by the film's 广电编码 (`ShortCode` in "
        "VISTA), e.g. `001200472015.jpg` (`.jpg`, `.jpeg`, `.png` or `.webp`, any size: scaled "
        "to the card); a film without one, or whose file cannot be read (logged), shows a card "
        "with its title. A file added while the kiosk runs shows within 5 minutes (empty: "
        "cards only)",
    )
    poster_url: str = setting(
        "",
        description="VISTA's media address of a film's poster, naming the film as `{film_id}` "
        "(ScheduledFilmId) or `{short_code}`, e.g. `https://cinema.example/CDN/media/entity/"
        "get/FilmPosterGraphic/{film_id}?referenceScheme=HeadOffice`: each poster is "
        "downloaded in the background when the films are read (again after a day) and kept as "
        "a file in `posters/` under the data dir; a file in `poster_dir` wins (empty: none)",
        rule=_poster_url,
    )
    admin_pin_hash: Secret = setting(
        Secret(""),
        description="From `kiosk admin-pin`: one shared hash (audited as `staff`), or "
        "`name:hash` entries joined by commas, one per member of staff (empty: no admin)",
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
        if not problems:
            problems = _sarft_credential_problems(self) + _payment_problems(self)
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

    @property
    def downloaded_posters_dir(self) -> Path:
        """Where the posters of ``poster_url`` are kept (kiosk.connect.media)."""
        return self.data_dir / "posters"

    @property
    def poster_folders(self) -> list[Path]:
        """Where a film's poster is looked for, the cinema's own folder first."""
        folders = [Path(self.poster_dir)] if self.poster_dir.strip() else []
        if self.poster_url:
            folders.append(self.downloaded_posters_dir)
        return folders

    @property
    def payment_provider_names(self) -> list[str]:
        return self.payment_providers.split(",")

    def secrets(self) -> list[str]:
        """Every secret value in force, for the log redaction filter."""
        # every Secret setting, so one added later is never forgotten here
        values = [
            value
            for spec in dataclasses.fields(self)
            if isinstance(value := getattr(self, spec.name), Secret)
        ]
        found = [v.get_secret_value() for v in values if v.get_secret_value()]
        # a webhook URL's key, should it ever be quoted without the rest of the URL
        url = urlsplit(self.alert_webhook_url.get_secret_value())
        found += [v for values_ in parse_qs(url.query).values() for v in values_ if len(v) >= 8]
        # each staff member's hash on its own too, should one ever be quoted alone
        pins = parse_pin_hashes(self.admin_pin_hash.get_secret_value())
        return found + [stored for _, stored in pins if len(pins) > 1]


# 0x01 carries username and password as char[33]: at most 32 bytes each in the
# configured encoding (docs/sarft-protocol.md). kiosk.sarft.codec refuses longer ones
# at the first collect; here they are refused at start (a test keeps the two equal).
SARFT_CREDENTIAL_FIELD = 33


def _sarft_credential_problems(settings: Settings) -> list[tuple[str, str]]:
    """Rules that span settings: the SARFT login must fit its fields on the wire."""
    encoding = settings.sarft_text_encoding
    limit = SARFT_CREDENTIAL_FIELD - 1
    password = settings.sarft_password.get_secret_value()
    candidates = [("sarft_username", settings.sarft_username, True)]
    # in md5 mode the wire carries the 32-digit hash, which always fits
    candidates.append(("sarft_password", password, settings.sarft_password_mode == "plain"))
    problems: list[tuple[str, str]] = []
    for name, text, must_fit in candidates:
        try:
            size = len(text.encode(encoding))
        except UnicodeEncodeError:
            problems.append((name, f"cannot be written in {encoding} (sarft_text_encoding)"))
            continue
        if must_fit and size > limit:
            problems.append(
                (name, f"is {size} bytes in {encoding}; SARFT's login field holds at most {limit}")
            )
    return problems


def _payment_problems(settings: Settings) -> list[tuple[str, str]]:
    """Rules that span settings: every configured provider has what it signs and checks
    with, and its key files load (read only then: the cryptography import costs start-up
    time a kiosk on the simulator need not pay). A key's content is never quoted."""
    problems: list[tuple[str, str]] = []
    names = settings.payment_provider_names
    required: dict[str, tuple[str, ...]] = {
        "wechatpay": (
            "wechatpay_mchid",
            "wechatpay_appid",
            "wechatpay_merchant_serial",
            "wechatpay_private_key_file",
            "wechatpay_notify_url",
        ),
        "alipay": ("alipay_app_id", "alipay_private_key_file", "alipay_public_key_file"),
    }
    for provider, keys in required.items():
        if provider not in names:
            continue
        for key in keys:
            if not getattr(settings, key):
                problems.append((key, f"is needed when payment_providers names {provider}"))
    if "wechatpay" in names:
        if not settings.wechatpay_public_key_file and not settings.wechatpay_platform_cert_dir:
            problems.append(
                (
                    "wechatpay_public_key_file",
                    "is needed (or wechatpay_platform_cert_dir) to check WeChat Pay's replies",
                )
            )
        if settings.wechatpay_public_key_file and not settings.wechatpay_public_key_id:
            problems.append(("wechatpay_public_key_id", "is needed with wechatpay_public_key_file"))
        cert_dir = settings.wechatpay_platform_cert_dir
        if cert_dir and not Path(cert_dir).is_dir():
            problems.append(("wechatpay_platform_cert_dir", f"{cert_dir} is not a folder"))
    files = {
        "wechatpay": (
            ("wechatpay_private_key_file", "private"),
            ("wechatpay_public_key_file", "public"),
        ),
        "alipay": (("alipay_private_key_file", "private"), ("alipay_public_key_file", "public")),
    }
    for provider, entries in files.items():
        if provider not in names:
            continue
        for key, kind in entries:
            problem = _key_file_problem(getattr(settings, key), kind)
            if problem:
                problems.append((key, problem))
    return problems


def _key_file_problem(path: str, kind: str) -> str:
    if not path:
        return ""
    from kiosk.payment.rsa_sign import KeyFileError, load_private_key, load_public_key

    try:
        (load_private_key if kind == "private" else load_public_key)(Path(path))
    except KeyFileError as exc:
        return str(exc)
    return ""


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


def _read_toml(path: Path) -> dict[str, Any]:
    """The config file's table, or a SettingsError saying what is wrong with the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SettingsError(f"config file not found: {path}") from None
    except IsADirectoryError:
        raise SettingsError(f"config file {path} is a folder, not a TOML file") from None
    except UnicodeDecodeError as exc:
        raise SettingsError(
            f"config file {path} is not UTF-8 text (byte {exc.start}): TOML files must be "
            "saved as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"config file {path} cannot be read: {exc.strerror}") from None


def config_files(path: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The files the kiosk's config file stands for, each with its flat values, in the
    order they are applied (a later one wins): what its ``include`` names (a path, or a
    list of them; relative to its folder), then ``conf.d/*.toml`` beside it in name
    order, then the file itself. Only the kiosk's own file may include: a chain's
    shared file that pulled in others would hide where a value came from."""
    table = _read_toml(path)
    included = table.pop(INCLUDE_KEY, [])
    if isinstance(included, str):
        included = [included]
    if not isinstance(included, list) or not all(isinstance(i, str) for i in included):
        raise SettingsError(f"{path}: include must be a file name or a list of file names")
    parts = [path.parent / name for name in included]
    drop_ins = path.parent / DROP_IN_DIR
    if drop_ins.is_dir():
        parts += sorted(drop_ins.glob("*.toml"), key=lambda p: p.name)
    files: list[tuple[Path, dict[str, Any]]] = []
    for part in parts:
        try:
            inner = _read_toml(part)
        except SettingsError as exc:
            raise SettingsError(f"{exc} (included by {path})") from None
        if INCLUDE_KEY in inner:
            raise SettingsError(
                f"{part}: only the kiosk's own file may include others ({path} includes it)"
            )
        files.append((part, _flatten(inner, str(part))))
    files.append((path, _flatten(table, str(path))))
    return files


def _config_path(config_path: Path | None, environ: Mapping[str, str]) -> Path | None:
    if config_path is not None:
        return config_path
    if environ.get("KIOSK_CONFIG"):
        return Path(environ["KIOSK_CONFIG"])
    return default_config_path() if default_config_path().is_file() else None


def _gather(
    config_path: Path | None, environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str], list[Path]]:
    """Every value given, where each came from, and the files read (in order)."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    read: list[Path] = []
    path = _config_path(config_path, environ)
    if path is not None:
        for part, file_values in config_files(path):
            values.update(file_values)
            origins.update(dict.fromkeys(file_values, str(part)))
            read.append(part)
    env_values = _from_env(environ)
    values.update(env_values)
    origins.update({k: f"${ENV_PREFIX}{k.upper()}" for k in env_values})
    values.update(overrides)
    origins.update(dict.fromkeys(overrides, "command line"))
    return values, origins, read


def load_settings(
    config_path: Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Read the TOML file (explicit path, else $KIOSK_CONFIG, else the platform config
    dir if it exists) with what it includes (:func:`config_files`), apply KIOSK_*
    environment overrides, then keyword overrides, and validate."""
    environ = os.environ if environ is None else environ
    values, origins, _ = _gather(config_path, environ, overrides)
    try:
        return Settings(**values)
    except InvalidSettings as exc:
        raise SettingsError(describe(exc.problems, origins)) from None


def effective_settings(
    config_path: Path | None = None, environ: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """Every setting in force as ``(name, value as TOML writes it, where it came from)``:
    a file's path, ``$KIOSK_NAME`` or ``default``. A secret that is set shows as
    ``"***"``, never its value."""
    environ = os.environ if environ is None else environ
    values, origins, _ = _gather(config_path, environ, {})
    try:
        settings = Settings(**values)
    except InvalidSettings as exc:
        raise SettingsError(describe(exc.problems, origins)) from None
    return [
        (spec.name, _toml_value(getattr(settings, spec.name)), origins.get(spec.name, "default"))
        for spec in dataclasses.fields(settings)
    ]


def settings_files(
    config_path: Path | None = None, environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The config files read, in the order they are applied."""
    environ = os.environ if environ is None else environ
    return _gather(config_path, environ, {})[2]


def _toml_value(value: Any) -> str:
    if isinstance(value, Secret):
        return '"***"' if value.get_secret_value() else '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string
