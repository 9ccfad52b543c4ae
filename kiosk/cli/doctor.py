"""``kiosk doctor``: validate the settings and reach every service; exit 0 when all answer.

For SARFT it also shows the wire settings in force (the ``sarft_*`` choices of
our contract, which a real service may make otherwise) and whether the
authentication round trip with them was answered at all: an answer, even a
refusal, proves the framing; no well-formed answer points at ``kiosk sarft-probe``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kiosk.cli.common import EXIT_CONFIG, settings_from, start_logging
from kiosk.health import Health, check_all
from kiosk.sarft import errors as sarft_errors
from kiosk.sarft.codec import WireFormat
from kiosk.settings import Settings, SettingsError, effective_settings, settings_files

INDENT = " " * 9  # under a check's detail


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="seconds each service may take to answer"
    )
    parser.add_argument(
        "--print-config",
        action="store_true",
        help="print every setting in force and where it came from (secrets as ***), "
        "then stop: nothing is reached",
    )


def run(args: argparse.Namespace) -> int:
    if args.print_config:
        return print_config(args)
    settings = settings_from(
        args,
        connect_read_timeout_s=args.timeout,
        connect_read_retries=1,
        sarft_connect_timeout_s=args.timeout,
        sarft_reply_timeout_s=args.timeout,
        printer_timeout_s=args.timeout,
    )
    start_logging(args, settings, quiet_stderr=True)
    print(f"settings: ok (data dir {settings.data_dir})")
    results = asyncio.run(check_all(settings))
    for health in results:
        mark = "ok  " if health.ok and not health.warning else ("warn" if health.ok else "FAIL")
        print(f"{health.service:<8} {mark} {health.detail} ({health.elapsed_ms} ms)")
        if health.service == "sarft":
            for line in sarft_lines(settings, health):
                print(f"{INDENT}{line}")
    return 0 if all(h.ok for h in results) else 1


def print_config(args: argparse.Namespace) -> int:
    """The settings a kiosk of this machine runs with, as a TOML file would say them,
    each followed by its origin: the file (the cinema's, a conf.d drop-in, the
    kiosk's own), the environment variable, or the default."""
    config = getattr(args, "config", None)
    try:
        rows = effective_settings(config)
        files = settings_files(config)
    except SettingsError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    print("# settings in force; files read, a later one winning:")
    for path in files:
        print(f"#   {path}")
    if not files:
        print("#   (none: defaults and KIOSK_* only)")
    for name, value, origin in rows:
        print(f"{name} = {value}  # {origin}")
    return 0


def sarft_lines(settings: Settings, health: Health) -> list[str]:
    """The wire settings in force and what the authentication round trip says of them."""
    values = WireFormat.from_settings(settings).setting_values()
    lines = ["wire settings in force (sarft_*, our contract's choices unless changed):"]
    lines += [f"  KIOSK_{name.upper()}={value}" for name, value in values.items()]
    if health.ok:
        lines.append("authentication round trip: answered, return code 0 (signed in)")
        return lines
    error = getattr(sarft_errors, health.detail.split(":", 1)[0], None)
    if isinstance(error, type) and issubclass(error, sarft_errors.SarftReturnCodeError):
        lines.append(
            "authentication round trip: answered, so these framing settings are right; "
            "the service refused the login: check sarft_username, sarft_password and "
            "sarft_password_mode"
        )
    elif isinstance(error, type) and issubclass(error, sarft_errors.SarftConnectionLost):
        lines.append(
            "authentication round trip: no well-formed answer (the connection failed or "
            "was closed): check sarft_host and sarft_port, then run kiosk sarft-probe to "
            "find the framing the service speaks"
        )
    else:
        lines.append(
            "authentication round trip: no well-formed answer with these settings: run "
            "`kiosk sarft-probe` to find the framing the service speaks"
        )
    return lines
