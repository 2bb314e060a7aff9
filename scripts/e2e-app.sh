#!/usr/bin/env bash
# End-to-end tests of the real app: builds the UI and the binaries, then runs
# ui/e2e-app/run.mjs under Xvfb, which drives the app through tauri-driver
# (WebKitWebDriver) and the reference central API on loopback.
# Screenshots land in artifacts/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
cargo build --workspace --bins
export NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1
# The token goes to a real Secret Service, as on a Linux desk.
exec scripts/with-secret-service.sh xvfb-run -a -s "-screen 0 1366x820x24" node ui/e2e-app/run.mjs
