"""The layering's import contracts (pyproject.toml's [tool.importlinter], run by
scripts/lint.sh) can fail: each breaks on an import that crosses its line, added to
a copy of the package, and the package as it is keeps all of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# in a virtualenv of its own (scripts/setup.sh): it must not be installed beside the kiosk
LINT_IMPORTS = ROOT / ".venv-tools" / "bin" / "lint-imports"

# contract id -> imports that break it: (module file, the import line added at its end)
CROSSINGS: dict[str, list[tuple[str, str]]] = {
    "qt-binding": [("kiosk/flows/catalog.py", "import PySide6.QtCore")],
    "qt": [("kiosk/health.py", "import kiosk.qt")],
    "ui-on-top": [("kiosk/flows/catalog.py", "import kiosk.ui.theme")],
    # through kiosk.app, which imports Qt: the contract follows imports of imports
    "headless-commands": [("kiosk/cli/collect.py", "import kiosk.app")],
    "ui-knows-no-adapter": [("kiosk/ui/theme.py", "import kiosk.sarft.client")],
    "flows-know-no-adapter": [
        ("kiosk/flows/catalog.py", "import kiosk.settings"),
        ("kiosk/flows/reprint.py", "from kiosk.journal import AsyncJournal"),
        ("kiosk/flows/collect.py", "import kiosk.printing.escpos"),
    ],
    "errors-at-the-root": [
        ("kiosk/errors.py", "import kiosk.sarft.errors"),
        ("kiosk/words.py", "import kiosk.qt.i18n"),
    ],
    "domain-types": [
        ("kiosk/flows/catalog.py", "import kiosk.connect.models"),
        ("kiosk/ui/controllers/adapters.py", "from kiosk.sarft.models import ReturnCode"),
    ],
    "domain-alone": [
        ("kiosk/domain/catalog.py", "import pydantic"),
        ("kiosk/domain/booking.py", "import kiosk.connect.mapping"),
    ],
    "adapters-below": [("kiosk/connect/client.py", "import kiosk.flows.catalog")],
    "simulators-apart": [("kiosk/health.py", "import kiosk.sim.world")],
    "demo-panel": [("kiosk/ui/main_window.py", "import kiosk.ui.demo_panel")],
    "aiohttp-for-simulators": [("kiosk/metrics.py", "import aiohttp.web")],
}


def _contract_ids() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"] for c in config["tool"]["importlinter"]["contracts"]}


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package and its contracts, to add imports to."""
    shutil.copytree(
        ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def _lint_imports(root: Path, contract: str | None = None) -> subprocess.CompletedProcess[str]:
    args = [str(LINT_IMPORTS), "--no-logo", "--no-cache"]
    if contract is not None:
        args += ["--contract", contract]
    # the copy, not the checkout, must be the kiosk package lint-imports reads
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "200"}
    return subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=60)


def test_every_contract_has_a_crossing_here() -> None:
    assert set(CROSSINGS) == _contract_ids()


def test_the_package_keeps_every_contract(package: Path) -> None:
    result = _lint_imports(package)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CROSSINGS)} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("contract", "path", "line"),
    [(c, path, line) for c, crossings in CROSSINGS.items() for path, line in crossings],
)
def test_a_crossing_breaks_its_contract(package: Path, contract: str, path: str, line: str) -> None:
    with (package / path).open("a", encoding="utf-8") as module:
        module.write(f"\n{line}\n")
    result = _lint_imports(package, contract)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 1 broken." in result.stdout
    assert path.removesuffix(".py").replace("/", ".") in result.stdout
