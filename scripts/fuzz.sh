#!/usr/bin/env bash
# Runs the cargo-fuzz targets of tests/fuzz (libFuzzer) on the stable
# toolchain: a short smoke over the committed corpus for CI, a long run of N
# executions per target, and corpus minimisation.
#
#   scripts/fuzz.sh smoke [SECONDS]    each target SECONDS (default 25) over the
#                                      committed corpus; fails on any crash
#   scripts/fuzz.sh long [N] [TARGET]  each target (or one) for N executions
#                                      (default 10000000); prints execs, exec/s,
#                                      time and peak RSS; new inputs go to
#                                      tests/fuzz/target/long-corpus/<target>
#   scripts/fuzz.sh cmin [TARGET]      adds to the committed corpus the small
#                                      long-run inputs that add coverage
#                                      (set-cover merge, as cargo fuzz cmin)
#
# Environment:
#   FUZZ_SANITIZER  none (default) or address. `none` because the targets are
#                   safe Rust over safe-Rust dependencies (plus SQLite's C, which
#                   cargo fuzz would not instrument anyway), the uninstrumented
#                   build is several minutes shorter on the 2 shared cores, and
#                   executions are 2-3x faster, which the 10^7 runs need. One
#                   oversized allocation is still a crash: the targets link
#                   frontdesk_fuzz::CappedAlloc (256 MiB), and -rss_limit_mb
#                   catches growth. `address` adds -malloc_limit_mb through ASan.
#   FUZZ_MAX_TIME   long mode: also stop each target after this many seconds.
#
# At most one fuzzing process at a time (no -jobs/-workers): the cores are shared.
set -euo pipefail

cd "$(dirname "$0")/.."
FUZZ_DIR=tests/fuzz
TARGETS=(member_code snapshot_import api_responses image_decode)
SANITIZER=${FUZZ_SANITIZER:-none}
RSS_LIMIT_MB=2048
MALLOC_LIMIT_MB=256
LOG_DIR=$FUZZ_DIR/target/logs

# cargo fuzz passes nightly-only flags (-Z, sanitizer and coverage options);
# RUSTC_BOOTSTRAP lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

max_len() {
    case $1 in
        member_code) echo 1024 ;;
        image_decode) echo 65536 ;;
        *) echo 32768 ;;
    esac
}

# Largest long-run input `cmin` considers for the committed corpus.
keep_max() {
    echo 1024 # one limit for all targets: keeps the committed corpus near 1 MB
}

# Builds every target once (release, debug assertions on, so integer
# overflow panics), then runs one.
build() {
    cargo fuzz build --fuzz-dir "$FUZZ_DIR" --sanitizer "$SANITIZER" --debug-assertions -O
}

run() { # target, corpus dirs..., then -- libFuzzer flags
    local t=$1
    shift
    cargo fuzz run --fuzz-dir "$FUZZ_DIR" --sanitizer "$SANITIZER" --debug-assertions -O "$t" "$@"
}

# The built target itself. `long` runs it directly rather than through
# `cargo fuzz run`: Linux keeps the peak RSS across exec, so under cargo
# libFuzzer's peak_rss_mb would report cargo's own ~86 MB instead of the target's.
binary() {
    echo "$FUZZ_DIR/target/$(rustc -vV | sed -n 's/^host: //p')/release/$1"
}

common_flags() {
    echo "-max_len=$(max_len "$1") -rss_limit_mb=$RSS_LIMIT_MB -malloc_limit_mb=$MALLOC_LIMIT_MB -timeout=10 -print_final_stats=1"
}

# "execs exec/s peak_rss_mb" from libFuzzer's final stats in a log.
stats_of() {
    awk '/stat::number_of_executed_units/ {n=$2} /stat::average_exec_per_sec/ {r=$2} /stat::peak_rss_mb/ {m=$2}
         END {print n+0, r+0, m+0}' "$1"
}

