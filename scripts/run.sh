#!/usr/bin/env bash
# Builds and starts the Front Desk desktop app. With no configuration it
# opens a demo gym with the demo camera. Installs whatever is missing first.
# Pass --data-dir DIR to use another replica.
set -euo pipefail
cd "$(dirname "$0")/.."
FRONTDESK_SKIP_TAURI_DRIVER=1 bash scripts/install-deps.sh
(cd ui && npm run --silent build)
cargo build --release -p frontdesk-app
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting under Xvfb (screenshots with: import -display :99 -window root shot.png)"
  exec xvfb-run -n 99 -s "-screen 0 1366x820x24" ./target/release/frontdesk-app "$@"
fi
exec ./target/release/frontdesk-app "$@"
