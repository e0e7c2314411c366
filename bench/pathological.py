#!/usr/bin/env python3
"""Writes the pathological input shapes of bench/pathological.sh into DIR,
each about SCALE x its full size (1.0 = the figures in the README):
  line.txt      one 12 MB line without a single space
  amounts.txt   100,000 amounts in one article (one paragraph)
  programs.txt  100,000 program words in one article
  elements.html 100,000 HTML elements in one article
  nested.html   100,000 nested, unclosed elements (the deep-tree case)
  line.jsonl    line.txt again, as the text of one JSON Lines record
"""
import json
import os
import sys

out, scale = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(out, exist_ok=True)


def write(name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


n = int(100_000 * scale)
# Hangul, digits, money, counters, years and quotes run together: every
# extractor and the tokenizer see one 12 MB eojeol.
unit = "도는스마트빌리지사업에1039억원을투자하고80개사업을’27년까지추진한다“디지털전환”3.5%증가"
line = unit * (int(12_000_000 * scale) // len(unit.encode()) + 1)
write("line.txt", line)
write("line.jsonl", json.dumps({"text": line}, ensure_ascii=False) + "\n")
write("amounts.txt", "예산 편성\n\n" + " ".join(f"사업{i % 97}에 {i}억원을," for i in range(1, n + 1)) + " 투자한다.\n")
words = ["사업", "계획", "방안", "센터", "특구", "플랫폼", "전략", "프로젝트", "클러스터", "조례"]
write("programs.txt", "사업 목록\n\n" + " ".join(f"지역{i % 89}혁신 {words[i % len(words)]}," for i in range(n)) + " 등이다.\n")
paras = "".join(f"<p>도는 {i}억원을 <b>스마트빌리지</b> 사업에 투자한다.</p>" for i in range(n // 3))
write("elements.html", f"<html><head><title>t</title></head><body><article>{paras}</article></body></html>")
write("nested.html", "<html><body><article><p>도는 1039억원을 투자한다.</p>" + "<div><span>x " * (n // 2) + "</article></body></html>")
