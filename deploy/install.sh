#!/usr/bin/env bash
# deploy/install.sh: install (or upgrade) the kiosk on a Debian 12 machine, the
# same way on every machine of a fleet. Run as root from a checkout (or an
# unpacked release) of the kiosk:
#
#   sudo deploy/install.sh [--kiosk-id K07] [--printer-usb VID:PID]
#
# What it lays down (README, "Running a fleet"):
#   /opt/kiosk/venv                      the kiosk in its own virtualenv
#   /etc/systemd/system/kiosk.service    cage on tty1 with `kiosk run` inside
#   /etc/systemd/journald.conf.d/kiosk.conf   the journal keeps kiosk lines 30 days
#   /etc/pam.d/kiosk                     the seat0 session cage runs in
#   /etc/udev/rules.d/70-kiosk-printer.rules  the kiosk user opens the USB printer
#   /etc/kiosk/kiosk.toml, conf.d/       settings (never overwritten once there)
#   /var/lib/kiosk                       journal, backups, printed output (kiosk, 0750)
#   /var/log/kiosk                       daily logs (kiosk, 0750; /var/lib/kiosk/logs)
# and a system user `kiosk` with no login and no password.
#
# Safe to run again: it upgrades the kiosk in its virtualenv, refreshes the units
# and rules, and keeps settings, journal and logs.
#
# --destdir DIR lays everything under DIR instead of / and touches nothing else
# (no packages, no user, no owners, no systemctl): for building a package or an
# image, and for CI, which checks what it lays down.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  echo "options: --destdir DIR  --prefix DIR (default /opt/kiosk)  --kiosk-id ID"
  echo "         --printer-usb VID:PID  --source DIR (default: this checkout)"
  echo "         --pip-args 'ARGS'  (e.g. '--no-index --find-links /media/wheels')"
  echo "         --no-packages  (skip apt-get)  --no-enable  (install, do not start)"
}

DESTDIR=""
PREFIX="/opt/kiosk"
KIOSK_ID=""
PRINTER_USB=""
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
PIP_ARGS=""
PACKAGES=1
ENABLE=1
KIOSK_USER="kiosk"

while [ $# -gt 0 ]; do
  case "$1" in
    --destdir) DESTDIR="${2:?--destdir needs a folder}"; shift 2 ;;
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift 2 ;;
    --kiosk-id) KIOSK_ID="${2:?--kiosk-id needs an id}"; shift 2 ;;
    --printer-usb) PRINTER_USB="${2:?--printer-usb needs VID:PID}"; shift 2 ;;
    --source) SOURCE="${2:?--source needs a folder}"; shift 2 ;;
    --pip-args) PIP_ARGS="${2-}"; shift 2 ;;
    --no-packages) PACKAGES=0; shift ;;
    --no-enable) ENABLE=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $1 (--help lists them)" >&2; exit 64 ;;
  esac
done

STEP="starting"
LOG="$(mktemp /tmp/kiosk-install.XXXXXX.log)"
# One line naming the step that failed and where its output went: never a page of
# pip or apt output on the installer's terminal.
failed() {
  local status=$?
  echo "install.sh: failed while ${STEP} (exit ${status}); details in ${LOG}" >&2
  exit "$status"
}
trap failed ERR

step() {
  STEP="$1"
  echo "install.sh: ${STEP}"
}

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

