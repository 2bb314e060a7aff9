#!/usr/bin/env bash
# Installs what Front Desk needs on a Debian 12 machine, skipping what is
# already there: system packages, the UI's npm packages and tauri-driver.
# Safe to run again; used by scripts/run.sh, scripts/test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libclang-dev      # C toolchain, nokhwa's bindgen
  libwebkit2gtk-4.1-dev                        # Tauri 2 on Linux
  xvfb xauth imagemagick                       # headless windows and screenshots
  chromium chromium-driver                     # UI tests in a real browser
  webkit2gtk-driver                            # WebDriver for the real app
  dbus-daemon dbus-bin gnome-keyring           # a real Secret Service for the token tests
  xdotool                                      # the real-app tests: the GTK save dialog, paced scanner bursts
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing apt packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)" >&2
  exit 2
fi

if [ "${FRONTDESK_SKIP_TAURI_DRIVER:-}" != "1" ] && ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

if [ -f ui/package.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    echo "==> installing the UI's npm packages"
    (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
