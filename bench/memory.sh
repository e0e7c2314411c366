#!/usr/bin/env bash
# Peak memory (max RSS) of `gisa extract` on 10k and 100k-article JSON Lines
# archives, to JSON Lines and to CSV, on every core: memory must not grow
# with the archive (bounded work queue, bounded eojeol cache).
#   bash bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
command -v /usr/bin/time >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time) >&2
work="target/bench-memory"
mkdir -p "$work"
for n in 10000 100000; do
  archive="$work/news-$n.jsonl"
  [ -s "$archive" ] || python3 bench/make_archive.py "$n" "$archive"
  for format in jsonl csv; do
    out="$work/out-$n.$format"
    /usr/bin/time -f '%M %e' -o "$work/time" target/release/gisa extract "$archive" --format "$format" -o "$out" 2>"$work/summary"
    read -r kb secs < "$work/time"
    printf '%6d articles (%4d MB) -> %-5s max RSS %4d MB, %5.1f s, %6.0f articles/s, output %4d MB\n' \
      "$n" "$(( $(stat -c %s "$archive") / 1048576 ))" "$format" "$(( kb / 1024 ))" "$secs" \
      "$(echo "$n / $secs" | bc -l)" "$(( $(stat -c %s "$out") / 1048576 ))"
    tail -1 "$work/summary" | sed 's/^/    /'
  done
done
