#!/usr/bin/env bash
# Pathological shapes (issue 15): one 12 MB line without spaces, 100,000
# amounts in one article, 100,000 program words, 100,000 HTML elements,
# 100,000 nested unclosed elements, and the long line as one archive record;
# `gisa extract FILE -o OUT` on each, printing MB/s (input bytes over wall
# time, start-up included) and peak RSS (/usr/bin/time) against the budget
# 4 × --max-bytes + the RSS of a tiny input (the embedded dictionary as a
# one-line article leaves it resident). Every shape must reach ≥ 1 MB/s.
#   bash bench/pathological.sh [SCALE]     (default 1.0: the sizes above)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1.0}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
command -v /usr/bin/time >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time) >&2
work="target/bench-pathological"
mkdir -p "$work"
python3 bench/pathological.py "$work/in" "$scale"
max_bytes=$(( 16 * 1024 * 1024 ))
echo "도는 1억원을 투자한다." > "$work/tiny.txt"
/usr/bin/time -f '%M' -o "$work/time" target/release/gisa extract "$work/tiny.txt" -o "$work/out.jsonl" 2>/dev/null
base_kb=$(cat "$work/time")
printf 'baseline (a one-line article): max RSS %d MB; budget 4 x --max-bytes (%d MB) + baseline = %d MB\n' \
  "$(( base_kb / 1024 ))" "$(( max_bytes / 1048576 ))" "$(( (4 * max_bytes / 1024 + base_kb) / 1024 ))"
slow=0
for f in line.txt amounts.txt programs.txt elements.html nested.html line.jsonl; do
  in="$work/in/$f"
  /usr/bin/time -f '%M %e' -o "$work/time" target/release/gisa extract "$in" --max-bytes "$max_bytes" -o "$work/out.jsonl" 2>/dev/null || true
  # (a refused input adds a "Command exited with non-zero status" line first)
  read -r kb secs < <(tail -1 "$work/time")
  bytes=$(stat -c %s "$in")
  mbps=$(echo "$bytes / 1048576 / $secs" | bc -l)
  what=$(head -c 300 "$work/out.jsonl" | grep -o '"error":"[^"]*' | cut -c10- || true)
  budget_kb=$(( 4 * max_bytes / 1024 + base_kb ))
  fits=$([ "$kb" -le "$budget_kb" ] && echo "within budget" || echo "OVER budget")
  printf '%-14s %6.2f MB  %6.2f s  %6.2f MB/s  max RSS %4d MB %-13s %s\n' "$f" "$(echo "$bytes / 1048576" | bc -l)" "$secs" "$mbps" "$(( kb / 1024 ))" "$fits" "${what:+(error record: $what)}"
  if [ "$(echo "$mbps < 1" | bc -l)" = 1 ]; then slow=1; fi
done
[ "$slow" = 0 ] || { echo "some shape ran below 1 MB/s"; exit 1; }
