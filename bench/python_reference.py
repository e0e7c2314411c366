#!/usr/bin/env python3
"""The pipeline a Korean policy researcher would write in an afternoon instead
of using gisa: MeCab (python-mecab-ko, dictionary python-mecab-ko-dic) for the
morphemes, one regular expression for the money amounts. It is the baseline of
bench/python_vs_gisa.sh, for speed and for accuracy.

  python_reference.py ARCHIVE.jsonl [-o OUT.jsonl] [--workers N]
      one JSON line per article: {"id", "amounts": [{"text", "value"}], "nouns"}
  python_reference.py --fixtures DIR
      the same amount regex on DIR/*.txt, scored against DIR/*.expected.json

Deliberately no cleaning (repeated lead paragraphs, page furniture), no
Hangul numerals (삼천억), no approximate or bounded amounts, no other
currencies: that is what gisa adds, and the fixtures' score shows what it
costs to leave it out.
"""
import argparse
import glob
import json
import os
import re
import sys
from collections import Counter

# 9700, 9,700 or 1.5
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# One number with its unit: 3조, 2천, 638억, 5천만, 1.5조. 천 alone is a unit
# too, so that 2천638억 reads as two pieces.
PIECE = rf"({NUM})\s?([천백십]?)([조억만]?)"
# One or more pieces, then 원: 3조 2천638억원, 9,700억 원, 1억 5천만원.
# The lookbehind keeps the match from starting in the middle of a number.
AMOUNT = re.compile(rf"(?<![\d.,])(?:{NUM}\s?(?:[천백십]?[조억만]|천)\s?)+원")
PIECES = re.compile(PIECE)
SMALL = {"": 1, "십": 10, "백": 100, "천": 1000}
BIG = {"조": 10**12, "억": 10**8, "만": 10**4}


def won(text):
    """3조 2천638억원 → 3263800000000: small units (천) wait in `pending` until
    a big one (조/억/만) multiplies them."""
    total, pending = 0.0, 0.0
    for num, small, big in PIECES.findall(text):
        n = float(num.replace(",", "")) * SMALL[small]
        if big:
            total += (pending + n) * BIG[big]
            pending = 0.0
        else:
            pending += n
    return int(round(total + pending))


def amounts(text):
    return [{"text": m.group(0), "value": won(m.group(0))} for m in AMOUNT.finditer(text)]


_tagger = None


def _init():
    # One MeCab per process: building it loads the dictionary (~0.1 s).
    global _tagger
    import mecab

    _tagger = mecab.MeCab()


def process(line):
    article = json.loads(line)
    text = article.get("text") or ""
    nouns = _tagger.nouns(text)  # what the researcher goes on to count and chart
    return json.dumps({"id": article.get("id"), "amounts": amounts(text), "nouns": len(nouns)}, ensure_ascii=False)


def run_archive(path, out, workers):
    with open(path, encoding="utf-8") as f, (open(out, "w", encoding="utf-8") if out else sys.stdout) as w:
        lines = (l for l in f if l.strip())
        if workers == 1:
            # No pool at one worker: its pickling would only slow the baseline down.
            _init()
            results = map(process, lines)
            n = _write(results, w)
        else:
            import multiprocessing

            with multiprocessing.Pool(workers, initializer=_init) as pool:
                # Chunks amortise the inter-process round trip; imap keeps the order.
                n = _write(pool.imap(process, lines, chunksize=64), w)
    print(f"python reference: {n} articles", file=sys.stderr)


def _write(results, w):
    n = 0
    for r in results:
        w.write(r + "\n")
        n += 1
    return n


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_fixtures(d):
    """Micro-averaged over all fixtures, each mention matched at most once
    (a multiset), as `gisa eval` does. By value: the key gisa eval uses
    (value and currency; the regex only knows 원, so its currency is KRW).
    By text: the words exactly as the annotator marked them."""
    by_value, by_text = Counter(), Counter()  # tp, fp, fn
    n = 0
    for txt in sorted(glob.glob(os.path.join(d, "*.txt"))):
        exp_path = txt[: -len(".txt")] + ".expected.json"
        if not os.path.exists(exp_path):
            continue
        expected = json.load(open(exp_path, encoding="utf-8")).get("amounts")
        if expected is None:  # a fixture that does not annotate amounts is not scored
            continue
        n += 1
        found = amounts(open(txt, encoding="utf-8").read())
        for tally, key_e, key_f in (
            (by_value, lambda e: (e["value"], e.get("currency", "KRW")), lambda a: (a["value"], "KRW")),
            (by_text, lambda e: e["text"], lambda a: a["text"]),
        ):
            want = Counter(key_e(e) for e in expected)
            got = Counter(key_f(a) for a in found)
            tp = sum((want & got).values())
            tally["tp"] += tp
            tally["fp"] += sum(got.values()) - tp
            tally["fn"] += sum(want.values()) - tp
    print(f"fixtures: {n}")
    for name, t in (("value", by_value), ("text", by_text)):
        p, r, f1 = prf(t["tp"], t["fp"], t["fn"])
        print(f"amounts by {name}: precision {p:.3f} recall {r:.3f} f1 {f1:.3f} (tp {t['tp']} fp {t['fp']} fn {t['fn']})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive", nargs="?", help="JSON Lines archive (fields id, url, text)")
    ap.add_argument("-o", "--output", help="output JSON Lines (default: stdout)")
    ap.add_argument("--workers", type=int, default=1, help="processes (multiprocessing.Pool when > 1)")
    ap.add_argument("--fixtures", metavar="DIR", help="score the amount regex on DIR/*.txt instead")
    args = ap.parse_args()
    if args.fixtures:
        score_fixtures(args.fixtures)
    elif args.archive:
        run_archive(args.archive, args.output, max(1, args.workers))
    else:
        ap.error("give an ARCHIVE or --fixtures DIR")


if __name__ == "__main__":
    main()
