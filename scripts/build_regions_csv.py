#!/usr/bin/env python3
"""Builds dictionaries/regions.csv from the 법정동코드 table.

    python3 scripts/build_regions_csv.py scripts/data/lawd_sido_sigungu.tsv \
        scripts/data/lawd_former_2025-09.tsv > dictionaries/regions.csv

The first file is the official "법정동코드 전체자료" format (법정동코드<TAB>법정동명<TAB>
폐지여부); every row in force whose code ends in 00000 is a 시도 (…00000000) or a
시군구 (5-digit code). The second (optional) holds abolished rows, matched by name to
today's regions for the former_codes column. Everything else here is the part a
table cannot say: how articles write the names (short and former names, a 시/군
without 시/군) and which of those words are also common nouns.
"""

import csv
import sys

# 시도: the short forms articles use, and former names (강원도, 전라북도 …).
SIDO_ALIASES = {
    "서울특별시": ["서울", "서울시"],
    "부산광역시": ["부산", "부산시"],
    "대구광역시": ["대구", "대구시"],
    "인천광역시": ["인천", "인천시"],
    "대전광역시": ["대전", "대전시"],
    "울산광역시": ["울산", "울산시"],
    "세종특별자치시": ["세종", "세종시"],
    # 경기 alone is mostly "the economy" (경기 침체, 경기 회복).
    "경기도": ["경기!"],
    "강원특별자치도": ["강원", "강원도", "강원자치도", "강원특자도"],
    "충청북도": ["충북", "충북도"],
    "충청남도": ["충남", "충남도"],
    "전북특별자치도": ["전북", "전북도", "전라북도", "전북자치도", "전북특자도"],
    # Since 2026-07-01 광주광역시 and 전라남도 are one 시도. 광주 and 광주시 are
    # also 경기도 광주시: the article decides (src/extract/regions.rs).
    # 광주 alone, when the article does not say, is the metropolitan city (marked *).
    "전남광주통합특별시": ["전남광주", "전남", "전남도", "전라남도", "광주*", "광주시", "광주광역시"],
    "경상북도": ["경북", "경북도"],
    "경상남도": ["경남", "경남도"],
    "제주특별자치도": ["제주", "제주도"],
}

# Former full names of 시도, for the former column of their 시군구.
SIDO_FORMER = {
    "강원특별자치도": ["강원도"],
    "전북특별자치도": ["전라북도"],
    "전남광주통합특별시": ["광주광역시", "전라남도"],
}

# Former codes of 시도 whose code changed (before the 2025-09 snapshot too).
SIDO_FORMER_CODES = {"강원특별자치도": ["42"], "전북특별자치도": ["45"], "전남광주통합특별시": ["29", "46"]}

# 시군구 that moved or were renamed or merged: their former full names, and codes
# the 2025-09 snapshot no longer holds.
SIGUNGU_FORMER = {
    "대구광역시 군위군": (["경상북도 군위군"], ["47720"]),
    # 2026-07-01: 중구 (inland) + 동구 → 제물포구; 중구 (영종도) → 영종구; 서구 → 서해구 and 검단구.
    # 동구 went whole into 제물포구 and 서구 was renamed 서해구; 중구 was split, so
    # "인천 중구" names no region of today.
    "인천광역시 제물포구": (["인천광역시 동구"], ["28110"]),
    "인천광역시 영종구": ([], ["28110"]),
    "인천광역시 서해구": (["인천광역시 서구"], []),
    "인천광역시 검단구": ([], ["28260"]),
}

# Words that are a 시/군 without its 시/군 but also common nouns. "?": counts
# with another region in its sentence or its 시도 in the article (전주 대비 "than
# last week", 진주 "pearl"). "!": counts only right after its 시도 (충남 예산) or
# listed with other regions (부여·공주), since the noun is the usual reading
# (예산 "budget", 강화 "strengthening", 달성 "achievement").
GUARDED = {
    "전주", "진주", "공주", "경주", "구미", "청도", "정선", "금산", "성주", "신안", "무안", "장성",
    "강진", "봉화", "영주", "화성", "태안", "사천",
}
HARD = {
    "예산", "부여", "고령", "음성", "양산", "영양", "상주", "구리", "이천", "오산", "장수", "완주",
    "진도", "영광", "고양", "광명", "함양", "거창", "달성", "기장", "강화", "고성", "동해", "남해",
    "인제", "영동", "보은", "양주",
}
# 구 names that are also words: 서구 "the West", 북구 "Northern Europe".
GUARDED_FULL = {"서구", "북구"}
# 제주시 without 시 is 제주, which articles use for the 시도 (제주특별자치도).
NO_STEM = {"제주시"}

