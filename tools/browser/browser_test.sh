#!/usr/bin/env bash
# The browser test (CTest label "browser"): draws the README tour's failing run as a
# timeline and an exploration as an HTML report, loads both in headless Chromium and checks
# that the slices of at least one pool event and one driver call, and the report's
# coverage table and saturation plot, are drawn. Screenshots stay in OUTDIR as artefacts.
#   tools/browser/browser_test.sh POOLCHECK_BINARY OUTDIR
# Exits 77 (skip) only when node, Chromium or playwright-core is missing, and 1 then too
# when POOLCHECK_REQUIRE_BROWSER=1 (set by .ci/run: in CI a missing browser is a failure).
set -euo pipefail
pc=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null; then
  if [ "${POOLCHECK_REQUIRE_BROWSER:-}" = 1 ]; then
    echo "FAIL (POOLCHECK_REQUIRE_BROWSER=1): node is not installed (tools/install-deps.sh)"
    exit 1
  fi
  echo "SKIP: node is not installed (tools/install-deps.sh installs it)"
  exit 77
fi
mkdir -p "$out"
rm -rf "$out/report"

set +e
"$pc" explore --scenario issue31480 --pool async-reset --strategy pct --runs 100 --seed 1 \
  --report "$out/report" --no-failure-files > "$out/explore.txt"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected the tour's exploration to fail (exit 1), got $code"; exit 1; }
token=$(sed -n 's/^token: //p' "$out/explore.txt" | head -1)
[ -n "$token" ] || { echo "no token in the exploration's output"; exit 1; }
"$pc" trace "$token" --format html -o "$out/timeline.html" || [ $? -eq 1 ]

node "$here/check_page.mjs" "$out/timeline.html" "$out/timeline.png" \
  'rect.slice[data-cat="pool"]' 'rect.slice[data-cat="driver"]' \
  'rect.slice[data-cat="blocked"]' 'rect.slice[data-cat="FAIL"]' 'line.flow'
node "$here/check_page.mjs" "$out/report/index.html" "$out/report.png" \
  '#summary' '#coverage-events tr.covered' '#coverage-pairs tr' '#invariants tr' \
  '#saturation svg polyline' '#failures .token' '#failures a.trace'
echo "browser checks passed; screenshots: $out/timeline.png $out/report.png"
