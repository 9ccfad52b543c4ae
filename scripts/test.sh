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
# Six worker processes, handed one test at a time, the longest first (--dist load with
# tests/scheduling.py's scheduler: the last run's times are in .pytest_cache; a fresh
# clone sends the slow and e2e tests first). Most tests wait on sockets, injected latency
# or a printer's paper time (59% of each test's wall time is neither its own CPU nor its
# children's), so six share 2 cores: the run is bound by CPU, and all six workers end
# within a second of each other. One test file each at a time (--dist loadfile, four
# workers) took 238 s and 328 s of CPU, the last worker ending 19 s after the next
# (test_collect_random_faults.py alone is 60 s); this takes 170 s and 289 s of CPU on a
# quiet machine (the payment key parsed once saves CPU too, kiosk/payment/rsa_sign.py). test_install.py and the other files of tests/scheduling.py's WHOLE_FILES
# still go to one worker whole: their module fixture (the kiosk's build) must not run in
# two at once. Not --dist loadgroup: with pytest 9 its xdist_group marks are not applied
# (xdist 3.8 renames item._nodeid, which pytest no longer reads).
# KIOSK_TEST_WORKERS=0 runs everything in this one process.
exec .venv/bin/python -m pytest -q -n "${KIOSK_TEST_WORKERS:-6}" --dist load "$@"
