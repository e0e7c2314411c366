#!/usr/bin/env bash
# HTML → clean article text, pages per second: gisa (`gisa article`) and
# trafilatura (PyPI) on the same pages, one core each, measured in one run.
# The pages are the HTML fixtures (fixtures/html/*.html: ndsoft, Naver, boards,
# blogs; UTF-8 and EUC-KR), copied COPIES times so each tool runs for a while.
#
#   bash bench/html_vs_trafilatura.sh [COPIES]     (default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-40}"
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

start=$(date +%s.%N)
taskset -c 0 target/release/gisa article --format jsonl "$corpus" > "$corpus.gisa.jsonl" 2>/dev/null || true
end=$(date +%s.%N)
gisa_s=$(echo "$end - $start" | bc -l)
gisa_ok=$(grep -c '"text"' "$corpus.gisa.jsonl" || true)

trafilatura_out=$(taskset -c 0 "$venv/bin/python" bench/trafilatura_pages.py "$corpus")
traf_s=$(echo "$trafilatura_out" | cut -d' ' -f1)
traf_ok=$(echo "$trafilatura_out" | cut -d' ' -f2)
rm -f "$corpus.gisa.jsonl"

gisa_rate=$(echo "$pages / $gisa_s" | bc -l)
traf_rate=$(echo "$pages / $traf_s" | bc -l)
printf 'gisa article      : %8.1f pages/s (%d pages with text, %.2f s)\n' "$gisa_rate" "$gisa_ok" "$gisa_s"
printf 'trafilatura %-6s: %8.1f pages/s (%d pages with text, %.2f s)\n' "$("$venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')" "$traf_rate" "$traf_ok" "$traf_s"
printf 'ratio gisa / trafilatura: %.1fx\n' "$(echo "$gisa_rate / $traf_rate" | bc -l)"
