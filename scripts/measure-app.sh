#!/usr/bin/env bash
# Measures the desktop app for docs/PERFORMANCE.md, the same way for two builds
# in one run, so the figures sit side by side on the same machine and load:
#   - cold start to scanning ready (process start -> the pipeline's "capture
#     started" line, which comes once the UI is up and said window_ready), on a
#     new data dir (creates the demo gym) and again on the same one;
#   - CPU of the app and its WebKit processes while the demo camera (1280x720
#     at 30 fps) shows members, and while it shows an empty desk
#     (FRONTDESK_DEMO_EMPTY_DESK=1: nobody comes for the whole sample);
#   - CPU while people pass behind the desk and nobody shows a code
#     (FRONTDESK_DEMO_PASSERS_BY=1): the preview changes every frame with no
#     verdict card over it, so this is what painting the preview costs;
#   - the preview rates: sent, not sent because nothing changed, painted
#     (with members at the camera a verdict card is up nearly all the time and
#     the preview under it is not painted; the passers-by rate is the one to read);
#   - camera to screen: from a card coming into view to its verdict card
#     painted, p50 and p95 over every scan of the sample ("camera verdict
#     painted" lines: src-tauri/src/verdict_paint.rs);
#   - memory (PSS) of the app and its WebKit processes after the sample, and,
#     with MEASURE_SOAK_MIN=N, every minute of an N-minute soak.
# Usage: scripts/measure-app.sh [BEFORE_REV]
#   Builds the release app of the working tree (and of BEFORE_REV, in a
#   throwaway git worktree sharing target/), then measures each in turn.
#   MEASURE_SCAN_SECS (60) and MEASURE_IDLE_SECS (60) set the sample lengths.
#   A build older than the measuring hooks has no empty desk or paint timing:
#   those figures print as "-".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
before_rev=${1:-}
scan_secs=${MEASURE_SCAN_SECS:-60}
idle_secs=${MEASURE_IDLE_SECS:-60}
soak_min=${MEASURE_SOAK_MIN:-0}
out=target/measure
mkdir -p "$out"

build() { # build SOURCE_DIR DEST
  echo "==> building the release app in $1" >&2
  (cd "$1" && npm --prefix ui run build >/dev/null &&
    CARGO_TARGET_DIR=$root/target cargo build --release -p frontdesk-app --quiet)
  cp target/release/frontdesk-app "$2"
}

labels=()
if [ -n "$before_rev" ]; then
  wt=$out/before-src
  git worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
  git worktree add --detach --quiet "$wt" "$before_rev"
  ln -s "$root/ui/node_modules" "$wt/ui/node_modules"
  build "$wt" "$out/frontdesk-app-before"
  git worktree remove --force "$wt"
  labels+=(before)
fi
build . "$out/frontdesk-app-after"
labels+=(after)

display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1366x820x24 >/dev/null 2>&1 &
xvfb=$!
# Only what this run started is ended, by process id: never a desk's own
# running app, or another run's (a name match would kill those too).
started=()
tree_pids() { echo "$1"; for c in $(pgrep -P "$1"); do tree_pids "$c"; done; }
stop_started() {
  for p in "${started[@]}"; do
    for q in $(tree_pids "$p" 2>/dev/null); do kill "$q" 2>/dev/null || true; done
  done
  kill $xvfb 2>/dev/null || true
}
trap stop_started EXIT
sleep 1

ticks() { local t=0; for p in $(tree_pids "$1"); do [ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14+$15}' /proc/$p/stat))); done; echo $t; }
# One process's proportional set size (pages shared between the app and its
# WebKit processes, and the libraries, counted once and split among them), kB.
pss_of() { if [ -r /proc/$1/smaps_rollup ]; then awk '$1 == "Pss:" {print $2; f=1} END {if (!f) print 0}' /proc/$1/smaps_rollup; else echo 0; fi; }
pss_mb() { local t=0; for p in $(tree_pids "$1"); do t=$((t + $(pss_of $p))); done; echo $((t / 1024)); }
per_process() { for p in $(tree_pids "$1"); do [ -r /proc/$p/comm ] && printf '    %s %d MB PSS\n' "$(cat /proc/$p/comm)" $(( $(pss_of $p) / 1024 )); done; }

declare -A fig
pid=""
log=""
ready_ms=""

# launch LABEL DATA_DIR [ENV=VALUE...]: starts the app and waits for scanning; sets pid, log
# and ready_ms (not run in a subshell: those are the caller's).
launch() {
  local label=$1 data=$2; shift 2
  log=$(mktemp)
  local t0; t0=$(date +%s%N)
  env DISPLAY=$display FRONTDESK_DATA_DIR=$data FRONTDESK_LOG=info NO_AT_BRIDGE=1 "$@" "$out/frontdesk-app-$label" >"$log" 2>&1 &
  pid=$!
  started+=("$pid")
  until grep -q "capture started" "$log"; do
    sleep 0.02
    kill -0 $pid 2>/dev/null || { echo "the $label app exited:"; cat "$log"; exit 1; }
  done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

finish() { for q in $(tree_pids $pid); do kill "$q" 2>/dev/null || true; done; wait $pid 2>/dev/null || true; }

# parts PID: "name ticks" for each process of the tree and for each thread of
# the app itself (scan-capture, scan-decode, tokio workers...), to say where
# the CPU goes.
parts() {
  for p in $(tree_pids "$1"); do
    [ -r /proc/$p/stat ] && echo "process:$(cat /proc/$p/comm)[$p] $(awk '{print $14+$15}' /proc/$p/stat)"
  done
  for t in /proc/$1/task/*; do
    [ -r $t/stat ] && echo "thread:$(tr ' ' '_' <$t/comm)[${t##*/}] $(awk '{print $(NF-38)+$(NF-37)}' $t/stat)"
  done
}

