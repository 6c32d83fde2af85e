#!/usr/bin/env bash
# Installs what the tests need beyond Swift: the outside oracles (Python dbfread and dbf,
# Perl XBase for CDX), zlib headers, rclone for the cloud tests, Debian's prometheus (with
# promtool) and prometheus-node-exporter for the chain monitoring test, Chromium +
# Selenium for the browser test. Safe to run again; each step is skipped when already there.
set -euo pipefail
need_apt=()
dpkg -s zlib1g-dev >/dev/null 2>&1 || need_apt+=(zlib1g-dev)
dpkg -s libdbd-xbase-perl >/dev/null 2>&1 || need_apt+=(libdbd-xbase-perl)
dpkg -s unzip >/dev/null 2>&1 || need_apt+=(unzip)
dpkg -s zip >/dev/null 2>&1 || need_apt+=(zip)
# xmllint validates the drafted voiding requests (inutNFe) against the official schema
dpkg -s libxml2-utils >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v rclone >/dev/null 2>&1 || need_apt+=(rclone)
need_prom=()
dpkg -s prometheus >/dev/null 2>&1 || need_prom+=(prometheus)
dpkg -s prometheus-node-exporter >/dev/null 2>&1 || need_prom+=(prometheus-node-exporter)
dpkg -s bc >/dev/null 2>&1 || need_apt+=(bc)
for extra in ${RESGATE_EXTRA_APT:-}; do dpkg -s "$extra" >/dev/null 2>&1 || need_apt+=("$extra"); done
if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_prom[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ${#need_prom[@]} -gt 0 ]; then
  # The prometheus packages ship services: the tests start their own on loopback, so the
  # packages' must not start (and in a container without systemd, must not fail trying).
  # A policy-rc.d that says 101 ("not allowed") is Debian's way; ours only if none is there.
  own_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  status=0
  apt-get install -y -qq --no-install-recommends "${need_prom[@]}" >/dev/null || status=$?
  if [ -n "$own_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ "$status" = 0 ] || exit "$status"
fi
python3 - <<'PY' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check dbfread==2.0.7 dbf==0.99.11
import dbfread, dbf
PY
