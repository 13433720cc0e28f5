#!/usr/bin/env bash
# Installs what the lab needs to build and test, if it is missing. Safe to run again: with
# everything in place it only checks, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages and a command each provides (or a file, for header-only libraries). clang and
# its runtime libraries build the fuzz targets and the sanitizer build (mk/fuzz.mk, mk/sanitize.mk).
# Firefox ESR, WebKitGTK's WebDriver (with its MiniBrowser) and Xvfb run the other browsers' smoke
# tiers (mk/browsers.mk).
packages=(cmake:cmake g++:g++ make:make clang-format:clang-format emscripten:em++ libeigen3-dev:/usr/include/eigen3/Eigen/Core
  doctest-dev:/usr/include/doctest/doctest.h chromium:/usr/bin/chromium
  clang:clang++ libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
  firefox-esr:/usr/bin/firefox-esr webkit2gtk-driver:WebKitWebDriver
  libwebkit2gtk-4.1-0:/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser xvfb:xvfb-run)
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs:node npm:npm); fi

missing=()
for entry in "${packages[@]}"; do
  package=${entry%%:*}
  probe=${entry#*:}
  if [[ $probe == /* ]]; then
    [[ -e $probe ]] || missing+=("$package")
  else
    command -v "$probe" >/dev/null 2>&1 || missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  command="apt-get update && apt-get install -y ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them as root with:  $command" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Front-end and test tools, exactly as locked. Re-run only when the lock file changed.
stamp=node_modules/.package-lock.json
if [[ ! -f $stamp || package-lock.json -nt $stamp ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
