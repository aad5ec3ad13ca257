#!/usr/bin/env bash
# Builds poolcheck and runs the default test suite: the CTest labels in default_labels.
# other_labels are run on request (`ctest --test-dir build -L long`). Configuration fails
# if a test uses a label not named on these two lines, or a label here has no test
# (cmake/PoolcheckTests.cmake). JUnit XML lands in build/junit.xml.
set -euo pipefail
cd "$(dirname "$0")/.."
default_labels="unit property scenario explore cli"
# shellcheck disable=SC2034  # read by cmake/PoolcheckTests.cmake
other_labels="long"
tools/build.sh
jobs=${POOLCHECK_JOBS:-$(nproc)}
label_regex="^($(echo "$default_labels" | tr ' ' '|'))\$"
ctest --test-dir build -j"$jobs" --output-on-failure -L "$label_regex" --output-junit junit.xml "$@"
