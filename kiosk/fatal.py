"""Errors that end a command with one clear line and an exit code of their own.

A kiosk is installed by people at a terminal and run by a supervisor that reads
exit codes: a traceback tells neither what to do. Anything raised as a
:class:`FatalError` is printed by ``kiosk.__main__`` as ``kiosk: <line>`` on
stderr, and the process exits with the error's own code.
"""

from __future__ import annotations


class FatalError(Exception):
    """A condition the command cannot work around; ``str(self)`` says what, where, what to do."""

    exit_code: int = 1
