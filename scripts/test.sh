#!/usr/bin/env bash
# Runs every test of Front Desk: the Rust workspace (unit, integration, CLI,
# sync against the reference central API), the UI's unit tests, the UI flows
# in Debian Chromium and the real app under Xvfb through WebDriver.
# Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh

echo "==> building the UI"
(cd ui && npm run --silent build)

echo "==> Rust tests"
# Libraries, binaries and integration tests. The benches are measurement
# commands (harness = false), run by hand: see docs/PERFORMANCE.md.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --no-fail-fast
fi

echo "==> UI unit tests (vitest)"
(cd ui && npm test --silent)

echo "==> UI flows in Chromium (Playwright)"
(cd ui && npm run --silent test:e2e)

if [ -x scripts/e2e-app.sh ]; then
  echo "==> the real app under Xvfb (WebDriver)"
  bash scripts/e2e-app.sh
fi
echo "==> all tests passed"
