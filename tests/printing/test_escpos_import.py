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
        subprocess.run([sys.executable, "-c", "import kiosk.printing.escpos"], env=env, check=True)
    assert list(tmp.iterdir()) == []
    assert list((cache / "kiosk" / "escpos").glob("*.capabilities.pickle"))


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import kiosk.printing.escpos"],
        env=env,
        capture_output=True,
        text=True,
    )


def _fresh_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    return env, cache / "kiosk" / "escpos"


def test_a_cache_cut_short_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    # what escpos's own in-place write leaves after a power cut, or shows a second
    # process while the first is still parsing: an empty file with the right name
    env, folder = _fresh_env(tmp_path)
    assert _start(env).returncode == 0
    (cached,) = folder.glob("*.capabilities.pickle")
    cached.write_bytes(b"")
    started = _start(env)
    assert started.returncode == 0, started.stderr
    assert cached.stat().st_size > 0  # repaired, so later starts read it again
    assert [p.name for p in folder.iterdir()] == [cached.name]  # no build folder left


def test_kiosks_starting_together_on_an_empty_cache_all_start(tmp_path: Path) -> None:
    env, folder = _fresh_env(tmp_path)
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", "import kiosk.printing.escpos"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    failures = [p.communicate()[1] for p in starts if p.wait() != 0]
    assert failures == []
    assert len(list(folder.glob("*.capabilities.pickle"))) == 1
