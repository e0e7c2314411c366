#!/usr/bin/env python3
"""Fills region codes into expected files from the names annotators wrote.

    python3 scripts/fill_region_codes.py fixtures/ fixtures/real/dev/     # rewrite in place
    python3 scripts/fill_region_codes.py --check fixtures/real/dev/       # report only

In every NAME.expected.json (a directory means all of them in it):
- each `regions` entry gets `code` from its `name` (null name → null code);
- each amount's `region`, written as a name, becomes that region's code
  (null stays null; a code already there is checked).

Names are looked up in dictionaries/regions.csv as gisa reads it (a 일반구
such as 고양시 일산서구 is its city, 41280): official
names (경상북도 포항시), former names (강원도, 전라남도 목포시, 경상북도 군위군), and a
시도 and 시군구 as articles write them (경북 포항시, 광주 북구). A name that is
unknown, or names more than one region (중구), is reported with its file and
nothing in that file is written, so a typo never becomes a wrong code.
Exit status 1 when any name could not be resolved.
"""

import csv
import json
import sys
from pathlib import Path

CSV = Path(__file__).resolve().parent.parent / "dictionaries" / "regions.csv"

# Former regions split between several of today's (2026-07-01: 인천 중구 into
# 제물포구 and 영종구): an article naming one names no single region today, so
# its code is null, as gisa writes it.
SPLIT = {"인천광역시 중구", "인천 중구"}


class Gazetteer:
    def __init__(self, path):
        lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
        rows = list(csv.DictReader(lines))
        self.by_code = {r["code"]: r for r in rows}
        self.words = {}  # word -> set of codes
        self.qualified = {}  # (qualifier code, word) -> code
        self.qualifiers = set()
        self.full = {}  # official and former full names -> code

        def strip(alias):
            return alias.rstrip("*").rstrip("?!")

        for r in rows:
            name = r["name"]
            self.full[name] = r["code"]
            last = name.split()[-1]
            words = {name if r["level"] == "sido" else last}
            words |= {strip(a) for a in r["aliases"].split("|") if a}
            r["_words"] = words
            for w in words:
                self.words.setdefault(w, set()).add(r["code"])
        for r in rows:
            if r["level"] == "sido":
                continue
            name_words = r["name"].split()
            quals = [r["code"][:2]]
            if len(name_words) == 3:
                city = " ".join(name_words[:2])
                quals += [c for c, x in self.by_code.items() if x["name"] == city]
            keys = [(q, w) for q in quals for w in r["_words"]]
            for former in filter(None, r["former"].split("|")):
                self.full.setdefault(former, r["code"])
                fw = former.split()
                sidos = [c for c in self.words.get(fw[0], ()) if self.by_code[c]["level"] == "sido"]
                for q in sidos[:1]:
                    keys.append((q, fw[-1]))
                    if len(fw[-1]) > 2 and fw[-1][-1] in "시군":
                        keys.append((q, fw[-1][:-1]))
            for q, w in keys:
                self.qualifiers.add(q)
                self.qualified[(q, w)] = r["code"]

    def reported(self, code):
        """A 일반구 (경기도 고양시 일산서구) is reported as its city, as gisa does."""
        if code is None:
            return None
        words = self.by_code[code]["name"].split()
        if len(words) == 3:
            city = [c for c, x in self.by_code.items() if x["name"] == " ".join(words[:2])]
            if city:
                return city[0]
        return code

    def code(self, name):
        """The code `name` names, or None when it names none or several."""
        return self.reported(self._code(name))

    def _code(self, name):
        name = " ".join(name.split())
        if name in self.full:
            return self.full[name]
        words = name.split()
        current = None
        for k, w in enumerate(words):
            if current is None:
                fits = [c for c in self.words.get(w, ()) if k + 1 == len(words) or c in self.qualifiers]
                if len(fits) != 1:
                    return None
                current = fits[0]
            else:
                current = self.qualified.get((current, w))
                if current is None:
                    return None
        return current


def expected_files(paths):
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(p.glob("*.expected.json"))
        else:
            yield p


def fill(doc, g, problems):
    changed = False
    for r in doc.get("regions") or []:
        name = r.get("name")
        code = None if name is None or " ".join(name.split()) in SPLIT else g.code(name)
        if name is not None and code is None and " ".join(name.split()) not in SPLIT:
            problems.append(f"region name {name!r} (text {r.get('text')!r}) names no single region")
            continue
        if r.get("code", "missing") != code:
            r["code"] = code
            changed = True
    for a in doc.get("amounts") or []:
        if "region" not in a or a["region"] is None:
            continue
        v = a["region"]
        if " ".join(v.split()) in SPLIT:
            a["region"] = None
            changed = True
            continue
        code = v if v in g.by_code else g.code(v)
        if code is None:
            problems.append(f"amount {a.get('text')!r}: region {v!r} names no single region")
        elif code != v:
            a["region"] = code
            changed = True
    return changed


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or ["fixtures"]
    g = Gazetteer(CSV)
    failed = 0
    for path in expected_files(paths):
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        problems = []
        changed = fill(doc, g, problems)
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        if problems:
            failed += 1
            continue
        if changed and not check:
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print(f"{path}: codes filled")
        elif changed:
            print(f"{path}: codes would change")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
