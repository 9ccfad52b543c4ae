"""Shared by the benchmarks: machine facts and merging one section into results.json."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results.json"


def as_installed_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` for a kiosk command timed as an installed kiosk runs it: pip compiles a
    package's bytecode when it installs it, so the kiosk's modules are compiled once here
    and the child may use and write ``.pyc`` files (this machine sets
    ``PYTHONDONTWRITEBYTECODE``, which would make every launch compile every module)."""
    import compileall

    import kiosk

    compileall.compile_dir(str(Path(kiosk.__file__).parent), quiet=1)
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "taken_at": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        **code_state(),
    }


def code_state() -> dict[str, Any]:
    """The commit measured, and the files outside bench/ that differed from it (the
    working tree is what runs)."""
    root = RESULTS.parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.rstrip("\n") if done.returncode == 0 else ""

    changed = [
        line[3:] for line in git("status", "--porcelain").splitlines()
        if not line[3:].startswith("bench/")
    ]  # fmt: skip
    return {"commit": git("rev-parse", "--short", "HEAD"), "uncommitted_outside_bench": changed}


def row(
    figure: str,
    value: float | int | str,
    *,
    reference: float | int | str = "",
    ratio: float | None = None,
    target: str = "",
    met: bool | None = None,
    unit: str = "",
) -> dict[str, Any]:
    """One line of the table; ``ratio`` is value/reference measured in the same run."""
    return {
        "figure": figure,
        "value": f"{value:.3f}{unit}" if isinstance(value, float) else f"{value}{unit}",
        "reference": f"{reference:.3f}{unit}" if isinstance(reference, float) else reference,
        "ratio": "" if ratio is None else round(ratio, 3),
        "target": target,
        "met": "" if met is None else ("yes" if met else "NO"),
    }


def save_section(name: str, rows: list[dict[str, Any]], notes: str = "") -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[name] = {"machine": machine(), "rows": rows, "notes": notes}
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    for r in rows:
        print(
            f"  {r['figure']}: {r['value']}  ref {r['reference']}  ratio {r['ratio']}  "
            f"target {r['target']}  {r['met']}"
        )
