#!/usr/bin/env bash
# Installs the Debian 12 packages poolcheck builds against, real Go 1.19 for the confirm/
# programs (golang-1.19-go/-src, CTest label "realgo"), and what the browser test (CTest
# label "browser", tools/browser/) needs: Debian's chromium, node and npm, and the npm
# packages pinned in tools/browser/package-lock.json. Idempotent; uses sudo when not
# root. If chromium cannot be installed, the build still works and the browser test skips
# with a message saying so (or fails, under .ci/run's POOLCHECK_REQUIRE_BROWSER=1).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(cmake g++ make libboost-context-dev libabsl-dev libgtest-dev libgmock-dev
          librapidcheck-dev libbenchmark-dev python3 golang-1.19-go golang-1.19-src)
browser_packages=(chromium)
# node and npm: Debian's packages unless a node with npm is already installed.
command -v node >/dev/null && command -v npm >/dev/null || browser_packages+=(nodejs npm)
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive

missing_of() {
  local p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done
}

mapfile -t missing < <(missing_of "${packages[@]}")
mapfile -t missing_browser < <(missing_of "${browser_packages[@]}")
if [ ${#missing[@]} -gt 0 ] || [ ${#missing_browser[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi
if [ ${#missing_browser[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing_browser[@]}" ||
    echo "install-deps: could not install ${missing_browser[*]}; the browser test will skip"
fi
if command -v npm >/dev/null && [ ! -d tools/browser/node_modules/playwright-core ]; then
  (cd tools/browser && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "install-deps: npm ci in tools/browser failed; the browser test will skip"
fi
echo "install-deps: done"
