"""The kiosk command: run the kiosk, or one of its tools for installers and staff.

Each subcommand lives in ``kiosk/cli/<name>.py`` with ``add_arguments`` and
``run``; this module only dispatches, so it stays import-light and fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from pathlib import Path
from typing import Any

COMMANDS = {
    "run": "run the kiosk (the default)",
    "demo": "run the kiosk against all simulators on this machine",
    "sim": "run the simulators (Connect, SARFT, payment, printer)",
    "collect": "collect and print the tickets of a pickup code, without prompting",
    "buy": "buy tickets for a session from the terminal (installer smoke test)",
    "recover": "drive every unfinished transaction to a terminal state",
    "reconcile": "match a day's WeChat Pay and Alipay bills against the journal",
    "journal": "list journal transactions and their steps",
    "doctor": "check settings and reach every service",
    "sarft-probe": "find the sarft_* settings a cinema's SARFT service needs (0x01/0x03 only)",
    "admin-pin": "hash an admin PIN for the admin_pin_hash setting",
}


def command_in(argv: list[str]) -> str | None:
    """The subcommand named in ``argv`` (None when none is), without importing any."""
    skip_value = False
    for token in argv:
        if skip_value:
            skip_value = False
        elif token == "--config":
            skip_value = True
        elif not token.startswith("-"):
            return token
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command is listed, but only ``command``'s module is imported: the kiosk
    itself must not pay for the simulators', the printer's and aiohttp's imports
    at every start (they cost half a second)."""
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="settings TOML file")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        subparser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            _module(name).add_arguments(subparser)
    return parser


# what the simulators' commands need beyond a kiosk's own packages (the sim extra)
_SIM_EXTRA = frozenset({"aiohttp"})


def _module(name: str) -> Any:
    try:
        return importlib.import_module(f"kiosk.cli.{name.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _SIM_EXTRA:
            raise
        # a kiosk installed for a cinema has no simulators: say how to get them
        print(
            f"kiosk {name}: the simulators are not installed here "
            f"(missing {exc.name}); install them with: pip install 'kiosk[sim]'",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> int:
    from kiosk.cli.pipes import guard_output

    if argv is None:  # the program itself, before any of its threads exists
        from kiosk.libc import limit_arenas

        limit_arenas()

    # before anything prints: `kiosk journal | head` must end quietly, and a print
    # must never break off a purchase because its reader went away
    guard_output()
    # pydantic looks for plugins at its first model by reading the entry points of every
    # installed distribution (10-40 ms of each kiosk process); the kiosk uses none. An
    # operator's own PYDANTIC_DISABLE_PLUGINS is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    the_program = argv is None  # not a test or a wrapper calling main() in its own process
    argv = sys.argv[1:] if argv is None else argv
    if command_in(argv) is None and not {"-h", "--help"} & set(argv):
        argv = [*argv, "run"]
    name = command_in(argv)
    args = build_parser(name).parse_args(argv)
    from kiosk.cli.common import run_reporting_fatal

    code = run_reporting_fatal(_module(args.command).run, args)
    if the_program:
        # The process ends here, every file and connection already closed: frozen, the
        # imports' ~50,000 objects are freed without the interpreter's last collections
        # walking them first (80 ms at the end of each kiosk collect or buy).
        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())
