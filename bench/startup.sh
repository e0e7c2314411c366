#!/usr/bin/env bash
# Start-up (issue 18): wall time and peak RSS of one tiny article, gisa
# against MeCab with the same ko-dic release, paired runs (gisa, mecab,
# gisa, mecab, …) on one core so machine noise hits both alike; medians.
#   gisa extract tiny.txt   the whole job: rules, dictionary, one record
#   gisa article tiny.txt   cleaning only (no dictionary)
#   mecab tiny.txt          MeCab tokenizing the same line
#   bash bench/startup.sh [RUNS]     (default 41)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-41}"
bash scripts/setup.sh >/dev/null
cargo build --release --locked --quiet
source bench/lib/mecab.sh
command -v /usr/bin/time >/dev/null || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time) >&2
work="target/bench-startup"
mkdir -p "$work"
echo "강원도는 스마트빌리지 사업에 1,039억 원을 투자한다고 밝혔다." > "$work/tiny.txt"
python3 - "$runs" "$work/tiny.txt" "$mecab_dic" <<'PY'
import os, statistics, subprocess, sys, time
runs, tiny, dic = int(sys.argv[1]), sys.argv[2], sys.argv[3]
commands = {
    "gisa extract": ["target/release/gisa", "extract", tiny],
    "gisa article": ["target/release/gisa", "article", tiny],
    "mecab": ["mecab", "-d", dic, tiny],
}
rss_file = os.path.join(os.path.dirname(tiny), "rss")
def run(argv):
    # Peak RSS from time(1), a small C program: a child forked from Python
    # would count Python's own pages. Wall from perf_counter, finer than time(1).
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, "taskset", "-c", "0", *argv],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return wall, int(open(rss_file).read().split()[-1])
for argv in commands.values():
    run(argv)  # warm the page cache
times = {name: [] for name in commands}
for _ in range(runs):  # paired: each round runs every command once
    for name, argv in commands.items():
        times[name].append(run(argv))
mecab = statistics.median(s for s, _ in times["mecab"])
for name, rows in times.items():
    secs = statistics.median(s for s, _ in rows)
    kb = statistics.median(k for _, k in rows)
    print(f"{name:13} median wall {secs * 1000:6.1f} ms  peak RSS {kb / 1024:5.1f} MB  x{secs / mecab:.1f} of mecab's wall")
PY
