#!/usr/bin/env bash
# One command to set the kiosk up on a fresh Debian or Ubuntu machine, then run it or test it.
#
#   ./packaging/setup.sh run    install what is missing, then start the kiosk on its defaults
#   ./packaging/setup.sh test   install what is missing, then run the whole test suite
#
# System packages are installed with apt-get when run as root; otherwise the exact apt-get line
# is printed and nothing else happens. Python packages go into .venv beside this repository.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-}"
shift || true
case "$mode" in
  run|test) ;;
  *) echo "usage: $0 run|test [arguments for the kiosk or for pytest]" >&2; exit 2 ;;
esac

# Debian packages the kiosk needs at run time, and those only the tests need.
# Letters: TrueType fonts for every script (reportlab embeds TrueType outlines only); printing:
# the CUPS client tools (lp, lpstat, cupsenable, ipptool); the touch screens: the libraries Qt
# loads (libpulse0 for the virtual keyboard, the xcb ones for a real window; the letter preview
# is drawn by Qt's own QtPdf). Tests also run a private CUPS scheduler with a cups-pdf queue,
# and they (and docs/render_letters.py) read letters back with poppler's pdftotext and pdftoppm.
# The kiosk machine's tests run the kiosk inside cage (which needs Xwayland), take its picture
# with grim (Qt's Wayland plugin loads libwayland-cursor0 and -egl1), ask wlr-randr to turn a
# screen, and check the installer's units with systemd-analyze (package systemd). A private
# D-Bus session bus (dbus-daemon) stands in for a desktop session. Debian's chromium is the
# browser Playwright drives through the collector's dashboard (tests/test_collector_browser.py;
# Playwright downloads no browser).
run_packages=(python3 python3-venv python3-pip
  fonts-noto-core fonts-dejavu-core fonts-wqy-microhei fonts-symbola
  cups-client cups-ipp-utils
  libpulse0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libgssapi-krb5-2 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1
  libxkbcommon-x11-0)
test_packages=(cups printer-driver-cups-pdf poppler-utils cage grim xwayland systemd postgresql
  libwayland-cursor0 libwayland-egl1 wlr-randr dbus-daemon chromium)
wanted=("${run_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  # A Python that is already a good one (e.g. from pyenv) stands in for Debian's python3 packages.
  case "$pkg" in
    python3|python3-venv|python3-pip)
      if command -v python3 >/dev/null && python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        continue
      fi ;;
  esac
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Some system packages are missing. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "then run this command again." >&2
    exit 1
  fi
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "The kiosk needs Python 3.11 or newer; this python3 is $(python3 --version)." >&2
  exit 1
}

# The venv is (re)installed only when pyproject.toml changed since the last install.
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The kiosk's own modules compiled ahead (only the changed ones are redone): each start then
# reads bytecode, even where PYTHONDONTWRITEBYTECODE keeps Python from caching it (30 ms).
.venv/bin/python -m compileall -q kiosk >/dev/null

if [ "$mode" = test ]; then
  # Four test processes at once, even on two cores: most of a test's time is spent waiting
  # (for a `kiosk` process, CUPS, a server, the next frame), and every test has its own
  # folders, scheduler and ports. `-n 0` after `test` runs them one at a time.
  exec .venv/bin/python -m pytest -n "${KIOSK_TEST_WORKERS:-4}" "$@"
fi

# The touchscreen needs a screen: a desktop session (X11 or Wayland) or a platform named in
# QT_QPA_PLATFORM (eglfs for a kiosk without a desktop, offscreen to try it out).
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
  .venv/bin/kiosk doctor || true
  exec .venv/bin/kiosk run "$@"
fi
.venv/bin/kiosk doctor || true
cat <<'TXT'

The kiosk is installed, but this session has no screen to show it on (no DISPLAY or
WAYLAND_DISPLAY). Start it from the kiosk's desktop with:
  .venv/bin/kiosk run              (full screen; --windowed for a window)
or without a desktop, straight on the display:
  QT_QPA_PLATFORM=eglfs .venv/bin/kiosk run
Signatures can also be recorded from the command line:
  .venv/bin/kiosk sign --case maryia-kalesnikava --given-name Anna --family-name Keller \
      --postal-code 8004 --town Zürich --consent sign
TXT