# Names articles use for a 시군구 that the table does not hold as a word of its
# own: former cities merged into today's (마산, 진해 → 창원시), and 구 written
# without 구 where that is unambiguous and not a common word (관악 교육특구,
# 해운대 센텀시티, 수원·기흥). `?`/`!` as for stems.
EXTRA_ALIASES = {
    "경상남도 창원시": ["마산", "진해"],
    "경기도 고양시": ["일산?"],
    "경기도 화성시": ["동탄?"],
    "서울특별시 관악구": ["관악?"],
    "서울특별시 영등포구": ["영등포?"],
    "서울특별시 동대문구": ["동대문?"],
    "서울특별시 서대문구": ["서대문?"],
    "서울특별시 마포구": ["마포?"],
    "서울특별시 송파구": ["송파?"],
    "서울특별시 서초구": ["서초?"],
    "서울특별시 노원구": ["노원?"],
    "서울특별시 은평구": ["은평?"],
    "부산광역시 해운대구": ["해운대?"],
    "대구광역시 수성구": ["수성?"],
    "대구광역시 달서구": ["달서?"],
    "인천광역시 부평구": ["부평?"],
    "인천광역시 계양구": ["계양?"],
    "인천광역시 미추홀구": ["미추홀?"],
    "대전광역시 유성구": ["유성?"],
    "경기도 용인시 기흥구": ["기흥?"],
    "경기도 성남시 분당구": ["분당?"],
}


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("법정동코드"):
                continue
            code, name, status = line.split("\t")
            rows.append((code, " ".join(name.split()), status))
    return rows


def mark(word):
    if word in HARD:
        return word + "!"
    if word in GUARDED or word in GUARDED_FULL:
        return word + "?"
    return word


def main():
    current = [(c, n) for c, n, s in read_table(sys.argv[1]) if s == "존재" and c.endswith("00000")]
    former_rows = read_table(sys.argv[2]) if len(sys.argv) > 2 else []
    by_code = {}
    for code, name in current:
        if code.endswith("00000000"):
            by_code[code[:2]] = name
    entries = []
    for code, name in sorted(current):
        words = name.split()
        if code.endswith("00000000"):
            if name not in SIDO_ALIASES:
                sys.exit(f"{name}: a 시도 with no aliases in SIDO_ALIASES")
            entries.append([code[:2], "sido", name, SIDO_ALIASES[name], [], SIDO_FORMER_CODES.get(name, [])])
            continue
        c5 = code[:5]
        if name == "세종특별자치시":
            # A 시도 with no 시군구: the table's only row for it is 3611000000.
            entries.append([c5, "sido", name, SIDO_ALIASES[name], [], []])
            continue
        last = words[-1]
        aliases = [mark(last)]
        if last[-1] in "시군" and len(last) > 2 and last not in NO_STEM:
            aliases.append(mark(last[:-1]))
        aliases += EXTRA_ALIASES.get(name, [])
        sido = words[0]
        extra_former, extra_codes = SIGUNGU_FORMER.get(name, ([], []))
        tails = {" ".join(words[1:])} | {" ".join(f.split()[1:]) for f in extra_former}
        fsidos = set(SIDO_FORMER.get(sido, [])) | {f.split()[0] for f in extra_former}
        # Former names and codes: the abolished rows of the same 시군구 under a former 시도 name.
        matched = [(fc[:5], fn) for fc, fn, _ in former_rows
                   if not fc.endswith("00000000") and fn.split()[0] in fsidos | {sido} and " ".join(fn.split()[1:]) in tails]
        former = sorted({fn for _, fn in matched} | set(extra_former))
        codes = [fc for fc, _ in matched]
        # 강원도 → 강원특별자치도 (2023-06-11) and 전라북도 → 전북특별자치도 (2024-01-18)
        # kept every 시군구's last three digits; both predate the 2025-09 snapshot.
        for old_sido, prefix in (("강원도", "42"), ("전라북도", "45")):
            if old_sido in fsidos:
                former.append(" ".join([old_sido] + words[1:]))
                codes.append(prefix + c5[2:])
        entries.append([c5, "sigungu", name, aliases, former, sorted(set(codes + extra_codes))])
    w = csv.writer(sys.stdout, lineterminator="\n")
    print(HEADER.strip())
    w.writerow(["code", "level", "name", "aliases", "former", "former_codes"])
    for code, level, name, aliases, former, codes in entries:
        w.writerow([code, level, name, "|".join(aliases), "|".join(former), "|".join(codes)])


HEADER = """
# Korean administrative regions: the 시도 and every 시군구 in force, with their
# 법정동 codes from 행정표준코드관리시스템 (code.go.kr, "법정동코드 전체자료") as of
# 2026-10-08: 2 digits for a 시도, 5 for a 시군구 (세종특별자치시: 36110, the
# table's only row for it). Made by scripts/build_regions_csv.py from
# scripts/data/lawd_sido_sigungu.tsv (where the rows come from is said there);
# edit the script's lists and rerun it rather than this file.
#
# code          법정동 code
# level         sido | sigungu (일반구 such as 수원시 장안구 are sigungu with their own code)
# name          the current official full name
# aliases       other ways an article writes it, |-separated: short and former names,
#               and a 시/군 without 시/군 (전주시 → 전주). A trailing ? marks a word that is
#               also a common noun (전주 "last week"): it counts with another region in its
#               sentence or its 시도 in the article. A trailing ! marks a word that is
#               mostly a common noun (예산 "budget"): it counts only right after its 시도
#               (충남 예산) or listed with other regions (부여·공주). A trailing * marks the
#               region a word shared with others names when the article does not say
#               which (광주: 광주광역시, now 전남광주통합특별시, rather than 경기도 광주시).
# former        former full names (강원도 춘천시, 전라남도 목포시), |-separated
# former_codes  the codes it had before a rename, move or merger (51110 ← 42110)
"""

if __name__ == "__main__":
    main()
