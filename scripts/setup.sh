#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for the kiosk: system libraries Qt needs,
# a virtualenv in .venv, and the kiosk package with its test tools.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen and xcb platforms, fontconfig, OpenGL loaders; xvfb and xauth
# for a real (virtual) window in the demo on a machine without a display; libusb
# for usb:// ticket printers; prometheus (and its promtool) for the fleet tests;
# systemd (systemd-analyze verify), shellcheck, and cage with Xwayland (the unit's
# compositor, which cage 0.1.4 will not start without) and Qt's Wayland libraries
# for the install-path and watchdog tests.
DEB_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 xvfb xauth
  libusb-1.0-0
  prometheus
  systemd shellcheck cage xwayland libwayland-client0 libwayland-cursor0 libwayland-egl1
)
missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
# The layering's checker in its own virtualenv (see pyproject.toml's test extra): the
# kiosk's .venv stays what an installed kiosk imports, for its tests and benchmarks.
if [ ! -x .venv-tools/bin/lint-imports ]; then
  "$PYTHON" -m venv .venv-tools
  .venv-tools/bin/python -m pip install -q --disable-pip-version-check 'import-linter>=2.17,<3'
fi
echo "setup: ready (.venv)"
