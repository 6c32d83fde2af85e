#!/usr/bin/env bash
# make-sets.sh RESGATE OUT: builds the three kinds of set the chain tests and the scale
# benchmark copy into store folders:
#   OUT/good.zip   a fresh set written by `resgate backup` (manifest, created now)
#   OUT/stale.zip  an ERP-style set (no manifest) whose members are 3 days old
#   OUT/damaged.zip the fresh set with one table's data changed after the manifest was
#                  written (the manifest's sha256 no longer matches: verify fails)
set -euo pipefail
BIN=$1 OUT=$2
mkdir -p "$OUT"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
"$BIN" demo "$T/demo" --quiet >/dev/null 2>&1 || "$BIN" demo "$T/demo" >/dev/null
rm -rf "$T/demo/backup"/*
"$BIN" backup --data "$T/demo/dados" --to "$T/set" --name good --yes --quiet >/dev/null 2>&1 || true
good=$(ls "$T/set"/*.zip 2>/dev/null | head -1)
[[ -n $good ]] || { echo "make-sets: resgate backup wrote no set" >&2; exit 1; }
cp "$good" "$OUT/good.zip"
mkdir -p "$T/x"; (cd "$T/x" && unzip -q "$OUT/good.zip")
# stale: no manifest, members 3 days old
mkdir -p "$T/stale"; cp -r "$T/x/." "$T/stale/"; rm -f "$T/stale/manifest.json"
find "$T/stale" -type f -exec touch -d '3 days ago' {} +
(cd "$T/stale" && zip -q -X -r "$OUT/stale.zip" .)
# damaged: one data file changed behind the manifest's back
data=$(cd "$T/x" && ls | grep -iv -e manifest -e _estr -e '\.fpt' | head -1)
printf 'X' | dd of="$T/x/$data" bs=1 seek=10 conv=notrunc status=none
(cd "$T/x" && zip -q -X -r "$OUT/damaged.zip" .)
