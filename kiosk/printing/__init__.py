"""Ticket printing: what a ticket says, how it is laid out, ESC/POS bytes, the device.

python-escpos parses its whole printer database (YAML) at import, caching the
result in ``ESCPOS_CAPABILITIES_PICKLE_DIR``, and makes a temporary folder at
import whether it uses it or not, never removing it. Unchecked, every kiosk
start paid ~150 ms and left a folder in /tmp (hundreds after a few weeks). So
escpos is first imported here, with the cache in the kiosk's own cache folder
and the stray temporary folder removed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import platformdirs


def _import_escpos_tidily() -> None:
    inherited = os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR")
    if inherited is not None and not os.access(inherited, os.W_OK):
        # a folder another user made (a parent process's setting): escpos would die
        # writing its pickle there, so this process finds its own
        del os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"]
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        folder = Path(platformdirs.user_cache_dir("kiosk")) / "escpos"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)
        except OSError:
            pass  # a read-only home: escpos parses its database on every start
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def tracked_mkdtemp(*args: Any, **kwargs: Any) -> str:
        path = str(real_mkdtemp(*args, **kwargs))
        made.append(path)
        return path

    tempfile.mkdtemp = tracked_mkdtemp  # type: ignore[assignment]
    try:
        import escpos.capabilities  # noqa: F401  (the import is the point)
    finally:
        tempfile.mkdtemp = real_mkdtemp
    # escpos only touches that folder during its import, so it can go now
    for path in made:
        shutil.rmtree(path, ignore_errors=True)


_import_escpos_tidily()
