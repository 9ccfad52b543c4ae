"""``kiosk sarft-probe``: find the sarft_* settings a cinema's SarftKioskService needs.

Tries authentication in every plausible framing, password mode and text encoding
(one connection each, short timeout, a pause between), names the one that got a
well-formed 0x02, and prints the KIOSK_SARFT_* settings to use. With
``--print-no`` it also queries that booking (0x03) and reads the records, which
tells the float byte order, the datetime form and the text encoding. It never
sends 0x05 or 0x07, and masks the password in every dump and in ``--record``.

Exit status: 0 the wire is found and the login accepted (and the records read,
if asked); 1 no framing answered, or the records do not read in any setting; 3 a
framing answered but the login was refused in every mode; 69 the service cannot
be reached at all; 78 bad settings; 2 bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path
from typing import TextIO

from kiosk.cli.common import settings_from, start_logging
from kiosk.domain import TicketRecord
from kiosk.printing.ticket import format_fen
from kiosk.sarft.capture import Recorder
from kiosk.sarft.codec import WireFormat
from kiosk.sarft.errors import SarftValueError
from kiosk.sarft.models import ReturnCode
from kiosk.sarft.probe import Attempt, Prober, ProbeReport, describe_framing, probe
from kiosk.sarft.values import print_no_for
from kiosk.secret import Secret

EXIT_NOT_FOUND = 1
EXIT_LOGIN_REFUSED = 3
EXIT_UNREACHABLE = 69  # EX_UNAVAILABLE
SHOWN_BYTES = 96  # of a dump in the report (the --record file keeps them all)
# The order the settings are printed in: framing first, as the probe found them.
SETTING_ORDER = (
    "sarft_length_prefix_bytes",
    "sarft_length_byteorder",
    "sarft_length_counts_type",
    "sarft_password_mode",
    "sarft_text_encoding",
    "sarft_float_byteorder",
    "sarft_datetime_form",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="SarftKioskService host (default: sarft_host)")
    parser.add_argument("--port", type=_port, help="its port (default: sarft_port)")
    parser.add_argument("--username", help="SARFT username (default: sarft_username)")
    parser.add_argument(
        "--password-file",
        type=Path,
        metavar="F",
        help="a file holding the SARFT password (default: sarft_password); never "
        "give a password on the command line, where ps shows it",
    )
    parser.add_argument(
        "--print-no",
        metavar="N",
        help="also query this booking (its booking number or 16-digit print_no): its "
        "records tell the float byte order, datetime form and text encoding",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="write every frame in and out, with times, secrets masked, to FILE",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=3.0, help="seconds each try may take (default 3)"
    )
    parser.add_argument(
        "--pause", type=_seconds, default=1.0, help="seconds between tries (default 1)"
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError("must be from 0 to 600 seconds")
    return value


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port from 1 to 65535: {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    start_logging(args, settings, to_file=False, quiet_stderr=True)
    password = settings.sarft_password
    if args.password_file is not None:
        try:
            password = Secret(args.password_file.read_text(encoding="utf-8").rstrip("\r\n"))
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            _fail(f"cannot read the password file {args.password_file}: {reason}")
            return 2
    print_no = None
    if args.print_no is not None:
        try:
            print_no = print_no_for(args.print_no)
        except SarftValueError as exc:
            _fail(f"--print-no: {exc}")
            return 2
    host = args.host or settings.sarft_host
    port = args.port or settings.sarft_port
    username = args.username if args.username is not None else settings.sarft_username
    configured = WireFormat.from_settings(settings)
    prober = Prober(
        host,
        port,
        username,
        password,
        timeout_s=args.timeout,
        pause_s=args.pause,
        on_attempt=lambda attempt: _show_attempt(attempt, sys.stdout),
    )
    with contextlib.ExitStack() as stack:
        if args.record is not None:
            try:
                out = stack.enter_context(args.record.open("w", encoding="utf-8"))
            except OSError as exc:
                _fail(f"cannot write {args.record}: {exc.strerror}")
                return 2
            prober.recorder = Recorder(out, f"{host}:{port}", prober.secrets())
        print(
            f"kiosk sarft-probe: {host}:{port} as {username!r}; the password is masked "
            "(**) in every dump; only 0x01 and 0x03 are sent"
        )
        report = asyncio.run(probe(prober, configured, print_no))
    return _report(report, configured, print_no, args.record, sys.stdout)


def _fail(message: str) -> None:
    print(f"kiosk sarft-probe: {message}", file=sys.stderr)


def _show_attempt(attempt: Attempt, out: TextIO) -> None:
    wire = attempt.wire
    how = f"password {wire.password_mode}, text {wire.text_encoding}"
    print(f"try {attempt.number}: {attempt.what} ({how})", file=out)
    if attempt.answered:
        code = attempt.return_value
        print(f"  answered: well-formed reply, return code {code} ({_code_name(code)})", file=out)
    else:
        print(f"  {attempt.outcome}: {attempt.detail}", file=out)
    if attempt.outcome != "refused":
        print(f"  sent     {_short(attempt.sent)}", file=out)
        shown = attempt.received_hex or "(nothing)"
        print(f"  received {_short(shown)}", file=out)


def _short(hex_text: str) -> str:
    limit = 2 * SHOWN_BYTES
    if len(hex_text) <= limit:
        return hex_text
    return f"{hex_text[:limit]}... ({len(hex_text.replace(' ', '')) // 2} bytes)"


def _code_name(code: int | None) -> str:
    if code is None:
        return "none"
    try:
        return ReturnCode(code).name.lower().replace("_", " ")
    except ValueError:
        return "not a code of the contract"


def _report(
    report: ProbeReport,
    configured: WireFormat,
    print_no: str | None,
    record: Path | None,
    out: TextIO,
) -> int:
    send_back = (
        f"send {record} back with the service's make and version"
        if record
        else "run again with --record FILE and send FILE back"
    )
    print(file=out)
    if report.unreachable:
        print(f"The service cannot be reached: {report.unreachable}.", file=out)
        print("Check sarft_host, sarft_port and the cinema network (firewall).", file=out)
        return EXIT_UNREACHABLE
    if report.wire is None:
        for problem in report.problems:
            print(f"Not found: {problem}.", file=out)
        print(
            f"None of the framings the contract allows answered: {send_back}, or a "
            "packet capture of the cinema's own kiosk talking to it.",
            file=out,
        )
        return EXIT_NOT_FOUND
    print(f"Framing: {describe_framing(report.wire)}.", file=out)
    if not report.authenticated:
        for problem in report.problems:
            print(f"Login: {problem}.", file=out)
        print(
            "The framing is right, the login is not: check sarft_username and the "
            "password with the cinema (every mode was tried).",
            file=out,
        )
        _print_settings(report, configured, print_no, out)
        return EXIT_LOGIN_REFUSED
    print("Login: accepted.", file=out)
    if report.records:
        print(f"Query {print_no}: {len(report.records)} record(s):", file=out)
        for seat in report.records:
            print(f"  {_record_line(seat)}", file=out)
    for problem in report.problems:
        print(f"Problem: {problem}.", file=out)
    _print_settings(report, configured, print_no, out)
    if report.problems:
        print(f"Something does not match the contract: {send_back}.", file=out)
        return EXIT_NOT_FOUND
    return 0


def _record_line(record: TicketRecord) -> str:
    when = record.session_datetime.strftime("%Y-%m-%d %H:%M")
    price = f"{format_fen(record.price_fen)} + {format_fen(record.service_fee_fen)}"
    printed = "printed" if record.printed else "not printed"
    return (
        f"{record.seat_name} | {record.film_name} | {record.screen_name} | {when} | "
        f"{price} | code {record.code} | {printed}"
    )


def _print_settings(
    report: ProbeReport, configured: WireFormat, print_no: str | None, out: TextIO
) -> None:
    """How each setting was found, then the settings alone, ready for an environment
    file (a comment after a value would become part of it there)."""
    assert report.wire is not None
    values = report.wire.setting_values()
    in_force = configured.setting_values()
    print("\nWhat each setting is based on:", file=out)
    for name in SETTING_ORDER:
        finding = report.findings.get(name)
        if finding is None:
            why = "kept: give --print-no to read it from a booking" if not print_no else "kept"
        else:
            why = finding.why if not finding.known else f"found: {finding.why}"
        changed = " (changed)" if values[name] != in_force[name] else ""
        print(f"  {name} = {values[name]}: {why}{changed}", file=out)
    print(
        "\nSettings to use (environment lines; in kiosk.toml the same names under [sarft]):",
        file=out,
    )
    for name in SETTING_ORDER:
        print(f"KIOSK_{name.upper()}={values[name]}", file=out)
