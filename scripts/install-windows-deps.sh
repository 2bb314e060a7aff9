#!/usr/bin/env bash
# Why this file exists: the Windows build, its tests under Wine and the MSI need tools that the
# Linux build does not (scripts/install-deps.sh): the Rust standard library for
# x86_64-pc-windows-gnu, Debian's MinGW-w64 (linker and C compiler for SQLite and ring), Wine
# (runs the .exe files and msiexec) and wixl (builds the .msi). This installs whichever is
# missing; safe to run again. Used by scripts/test-windows.sh and scripts/package-windows.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=x86_64-pc-windows-gnu

APT_PACKAGES=(
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64   # linker, C/C++ compiler, windres for the app's resources
  wine wine64                                 # runs the Windows binaries and msiexec
  wixl msitools                               # wixl builds the .msi; msiinfo/msiextract read it
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing apt packages for Windows: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx "$TARGET"; then
  echo "==> rustup target add $TARGET"
  if ! rustup target add "$TARGET"; then
    echo "install-windows-deps.sh: 'rustup target add $TARGET' failed (above): no Windows build on this machine" >&2
    exit 1
  fi
fi
