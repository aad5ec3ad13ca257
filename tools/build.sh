#!/usr/bin/env bash
# Configures and builds poolcheck into ./build (Release). Used by the demo and test scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
build_type=${POOLCHECK_BUILD_TYPE:-Release}
jobs=${POOLCHECK_JOBS:-$(nproc)}
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j"$jobs"
