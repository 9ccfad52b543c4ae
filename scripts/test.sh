#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# SKIP_SETUP=1 skips scripts/setup.sh (a machine already set up, or offline), as for demo.sh.
[ "${SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# Every worker imports every test module, and most e2e tests start `python -m kiosk`
# two or three times; with bytecode writing off (PYTHONDONTWRITEBYTECODE, as on a shared
# build machine) each of those processes compiles the kiosk again and pytest rewrites
# every test module's asserts again (a collection took 9.7 s of CPU instead of 3.6 s).
# Keep the bytecode, outside the source tree.
unset PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX="${PYTHONPYCACHEPREFIX:-$PWD/.venv/pycache}"
# Four worker processes, one test file each at a time (pytest-xdist): most tests wait on
# sockets, injected latency or a printer's paper time (measured: 59% of each test's wall
# time is neither its own CPU nor its children's), so four share 2 cores well: 290 s
# against 365-395 s with two, on the same loaded machine; six gained nothing more
# (280 s), the run being bound by CPU by then. Not --dist loadgroup: with pytest 9 its xdist_group marks are
# not applied (xdist 3.8 renames item._nodeid, which pytest no longer reads), so a
# module's fixture (test_install's build of the kiosk) would run in both workers at once.
# KIOSK_TEST_WORKERS=0 runs everything in this one process.
exec .venv/bin/python -m pytest -q -n "${KIOSK_TEST_WORKERS:-4}" --dist loadfile "$@"
