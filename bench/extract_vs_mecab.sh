#!/usr/bin/env bash
# End to end against MeCab (issue 18): the whole `gisa extract` job
# (reading JSON Lines, cleaning, tokenizing, every extractor, JSON Lines
# with the text) against MeCab only tokenizing the same text, on the distinct
# prose corpus (bench/corpus/fetch_korean.sh) cut into articles. Paired runs
# (gisa 1 core, mecab, gisa 2 cores, repeated) so the VM's noise hits all
# alike; medians, and the ratios the issue asks for:
#   x of MeCab   MeCab's tokenizing time / gisa's whole job, one core each
#   2 cores      gisa on 2 cores / gisa on 1 core
#   bash bench/extract_vs_mecab.sh [ROUNDS]     (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
source bench/lib/mecab.sh
work="target/bench-vs-mecab"
mkdir -p "$work"
source bench/lib/prose.sh
[ -s "$prose" ] || { echo "extract_vs_mecab: no prose corpus (bench/corpus/fetch_korean.sh failed)" >&2; exit 1; }
python3 bench/make_archive.py 0 "$work/prose.jsonl" --prose "$prose"
# MeCab reads the very text gisa extracts, one article per line.
python3 -c 'import json, sys
with open(sys.argv[2], "w") as out:
    for line in open(sys.argv[1]): out.write(json.loads(line)["text"].replace("\n", " ") + "\n")' "$work/prose.jsonl" "$work/prose.txt"
python3 - "$rounds" "$work" "$mecab_dic" <<'PY'
import statistics, subprocess, sys, time
rounds, work, dic = int(sys.argv[1]), sys.argv[2], sys.argv[3]
archive, text = f"{work}/prose.jsonl", f"{work}/prose.txt"
articles = sum(1 for _ in open(archive))
commands = {
    "gisa, 1 core": ["taskset", "-c", "0", "target/release/gisa", "extract", "--jobs", "1", archive, "-o", f"{work}/out.jsonl"],
    "mecab, 1 core": ["taskset", "-c", "0", "mecab", "-b", "4194304", "-d", dic, text, "-o", f"{work}/mecab.out"],
    "gisa, 2 cores": ["target/release/gisa", "extract", "--jobs", "2", archive, "-o", f"{work}/out.jsonl"],
}
def run(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
times = {name: [] for name in commands}
for _ in range(rounds):
    for name, argv in commands.items():
        times[name].append(run(argv))
median = {name: statistics.median(t) for name, t in times.items()}
size = sum(len(l.encode()) for l in open(text)) / 1048576
print(f"prose: {articles} articles, {size:.1f} MB of text; medians of {rounds} paired rounds")
for name, secs in median.items():
    print(f"  {name:14} {secs:6.2f} s  {size / secs:5.2f} MB/s  {articles / secs:7.0f} articles/s")
print(f"  gisa (whole job) vs MeCab (tokenizing), 1 core: x{median['mecab, 1 core'] / median['gisa, 1 core']:.2f}")
print(f"  gisa 2 cores vs 1 core: x{median['gisa, 1 core'] / median['gisa, 2 cores']:.2f}")
PY
