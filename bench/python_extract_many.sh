#!/usr/bin/env bash
# gisa.extract_many (the Python package) beside `gisa extract` on the same
# JSON Lines archive (bench/make_archive.py news, default 20,000 articles):
# articles/s of each, best of three, and the ratio. The CLI reads the archive
# and writes JSON Lines; extract_many takes the archive's records (already
# parsed) and hands back every record as a dict. Then the Ray example on the same
# archive (when Ray is installed in target/py), once, start-up included.
#   bash bench/python_extract_many.sh [ARTICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
py=target/py/bin/python
if ! "$py" -c "import gisa" 2>/dev/null; then
  echo "building the package (scripts/python.sh)" >&2
  bash scripts/python.sh -k readme >/dev/null
fi
work="target/bench-python"
mkdir -p "$work"
archive="$work/news-$n.jsonl"
[ -s "$archive" ] || python3 bench/make_archive.py "$n" "$archive"


# The items are read before the clock starts (a notebook has them in a
# frame or a list already); the clock covers loading the dictionary, as the
# CLI's time does, and every record handed to Python as a dict.
cat > "$work/extract_many.py" <<'PY'
import json, sys, time
import gisa
with open(sys.argv[1], encoding="utf-8") as f:
    items = [json.loads(line) for line in f if line.strip()]
start = time.perf_counter()
n = sum(1 for _ in gisa.extract_many(items))
print(time.perf_counter() - start)
PY
# Alternating runs, best of three each: the machine's other load hits both alike.
cli=999999 pyt=999999
for _ in 1 2 3; do
  s=$(date +%s.%N); target/release/gisa extract "$archive" -o "$work/cli.jsonl" 2>/dev/null; e=$(date +%s.%N)
  cli=$(echo "t = $e - $s; if (t < $cli) t else $cli" | bc -l)
  t=$("$py" "$work/extract_many.py" "$archive")
  pyt=$(echo "if ($t < $pyt) $t else $pyt" | bc -l)
done
cli_rate=$(echo "$n / $cli" | bc -l)
py_rate=$(echo "$n / $pyt" | bc -l)
printf '%d articles, %d cores\n' "$n" "$(nproc)"
printf '  gisa extract        %6.1f s  %6.0f articles/s\n' "$cli" "$cli_rate"
printf '  gisa.extract_many   %6.1f s  %6.0f articles/s  (%.2f of the CLI)\n' "$pyt" "$py_rate" "$(echo "$py_rate / $cli_rate" | bc -l)"
if [ -z "${NO_RAY:-}" ] && "$py" -c "import ray.data" 2>/dev/null; then
  rm -rf "$work/ray-out"
  s=$(date +%s.%N)
  "$py" examples/ray_extract.py "$archive" "$work/ray-out" >/dev/null 2>&1
  e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc -l)
  printf '  Ray Data example    %6.1f s  %6.0f articles/s  (one run, cluster start-up included)\n' "$t" "$(echo "$n / $t" | bc -l)"
fi
