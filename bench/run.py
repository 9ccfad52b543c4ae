"""Run every benchmark in bench/ (each ``bench_*.py``), print one table, save results.json.

Each benchmark is a script that measures its figure against its own reference in
the same run (these machines are shared and noisy: a ratio taken in one run is
what counts) and merges its section into ``bench/results.json`` through
:func:`bench.common.save_section`. The table also goes into the README between
its bench markers, so the README always shows the latest run.

    python bench/run.py                 every benchmark
    python bench/run.py pickup startup  those whose name contains a word given
    python bench/run.py --quick ...     the soak at a tenth of its size (development)
    python bench/run.py --readme-only   only refresh the README from results.json
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
READMES = (HERE.parent / "README.md", HERE / "README.md")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def table() -> str:
    """The markdown table of results.json, headed by the machines its sections ran on."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    lines = [
        "| benchmark | figure | value | reference | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    machines = set()
    for section, rows in sorted(results.items()):
        machine = rows.get("machine", {})
        machines.add(
            f"{machine.get('taken_at', '?')[:10]} on {machine.get('cpu_count', '?')} cores, "
            f"Python {machine.get('python', '?')}, {machine.get('platform', '?')}"
        )
        for row in rows.get("rows", []):
            lines.append(
                f"| {section} | {row['figure']} | {row['value']} | {row.get('reference', '')} "
                f"| {row.get('ratio', '')} | {row.get('target', '')} | {row.get('met', '')} |"
            )
    return "\n".join([f"Taken {'; '.join(sorted(machines))}.", "", *lines])


def update_readme() -> None:
    """Put the table between the bench markers of the project's and bench/'s README."""
    for readme in READMES:
        text = readme.read_text(encoding="utf-8")
        if BEGIN not in text or END not in text:
            continue
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        readme.write_text(f"{head}{BEGIN}\n{table()}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    args = sys.argv[1:]
    if args == ["--readme-only"]:
        update_readme()
        return 0
    flags = [a for a in args if a == "--quick"]  # the benchmarks without a quick scale ignore it
    args = [a for a in args if a not in flags]
    scripts = sorted(HERE.glob("bench_*.py"))
    if args:
        scripts = [s for s in scripts if any(name in s.stem for name in args)]
    failed = []
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script), *flags], cwd=HERE.parent, check=False)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
        if result.returncode != 0:
            failed.append(script.stem)
    print()
    print(table())
    update_readme()
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
