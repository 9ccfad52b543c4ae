"""Standard output (and error) that outlive their reader: ``kiosk journal | head`` ends quietly.

When the reader of a pipe goes away (``head`` has its lines), the next write fails
with ``BrokenPipeError``. Left alone that is a traceback, or an "Exception ignored"
at exit and status 120; worse, raised from a ``print`` in ``kiosk buy`` or
``kiosk collect`` it would abandon a purchase or a collection half-way, and a
handler for journal I/O errors would report it as a broken journal.

So the first broken pipe points standard output at ``/dev/null`` (the standard
recipe, docs.python.org/3/library/signal.html#note-on-sigpipe) and the write is
treated as done: the command finishes its work and exits with its own status.
Nobody is reading any more, so nothing is lost.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO, cast


class _PipeSafeStream:
    """Delegates to the real stream; a broken pipe silences it instead of raising."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._silence()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._silence()

    def _silence(self) -> None:
        # The bytes still buffered go to /dev/null with every later write, so the
        # interpreter's own flush at exit succeeds too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)
        try:
            self._stream.flush()
        except OSError:
            pass  # nothing more can be done for output nobody reads

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guard_output() -> None:
    """Make ``sys.stdout`` and ``sys.stderr`` survive their reader closing the pipe
    (``2>&1 | head`` sends both down it). Safe to call more than once."""
    sys.stdout = _guarded(sys.stdout)
    sys.stderr = _guarded(sys.stderr)


def _guarded(stream: TextIO) -> TextIO:
    if stream is None or isinstance(stream, _PipeSafeStream):
        return stream
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):
        return stream  # not backed by a file descriptor (a test's capture): nothing to guard
    return cast(TextIO, _PipeSafeStream(stream))
