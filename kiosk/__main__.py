"""The kiosk command: run the kiosk, or one of its tools for installers and staff.

Each subcommand lives in ``kiosk/cli/<name>.py`` with ``add_arguments`` and
``run``; this module only dispatches, so it stays import-light and fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

COMMANDS = {
    "run": "run the kiosk (the default)",
    "demo": "run the kiosk against all simulators on this machine",
    "sim": "run the simulators (Connect, SARFT, payment, printer)",
    "collect": "collect and print the tickets of a pickup code, without prompting",
    "buy": "buy tickets for a session from the terminal (installer smoke test)",
    "recover": "drive every unfinished transaction to a terminal state",
    "journal": "list journal transactions and their steps",
    "doctor": "check settings and reach every service",
    "admin-pin": "hash an admin PIN for the admin_pin_hash setting",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="settings TOML file")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        try:
            module = importlib.import_module(f"kiosk.cli.{name.replace('-', '_')}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kiosk.cli.{name.replace('-', '_')}":
                raise
            continue  # a command whose module has not landed yet
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    name = args.command or "run"
    if args.command is None:
        args = parser.parse_args([*argv, "run"])
    module = importlib.import_module(f"kiosk.cli.{name.replace('-', '_')}")
    result: int = module.run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
