#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds certintake, and runs the main job on the bundled
# samples: ingest into a fresh database, print the per-application summary, export the JSON.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build-demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DCERTINTAKE_BUILD_TESTS=OFF >/dev/null
ninja -C build-demo certintake

out=demo-out
rm -rf "$out" && mkdir -p "$out"
certintake=build-demo/src/cli/certintake
# The samples arrived on 2025-01-15 (samples/README.md); the scans are every PDF, TIFF and JPEG.
set +e
"$certintake" ingest --db "$out/certintake.db" --members samples/members.csv --received 2025-01-15 \
  samples/*.pdf samples/*.tif samples/*.jpg
status=$?
set -e
echo
"$certintake" summary --db "$out/certintake.db"
"$certintake" export --db "$out/certintake.db" --format json --out "$out/results.json"
echo
echo "demo: results written to $out/results.json (ingest exit code $status)"
