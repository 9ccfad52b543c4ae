"""``kiosk admin-pin``: print the admin_pin_hash setting for a PIN typed at a prompt."""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.admin.pin import PinFormatError, hash_pin


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdin", action="store_true", help="read the PIN from standard input (for scripts)"
    )


def run(args: argparse.Namespace) -> int:
    if args.stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New admin PIN: ")
        if getpass.getpass("Again: ") != pin:
            print("kiosk admin-pin: the two PINs differ", file=sys.stderr)
            return 1
    try:
        print(f'admin_pin_hash = "{hash_pin(pin)}"')
    except PinFormatError as exc:
        print(f"kiosk admin-pin: {exc}", file=sys.stderr)
        return 1
    return 0
