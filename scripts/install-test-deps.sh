#!/usr/bin/env bash
# Installs what the tests need beyond Swift: the outside oracles (Python dbfread and dbf,
# Perl XBase for CDX), zlib headers, rclone for the cloud tests, Chromium + Selenium for
# the browser test. Safe to run again; each step is skipped when already there.
set -euo pipefail
need_apt=()
dpkg -s zlib1g-dev >/dev/null 2>&1 || need_apt+=(zlib1g-dev)
dpkg -s libdbd-xbase-perl >/dev/null 2>&1 || need_apt+=(libdbd-xbase-perl)
dpkg -s unzip >/dev/null 2>&1 || need_apt+=(unzip)
dpkg -s zip >/dev/null 2>&1 || need_apt+=(zip)
# xmllint validates the drafted voiding requests (inutNFe) against the official schema
dpkg -s libxml2-utils >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v rclone >/dev/null 2>&1 || need_apt+=(rclone)
for extra in ${RESGATE_EXTRA_APT:-}; do dpkg -s "$extra" >/dev/null 2>&1 || need_apt+=("$extra"); done
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
python3 - <<'PY' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check dbfread==2.0.7 dbf==0.99.11
import dbfread, dbf
PY
