#!/usr/bin/env bash
# Set up (if needed) and run `kiosk demo`: every simulator plus the kiosk window.
# Without a display, the window opens on a virtual X server (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no display found, running on a virtual X server (xvfb-run)"
  exec xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/kiosk demo "$@"
fi
exec .venv/bin/kiosk demo "$@"
