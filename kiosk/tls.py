"""One TLS context for every HTTPS client of the process, made on first use.

httpx builds a default context for each client, loading the system CA store every
time (40-50 ms here, on the event loop): the kiosk makes a client per service at
start and short-lived ones for every health check. A client of a plain ``http://``
URL (the simulators on loopback) never needs one: its requests all go to that URL,
and none of the kiosk's clients follows a redirect.
"""

from __future__ import annotations

import functools
import ssl
from urllib.parse import urlsplit

import httpx


@functools.cache
def shared_context() -> ssl.SSLContext:
    """httpx's own default (certifi or ``SSL_CERT_FILE``/``SSL_CERT_DIR``), made once."""
    return httpx.create_ssl_context()


def verify_for(url: str) -> ssl.SSLContext | bool:
    """httpx's ``verify`` for a client whose requests all go to ``url``."""
    if urlsplit(url).scheme == "http":
        return False  # no TLS on this connection at all
    return shared_context()
