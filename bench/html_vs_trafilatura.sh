#!/usr/bin/env bash
# HTML → clean article text, pages per second: gisa (`gisa article`) and
# trafilatura (PyPI) on the same pages, one core each, measured in one run.
# The pages are the HTML fixtures (fixtures/html/*.html: ndsoft, Naver, boards,
# blogs; UTF-8 and EUC-KR), copied COPIES times so each tool runs for a while.
# The tools take turns, ROUNDS times (gisa, trafilatura, gisa …), so the drift
# of this shared machine hits both alike; the medians and their ratio are
# printed. With GISA_BASE=path/to/another/gisa, that binary takes its turn too
# (before/after comparisons).
#
#   bash bench/html_vs_trafilatura.sh [COPIES] [ROUNDS]   (default 40, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-40}"
rounds="${2:-5}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
venv="target/bench-venv"
# The venv is shared with python_vs_gisa.sh: check for the package, not the venv.
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
  "$venv/bin/pip" install --quiet trafilatura lxml_html_clean
fi
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
for i in $(seq 1 "$copies"); do
  for f in fixtures/html/*.html; do cp "$f" "$corpus/$i-$(basename "$f")"; done
done
pages=$(ls "$corpus" | wc -l)
echo "corpus: $pages pages ($(du -sh "$corpus" | cut -f1)), $copies copies of the HTML fixtures"

gisa_once() { # binary → seconds
  local s e
  s=$(date +%s.%N)
  taskset -c 0 "$1" article --format jsonl "$corpus" > "$corpus.gisa.jsonl" 2>/dev/null || true
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
gisa_t=(); base_t=(); traf_t=()
for _ in $(seq 1 "$rounds"); do
  gisa_t+=("$(gisa_once target/release/gisa)")
  gisa_ok=$(grep -c '"text"' "$corpus.gisa.jsonl" || true)
  if [ -n "${GISA_BASE:-}" ]; then base_t+=("$(gisa_once "$GISA_BASE")"); fi
  trafilatura_out=$(taskset -c 0 "$venv/bin/python" bench/trafilatura_pages.py "$corpus")
  traf_t+=("$(echo "$trafilatura_out" | cut -d' ' -f1)")
  traf_ok=$(echo "$trafilatura_out" | cut -d' ' -f2)
done
rm -f "$corpus.gisa.jsonl"
gisa_s=$(median "${gisa_t[@]}")
traf_s=$(median "${traf_t[@]}")

gisa_rate=$(echo "$pages / $gisa_s" | bc -l)
traf_rate=$(echo "$pages / $traf_s" | bc -l)
printf 'gisa article      : %8.1f pages/s (%d pages with text, median %.3f s of %d runs)\n' "$gisa_rate" "$gisa_ok" "$gisa_s" "$rounds"
if [ -n "${GISA_BASE:-}" ]; then
  base_s=$(median "${base_t[@]}")
  printf 'GISA_BASE article : %8.1f pages/s (median %.3f s; this build is %.2fx as fast)\n' "$(echo "$pages / $base_s" | bc -l)" "$base_s" "$(echo "$base_s / $gisa_s" | bc -l)"
fi
printf 'trafilatura %-6s: %8.1f pages/s (%d pages with text, median %.3f s of %d runs)\n' "$("$venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')" "$traf_rate" "$traf_ok" "$traf_s" "$rounds"
printf 'ratio gisa / trafilatura: %.1fx\n' "$(echo "$gisa_rate / $traf_rate" | bc -l)"
