#!/usr/bin/env bash
# End-to-end throughput of certintake against plain Tesseract, on the same page images.
#   scripts/bench.sh [--applications N] [--large] [--build DIR]
# Generates a labelled corpus (24 applications: about 160 pages, 200 and 300 dpi), ingests it
# with --jobs 1 and --jobs 2, runs `tesseract PAGE - -l jpn` on every page image of it, and prints
# pages per minute, CPU-seconds per page, peak RSS and the ratio to Tesseract. --large also
# ingests a single PDF of about 1,000 pages (the corpus's PDFs joined and repeated) at --jobs 2,
# to show that memory stays flat and cost grows linearly. Both programs run with
# OMP_THREAD_LIMIT=1, as certintake does by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

applications=24
large=0
build=build
while [ $# -gt 0 ]; do
  case "$1" in
    --applications) applications=$2; shift 2 ;;
    --large) large=1; shift ;;
    --build) build=$2; shift 2 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
certintake=$build/src/cli/certintake
synth=$build/src/synth/certintake-synth
for tool in "$certintake" "$synth"; do
  [ -x "$tool" ] || { echo "bench: $tool not built (cmake --build $build)" >&2; exit 2; }
done
export OMP_THREAD_LIMIT=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$synth" --seed 4242 --applications "$applications" --mix office --dpi 200 --dpi 300 --lossy-only \
  --out "$work/corpus" >/dev/null

# runs a command under GNU time; prints "wall user sys maxrss_kb"
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr" >&2; exit 1; }
  cat "$work/time"
}

# ingest JOBS INPUT... -> "pages wall user sys maxrss_kb"
ingest() {
  local jobs=$1
  shift
  rm -f "$work/bench.db"
  rm -rf "$work/bench.db.archive"
  local figures
  figures=$(measure "$certintake" ingest --db "$work/bench.db" --members "$work/corpus/members.csv" \
    --received 2025-01-20 --jobs "$jobs" "$@")
  local pages
  pages=$(sed -n 's/^ingest: .*), \([0-9]*\) pages,.*/\1/p' "$work/stderr")
  echo "$pages $figures"
}

report() {  # LABEL pages wall user sys rss
  awk -v label="$1" -v pages="$2" -v wall="$3" -v user="$4" -v sys="$5" -v rss="$6" 'BEGIN {
    printf "%-28s %5d pages  %7.1f pages/min  %5.3f CPU-s/page  peak RSS %5.0f MiB\n",
      label, pages, pages * 60 / wall, (user + sys) / pages, rss / 1024 }'
}

mapfile -t scans < <(find "$work/corpus" -maxdepth 1 -type f \( -name '*.pdf' -o -name '*.tif' -o -name '*.jpg' \) | sort)
echo "bench: corpus of $applications applications, ${#scans[@]} scan files"
read -r pages1 wall1 user1 sys1 rss1 < <(ingest 1 "${scans[@]}")
report "certintake --jobs 1" "$pages1" "$wall1" "$user1" "$sys1" "$rss1"
read -r pages2 wall2 user2 sys2 rss2 < <(ingest 2 "${scans[@]}")
report "certintake --jobs 2" "$pages2" "$wall2" "$user2" "$sys2" "$rss2"

# Plain Tesseract on the very same page images: PDF pages as their embedded scans, TIFF and
# JPEG files as they are.
mkdir -p "$work/images"
tess_pages=0
tess_cpu=0
for file in "${scans[@]}"; do
  case "$file" in
    *.pdf)
      name=$(basename "$file" .pdf)
      pdfimages -all "$file" "$work/images/$name"
      mapfile -t ppis < <(pdfimages -list "$file" | awk 'NR > 2 { print $13 }')
      i=0
      for image in "$work/images/$name"-*; do
        read -r _ user sys _ < <(measure tesseract "$image" - -l jpn --dpi "${ppis[$i]}")
        tess_cpu=$(awk -v a="$tess_cpu" -v u="$user" -v s="$sys" 'BEGIN { print a + u + s }')
        tess_pages=$((tess_pages + 1))
        i=$((i + 1))
      done
      ;;
    *.tif | *.tiff | *.jpg | *.jpeg | *.png)
      # pages per file, as the last ingest stored them
      count=$(sqlite3 "$work/bench.db" "SELECT page_count FROM files WHERE name = '$(basename "$file")'")
      read -r _ user sys _ < <(measure tesseract "$file" - -l jpn)
      tess_cpu=$(awk -v a="$tess_cpu" -v u="$user" -v s="$sys" 'BEGIN { print a + u + s }')
      tess_pages=$((tess_pages + count))
      ;;
  esac
done
awk -v pages="$tess_pages" -v cpu="$tess_cpu" -v ours="$(awk -v p="$pages1" -v u="$user1" -v s="$sys1" \
  'BEGIN { print (u + s) / p }')" 'BEGIN {
    printf "%-28s %5d pages  %5.3f CPU-s/page\n", "tesseract PAGE - -l jpn", pages, cpu / pages
    printf "certintake (--jobs 1) costs %.2f x plain Tesseract per page (target: <= 0.33)\n", ours / (cpu / pages) }'

if [ "$large" -eq 1 ]; then
  # One long PDF: the corpus's PDFs joined, repeated until it holds about 1,000 pages.
  mapfile -t pdfs < <(ls "$work/corpus"/*.pdf)
  per_round=0
  for pdf in "${pdfs[@]}"; do
    per_round=$((per_round + $(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')))
  done
  rounds=$(((1000 + per_round - 1) / per_round))
  joined=()
  for _ in $(seq "$rounds"); do joined+=("${pdfs[@]}"); done
  pdfunite "${joined[@]}" "$work/large.pdf"
  read -r pages3 wall3 user3 sys3 rss3 < <(ingest 2 "$work/large.pdf")
  report "one PDF, --jobs 2" "$pages3" "$wall3" "$user3" "$sys3" "$rss3"
fi
