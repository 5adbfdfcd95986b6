#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds certintake with AddressSanitizer and
# UndefinedBehaviorSanitizer, warnings as errors, checks formatting and clang-tidy, and runs every
# test; then the corpus test on an optimised build; then each fuzz target for 20 s (clang build).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/format.sh --check
# playwright-core for the browser tests, at the version package-lock.json pins (from the npm registry).
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

build=build-test
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCERTINTAKE_WERROR=ON \
  -DCERTINTAKE_SANITIZE=address,undefined >/dev/null
ninja -C "$build"
bash scripts/lint.sh "$build"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export OMP_THREAD_LIMIT=1
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure --timeout 600 --label-exclude "corpus|load"

# The corpus test measures the whole pipeline on 30 generated applications, and the load test
# holds the review server to a second per response under 1,000 requests at once. Both run on an
# optimised build without sanitizers, which slow everything several-fold; everything above
# already ran under them.
corpus_build=build-corpus
cmake -S . -B "$corpus_build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCERTINTAKE_WERROR=ON >/dev/null
ninja -C "$corpus_build" certintake certintake-synth corpus_test serve_load_test
ctest --test-dir "$corpus_build" --label-regex "corpus|load" --output-on-failure --timeout 1800

# The libFuzzer targets (tests/fuzz/), each for a bounded time from its committed corpus, on a
# clang build with every certintake library instrumented.
bash scripts/fuzz.sh
