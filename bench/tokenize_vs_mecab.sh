#!/usr/bin/env bash
# Tokenization speed, one core each, on the same ≥ 20 MB of Korean text:
# gisa's Lindera tokenizer (`gisa tokenize`, one eojeol at a time, as the
# extractors use it) against MeCab (Debian's `mecab`) with the very same
# dictionary release, mecab-ko-dic 2.1.1-20180720 from PyPI's
# python-mecab-ko-dic 2.1.1.post2 (see ../shared/ko-dic/README.md).
#   bash bench/tokenize_vs_mecab.sh [MB]     (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-20}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
command -v mecab >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q mecab) >&2
dic_root="target/bench-mecab"
if [ ! -d "$dic_root/mecab_ko_dic/dictionary" ]; then
  mkdir -p "$dic_root"
  python3 -m pip download --quiet --no-deps --dest "$dic_root" python-mecab-ko-dic==2.1.1.post2
  (cd "$dic_root" && python3 -m zipfile -e python_mecab_ko_dic-*.whl .)
fi
dic="$dic_root/mecab_ko_dic/dictionary"
corpus="$(mktemp)"
trap 'rm -f "$corpus"' EXIT
# The fixtures' article text (text and HTML-free), repeated to the size asked.
target=$((mb * 1024 * 1024))
while [ "$(stat -c %s "$corpus")" -lt "$target" ]; do cat fixtures/*.txt >> "$corpus"; done
size=$(stat -c %s "$corpus")
echo "corpus: $((size / 1024 / 1024)) MB, $(wc -l < "$corpus") lines"

time_it() { local s e; s=$(date +%s.%N); "$@" < "$corpus" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
gisa_s=$(time_it taskset -c 0 target/release/gisa tokenize)
mecab_s=$(time_it taskset -c 0 mecab -d "$dic")
printf 'gisa tokenize (Lindera 6.2.0): %6.2f MB/s (%.1f s)\n' "$(echo "$size / 1048576 / $gisa_s" | bc -l)" "$gisa_s"
printf 'mecab (same dictionary)      : %6.2f MB/s (%.1f s)\n' "$(echo "$size / 1048576 / $mecab_s" | bc -l)" "$mecab_s"
printf 'ratio gisa / mecab: %.2fx\n' "$(echo "$mecab_s / $gisa_s" | bc -l)"
