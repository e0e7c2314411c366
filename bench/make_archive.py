#!/usr/bin/env python3
"""Writes a JSON Lines archive of N seed-sized articles for the benchmarks.

  make_archive.py N OUT.jsonl                 news: the fixtures' articles, each
                                              copy with its own url and its
                                              numbers changed (real archives
                                              repeat words, never whole articles)
  make_archive.py N OUT.jsonl --prose FILE    distinct text: consecutive ~3.7 KB
                                              chunks of FILE (bench/corpus/), so
                                              no article repeats another until
                                              FILE is used up (N = 0: every chunk once)
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ARTICLE_BYTES = 3700  # the fixtures' mean size


def news(n):
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(ROOT, "fixtures", "*.txt")))]
    for i in range(n):
        base = texts[i % len(texts)]
        copy = i // len(texts)
        # Every copy changes its numbers differently (digit d -> (d + copy + k) % 10
        # for the k-th number), keeping their length and shape.
        k = [0]

        def bump(m):
            k[0] += 1
            return "".join(str((int(c) + copy + k[0]) % 10) for c in m.group(0))

        text = re.sub(r"\d+", bump, base) if copy else base
        yield {"id": f"news-{i}", "url": f"https://bench.example/news/{i}", "text": text}


def prose(n, path):
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
    chunks, cur, size = [], [], 0
    for l in lines:
        cur.append(l)
        size += len(l.encode())
        if size >= ARTICLE_BYTES:
            chunks.append("\n".join(cur))
            cur, size = [], 0
    # N = 0: every chunk once (distinct text only, nothing repeated).
    for i in range(n or len(chunks)):
        yield {"id": f"prose-{i}", "url": f"https://bench.example/prose/{i}", "text": chunks[i % len(chunks)]}


def main():
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--prose"):
        sys.exit(__doc__)
    n, out = int(args[0]), args[1]
    records = prose(n, args[3]) if len(args) == 4 else news(n)
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
