#!/usr/bin/env bash
# Generates the labelled test corpus and measures the pipeline on it, once per test run:
#   measure.sh SYNTH CERTINTAKE OUT_DIR SEED APPLICATIONS
# Leaves OUT_DIR/corpus (the scans and labels) and OUT_DIR/figures.json (certintake eval --json).
set -euo pipefail
synth=$1 certintake=$2 out=$3 seed=$4 applications=$5
rm -rf "$out" && mkdir -p "$out"
"$synth" --seed "$seed" --applications "$applications" --dpi 200 --dpi 300 --lossy-only --out "$out/corpus" >/dev/null
(cd "$out" && "$certintake" eval corpus --json > figures.json)
echo "corpus: seed $seed, $applications applications; figures in $out/figures.json"
cat "$out/figures.json"
