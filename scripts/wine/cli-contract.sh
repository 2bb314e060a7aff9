#!/usr/bin/env bash
# Why this file exists: docs/CLI.md is a contract for scripts, and it must hold the same on
# Windows as on Linux. This runs one fixed scenario (import, members, check-in --json with each
# exit status, outbox --json, report to CSV/XLSX/HTML, sync --once against frontdesk-central on
# loopback, outbox again) with one build of the CLI and writes a transcript: every command's
# stdout and exit status, and the CSV report's bytes as hex. scripts/test-windows.sh runs it
# with the Linux binaries and with the Windows ones under Wine and requires the two transcripts
# to be identical. The data folder and the report's folder have spaces and accents in their
# names ("José Peña"), as a Windows user folder may; the gym's names have accents too.
#
# Usage: scripts/wine/cli-contract.sh linux|windows BIN_DIR TRANSCRIPT
#   linux:   BIN_DIR holds frontdesk and frontdesk-central
#   windows: BIN_DIR holds frontdesk.exe and frontdesk-central.exe, run with wine (WINEPREFIX
#            set up by scripts/test-windows.sh); paths are handed over as Windows paths (Z:\...)
set -euo pipefail
kind=$1 bin_dir=$2 transcript=$3
work=$(mktemp -d)
central_pid=""
cleanup() {
  if [ -n "$central_pid" ]; then kill "$central_pid" 2>/dev/null || true; wait "$central_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

case "$kind" in
  linux)
    fd() { "$bin_dir/frontdesk" "$@"; }
    central=("$bin_dir/frontdesk-central")
    native() { printf '%s' "$1"; }
    ;;
  windows)
    fd() { wine "$bin_dir/frontdesk.exe" "$@"; }
    # wine becomes the Windows process itself (same pid), so killing $! ends the server.
    central=(wine "$bin_dir/frontdesk-central.exe")
    native() { winepath -w "$1" 2>/dev/null; }
    ;;
  *) echo "usage: $0 linux|windows BIN_DIR TRANSCRIPT" >&2; exit 2 ;;
esac

home="$work/Users/José Peña"
data="$home/AppData/Roaming/Front Desk data"
reports="$home/Mis informes"
mkdir -p "$data" "$reports"
export FRONTDESK_DATA_DIR
FRONTDESK_DATA_DIR=$(native "$data")
export FRONTDESK_TOKEN=contract-token
unset FRONTDESK_API_URL FRONTDESK_GYM_ID FRONTDESK_LANG FRONTDESK_LOG
# Wine hands the Unix environment to the Windows programs as it is.

cat >"$work/snap.json" <<'EOF'
{"gym": {"id": 7, "name": "Gimnasio Peña", "timezone": "America/Mexico_City"},
 "members": [
  {"id": 123, "email": "jose@example.com", "first_name": "José", "last_name": "Peña", "picture": null,
   "is_active": true, "gym_role": "MEMBER", "qr_code": "U123_ab12cd34",
   "membership": {"is_active": true, "membership_type": "paid", "expires_at": "2027-01-01T00:00:00Z"}},
  {"id": 124, "email": "ines@example.com", "first_name": "Inés", "last_name": "Núñez", "picture": null,
   "is_active": true, "gym_role": "MEMBER", "qr_code": "U124_cd34ef56", "membership": null}],
 "sessions": [{"session": {"id": 10, "class_id": 3, "trainer_id": 7, "gym_id": 7,
   "start_time": "2026-11-28T15:00:00Z", "end_time": "2026-11-28T16:00:00Z", "room": "Salón Á",
   "status": "scheduled", "current_participants": 1, "override_capacity": null},
   "class_info": {"id": 3, "name": "Yoga básico", "duration": 60, "max_capacity": 20}}],
 "participations": [{"id": 5, "session_id": 10, "member_id": 124, "gym_id": 7, "status": "registered",
   "registration_time": "2026-11-27T10:00:00Z", "attendance_time": null}]}
EOF
snap=$(native "$work/snap.json")

# One step: the command line (as written here, so the same on both systems), its stdout with
# the volatile parts replaced (random event ids, the moment of the run, the data folder's
# spelling on each system), and its exit status. stderr is for people and is not compared; it
# goes to TRANSCRIPT.stderr, step by step, which scripts/test-windows.sh shows when the two
# transcripts differ (so a difference says why).
today=$(date -u +%F)
step() {
  local label=$1; shift
  local out status=0
  out=$("$@" 2>"$work/stderr") || status=$?
  { echo "\$ $label (exit $status)"; cat "$work/stderr"; } >>"$transcript.stderr"
  out=${out//"$FRONTDESK_DATA_DIR"/<data>}
  {
    echo "\$ $label"
    sed -E -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g' \
      -e "s/${today}T[0-9:.]+Z/<now>/g" -e 's|<data>[\\/]|<data>/|g' <<<"$out"
    echo "exit $status"
  } >>"$transcript"
}
: >"$transcript"
: >"$transcript.stderr"

step "import --json" fd import "$snap" --json
step "members pena --json" fd members pena --json
step "check-in U123 --json (in the window)" fd check-in U123_ab12cd34 --at 2026-11-28T15:05:00Z --json
step "check-in U123 --json (again)" fd check-in U123_ab12cd34 --at 2026-11-28T15:06:00Z --json
step "check-in forged --json" fd check-in U124_forged --at 2026-11-28T15:07:00Z --json
step "check-in U124 --json" fd check-in U124_cd34ef56 --at 2026-11-28T15:08:00Z --json
step "check-in (no code)" fd check-in
step "outbox --json" fd outbox --json

# Reports: the CSV must be byte for byte the same (UTF-8 BOM, CRLF line ends, accents).
csv="$reports/asistencia 2026-11-28.csv"
step "report csv --out" fd report --date 2026-11-28 --format csv --out "$(native "$csv")"
# The "generated at" line holds the moment of the run; every other byte must match.
{ echo "csv bytes:"; sed -E 's/^(Generado|Generated),[0-9: -]+/\1,<now>/' "$csv" | od -An -tx1 -v | tr -s ' \n' ' '; echo; } >>"$transcript"
step "report xlsx --out" fd report --date 2026-11-28 --format xlsx --out "$(native "$reports/asistencia.xlsx")"
head -c 2 "$reports/asistencia.xlsx" | od -An -c | tr -s ' ' >>"$transcript" # a zip: "P K"
step "report html --out" fd report --date 2026-11-28 --format html --out "$(native "$reports/día.html")"
grep -c "José" "$reports/día.html" >>"$transcript"

# Sync against the reference server on loopback (a free port picked here).
port=$((20000 + RANDOM % 20000))
# The scenario's day is in the past by the server's clock: the registered member's check-in is
# sent, the walk-in's is parked (GymAPI's window has closed); exit 1, as docs/CLI.md says.
"${central[@]}" serve --snapshot "$snap" --addr "127.0.0.1:$port" --token contract-token >"$work/central.log" 2>&1 &
central_pid=$!
for _ in $(seq 1 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$central_pid" 2>/dev/null || { cat "$work/central.log" >&2; echo "frontdesk-central exited" >&2; exit 1; }
  sleep 0.1
done
step "sync --once" fd sync --once --api-url "http://127.0.0.1:$port/api/v1" --gym-id 7
step "outbox --json (after sync)" fd outbox --json
step "doctor" fd doctor
