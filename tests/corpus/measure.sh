#!/usr/bin/env bash
# Generates a labelled corpus and measures the pipeline on it, once per test run:
#   measure.sh SYNTH CERTINTAKE OUT_DIR SEED APPLICATIONS [MIX]
# MIX is a certintake-synth --mix (office when omitted). Leaves OUT_DIR/corpus (the scans and
# labels) and OUT_DIR/figures.json (certintake eval --json).
set -euo pipefail
synth=$1 certintake=$2 out=$3 seed=$4 applications=$5 mix=${6:-office}
rm -rf "$out" && mkdir -p "$out"
"$synth" --seed "$seed" --applications "$applications" --mix "$mix" --dpi 200 --dpi 300 --lossy-only \
  --out "$out/corpus" >/dev/null
(cd "$out" && "$certintake" eval corpus --json > figures.json)
echo "corpus ($mix): seed $seed, $applications applications; figures in $out/figures.json"
cat "$out/figures.json"