corpus_size() {
    local files bytes
    files=$(find "$1" -type f | wc -l)
    bytes=$(find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    echo "$files files, $bytes bytes"
}

mode=${1:-smoke}
case $mode in
    smoke)
        secs=${2:-25}
        mkdir -p "$LOG_DIR"
        build
        for t in "${TARGETS[@]}"; do
            # New inputs go to a scratch dir: the committed corpus is only read.
            scratch=$(mktemp -d)
            log=$LOG_DIR/smoke-$t.log
            echo "fuzz smoke: $t for ${secs}s (sanitizer $SANITIZER)"
            # shellcheck disable=SC2046
            if ! run "$t" "$scratch" "$FUZZ_DIR/corpus/$t" -- $(common_flags "$t") -max_total_time="$secs" >"$log" 2>&1; then
                tail -n 60 "$log" >&2
                rm -rf "$scratch"
                echo "fuzz smoke: $t FAILED (log: $log, input in $FUZZ_DIR/artifacts/$t/)" >&2
                exit 1
            fi
            rm -rf "$scratch"
            read -r n r m < <(stats_of "$log")
            echo "fuzz smoke: $t ok: $n execs, $r exec/s, peak RSS $m MB"
        done
        ;;
    long)
        n=${2:-10000000}
        targets=("${TARGETS[@]}")
        [[ -n ${3:-} ]] && targets=("$3")
        mkdir -p "$LOG_DIR"
        build
        extra=()
        [[ -n ${FUZZ_MAX_TIME:-} ]] && extra=(-max_total_time="$FUZZ_MAX_TIME")
        for t in "${targets[@]}"; do
            out=$FUZZ_DIR/target/long-corpus/$t
            mkdir -p "$out"
            log=$LOG_DIR/long-$t.log
            echo "fuzz long: $t, $n executions (sanitizer $SANITIZER), log $log"
            start=$(date +%s)
            mkdir -p "$FUZZ_DIR/artifacts/$t"
            # shellcheck disable=SC2046
            if ! "$(binary "$t")" -artifact_prefix="$FUZZ_DIR/artifacts/$t/" "$out" "$FUZZ_DIR/corpus/$t" \
                $(common_flags "$t") -runs="$n" "${extra[@]}" >"$log" 2>&1; then
                tail -n 60 "$log" >&2
                echo "fuzz long: $t FAILED (log: $log, input in $FUZZ_DIR/artifacts/$t/)" >&2
                exit 1
            fi
            secs=$(($(date +%s) - start))
            read -r execs rate rss < <(stats_of "$log")
            echo "fuzz long: $t: $execs execs in ${secs}s, $rate exec/s, peak RSS $rss MB," \
                "new inputs: $(corpus_size "$out"), committed corpus: $(corpus_size "$FUZZ_DIR/corpus/$t")"
        done
        ;;
    cmin)
        # Adds to the committed corpus the long-run inputs that bring coverage
        # it lacks: libFuzzer's set-cover merge (the minimisation `cargo fuzz
        # cmin` runs, but into the committed folder, so the named seeds stay),
        # over the inputs below keep_max bytes, so the corpus stays small.
        targets=("${TARGETS[@]}")
        [[ -n ${2:-} ]] && targets=("$2")
        mkdir -p "$LOG_DIR"
        build
        for t in "${targets[@]}"; do
            new=$FUZZ_DIR/target/long-corpus/$t
            [[ -d $new ]] || continue
            small=$(mktemp -d)
            find "$new" -type f -size -"$(keep_max "$t")"c -exec cp {} "$small"/ \;
            run "$t" "$FUZZ_DIR/corpus/$t" "$small" -- -set_cover_merge=1 -max_len="$(max_len "$t")" \
                -rss_limit_mb=$RSS_LIMIT_MB -timeout=10 >"$LOG_DIR/cmin-$t.log" 2>&1
            rm -rf "$small"
            echo "fuzz cmin: $t: $(corpus_size "$FUZZ_DIR/corpus/$t")"
        done
        ;;
    *)
        echo "usage: scripts/fuzz.sh smoke [SECONDS] | long [N] [TARGET] | cmin [TARGET]" >&2
        exit 2
        ;;
esac
