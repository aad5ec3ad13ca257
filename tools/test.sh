#!/usr/bin/env bash
# Builds poolcheck and runs the default test suite: every CTest label except "long"
# (unit, property, scenario, regression, cli, realgo). JUnit XML lands in build/junit.xml.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
jobs=${POOLCHECK_JOBS:-$(nproc)}
ctest --test-dir build -j"$jobs" --output-on-failure -LE long --output-junit junit.xml "$@"
