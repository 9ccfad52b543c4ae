"""Self-service box-office kiosk for VISTA cinemas."""

import sys

__version__ = "0.1.0"

# httpx imports its own command-line client (rich, click and pygments) whenever those
# happen to be installed: 60-70 ms of every kiosk process before its first call, the
# doors' opening and each `kiosk collect` included. The kiosk never runs that client,
# and httpx falls back to a stub when it cannot be imported (None in sys.modules is the
# import system's own "not importable", which typeshed's ModuleType-only dict omits).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
