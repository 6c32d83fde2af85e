#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with libFuzzer (docs/fuzzing.md).
#
#   scripts/fuzz.sh build                 build the harness (Fuzz/, -sanitize=fuzzer, release)
#   scripts/fuzz.sh run TARGET SECONDS    fuzz TARGET (zip set estr line xbase) on one core, niced,
#                                         from the repo corpus plus the seeds, into a work corpus
#   scripts/fuzz.sh merge TARGET          minimise work corpus + repo corpus into the repo corpus
#
# Crashes, timeouts and out-of-memory inputs land in Fuzz/artifacts/TARGET/; copy each one
# into the repo corpus (Tests/BackupSetTests/FuzzCorpus/TARGET/) once it is fixed, so that
# `swift test` replays it (FuzzCorpusReplayTests).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${RESGATE_FUZZ_BIN:-$ROOT/Fuzz/.build/resgate-fuzz}
CORPUS=$ROOT/Tests/BackupSetTests/FuzzCorpus
WORK=${RESGATE_FUZZ_WORK:-$ROOT/Fuzz/work}
SEEDS=$ROOT/Fuzz/seeds

# swiftc directly, module by module (-O, whole module): XBase and BackupSet instrumented with
# -sanitize=fuzzer, swift-crypto replaced by Fuzz/CryptoShim (no BoringSSL to build).
build() {
    local B=$ROOT/Fuzz/.build
    mkdir -p "$B"
    mod() {  # NAME FLAGS... -- SOURCES...
        local name=$1; shift
        local flags=(); while [[ $1 != -- ]]; do flags+=("$1"); shift; done; shift
        swiftc -O -wmo -parse-as-library -module-name "$name" -I "$B" -I Sources/SystemZlib \
            -emit-module -emit-module-path "$B/$name.swiftmodule" -emit-object -o "$B/$name.o" "${flags[@]}" "$@"
    }
    mod ResgateLocale -- $(find Sources/ResgateLocale -name '*.swift')
    mod Crypto -- Fuzz/CryptoShim/*.swift
    mod XBase -sanitize=fuzzer -- $(find Sources/XBase -name '*.swift')
    mod BackupSet -sanitize=fuzzer -- $(find Sources/BackupSet -name '*.swift')
    swiftc -O -parse-as-library -sanitize=fuzzer -I "$B" -I Sources/SystemZlib Fuzz/Harness.swift \
        "$B"/ResgateLocale.o "$B"/Crypto.o "$B"/XBase.o "$B"/BackupSet.o -lz -o "$BIN"
}

seeds() {
    [ -d "$SEEDS" ] || python3 scripts/fuzz_seeds.py "$SEEDS" "${RESGATE_SHARED_DIR:-../shared}/fixtures"
}

case "${1:-}" in
build) build ;;
run)
    t=$2; secs=$3
    [ -x "$BIN" ] || build
    seeds
    mkdir -p "$WORK/$t" "$ROOT/Fuzz/artifacts/$t" "$CORPUS/$t"
    # the Swift backtracer would catch the trap before libFuzzer saves the input
    SWIFT_BACKTRACE=enable=no RESGATE_FUZZ_TARGET=$t nice -n 19 "$BIN" \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
        -artifact_prefix="$ROOT/Fuzz/artifacts/$t/" \
        "$WORK/$t" "$CORPUS/$t" "$SEEDS/$t"
    ;;
merge)
    t=$2
    tmp=$(mktemp -d)
    # -merge keeps only inputs that add coverage; crash inputs are kept by name
    SWIFT_BACKTRACE=enable=no RESGATE_FUZZ_TARGET=$t nice -n 19 "$BIN" -merge=1 -timeout=10 \
        "$tmp" "$CORPUS/$t" "$WORK/$t" "$SEEDS/$t"
    find "$CORPUS/$t" -type f ! -name 'crash-*' ! -name 'oom-*' ! -name 'timeout-*' -delete
    cp "$tmp"/* "$CORPUS/$t/"
    rm -rf "$tmp"
    ;;
*) sed -n '2,12p' "$0"; exit 2 ;;
esac
