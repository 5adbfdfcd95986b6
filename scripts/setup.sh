#!/usr/bin/env bash
# Installs every Debian package certintake needs to build, run and test. Idempotent; run as root
# (or with sudo available) on Debian 12.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang-format clang-tidy
  # libraries linked by certintake
  libopencv-dev libpoppler-glib-dev libpoppler-cpp-dev libtesseract-dev libleptonica-dev libtiff-dev
  libsqlite3-dev libcairo2-dev libsodium-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev libzxing-dev
  # OCR models and fonts (print and handwriting-style, for the synthetic corpus)
  tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-osd
  fonts-noto-cjk fonts-ipafont fonts-ipaexfont fonts-klee fonts-seto fonts-kiloji
  # certintake-synth: OpenCV's freetype and ximgproc modules, zlib for lossless PDF pages
  libopencv-contrib-dev zlib1g-dev
  # tests and benchmarks; clang and its sanitizer and libFuzzer runtimes for the fuzz targets
  libgtest-dev libgmock-dev libbenchmark-dev poppler-utils sqlite3 time clang libclang-rt-14-dev
  # browser tests of the review UI: Debian's chromium, driven by playwright-core (npm)
  chromium
)
# Node.js and npm run the browser tests; use the machine's own when it has them.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
