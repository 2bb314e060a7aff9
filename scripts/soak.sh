#!/usr/bin/env bash
# The crash soak of the hardening issue, too long for CI: SIGKILLs the desk's
# CLI at random moments during check-ins, pulls of a 20,000-member gym, scans
# and syncs together (tests/crash_soak/) and pushes (tests/sync_kill.rs),
# 500 times each, then prints the figures of every scenario.
# Usage: scripts/soak.sh [ITERATIONS]   (env CRASH_SOAK_SEED / SYNC_KILL_SEED replay a run;
# SOAK_CARGO_FLAGS adds cargo flags, e.g. "--no-default-features --features rxing" without a webcam stack)
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-${CRASH_SOAK_ITERATIONS:-500}}
export CRASH_SOAK_ITERATIONS=$n
export CRASH_SOAK_PULL_MEMBERS=${CRASH_SOAK_PULL_MEMBERS:-20000}
export SYNC_KILL_ITERATIONS=${SYNC_KILL_ITERATIONS:-$n}
log=$(mktemp -t soak.XXXXXX)
# shellcheck disable=SC2206 # word splitting of the flags is intended
cargo_flags=(-p frontdesk ${SOAK_CARGO_FLAGS:-})

# One test binary at a time, output shown: nextest if present, else cargo test.
run_test() {
  if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run "${cargo_flags[@]}" --test "$1" --no-capture --no-fail-fast
  else
    cargo test "${cargo_flags[@]}" --test "$1" -- --nocapture --test-threads 1
  fi
}

echo "==> building"
cargo build "${cargo_flags[@]}" --tests --bins -q
# The server the tests pull from and push to is a package of its own (central/); the tests find
# it in the same profile directory (tests/support/central_bin.rs). Built on its own: the soak's
# flags (features) are the core's.
cargo build -p frontdesk-central -q

status=0
for t in crash_soak sync_kill; do
  echo "==> $t ($n iterations per scenario)"
  start=$(date +%s)
  run_test "$t" 2>&1 | tee -a "$log" || status=1
  echo "soak-time[$t]: $(($(date +%s) - start)) s" | tee -a "$log"
done

echo
echo "==> figures (CRASH_SOAK_ITERATIONS=$n, CRASH_SOAK_PULL_MEMBERS=$CRASH_SOAK_PULL_MEMBERS, SYNC_KILL_ITERATIONS=$SYNC_KILL_ITERATIONS)"
grep -E '^(crash_soak\[[a-z]+\]: (iterations=|CRASH_SOAK_SEED|[0-9]+ members)|sync_kill: |soak-time\[)' "$log" || true
grep -E 'panicked at|FAIL \[' "$log" && status=1
echo "full log: $log"
if [ "$status" -eq 0 ]; then echo "soak: passed"; else echo "soak: FAILED"; fi
exit "$status"
