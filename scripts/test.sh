#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds certintake with AddressSanitizer and
# UndefinedBehaviorSanitizer, warnings as errors, checks the formatting, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/format.sh --check

build=build-test
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCERTINTAKE_WERROR=ON \
  -DCERTINTAKE_SANITIZE=address,undefined >/dev/null
ninja -C "$build"
bash scripts/lint.sh "$build"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export OMP_THREAD_LIMIT=1
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure --timeout 600
