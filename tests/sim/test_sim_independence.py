"""The simulators read and write their wires with their own code, never the clients'.

A simulator that parsed ``$filter`` with the Connect client's reader, wrote dates with
its formatter or paid through the payment client would let a mistake made once pass
on both ends (docs/simulators.md, issue 17). This scans every import statement under
``kiosk/sim`` (inside functions too) for the client packages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kiosk.sim

SIM_DIR = Path(kiosk.sim.__file__).parent

# The kiosk's own clients of each outside system: their wire reading and writing.
CLIENT_PACKAGES = ("kiosk.connect", "kiosk.payment", "kiosk.sarft", "kiosk.printing")
# The payment port's vocabulary (states, errors as values): no wire code lives there,
# and the patron's phone (kiosk.sim.phone) answers in it as the kiosk's provider does.
ALLOWED = ("kiosk.payment.base",)


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """Each ``import`` or ``from ... import`` in the file (inside functions too), with its
    line and the modules it may load: ``from kiosk import connect`` loads ``kiosk.connect``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.append((node.lineno, [alias.name for alias in node.names]))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # from ..connect import x, written inside kiosk/sim
                base = ["kiosk", "sim"][: 3 - node.level]
                module = ".".join([*base, module] if module else base)
            found.append((node.lineno, [module, *(f"{module}.{a.name}" for a in node.names)]))
    return sorted(found)


def _is_client(module: str) -> bool:
    def within(name: str, package: str) -> bool:
        return name == package or name.startswith(package + ".")

    if any(within(module, allowed) for allowed in ALLOWED):
        return False
    return any(within(module, package) for package in CLIENT_PACKAGES)


def client_imports(directory: Path) -> list[str]:
    """``kiosk/sim/x.py:12 imports kiosk.connect.odata`` for each import of a client."""
    offenders = []
    for path in sorted(directory.rglob("*.py")):
        for line, modules in _imports(path):
            clients = [m for m in modules if _is_client(m)]
            if clients:
                where = path.relative_to(directory.parent.parent)
                offenders.append(f"{where}:{line} imports {clients[0]}")
    return offenders


def test_no_simulator_module_imports_a_client() -> None:
    offenders = client_imports(SIM_DIR)
    assert offenders == [], (
        "a simulator must not share the client's parsing, dates or signing; write its own "
        "from the seed and docs/connect-notes.md:\n" + "\n".join(offenders)
    )


def test_the_scan_sees_every_way_of_importing_a_client(tmp_path: Path) -> None:
    """The scan itself can fail: each spelling of a client import is caught."""
    sim = tmp_path / "kiosk" / "sim"
    sim.mkdir(parents=True)
    (sim / "a.py").write_text("from kiosk.connect.odata import ODataQuery\n")
    (sim / "b.py").write_text("def f():\n    import kiosk.connect.dates as d\n")
    (sim / "c.py").write_text("from ..payment import http\n")
    (sim / "d.py").write_text("from kiosk import sarft\n")
    (sim / "e.py").write_text("from kiosk.payment.base import PaymentState\nimport aiohttp\n")
    found = client_imports(sim)
    assert found == [
        "kiosk/sim/a.py:1 imports kiosk.connect.odata",
        "kiosk/sim/b.py:2 imports kiosk.connect.dates",
        "kiosk/sim/c.py:1 imports kiosk.payment",
        "kiosk/sim/d.py:1 imports kiosk.sarft",
    ]
