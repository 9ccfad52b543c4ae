"""The C library's own functions, for the few things only it can do (give freed memory
back, limit its arenas).

They are looked up in the process itself (``dlopen(NULL)``: Python is linked against
the C library, so its symbols are already there) rather than found by
``ctypes.util.find_library``, which imports half of the standard library and runs
``ldconfig`` (25 ms of every kiosk command on the kiosk's machine, measured).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any


def libc_function(name: str, argtypes: list[Any], restype: Any) -> Any | None:
    """The C library's function ``name`` with its C signature, or None where the C
    library has none (``malloc_trim`` and ``mallopt`` are glibc's: not musl's, not
    macOS's)."""
    try:
        function = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = argtypes
    function.restype = restype
    return function


# glibc's mallopt parameter for the most arenas it may make (malloc.h: M_ARENA_MAX -8)
M_ARENA_MAX = -8
ARENAS = 2


def limit_arenas(arenas: int = ARENAS, environ: dict[str, str] | None = None) -> bool:
    """Let glibc make at most ``arenas`` malloc arenas in this process (its default is
    eight a core); called before any thread starts. Each thread that allocates gets an
    arena of its own while there are fewer than that, and the free pages each keeps grow
    with use (the journal's, the printer's, the reply models' and the trim's threads);
    under the GIL they hardly ever allocate at the same moment, so two are enough. True
    when glibc took it; False where an operator's ``MALLOC_ARENA_MAX`` already chose
    (glibc read it at the start) or the C library is not glibc."""
    if "MALLOC_ARENA_MAX" in (os.environ if environ is None else environ):
        return False
    mallopt = libc_function("mallopt", [ctypes.c_int, ctypes.c_int], ctypes.c_int)
    return mallopt is not None and bool(mallopt(M_ARENA_MAX, arenas))
