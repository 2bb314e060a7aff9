#!/usr/bin/env bash
# Measures the desktop app for docs/PERFORMANCE.md: cold start to scanning
# ready (process start -> the scan pipeline's "capture started" log line,
# which happens once the UI is up and has said window_ready), resident
# memory of the app and its WebKit processes, CPU use and preview frame rate
# while the demo camera runs. Usage: scripts/measure-app.sh [APP_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-target/release/frontdesk-app}
data=$(mktemp -d)
log=$(mktemp)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1366x820x24 >/dev/null 2>&1 &
xvfb=$!
# Only what this run started is ended, by process id: never a desk's own
# running app, or another run's (a name match would kill those too).
started=()
stop_started() {
  for p in "${started[@]}"; do
    for q in $(tree_pids "$p" 2>/dev/null); do kill "$q" 2>/dev/null || true; done
  done
  kill $xvfb 2>/dev/null || true
}
trap stop_started EXIT
sleep 1

tree_pids() { echo "$1"; for c in $(pgrep -P "$1"); do tree_pids "$c"; done; }
ticks() { local t=0; for p in $(tree_pids "$1"); do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
# One process's resident set and proportional set size (PSS: pages shared
# between the app and its WebKit processes, the WebKit and GTK libraries,
# counted once and split among them), in kB; 0 once it is gone.
kb_of() { if [ -r "$2" ]; then awk -v k="$1" '$1 == k {print $2; f=1} END {if (!f) print 0}' "$2"; else echo 0; fi; }
rss_of() { kb_of VmRSS: /proc/$1/status; }
pss_of() { kb_of Pss: /proc/$1/smaps_rollup; }
rss_kb() { local t=0; for p in $(tree_pids "$1"); do t=$((t + $(rss_of $p))); done; echo $t; }
pss_kb() { local t=0; for p in $(tree_pids "$1"); do t=$((t + $(pss_of $p))); done; echo $t; }
per_process() { for p in $(tree_pids "$1"); do [ -r /proc/$p/comm ] && printf '    %s rss %d MB pss %d MB\n' "$(cat /proc/$p/comm)" $(( $(rss_of $p) / 1024 )) $(( $(pss_of $p) / 1024 )); done; }

run() {
  local label=$1
  : >"$log"
  local t0; t0=$(date +%s%N)
  DISPLAY=$display FRONTDESK_DATA_DIR=$data FRONTDESK_LOG=info NO_AT_BRIDGE=1 "$app" >"$log" 2>&1 &
  local pid=$!
  started+=("$pid")
  until grep -q "capture started" "$log"; do
    sleep 0.02
    kill -0 $pid 2>/dev/null || { echo "app exited"; cat "$log"; exit 1; }
  done
  local t1; t1=$(date +%s%N)
  echo "$label: start to scanning ready $(( (t1 - t0) / 1000000 )) ms"
  sleep 10
  local c0; c0=$(ticks $pid); local w0; w0=$(date +%s%N)
  sleep 20
  local c1; c1=$(ticks $pid); local w1; w1=$(date +%s%N)
  local hz; hz=$(getconf CLK_TCK)
  awk -v c=$((c1 - c0)) -v hz="$hz" -v w=$((w1 - w0)) -v l="$label" \
    'BEGIN { printf "%s: CPU %.0f%% of one core (app + WebKit, demo camera 1280x720@30)\n", l, 100 * c / hz / (w / 1e9) }'
  echo "$label: resident memory $(( $(rss_kb $pid) / 1024 )) MB RSS summed, $(( $(pss_kb $pid) / 1024 )) MB PSS (app + WebKit processes)"
  per_process $pid
  (grep -o " fps=[0-9.]*" "$log" || echo " fps=?") | tail -1 | sed "s/^ /$label: preview sent /"
  (grep -o "painted_fps=[0-9.]*" "$log" || echo "painted_fps=?") | tail -1 | sed "s/^/$label: preview /"
  # The app and the WebKit processes it started (tree_pids), by id.
  for q in $(tree_pids $pid); do kill "$q" 2>/dev/null || true; done
  wait $pid 2>/dev/null || true
}

run "first start (creates the demo gym)"
run "second start"
echo "binary: $(du -h "$app" | cut -f1) ($app)"
