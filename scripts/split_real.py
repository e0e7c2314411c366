#!/usr/bin/env python3
"""Splits blind-annotated real articles into fixtures/real/dev and
fixtures/real/test BY OUTLET: every article of one outlet lands on the same
side, so a rule tuned on dev cannot have seen test's outlet. Sites that carry
one outlet's copy (a portal, a mirror) count as that outlet.

    python3 scripts/split_real.py fixtures/real/incoming   # moves the files
"""
import hashlib, json, pathlib, shutil, sys

# Mirrors and portals that carry another outlet's copy (from each .meta.json).
SAME_OUTLET = {"daum.net": "kbs.co.kr", "zum.com": "newspim.com", "scrs.kr": "usmbc.co.kr"}

def main(incoming):
    root = pathlib.Path(incoming)
    real = root.parent
    by_outlet = {}
    for meta in sorted(root.glob("*/*.meta.json")):
        domain = json.loads(meta.read_text())["domain"].lower().removeprefix("www.").removeprefix("m.")
        key = SAME_OUTLET.get(domain, domain)
        by_outlet.setdefault(key, []).append(meta)
    sides = {"dev": [], "test": []}
    # A fixed, content-free order (hash of the outlet), then the smaller side takes the next outlet.
    for key in sorted(by_outlet, key=lambda k: hashlib.sha1(k.encode()).hexdigest()):
        side = min(sides, key=lambda s: len(sides[s]))
        sides[side].extend(by_outlet[key])
    for side, metas in sides.items():
        dest = real / side
        dest.mkdir(exist_ok=True)
        for meta in metas:
            name = meta.name.removesuffix(".meta.json")
            for ext in (".txt", ".meta.json", ".expected.json"):
                shutil.move(str(meta.parent / (name + ext)), str(dest / (name + ext)))
        outlets = {SAME_OUTLET.get(d, d) for d in (json.loads((dest / (m.name)).read_text())["domain"].lower().removeprefix("www.").removeprefix("m.") for m in metas)}
        print(f"{side}: {len(metas)} articles from {len(outlets)} outlets")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "fixtures/real/incoming")
