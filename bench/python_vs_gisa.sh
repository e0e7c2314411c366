#!/usr/bin/env bash
# gisa against the pipeline a researcher would otherwise write in Python
# (bench/python_reference.py: python-mecab-ko for the nouns, one regex for
# the amounts), on the same archive of news articles, at one and two cores,
# then the amounts F1 of both on the hand-annotated fixtures.
#   bash bench/python_vs_gisa.sh [N]     (default 5000 articles)
# The comparison favours Python on work done: gisa also finds counts, years,
# programs and percentages, cleans the text and writes it out with offsets;
# the reference only tokenizes and finds 원 amounts.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
gisa=target/release/gisa

# Shared with bench/html_vs_trafilatura.sh, so check for the package itself
# rather than for the venv. Pinned: 1.3.7 brings python-mecab-ko-dic
# 2.1.1.post2, the dictionary release gisa's Lindera build uses too.
venv="target/bench-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import mecab' 2>/dev/null || "$venv/bin/pip" install --quiet python-mecab-ko==1.3.7
py="$venv/bin/python"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
archive="$work/archive.jsonl"
python3 bench/make_archive.py "$n" "$archive"
echo "archive: $n articles, $(( $(stat -c %s "$archive") / 1024 / 1024 )) MB (bench/make_archive.py: the fixtures, numbers varied)"
echo "cores: $(nproc); python-mecab-ko $("$py" -c 'import importlib.metadata as m; print(m.version("python-mecab-ko"))')"

# Wall-clock seconds of one whole command, process start-up included on both
# sides (Python's interpreter, imports and MeCab dictionary load; gisa's
# dictionary load): a researcher pays them on every run. Each run must write
# one line per article, or the timing is of a failure.
time_run() {
  local out="$1" s e lines; shift
  s=$(date +%s.%N)
  "$@" > /dev/null 2>&1
  e=$(date +%s.%N)
  lines=$(wc -l < "$out")
  [ "$lines" -eq "$n" ] || { echo "error: $* wrote $lines lines for $n articles" >&2; exit 1; }
  echo "$e - $s" | bc -l
}
# One-core runs are pinned to one CPU so that neither side gets help from a
# stray thread; the two-core runs may use both.
gisa1=$(time_run "$work/g1.jsonl" taskset -c 0 "$gisa" extract "$archive" --jobs 1 -o "$work/g1.jsonl")
py1=$(time_run "$work/p1.jsonl" taskset -c 0 "$py" bench/python_reference.py "$archive" --workers 1 -o "$work/p1.jsonl")
gisa2=$(time_run "$work/g2.jsonl" "$gisa" extract "$archive" --jobs 2 -o "$work/g2.jsonl")
py2=$(time_run "$work/p2.jsonl" "$py" bench/python_reference.py "$archive" --workers 2 -o "$work/p2.jsonl")

rate() { echo "$n / $1" | bc -l; }
printf 'gisa extract --jobs 1        : %8.1f articles/s (%.2f s)\n' "$(rate "$gisa1")" "$gisa1"
printf 'python reference, 1 worker   : %8.1f articles/s (%.2f s)\n' "$(rate "$py1")" "$py1"
printf 'gisa extract --jobs 2        : %8.1f articles/s (%.2f s)\n' "$(rate "$gisa2")" "$gisa2"
printf 'python reference, 2 workers  : %8.1f articles/s (%.2f s)\n' "$(rate "$py2")" "$py2"
printf 'ratio gisa / python, 1 core  : %.1fx\n' "$(echo "$py1 / $gisa1" | bc -l)"
printf 'ratio gisa / python, 2 cores : %.1fx\n' "$(echo "$py2 / $gisa2" | bc -l)"

# Accuracy on the 32 fixtures. gisa eval matches amounts by value and
# currency, each expected mention once; the reference's "by value" score is
# that same rule. It exits 1 below its thresholds but still prints the report.
gisa_eval=$("$gisa" eval fixtures --json) || true
gisa_f1=$(printf '%s' "$gisa_eval" | python3 -c "
import json, sys
a = json.load(sys.stdin)['fields']['amounts']
print('precision %.3f recall %.3f f1 %.3f (tp %d fp %d fn %d)' % (a['precision'], a['recall'], a['f1'], a['tp'], a['fp'], a['fn']))")
ref_scores=$("$py" bench/python_reference.py --fixtures fixtures)
echo "amounts on fixtures/ ($(echo "$ref_scores" | sed -n 's/^fixtures: //p') annotated articles):"
echo "  gisa eval, by value         : $gisa_f1"
echo "  python reference, by value  : $(echo "$ref_scores" | sed -n 's/^amounts by value: //p')"
echo "  python reference, by text   : $(echo "$ref_scores" | sed -n 's/^amounts by text: //p')"
