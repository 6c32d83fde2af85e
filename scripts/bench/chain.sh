#!/usr/bin/env bash
# Scale of `resgate status --remotes` (issue 19), the `chain` job of scripts/bench.sh:
#
#   scripts/bench/chain.sh RESGATE [COUNTS...]     (default counts: 50 500)
#
# For each count N: N store folders (each with the same small set, 90 KB, 12 tables, plus
# an older one beside it) served by `rclone serve webdav` on 127.0.0.1; then
#   cold  — every store's newest set fetched and verified (empty cache)
#   warm  — the same chain again, nothing new: one listing, verdicts from the cache
# Each line: wall seconds, CPU seconds, peak RSS of resgate (MiB), and wall per store.
# The webdav server is started and stopped here; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$1; shift
COUNTS=("$@"); [[ ${#COUNTS[@]} -gt 0 ]] || COUNTS=(50 500)
JOBS=${RESGATE_BENCH_JOBS:-4}
WORK=$(mktemp -d)
PID=
cleanup() { [[ -n $PID ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT
scripts/chain/make-sets.sh "$BIN" "$WORK/sets"

# one NAME N: times a run over chain N
one() {
    local name=$1 n=$2
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/.time" "$BIN" status --remotes "nuvem:chain$n/*/backup" --jobs "$JOBS" \
        --cache "$WORK/cache$n" --textfile "$WORK/chain$n.prom" --json >"$WORK/out.json" 2>"$WORK/err" || {
        # exit 1 = some store has a problem; none should here
        echo "FAILED: $name"; tail -5 "$WORK/err"; return 1; }
    read -r wall user sys rss <"$WORK/.time"
    local stores; stores=$(grep -c '"store"' "$WORK/out.json")
    printf '%-18s stores=%4d wall=%7.2fs cpu=%7.2fs peak=%6.1fMiB per-store=%6.1fms\n' "$name" "$stores" "$wall" \
        "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $rss / 1024" | bc)" "$(echo "scale=1; $wall * 1000 / $n" | bc)"
}

# every chain is made before the server starts: `rclone serve` keeps a folder listing for
# minutes, so a chain made after the first run would not be seen
mkdir -p "$WORK/served"
for n in "${COUNTS[@]}"; do
    for i in $(seq -w 1 "$n"); do
        d=$WORK/served/chain$n/loja-$i/backup; mkdir -p "$d"
        cp "$WORK/sets/good.zip" "$d/Quinta_07.zip"
        cp "$WORK/sets/stale.zip" "$d/Quarta_19.zip"; touch -d '1 day ago' "$d/Quarta_19.zip"
    done
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/served"
rclone serve webdav "$WORK/served" --addr "127.0.0.1:$port" --log-level ERROR >"$WORK/webdav.log" 2>&1 &
PID=$!
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && break; sleep 0.2; done
export RCLONE_CONFIG=/dev/null RCLONE_CONFIG_NUVEM_TYPE=webdav RCLONE_CONFIG_NUVEM_URL="http://127.0.0.1:$port/" RCLONE_CONFIG_NUVEM_VENDOR=other

for n in "${COUNTS[@]}"; do
    one "chain-$n-cold" "$n"
    one "chain-$n-warm" "$n"
done
