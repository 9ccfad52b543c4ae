"""python-escpos, imported tidily: the modules that use it import this one first.

python-escpos parses its whole printer database (YAML) at import, caching the
result in ``ESCPOS_CAPABILITIES_PICKLE_DIR``, and makes a temporary folder at
import whether it uses it or not, never removing it. Unchecked, every kiosk
start paid ~150 ms and left a folder in /tmp (hundreds after a few weeks). So
escpos is first imported here, with the cache in the kiosk's own cache folder
and the stray temporary folder removed.

escpos writes that cache in place: it opens the file (emptying it), parses for
~150 ms, then writes. A second process starting meanwhile (``kiosk doctor`` beside
the running kiosk, two test workers) reads an empty file and dies with EOFError,
and a power cut in that window leaves a truncated cache that kills every later
start. So escpos only ever writes into a private folder, the finished file is
moved into the shared cache in one step, and a cache that cannot be read is
thrown away and rebuilt.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import platform
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

_PICKLE_NAME = f"{platform.python_version()}.capabilities.pickle"  # escpos's own name
_DAMAGED_CACHE = (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError)


def _shared_cache_folder() -> Path | None:
    inherited = os.environ.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    if inherited is not None and os.access(inherited, os.W_OK):
        return Path(inherited)
    # unset, or a folder another user made (a parent process's setting) where
    # escpos would die writing its pickle: this process finds its own
    folder = Path(platformdirs.user_cache_dir("kiosk")) / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: escpos parses its database on every start
    return folder


def _cache_is_current(cached: Path) -> bool:
    """Whether escpos would read ``cached`` rather than parse and rewrite it."""
    spec = importlib.util.find_spec("escpos")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        return False
    database = Path(next(iter(locations))) / "capabilities.json"
    try:
        return cached.stat().st_mtime >= database.stat().st_mtime
    except OSError:
        return False


def _import_escpos(pickle_dir: str) -> None:
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = pickle_dir
    import escpos.capabilities  # noqa: F401  (the import is the point)


def _import_building_privately(shared: Path | None) -> None:
    """Let escpos parse and write into a folder of its own, then publish the file whole."""
    private = tempfile.mkdtemp(prefix=".build-", dir=shared)
    try:
        _import_escpos(private)
        if shared is not None:
            try:
                os.replace(Path(private) / _PICKLE_NAME, shared / _PICKLE_NAME)
            except OSError:
                pass  # the next start builds it again; this one has what it needs
    finally:
        shutil.rmtree(private, ignore_errors=True)
    if shared is not None:
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(shared)


def _import_escpos_tidily() -> None:
    shared = _shared_cache_folder()
    made: list[str] = []
    real_mkdtemp = tempfile.mkdtemp

    def tracked_mkdtemp(*args: Any, **kwargs: Any) -> str:
        path = str(real_mkdtemp(*args, **kwargs))
        made.append(path)
        return path

    tempfile.mkdtemp = tracked_mkdtemp  # type: ignore[assignment]
    try:
        if shared is not None and _cache_is_current(shared / _PICKLE_NAME):
            try:
                _import_escpos(str(shared))
                return
            except _DAMAGED_CACHE:
                # a cache cut short (an older kiosk's in-place write, a power cut):
                # escpos would fail on it at every start, so it goes
                sys.modules.pop("escpos.capabilities", None)
                (shared / _PICKLE_NAME).unlink(missing_ok=True)
        _import_building_privately(shared)
    finally:
        tempfile.mkdtemp = real_mkdtemp
        # escpos only touches its stray folder during its import, so it can go now
        for path in made:
            shutil.rmtree(path, ignore_errors=True)


_import_escpos_tidily()
