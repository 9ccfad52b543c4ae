"""Importing the printing package leaves nothing behind in the temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_no_temporary_folder_is_left_per_start(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    cache = tmp_path / "cache"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(cache)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    for _ in range(2):  # the first start writes the cache, the second reads it
        subprocess.run([sys.executable, "-c", "import kiosk.printing.device"], env=env, check=True)
    assert list(tmp.iterdir()) == []
    assert list((cache / "kiosk" / "escpos").glob("*.capabilities.pickle"))
