"""Run every benchmark in bench/ (each ``bench_*.py``), print one table, save results.json.

Each benchmark is a script that measures its figure against its own reference in
the same run (these machines are shared and noisy: a ratio taken in one run is
what counts) and merges its section into ``bench/results.json`` through
:func:`bench.common.save_section`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if len(sys.argv) > 1:
        scripts = [s for s in scripts if any(name in s.stem for name in sys.argv[1:])]
    failed = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
        if result.returncode != 0:
            failed.append(script.stem)
    results = (
        json.loads((HERE / "results.json").read_text()) if (HERE / "results.json").exists() else {}
    )
    print("\n| benchmark | figure | value | reference | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for section, rows in sorted(results.items()):
        for row in rows.get("rows", []):
            print(
                f"| {section} | {row['figure']} | {row['value']} | {row.get('reference', '')} "
                f"| {row.get('ratio', '')} | {row.get('target', '')} | {row.get('met', '')} |"
            )
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
