#!/usr/bin/env bash
# The chain's monitoring end to end (issue 19), run by scripts/test.sh:
#   50 store folders served by `rclone serve webdav` on 127.0.0.1 — 45 healthy, 3 stale,
#   1 with a damaged set, 1 unreachable (its rclone calls hang, as on a dead link, and the
#   per-store timeout must end them) — read by `resgate status --remotes`, written as a
#   textfile for Debian's prometheus-node-exporter, scraped every second by Debian's
#   prometheus with deploy/prometheus/resgate-rules.yml loaded. The test asks Prometheus's
#   HTTP API for the metric values and for exactly the expected firing alerts, then runs
#   the chain again and checks nothing was fetched or verified twice.
# Every server is started here on a free loopback port and stopped at exit; every wait is
# bounded. Needs: rclone, prometheus, prometheus-node-exporter, zip, unzip, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${RESGATE_BIN:-$(swift build --show-bin-path)/resgate}
for tool in rclone prometheus prometheus-node-exporter zip unzip python3; do
    command -v "$tool" >/dev/null || { echo "chain test: $tool is missing (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
done
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "chain test FAILED: $*" >&2; for f in "$WORK"/*.log; do [[ -f $f ]] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# wait_port PORT SECONDS
wait_port() {
    local deadline=$((SECONDS + $2))
    until python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "nothing listens on 127.0.0.1:$1 after $2 s"
        sleep 0.2
    done
}

echo "# chain test: building sets"
scripts/chain/make-sets.sh "$BIN" "$WORK/sets"
SERVED=$WORK/served
for i in $(seq -w 1 50); do
    dir=$SERVED/lojas/loja-0$i/backup; mkdir -p "$dir"
    case $i in
        46|47|48) cp "$WORK/sets/stale.zip" "$dir/Segunda_07.zip"; touch -d '3 days ago' "$dir/Segunda_07.zip" ;;
        49) cp "$WORK/sets/damaged.zip" "$dir/Quinta_07.zip" ;;
        *) cp "$WORK/sets/good.zip" "$dir/Quinta_07.zip"
           # an older set beside it: the newest must be the one read
           cp "$WORK/sets/stale.zip" "$dir/Quarta_19.zip"; touch -d '1 day ago' "$dir/Quarta_19.zip" ;;
    esac
done

echo "# chain test: starting rclone serve webdav, node_exporter, prometheus"
DAV=$(free_port)
rclone serve webdav "$SERVED" --addr "127.0.0.1:$DAV" --log-level ERROR >"$WORK/webdav.log" 2>&1 &
PIDS+=($!)
wait_port "$DAV" 20
TEXTFILES=$WORK/textfile; mkdir -p "$TEXTFILES"
NODE=$(free_port)
prometheus-node-exporter --web.listen-address="127.0.0.1:$NODE" --collector.disable-defaults \
    --collector.textfile --collector.textfile.directory="$TEXTFILES" >"$WORK/node.log" 2>&1 &
PIDS+=($!)
PROM=$(free_port)
cat >"$WORK/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $ROOT/deploy/prometheus/resgate-rules.yml
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$NODE']
YML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM" >"$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
wait_port "$NODE" 20
wait_port "$PROM" 30

# loja-050's link is dead: every rclone call for it hangs until the per-store timeout
REAL_RCLONE=$(command -v rclone)
cat >"$WORK/rclone" <<SH
#!/usr/bin/env bash
for a in "\$@"; do case "\$a" in *loja-050*) exec sleep 120 ;; esac; done
exec "$REAL_RCLONE" "\$@"
SH
chmod +x "$WORK/rclone"
export RESGATE_RCLONE=$WORK/rclone RCLONE_CONFIG_NUVEM_TYPE=webdav RCLONE_CONFIG_NUVEM_URL="http://127.0.0.1:$DAV/" \
    RCLONE_CONFIG_NUVEM_VENDOR=other RCLONE_CONFIG=/dev/null

echo "# chain test: resgate status --remotes (first run)"
set +e
"$BIN" status --remotes 'nuvem:lojas/*/backup' --jobs 4 --timeout 8 --cache "$WORK/cache" \
    --textfile "$TEXTFILES/resgate.prom" --json >"$WORK/run1.json" 2>"$WORK/run1.log"
rc=$?
set -e
[[ $rc == 1 ]] || fail "first run exited $rc, expected 1 (stores with problems)"
python3 - "$WORK/run1.json" <<'PY' || fail "first run's JSON"
import json, sys
stores = {s["store"]: s for s in json.load(open(sys.argv[1]))["stores"]}
assert len(stores) == 50, len(stores)
assert stores["loja-050"]["up"] is False and stores["loja-050"]["failure"]["kind"] == "timeout", stores["loja-050"]
assert stores["loja-049"]["newest"]["verified"] is False and stores["loja-049"]["damagedTables"] == 1, stores["loja-049"]
assert stores["loja-001"]["newest"]["name"] == "Quinta_07" and stores["loja-001"]["newest"]["verified"] is True
assert stores["loja-001"]["newest"]["fetched"] is True and stores["loja-001"]["sets"] == 2
assert all(s["newest"]["fetched"] for n, s in stores.items() if n != "loja-050")
PY
[[ -z $(find "$TEXTFILES" -name '.*') ]] || fail "a temporary file was left beside the textfile"

echo "# chain test: waiting for Prometheus to scrape and evaluate"
EXPECTED="ResgateBackupAtrasado loja-046
ResgateBackupAtrasado loja-047
ResgateBackupAtrasado loja-048
ResgateBackupNaoConfere loja-049
ResgateLojaForaDoAr loja-050
ResgateTabelaDanificada loja-049"
deadline=$((SECONDS + 60))
while :; do
    got=$(python3 scripts/chain/prom_query.py "http://127.0.0.1:$PROM" --alerts 2>/dev/null || true)
    [[ $got == "$EXPECTED" ]] && break
    ((SECONDS < deadline)) || fail "firing alerts after 60 s:
$got
expected:
$EXPECTED"
    sleep 1
done
q() { python3 scripts/chain/prom_query.py "http://127.0.0.1:$PROM" "$1"; }
[[ $(q 'count(resgate_store_up)') == '{} 50' ]] || fail "count(resgate_store_up) = $(q 'count(resgate_store_up)')"
[[ $(q 'sum(resgate_store_up)') == '{} 49' ]] || fail "sum(resgate_store_up) = $(q 'sum(resgate_store_up)')"
[[ $(q 'resgate_store_up{store="loja-050"}') == '{"__name__": "resgate_store_up", "store": "loja-050"} 0' ]] || fail "loja-050 up"
[[ $(q 'resgate_store_failure_info') == '{"__name__": "resgate_store_failure_info", "reason": "timeout", "store": "loja-050"} 1' ]] || fail "failure info: $(q resgate_store_failure_info)"
[[ $(q 'resgate_newest_set_verified{store="loja-049"}') == *' 0' ]] || fail "loja-049 verified"
[[ $(q 'sum(resgate_newest_set_verified)') == '{} 48' ]] || fail "sum verified = $(q 'sum(resgate_newest_set_verified)')"
[[ $(q 'count(time() - resgate_newest_set_timestamp_seconds > 2 * 86400)') == '{} 3' ]] || fail "stale count"
[[ $(q 'resgate_status_stores') == '{"__name__": "resgate_status_stores"} 50' ]] || fail "resgate_status_stores = $(q resgate_status_stores)"
[[ $(q 'count(resgate_newest_set_info{set="Quinta_07"})') == '{} 46' ]] || fail "newest set names"
# the dashboard's queries all run on these metrics
python3 scripts/chain/prom_query.py "http://127.0.0.1:$PROM" --dashboard deploy/grafana/resgate.json || fail "dashboard queries"
[[ $(q '(time() - resgate_last_good_set_timestamp_seconds) < 3600') == *loja-001* ]] || fail "last good set"

echo "# chain test: second run, nothing new"
start=$(date +%s.%N)
set +e
"$BIN" status --remotes 'nuvem:lojas/*/backup' --jobs 4 --timeout 8 --cache "$WORK/cache" \
    --textfile "$TEXTFILES/resgate.prom" --json >"$WORK/run2.json" 2>"$WORK/run2.log"
rc=$?
set -e
[[ $rc == 1 ]] || fail "second run exited $rc"
echo "# second run: $(echo "$(date +%s.%N) - $start" | bc) s"
python3 - "$WORK/run2.json" <<'PY' || fail "second run's JSON"
import json, sys
stores = [s for s in json.load(open(sys.argv[1]))["stores"] if s["up"]]
assert len(stores) == 49
assert not any(s["newest"]["fetched"] for s in stores), "a set was fetched again"
assert all(s["newest"]["verifiedFromCache"] for s in stores), "a set was verified again"
PY
echo "chain test: ok (50 stores, alerts exactly as expected, second run from cache)"
