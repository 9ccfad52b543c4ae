"""The C library's functions the kiosk calls, and the arena limit ``kiosk`` sets at its
start: a process of several allocating threads ends up with two malloc arenas, not one
each (glibc's own count, from ``malloc_info``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.libc import libc_function, limit_arenas

ROOT = Path(__file__).resolve().parents[2]

# Eight threads allocate at once, then glibc's malloc_info says how many arenas exist.
_COUNT_ARENAS = """
import ctypes, os, re, tempfile, threading
barrier = threading.Barrier(9)
def allocate():
    kept = [bytearray(1000) for _ in range(2000)]
    barrier.wait()
threads = [threading.Thread(target=allocate) for _ in range(8)]
for thread in threads:
    thread.start()
barrier.wait()
for thread in threads:
    thread.join()
libc = ctypes.CDLL(None)
libc.fdopen.restype = ctypes.c_void_p
libc.fdopen.argtypes = [ctypes.c_int, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.TemporaryFile() as out:
    stream = libc.fdopen(os.dup(out.fileno()), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    out.seek(0)
    print(len(re.findall(rb"<heap nr=", out.read())))
"""

glibc = pytest.mark.skipif(
    libc_function("malloc_info", [], None) is None, reason="glibc's malloc only"
)


def _arenas(prelude: str, tmp_path: Path, **env: str) -> int:
    environ = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    environ.update(PYTHONPATH=str(ROOT), KIOSK_DATA_DIR=str(tmp_path / "data"), **env)
    done = subprocess.run(
        [sys.executable, "-c", prelude + _COUNT_ARENAS],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


@glibc
def test_without_the_limit_each_allocating_thread_gets_an_arena(tmp_path: Path) -> None:
    # what the limit is for; it also shows the count can tell the two apart
    assert _arenas("", tmp_path) > 2


@glibc
def test_the_kiosk_program_limits_glibc_to_two_arenas(tmp_path: Path) -> None:
    # as the installed `kiosk` script runs it: main() with the program's own argv
    prelude = "import sys, kiosk.__main__ as m\nsys.argv = ['kiosk', 'journal']\nm.main()\n"
    assert _arenas(prelude, tmp_path) <= 2


@glibc
def test_an_operators_malloc_arena_max_is_left_as_it_is(tmp_path: Path) -> None:
    assert not limit_arenas(environ={"MALLOC_ARENA_MAX": "4"})
    prelude = "import sys, kiosk.__main__ as m\nsys.argv = ['kiosk', 'journal']\nm.main()\n"
    assert _arenas(prelude, tmp_path, MALLOC_ARENA_MAX="4") > 2


def test_a_function_the_c_library_lacks_is_none() -> None:
    assert libc_function("no_such_function_in_any_libc", [], None) is None
