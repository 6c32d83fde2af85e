#!/usr/bin/env bash
# The project's test command (README "Run the tests"; .ci/run runs exactly this):
# installs the test oracles, then runs every Swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
swift build --build-tests
# The whole suite takes 2-4 minutes on 2 cores. Seen twice in ~10 runs here (2026-12-04):
# the test process stalls with every test awaiting and no Swift-concurrency worker thread
# left (gdb: only NIO and Foundation threads, all idle) — not understood yet, tracked in
# the issue notes. A stalled run is stopped after 8 minutes and the whole suite runs once
# more; every test must pass in that run. A failing (not stalled) run is not re-run.
set +e
timeout --kill-after=10 480 swift test --skip-build "$@"
rc=$?
set -e
if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    echo "swift test stalled for 8 minutes: stopped; running the whole suite once more"
    timeout --kill-after=10 480 swift test --skip-build "$@"
elif [[ $rc -ne 0 ]]; then
    exit $rc
fi
# the chain's monitoring end to end: alert rules' unit tests, then rclone webdav +
# node_exporter + prometheus on loopback (about a minute)
promtool check rules deploy/prometheus/resgate-rules.yml
(cd deploy/prometheus && promtool test rules resgate-rules.test.yml)
scripts/chain-integration-test.sh
# the restore screen in a real browser (RESGATE_SKIP_BROWSER=1 skips it)
if [ "${RESGATE_SKIP_BROWSER:-0}" != 1 ]; then scripts/browser-test.sh; fi
# the fuzz harness still builds (about 1.5 minutes): its corpus is replayed by swift test,
# the fuzzing itself is run by hand (docs/fuzzing.md). RESGATE_SKIP_FUZZ_BUILD=1 skips it.
if [ "${RESGATE_SKIP_FUZZ_BUILD:-0}" != 1 ]; then scripts/fuzz.sh build; fi
# the quick benchmark (100,000 records, 5 runs per job): figures in every CI log, never a
# pass/fail on speed (RESGATE_SKIP_BENCH=1 skips it)
# (a failing benchmark is reported loudly but is not a failed test run)
# It needs a release build (about 10 minutes on 2 idle cores), so it runs only when the
# run so far left room in CI's 30 minutes; otherwise it says it was skipped.
if [ "${RESGATE_SKIP_BENCH:-0}" != 1 ]; then
  if (( SECONDS > 14 * 60 )); then
    echo "benchmark skipped: the tests took $((SECONDS / 60)) minutes; a release build would not fit in 30 (run scripts/bench.sh quick by hand)"
  else
    scripts/bench.sh quick || echo "BENCHMARK FAILED: scripts/bench.sh quick exited $? (see above)"
  fi
fi
