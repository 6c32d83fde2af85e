#!/usr/bin/env bash
# The restore screen in a real browser: installs Debian's chromium + chromium-driver and
# Selenium (skipped when present), builds `resgate`, makes the demo store, serves it with
# `resgate ui` and walks the technician's path headless (Tests/browser/test_ui.py).
# Saves the main screen to docs/ui-screenshot.png (override with RESGATE_SCREENSHOT) and the
# backup chooser browsing a folder to ui-chooser-browse.png and the preview read of 600,000
# records (percent, time left) to ui-preview-progress.png beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check selenium

swift build --product resgate >/dev/null 2>&1 || swift build --product resgate
bin="$(swift build --show-bin-path 2>/dev/null)/resgate"

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # `serve` runs in a command substitution (a subshell), so its pids never reach `pids`:
  # stop every server started on this run's folders by its command line
  pkill -f -- "ui --data $work/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo "$work/demo" --lang pt --quiet >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
# The demo ends with VENDAS restored; damage it again as the screen's path expects (the
# same bytes as StoreOps' DemoStore.corruptSales: a bad date in a record, header count 60).
python3 - "$work/demo/dados/VENDAS.DBF" <<'PY'
import struct, sys
with open(sys.argv[1], "r+b") as f:
    h = f.read(12)
    header_len, record_len = struct.unpack("<HH", h[8:12])
    f.seek(header_len + record_len * 44 + 16); f.write(bytes([0x00, 0xFF, 0x7F, 0x13, 0x00, 0xFF, 0x41, 0x42]))
    f.seek(4); f.write(bytes([60, 0, 0, 0]))
PY

# Starts `resgate ui` on a data folder and prints its URL once it listens.
serve() {
  local data="$1" backups="$2" log="$3"; shift 3
  "$bin" ui --data "$data" --backups "$backups" --port 0 --lang pt "$@" >"$log" 2>"$log.err" &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q '^http://' "$log" 2>/dev/null; then grep -m1 '^http://' "$log"; return 0; fi
    sleep 0.1
  done
  echo "resgate ui did not start:" >&2; cat "$log.err" >&2; return 1
}
url="$(serve "$work/demo/dados" "$work/demo/backup" "$work/ui.log" --xml "$work/demo/xml")"

# A second store: 300 tables with 40-character names, for the layout check.
mkdir -p "$work/wide/dados" "$work/wide/backup"
src="$(ls "$work/demo/dados"/*.DBF | head -1)"
for i in $(seq -w 1 300); do
  cp "$src" "$work/wide/dados/TABELA_DE_MOVIMENTO_COM_NOME_LONGO_${i}XY.DBF"
done
wide="$(serve "$work/wide/dados" "$work/wide/backup" "$work/wide.log")"

# A third store: VENDAS with 600,000 records and its backup, for the progress of the
# preview read (percent and time left while the backup is read before the confirmation).
mkdir -p "$work/big/dados" "$work/big/backup"
python3 - "$work/big/dados/VENDAS.DBF" 600000 <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
fields = [(b"NUMERO", b"N", 9, 0), (b"CLIENTE", b"C", 20, 0), (b"TOTAL", b"N", 10, 2)]
record_len = 1 + sum(f[2] for f in fields)
header_len = 32 + 32 * len(fields) + 1
with open(path, "wb") as f:
    f.write(struct.pack("<B3BIHH17xB2x", 0x03, 126, 12, 5, n, header_len, record_len, 0x03))
    for name, kind, length, dec in fields:
        f.write(struct.pack("<11sc4xBB14x", name, kind, length, dec))
    f.write(b"\r")
    chunk = []
    for i in range(1, n + 1):
        chunk.append(b" %9d%-20s%10.2f" % (i, b"CLIENTE %d" % (i % 997), i % 10000 / 7))
        if len(chunk) == 50000:
            f.write(b"".join(chunk)); chunk = []
    f.write(b"".join(chunk) + b"\x1a")
PY
"$bin" backup --data "$work/big/dados" --to "$work/big/backup" --name Quinta_07 --yes --quiet
big="$(serve "$work/big/dados" "$work/big/backup" "$work/big.log")"

python3 Tests/browser/test_ui.py "$url" "$work/demo/dados" "${RESGATE_SCREENSHOT:-docs/ui-screenshot.png}" "$wide" "$big"
