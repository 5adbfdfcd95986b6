#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with Debian's clang, every certintake library
# instrumented for AddressSanitizer, UndefinedBehaviorSanitizer and coverage, in build-fuzz; then
# runs them.
#   bash scripts/fuzz.sh            each target for 20 s from its committed corpus (scripts/test.sh)
#   bash scripts/fuzz.sh --runs N [TARGET...]
#                                   N executions of each target (or of those named), with figures
# Inputs that crash go to build-fuzz/crash-*; new corpus entries to build-fuzz/tests/fuzz/found/.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-fuzz
targets=(scan csv catalog date event separator http)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DCERTINTAKE_WERROR=ON -DCERTINTAKE_SANITIZE=address,undefined,fuzzer-no-link \
  -DCERTINTAKE_FUZZ=ON -DCERTINTAKE_BUILD_TESTS=OFF -DCERTINTAKE_BUILD_BENCHMARKS=OFF >/dev/null
ninja -C "$build" "${targets[@]/%/_fuzzer}"

export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
export OMP_THREAD_LIMIT=1
if [ "${1:-}" != "--runs" ]; then
  ctest --test-dir "$build" --label-regex fuzz --output-on-failure -j "$(nproc)"
  exit
fi

runs="$2"
shift 2
[ $# -eq 0 ] || targets=("$@")
printf '%-10s %12s %10s %8s %s\n' target executions exec/s seconds result
for target in "${targets[@]}"; do
  found="$build/tests/fuzz/found/$target"
  mkdir -p "$found"
  log="$build/fuzz-$target.log"
  start=$(date +%s)
  result=ok
  (cd "$build" && "./tests/fuzz/${target}_fuzzer" -runs="$runs" -timeout=30 -rss_limit_mb=3072 \
    -print_final_stats=1 "../$found" "../tests/fuzz/corpus/$target") >"$log" 2>&1 || result="FAILED (see $log)"
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  printf '%-10s %12s %10s %8s %s\n' "$target" "${executions:-?}" "${speed:-?}" "$(($(date +%s) - start))" "$result"
done
