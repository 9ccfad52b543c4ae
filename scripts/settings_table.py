"""Write the README's settings table from the declaration in kiosk/settings.py.

Every setting is declared once, with its default and meaning (``setting(...)`` in
:class:`kiosk.settings.Settings`); the README's table is that declaration as Markdown,
between the two ``settings-table`` markers. Run this after adding or changing a
setting, from the checkout:

    .venv/bin/python scripts/settings_table.py          # rewrite README.md
    .venv/bin/python scripts/settings_table.py --check  # exit 1 if README.md is stale

tests/core/test_readme.py fails while the README's table is not what this writes.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: import this checkout's kiosk
    sys.path.insert(0, str(ROOT))

from kiosk.secret import Secret  # noqa: E402
from kiosk.settings import ENV_PREFIX, Settings  # noqa: E402

README = ROOT / "README.md"
COMMAND = ".venv/bin/python scripts/settings_table.py"
BEGIN = f"<!-- settings-table: generated from kiosk/settings.py by `{COMMAND}`; edit there -->"
END = "<!-- settings-table: end -->"
HEADER = "| setting | environment | default | meaning |\n|---|---|---|---|"


class StaleReadme(Exception):
    """The README has no markers to write the table between."""


def _cell(text: str) -> str:
    # a "|" would end the cell; a line break would end the row
    return " ".join(text.split()).replace("|", "\\|")


def shown_default(spec: dataclasses.Field[Any]) -> str:
    if spec.metadata.get("shown_default"):
        return f"`{spec.metadata['shown_default']}`"
    value = spec.default
    if isinstance(value, Secret):
        return "(empty; secret)" if not value.get_secret_value() else "(set; secret)"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"  # as TOML and KIOSK_* take it
    if value == "":
        return "(empty)"
    return f"`{value}`"


def table(declared: type = Settings) -> str:
    """Every setting in declaration order: name, environment variable, default, meaning."""
    rows = [
        f"| `{spec.name}` | `{ENV_PREFIX}{spec.name.upper()}` | {_cell(shown_default(spec))} "
        f"| {_cell(spec.metadata['description'])} |"
        for spec in dataclasses.fields(declared)
    ]
    return "\n".join([HEADER, *rows])


def with_table(readme: str, declared: type = Settings) -> str:
    """``readme`` with everything between the markers replaced by :func:`table`."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise StaleReadme(f"README.md needs the lines\n{BEGIN}\n{END}\nwhere the table goes")
    return readme[: start + len(BEGIN)] + "\n" + table(declared) + "\n" + readme[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    try:
        wanted = with_table(current)
    except StaleReadme as exc:
        print(exc, file=sys.stderr)
        return 2
    if wanted == current:
        print("README.md: the settings table is current")
        return 0
    if args.check:
        print(f"README.md: the settings table is stale; run {COMMAND}", file=sys.stderr)
        return 1
    README.write_text(wanted, encoding="utf-8")
    print("README.md: settings table written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
