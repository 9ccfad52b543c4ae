"""``kiosk admin-pin``: print the admin_pin_hash setting for a PIN typed at a prompt.

With ``--name`` it prints one member of staff's ``name:hash`` entry; several are
joined with commas in the one setting, and the audit log then names who did what.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from kiosk.admin.pin import PinFormatError, hash_pin, staff_pin_entry
from kiosk.admin.pin_choice import check_new_pin


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdin", action="store_true", help="read the PIN from standard input (for scripts)"
    )
    parser.add_argument(
        "--name",
        help="the staff member's name for the audit log (letters, digits, . - _); "
        "prints a name:hash entry to join with the others by commas",
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
        check_new_pin(pin)
        if args.name:
            entry = staff_pin_entry(args.name, pin)
            print(f'admin_pin_hash = "{entry}"')
            print("# several staff: join their entries with commas in this one setting")
        else:
            print(f'admin_pin_hash = "{hash_pin(pin)}"')
    except PinFormatError as exc:
        print(f"kiosk admin-pin: {exc}", file=sys.stderr)
        return 1
    return 0
