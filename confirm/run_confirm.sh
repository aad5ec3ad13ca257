#!/usr/bin/env bash
# Builds one Go program of confirm/ with Debian's Go 1.19 and runs it; used by the CTest
# tests of label "realgo" (confirm/CMakeLists.txt). Usage:
#   run_confirm.sh GO WORK_DIR PROGRAM [program flags...]
# GO is the go binary ("" or missing: the test is skipped, exit 77); WORK_DIR holds GOPATH,
# GOCACHE and the built binary. The build uses only the standard library: no module
# downloads (GOPROXY=off), no toolchain switch (GOTOOLCHAIN=local).
set -euo pipefail
go_bin=${1:-}
work_dir=${2:?usage: run_confirm.sh GO WORK_DIR PROGRAM [flags...]}
program=${3:?usage: run_confirm.sh GO WORK_DIR PROGRAM [flags...]}
shift 3
if [ -z "$go_bin" ] || [ ! -x "$go_bin" ]; then
  echo "SKIPPED: Go 1.19 not found (want /usr/lib/go-1.19/bin/go; tools/install-deps.sh installs golang-1.19-go)"
  exit 77
fi
version=$("$go_bin" env GOVERSION)
case "$version" in
  go1.19*) ;;
  *) echo "run_confirm: $go_bin is $version, not Go 1.19" >&2; exit 2 ;;
esac
mkdir -p "$work_dir"
export GOTOOLCHAIN=local GO111MODULE=on GOFLAGS= GOPROXY=off CGO_ENABLED=0
export GOPATH="$work_dir/gopath" GOCACHE="$work_dir/gocache"
cd "$(dirname "$0")"
"$go_bin" build -o "$work_dir/$program" "./$program"
exec "$work_dir/$program" "$@"