case "$PREFIX" in /*) ;; *) fail "--prefix must be an absolute path, not ${PREFIX}" ;; esac
if [ -n "$DESTDIR" ]; then
  mkdir -p "$DESTDIR"
  DESTDIR="$(cd "$DESTDIR" && pwd)"
  PACKAGES=0
  ENABLE=0
elif [ "$(id -u)" -ne 0 ]; then
  fail "run as root (sudo), or with --destdir DIR to lay the files out under DIR"
fi
if [ -n "$KIOSK_ID" ] && ! [[ "$KIOSK_ID" =~ ^[A-Za-z0-9_-]{1,32}$ ]]; then
  fail "--kiosk-id must be 1 to 32 letters, digits, - or _"
fi
if [ -n "$PRINTER_USB" ] && ! [[ "$PRINTER_USB" =~ ^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$ ]]; then
  fail "--printer-usb must be the printer's vendor and product ids in hex, e.g. 04b8:0202"
fi
[ -f "$SOURCE/pyproject.toml" ] || fail "no kiosk source in ${SOURCE} (--source DIR)"

ROOT="${DESTDIR}"
VENV="${PREFIX}/venv"
DEPLOY="${SOURCE}/deploy"

if [ "$PACKAGES" = 1 ]; then
  step "installing Debian packages (cage, Xwayland, Qt's libraries, libusb)"
  # cage 0.1.4 refuses to start without Xwayland; the rest are what Qt and the
  # USB printer need at run time (the same list as scripts/setup.sh's).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3 python3-venv cage xwayland libegl1 libgl1 libglib2.0-0 libdbus-1-3 \
    libfontconfig1 libfreetype6 libxkbcommon0 libwayland-client0 libwayland-cursor0 \
    libwayland-egl1 libusb-1.0-0 >>"$LOG" 2>&1
fi

if [ -z "$DESTDIR" ]; then
  step "creating the system user ${KIOSK_USER}"
  if ! id -u "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/kiosk --no-create-home \
      --shell /usr/sbin/nologin --comment "cinema ticket kiosk" "$KIOSK_USER"
  fi
  # the seat's display and input devices, through logind and these groups
  for group in video input render; do
    if getent group "$group" >/dev/null; then usermod -a -G "$group" "$KIOSK_USER"; fi
  done
fi

step "installing the kiosk into ${VENV}"
mkdir -p "${ROOT}${PREFIX}"
python3 -m venv "${ROOT}${VENV}" >>"$LOG" 2>&1
# shellcheck disable=SC2086 # PIP_ARGS is a list of words on purpose
"${ROOT}${VENV}/bin/python" -m pip install -q --disable-pip-version-check $PIP_ARGS \
  "$SOURCE" >>"$LOG" 2>&1
if [ -n "$DESTDIR" ]; then
  # A virtualenv names its own path in its scripts: the one it will have on the
  # target machine, not the one it was built under.
  grep -rlI --null "${ROOT}${VENV}" "${ROOT}${VENV}/bin" | xargs -0 -r sed -i "s|${ROOT}${VENV}|${VENV}|g"
fi
install -m 0644 "$SOURCE/README.md" "${ROOT}${PREFIX}/README.md"
if git -C "$SOURCE" rev-parse HEAD >/dev/null 2>&1; then
  git -C "$SOURCE" rev-parse HEAD >"${ROOT}${PREFIX}/COMMIT"
fi

step "installing the systemd units, the PAM session and the journald retention"
install -d -m 0755 "${ROOT}/etc/systemd/system" "${ROOT}/etc/systemd/journald.conf.d" \
  "${ROOT}/etc/pam.d" "${ROOT}/etc/udev/rules.d"
sed "s|/opt/kiosk/|${PREFIX}/|g" "$DEPLOY/systemd/kiosk.service" \
  >"${ROOT}/etc/systemd/system/kiosk.service"
if [ -f "${ROOT}${PREFIX}/COMMIT" ]; then
  # kiosk_build_info{commit} in the fleet's metrics
  sed -i "/^Environment=KIOSK_CONFIG=/a Environment=KIOSK_BUILD_COMMIT=$(cut -c1-12 "${ROOT}${PREFIX}/COMMIT")" \
    "${ROOT}/etc/systemd/system/kiosk.service"
fi
chmod 0644 "${ROOT}/etc/systemd/system/kiosk.service"
install -m 0644 "$DEPLOY/systemd/journald-kiosk.conf" "${ROOT}/etc/systemd/journald.conf.d/kiosk.conf"
install -m 0644 "$DEPLOY/pam/kiosk" "${ROOT}/etc/pam.d/kiosk"

step "installing the udev rule for the USB ticket printer"
RULES="${ROOT}/etc/udev/rules.d/70-kiosk-printer.rules"
install -m 0644 "$DEPLOY/udev/70-kiosk-printer.rules" "$RULES"
if [ -n "$PRINTER_USB" ]; then
  vid="${PRINTER_USB%%:*}"
  pid="${PRINTER_USB##*:}"
  printf '# this kiosk'\''s printer (--printer-usb)\nSUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="%s", ATTR{idProduct}=="%s", GROUP="kiosk", MODE="0660"\n' \
    "${vid,,}" "${pid,,}" >>"$RULES"
fi

step "making the settings, data and log folders"
install -d -m 0750 "${ROOT}/etc/kiosk" "${ROOT}/etc/kiosk/conf.d"
CONFIG="${ROOT}/etc/kiosk/kiosk.toml"
if [ ! -e "$CONFIG" ]; then
  {
    echo "# This kiosk's own settings (README, Settings). The cinema's shared file and"
    echo "# conf.d/*.toml (in name order) come first; a value set here wins."
    echo "include = \"/etc/kiosk/cinema.toml\""
    echo
    echo "kiosk_id = \"${KIOSK_ID:-K01}\""
    if [ -n "$PRINTER_USB" ]; then echo "printer = \"usb://${PRINTER_USB,,}\""; fi
  } >"$CONFIG"
  chmod 0640 "$CONFIG"
fi
if [ ! -e "${ROOT}/etc/kiosk/cinema.toml" ]; then
  {
    echo "# Settings every kiosk of this cinema shares (Connect, SARFT, payment, ...)."
    echo "# Copied the same to each kiosk; kiosk.toml beside it says what differs."
  } >"${ROOT}/etc/kiosk/cinema.toml"
  chmod 0640 "${ROOT}/etc/kiosk/cinema.toml"
fi
install -d -m 0750 "${ROOT}/var/lib/kiosk" "${ROOT}/var/log/kiosk"
# The kiosk writes its daily logs to <data dir>/logs: here, the FHS's log folder.
if [ ! -e "${ROOT}/var/lib/kiosk/logs" ] && [ ! -L "${ROOT}/var/lib/kiosk/logs" ]; then ln -s /var/log/kiosk "${ROOT}/var/lib/kiosk/logs"; fi

if [ -z "$DESTDIR" ]; then
  step "giving the kiosk user its folders (settings readable, not writable)"
  chown -R root:"$KIOSK_USER" /etc/kiosk
  chown -R "$KIOSK_USER:$KIOSK_USER" /var/lib/kiosk /var/log/kiosk
  chown -h "$KIOSK_USER:$KIOSK_USER" /var/lib/kiosk/logs
fi

if [ "$ENABLE" = 1 ]; then
  step "reloading udev, journald and systemd; enabling kiosk.service at boot"
  udevadm control --reload >>"$LOG" 2>&1 && udevadm trigger --subsystem-match=usb >>"$LOG" 2>&1
  systemctl restart systemd-journald >>"$LOG" 2>&1
  systemctl daemon-reload
  systemctl set-default graphical.target >>"$LOG" 2>&1
  systemctl enable kiosk.service >>"$LOG" 2>&1
  systemctl restart kiosk.service
fi

STEP="done"
rm -f "$LOG"
echo "install.sh: done. Check the settings, as the kiosk sees them, with:"
echo "  sudo -u ${KIOSK_USER} KIOSK_CONFIG=/etc/kiosk/kiosk.toml KIOSK_DATA_DIR=/var/lib/kiosk ${VENV}/bin/kiosk doctor --print-config"
if [ -n "$DESTDIR" ]; then
  echo "install.sh: laid out under ${DESTDIR}; on the machine: useradd kiosk, chown /var/lib/kiosk /var/log/kiosk, systemctl enable kiosk"
fi
