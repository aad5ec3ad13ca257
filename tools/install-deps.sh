#!/usr/bin/env bash
# Installs the Debian 12 packages poolcheck builds against. Idempotent; uses sudo when not root.
# golang-1.19-go/-src: real Go 1.19 for the confirm/ programs (CTest label "realgo").
set -euo pipefail
packages=(cmake g++ make libboost-context-dev libabsl-dev libgtest-dev libgmock-dev
          librapidcheck-dev libbenchmark-dev python3 golang-1.19-go golang-1.19-src)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
