#!/usr/bin/env bash
# The differential test (issue 11 §2), run by CTest test realgo_differential: writes the
# cases with the C++ tool differential_cases (generated workloads and catalog scenarios,
# each run on the C++ pool POOL with clients one after another), then runs them through
# real Go 1.19's database/sql with confirm/differential/ and compares call logs, op
# errors and Stats(). Usage:
#   run_differential.sh GO WORK_DIR CASES_TOOL POOL SINGLE IN_TURN SEED [EXPECT]
# EXPECT "identical" (default): every case must be identical; "differs": at least one
# case must differ (a pool version known to differ from Go 1.19 shows that the comparison
# can fail).
# Without Go 1.19 the test is skipped (exit 77), except under CI=true, where a missing Go
# is a failure (tools/install-deps.sh installs it). Mismatching cases are also written to
# WORK_DIR/differential_mismatches_POOL_EXPECT.jsonl, to rerun with
#   run_confirm.sh GO WORK_DIR differential -cases THAT_FILE
set -euo pipefail
go_bin=${1:-}
work_dir=${2:?usage: run_differential.sh GO WORK_DIR CASES_TOOL POOL SINGLE IN_TURN SEED}
cases_tool=${3:?missing CASES_TOOL}
pool=${4:?missing POOL}
single=${5:?missing SINGLE}
in_turn=${6:?missing IN_TURN}
seed=${7:?missing SEED}
expect=${8:-identical}
case "$expect" in
  identical) expect_flags=() ;;
  differs) expect_flags=(-want-mismatch) ;;
  *) echo "run_differential: EXPECT must be identical or differs, not '$expect'" >&2; exit 2 ;;
esac
if { [ -z "$go_bin" ] || [ ! -x "$go_bin" ]; } && [ "${CI:-}" = "true" ]; then
  echo "run_differential: Go 1.19 not found under CI=true (tools/install-deps.sh installs golang-1.19-go)" >&2
  exit 1
fi
mkdir -p "$work_dir"
cases="$work_dir/differential_cases_${pool}_${expect}.jsonl"
mismatches="$work_dir/differential_mismatches_${pool}_${expect}.jsonl"
rm -f "$cases" "$mismatches"
"$cases_tool" "$pool" "$single" "$in_turn" "$seed" "$cases"
# Every generated case, the in-turn ones and at least one scenario must be compared.
min=$((single + in_turn + 1))
exec bash "$(dirname "$0")/run_confirm.sh" "$go_bin" "$work_dir" differential \
  -cases "$cases" -min "$min" -mismatches "$mismatches" "${expect_flags[@]}"
