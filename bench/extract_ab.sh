#!/usr/bin/env bash
# bench/extract_scaling.sh's measurements for two gisa binaries, interleaved
# run by run (A B A B A B, best of three each), so the drift of this shared
# VM hits both alike. Run bench/extract_scaling.sh once first (it builds the
# archives). Build both binaries with `cargo build --release`: a binary that
# `cargo test` built has other features of regex (dev-dependencies) and is
# about 10% slower.
#   bash bench/extract_ab.sh OLD_GISA NEW_GISA
set -euo pipefail
A="$(realpath "$1")"; B="$(realpath "$2")"
cd "$(dirname "$0")/.."
work="target/bench-extract"
rate_once() {
  local bin="$1" cpus="$2" archive="$3"; shift 3
  local s e
  s=$(date +%s.%N)
  taskset -c "$cpus" "$bin" extract "$archive" -o "$work/out.jsonl" "$@" 2>/dev/null
  e=$(date +%s.%N)
  echo "$(wc -l < "$archive") / ($e - $s)" | bc -l
}
best() { printf '%s\n' "$@" | sort -g | tail -1; }
for archive in "$work/news.jsonl" "$work/prose.jsonl"; do
  name=$(basename "$archive" .jsonl)
  echo "$name: $(wc -l < "$archive") articles"
  for cache in "" "--no-cache"; do
    for cores in "0:1" "0,1:2"; do
      cpus=${cores%:*}; jobs=${cores#*:}
      ra=(); rb=()
      for _ in 1 2 3; do
        ra+=("$(rate_once "$A" "$cpus" "$archive" --jobs "$jobs" $cache)")
        rb+=("$(rate_once "$B" "$cpus" "$archive" --jobs "$jobs" $cache)")
      done
      a=$(best "${ra[@]}"); b=$(best "${rb[@]}")
      printf '  %-11s %s core(s): A %6.0f  B %6.0f articles/s  (B/A %.3f)\n' "${cache:-cached}" "$jobs" "$a" "$b" "$(echo "$b / $a" | bc -l)"
    done
  done
done