# cpu_percent SECONDS: the app and its WebKit processes, as % of one core;
# the share of each process and app thread goes to stderr.
cpu_percent() {
  local c0 w0 c1 w1 p0 p1; p0=$(mktemp); p1=$(mktemp)
  parts $pid >"$p0"; c0=$(ticks $pid); w0=$(date +%s%N)
  sleep "$1"
  c1=$(ticks $pid); w1=$(date +%s%N); parts $pid >"$p1"
  awk -v hz="$(getconf CLK_TCK)" -v w=$((w1 - w0)) 'NR == FNR { a[$1] = $2; next }
    { d = 100 * ($2 - a[$1]) / hz / (w / 1e9); if (d >= 0.5) printf "    %s %.1f%%\n", $1, d }' "$p0" "$p1" |
    sort -t' ' -k2 -rn >&2
  rm -f "$p0" "$p1"
  awk -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v w=$((w1 - w0)) 'BEGIN { printf "%.0f", 100 * c / hz / (w / 1e9) }'
}

last_field() {
  (grep -o "$1=[0-9.]*" "$log" || echo "$1=-") | tail -1 | cut -d= -f2 |
    awk '{ if ($1 == "-") print "-"; else printf "%.1f", $1 }'
}
# Percentile P of the camera-to-screen lines in the log ("-" when there are none).
paint_pct() {
  grep -o 'camera verdict painted ms=[0-9.]*' "$log" | cut -d= -f2 | sort -n |
    awk -v p="$1" '{v[NR]=$1} END { if (NR == 0) print "-"; else { i = int(p / 100 * NR + 0.999); if (i < 1) i = 1; printf "%.0f", v[i] } }'
}

measure() {
  local label=$1 data; data=$(mktemp -d)
  echo "==> $label: first start, then ${scan_secs} s of members at the camera" >&2
  launch "$label" "$data"; fig[$label,first]=$ready_ms
  sleep 10
  fig[$label,cpu]=$(cpu_percent "$scan_secs")
  fig[$label,sent]=$(last_field " fps"); fig[$label,still]=$(last_field still_fps)
  fig[$label,painted]=$(last_field painted_fps)
  fig[$label,p50]=$(paint_pct 50); fig[$label,p95]=$(paint_pct 95)
  fig[$label,scans]=$(grep -c 'camera verdict painted' "$log" || true)
  fig[$label,pss]=$(pss_mb $pid)
  echo "    per process:" >&2; per_process $pid >&2
  finish
  echo "==> $label: second start" >&2
  launch "$label" "$data"; fig[$label,second]=$ready_ms
  finish
  echo "==> $label: an empty desk for ${idle_secs} s" >&2
  launch "$label" "$data" FRONTDESK_DEMO_EMPTY_DESK=1
  sleep 10
  fig[$label,idle]=$(cpu_percent "$idle_secs")
  grep -q "camera verdict painted" "$log" && fig[$label,idle]="${fig[$label,idle]} (cards shown: no empty-desk mode)"
  finish
  echo "==> $label: passers-by, no code, for ${scan_secs} s" >&2
  launch "$label" "$data" FRONTDESK_DEMO_PASSERS_BY=1
  sleep 10
  fig[$label,busy]=$(cpu_percent "$scan_secs")
  fig[$label,busy_sent]=$(last_field " fps"); fig[$label,busy_painted]=$(last_field painted_fps)
  grep -q "camera verdict painted" "$log" && fig[$label,busy]="${fig[$label,busy]} (cards shown: no passers-by mode)"
  finish
  if [ "$soak_min" -gt 0 ]; then
    echo "==> $label: ${soak_min}-minute soak, PSS each minute" >&2
    launch "$label" "$data"
    local series=""
    for _ in $(seq "$soak_min"); do sleep 60; series="$series $(pss_mb $pid)"; done
    fig[$label,soak]=${series# }
    finish
  else
    fig[$label,soak]="not run (MEASURE_SOAK_MIN)"
  fi
  rm -rf "$data"
}

for l in "${labels[@]}"; do measure "$l"; done

row() { # row TITLE KEY [UNIT]
  printf '| %s |' "$1"
  for l in "${labels[@]}"; do printf ' %s%s |' "${fig[$l,$2]:--}" "${3:-}"; done
  echo
}
echo
echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); demo camera 1280x720@30, Xvfb, no GPU"
[ -n "$before_rev" ] && echo "before: $before_rev ($(git rev-parse --short "$before_rev")); after: the working tree at $(git rev-parse --short HEAD)"
printf '| figure |'; for l in "${labels[@]}"; do printf ' %s |' "$l"; done; echo
printf '|---|'; for _ in "${labels[@]}"; do printf -- '---|'; done; echo
row "cold start to scanning ready, first run (ms)" first
row "cold start to scanning ready, later run (ms)" second
row "CPU, app + WebKit, members at the camera (% of one core)" cpu
row "CPU, app + WebKit, empty desk (% of one core)" idle
row "preview frames sent (fps)" sent
row "preview frames not sent, nothing changed (fps)" still
row "preview frames painted (fps)" painted
row "CPU, app + WebKit, passers-by: the preview changing, no card (% of one core)" busy
row "preview frames sent, passers-by (fps)" busy_sent
row "preview frames painted, passers-by (fps)" busy_painted
row "camera to verdict painted, p50 (ms)" p50
row "camera to verdict painted, p95 (ms)" p95
row "camera scans timed" scans
row "PSS, app + WebKit, after the sample (MB)" pss
row "PSS each minute of the soak (MB)" soak
echo "binary: $(du -h "$out/frontdesk-app-after" | cut -f1)"
