#!/usr/bin/env bash
# Checks that every confirm/ program the known-bug table (properties/known_bugs.cc) names
# as confirming a bug on real Go exists and is run by a CTest test of label "realgo"
# (confirm/CMakeLists.txt), so `poolcheck list` never cites a program that is not run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
programs=$(grep -o '"confirm/[a-z0-9_]* (Go [0-9.]*)"' "$root/properties/known_bugs.cc" |
           sed 's|"confirm/\([a-z0-9_]*\) .*|\1|' | sort -u)
if [ -z "$programs" ]; then
  echo "check_table: properties/known_bugs.cc names no confirm/ program" >&2
  exit 1
fi
for p in $programs; do
  [ -f "$root/confirm/$p/main.go" ] || { echo "check_table: confirm/$p/main.go missing" >&2; exit 1; }
  grep -q "NAME realgo_$p\$" "$root/confirm/CMakeLists.txt" ||
    { echo "check_table: no CTest test realgo_$p in confirm/CMakeLists.txt" >&2; exit 1; }
  echo "ok: confirm/$p"
done
