#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with GNOME Keyring's Secret Service on it,
# unlocked, keeping its keyrings in a temporary folder. The real app's tests then keep the
# API token the way a Linux desk does (in the Secret Service, on disk), and never touch this
# machine's own keyring. scripts/install-deps.sh installs dbus and gnome-keyring.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -m 700 "$dir/run" "$dir/data"
# dbus-run-session ends the bus (and with it the keyring daemon) when the command ends.
dbus-run-session -- bash -c '
  printf %s front-desk-test |
    XDG_DATA_HOME="$0/data" XDG_RUNTIME_DIR="$0/run" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # The daemon takes its bus name a moment after it returns.
  for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && exec "$@"
    sleep 0.1
  done
  echo "with-secret-service: GNOME Keyring did not start" >&2
  exit 1' "$dir" "$@"
