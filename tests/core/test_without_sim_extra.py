"""A kiosk installed for a cinema (no ``sim`` extra, so no aiohttp) runs, serves its
metrics, and says how to get the simulators when asked for them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.e2e

# a Python in which aiohttp is not installed, as on a kiosk: the import fails as it would
WITHOUT_AIOHTTP = textwrap.dedent(
    """
    import importlib.abc, sys

    class NotInstalled(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "aiohttp" or name.startswith("aiohttp."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NotInstalled())
    """
)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_AIOHTTP + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["sim", "demo"])
def test_the_simulators_commands_say_how_to_install_them(command: str) -> None:
    done = _python(f"from kiosk.__main__ import main; sys.exit(main([{command!r}, '--help']))")
    assert done.returncode == 2, done.stderr
    assert "pip install 'kiosk[sim]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_metrics_page_is_served_without_aiohttp() -> None:
    done = _python(
        """
        import asyncio, httpx
        from kiosk.metrics import KioskMetrics, MetricsEndpoint

        async def scrape():
            metrics = KioskMetrics(version="1", commit="c", provider="wechatpay")
            endpoint = await MetricsEndpoint(metrics, "127.0.0.1", 0).start()
            try:
                async with httpx.AsyncClient() as client:
                    reply = await client.get(f"http://127.0.0.1:{endpoint.port}/metrics")
            finally:
                await endpoint.close()
            print(reply.status_code, "kiosk_build_info" in reply.text)
            print("aiohttp" in sys.modules)

        asyncio.run(scrape())
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["200", "True", "False"]


def test_the_kiosk_commands_import_without_aiohttp() -> None:
    done = _python(
        """
        import importlib
        for name in ("run", "collect", "buy", "doctor", "recover", "journal", "reconcile"):
            importlib.import_module("kiosk.cli." + name)
        import kiosk.app, kiosk.assembly, kiosk.monitoring
        print("ok")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
