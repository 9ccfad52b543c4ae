#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
# Two worker processes, one test file each at a time (pytest-xdist): most tests wait on
# sockets, injected latency or a printer's paper time, so two share 2 cores well and the
# run takes half as long. KIOSK_TEST_WORKERS=0 runs everything in this one process.
exec .venv/bin/python -m pytest -q -n "${KIOSK_TEST_WORKERS:-2}" --dist loadfile "$@"
