#!/usr/bin/env bash
# Set up (if needed) and run `kiosk demo`: every simulator plus the kiosk window.
# Without a display, the window opens on a virtual X server (Xvfb) and a picture of
# it is saved every few seconds (the demo prints where). One Ctrl-C, or a kill of
# this script, stops everything it started: the kiosk and its simulators, and Xvfb.
# SKIP_SETUP=1 skips scripts/setup.sh (a machine already set up, or offline).
# Arguments are kiosk demo's (bash scripts/demo.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh

xvfb_pid=""
kiosk_pid=""
extra=()

# shellcheck disable=SC2317  # the traps below call these
stop() {
  # the kiosk first, so it closes its ports and journal while its display is still up
  if [ -n "$kiosk_pid" ]; then kill -TERM "$kiosk_pid" 2>/dev/null || true; fi
}
# shellcheck disable=SC2317
finish() {
  if [ -n "$kiosk_pid" ]; then
    kill -TERM "$kiosk_pid" 2>/dev/null || true
    wait "$kiosk_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
}
trap stop INT TERM HUP
trap finish EXIT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no display found, starting a virtual X server (Xvfb)"
  # Its own session: the terminal's Ctrl-C reaches the kiosk, which then needs its
  # display to close cleanly; Xvfb is stopped after it, on the way out.
  fifo_dir="$(mktemp -d)"
  mkfifo "$fifo_dir/display"
  setsid Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp \
    3>"$fifo_dir/display" >/dev/null 2>&1 &
  xvfb_pid=$!
  read -r display_number <"$fifo_dir/display" || true
  rm -rf "$fifo_dir"
  if [ -z "${display_number:-}" ]; then
    echo "demo: Xvfb did not start" >&2
    exit 1
  fi
  export DISPLAY=":$display_number"
  extra=(--screenshot)
fi

.venv/bin/kiosk demo "${extra[@]}" "$@" &
kiosk_pid=$!
# wait returns early when a trapped signal arrives; the kiosk is then closing
while true; do
  if wait "$kiosk_pid"; then status=0; else status=$?; fi
  kill -0 "$kiosk_pid" 2>/dev/null || break
done
kiosk_pid=""
exit "$status"
