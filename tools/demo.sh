#!/usr/bin/env bash
# The #31480 demonstration on a fresh Debian 12 machine: install the dependencies, build,
# then explore the reporter's workload on both pool versions. The pre-fix pool
# (async-reset) must fail with a report and a replay token; the fixed pool (sync-reset)
# must be clean. Exits 0 when both happen as expected.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
pc=build/cli/poolcheck
runs_fixed=${POOLCHECK_DEMO_RUNS_FIXED:-1000}

echo
echo "== 1. the pre-fix pool, async-reset (Go 0eeec4f25dc6): 500 clients, maxOpen 128, resetterCh capacity 50"
set +e
"$pc" explore --scenario issue31480 --pool async-reset --strategy pct --runs 100 --seed 1
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "demo: expected the pre-fix pool to fail (exit 1), got exit $status" >&2
  exit 1
fi

echo
echo "== 2. the fixed pool, sync-reset (Go 971f8a2), same workload, $runs_fixed runs"
"$pc" explore --scenario issue31480 --pool sync-reset --strategy pct --runs "$runs_fixed" --seed 1
echo
echo "demo: async-reset fails as in golang/go#31480; sync-reset is clean."
