"""A private X server for a test: a real display of the size a test needs."""

from __future__ import annotations

import os
import subprocess


def start_xvfb(screen: str = "1920x1080x24") -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a free display, and its DISPLAY; -displayfd writes the number when ready."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as ready:
        number = ready.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    return server, f":{number}"
