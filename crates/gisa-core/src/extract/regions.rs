//! Regions (`regions`, and `region` on each amount): every mention of a 시도
//! or 시군구 in the body, resolved to today's 법정동 code with the gazetteer
//! (`dictionaries/regions.csv`), and the region each amount goes to when its
//! sentence says so. The conventions follow the annotated fixtures.
//!
//! 1. **Words.** At the start of every Hangul run (after a space, ·, a quote
//!    …) the longest gazetteer word is looked up; the rest of its eojeol must be
//!    grammar (경북도는, 전주에서), a place noun (충북 지역에, 도내, 강원권,
//!    경기북부) or a title (임실군수, 부산시장). Anything else makes it part of
//!    another word, which is not a mention: 경상북도청, 경북도의회, 전주시청,
//!    광주은행, 대전환. Datelines ([전주=뉴시스]), hashtags, credits
//!    (윤재석/신안군 …과장, /남해군) and photo captions (… 광주시 제공) are not body.
//! 2. **Qualified names.** A bare region word qualifies the next eojeol's: a
//!    시도 before its 시군구 (경북 포항시, 충남 예산, 경기 광주시) is a mention of its
//!    own and makes the 시군구 certain; a city before its 일반구 (포항시 북구) is one
//!    mention, and a 일반구 is always reported as its city (it has no council or
//!    budget). A 시도 that cannot qualify the next word (인천 중구: no 중구 in 인천
//!    since 2026) leaves it unresolved; a common word after a region that does
//!    not hold it (태백 장성: 장성동) is no mention.
//! 3. **Common words.** Marked words in the CSV are also common nouns: `?`
//!    (전주 "last week") counts with another region in its sentence or its
//!    시도 in the article; `!` (예산 "budget", 강화, 고양) only when qualified,
//!    followed by a place noun, or listed with other regions (부여·공주; 예산
//!    100억원, 홍성 80억원).
//! 4. **Names.** A region word inside a quoted program name or inside the name
//!    of a law, ordinance or committee (강원특별자치도 설치 등에 관한 특별법) is
//!    part of that name, not a mention.
//! 5. **Ambiguity.** A word that names several regions (중구, 북구, 고성군,
//!    광주) takes the one the article names unambiguously elsewhere, else the
//!    one sharing a 시도 with the nearest unambiguous region of its sentence,
//!    else its default (광주: 광주광역시), else the 시도 named most recently
//!    before it, else the 시도 the article names most; otherwise its code and
//!    name are null.
//! 6. **Amounts.** An amount's region is the one its phrase starts with
//!    (충북 스마트빌리지 12억원, 전주 2280억원), else the one its sentence sends
//!    money to with 에 with no verb between (강릉시에 120억원을 지원), else the
//!    topic or subject right before it (대구시는 … 5조원, 경상북도는 … 6조원),
//!    else the sentence's topic, subject, owner or source when it is the
//!    sentence's only region (경북도는 847억원을 확보했다; 해남군의 예산은;
//!    구미시에 따르면), or the topic that opens the sentence when the others
//!    are named only in passing (의성군은 … 금산, 함양과 함께 … 210억 원을
//!    받는다). A bare 도는/시는 is no region, a list (부여·공주에) names
//!    no single one, and a sentence naming none (a national total) links none.
//!
//! Every step is linear in the text: one lookup per Hangul run, sentences
//! and 시도 tallies computed once, per-amount work bounded.

use std::collections::{HashMap, HashSet};

use super::{Amount, Doc, Program, Region};
use crate::gazetteer::{Gazetteer, Level, Reading};
use crate::morph::Pos;
use crate::normalize::is_hangul;

/// How far apart two regions may be and still read as one list (부여·공주;
/// 예산 100억원, 홍성 80억원), in chars.
const LIST_GAP: usize = 24;

/// A region word as found, before it is accepted and resolved.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    /// End of the region word(s); the particle after it is not part of the mention.
    end: usize,
    first_eojeol: usize,
    last_eojeol: usize,
    /// The word as written (without a qualifier before it).
    word: String,
    /// The regions it may name (gazetteer entries).
    entries: Vec<usize>,
    /// The one it names when the article does not say (광주), if any.
    default: Option<usize>,
    reading: Reading,
    /// Nothing follows it in its eojeol: it can qualify the next word.
    bare: bool,
    /// The grammar after it (는, 에서, 에), after any place noun.
    particle: String,
    /// Qualified by the word before it: its region is certain.
    qualified: bool,
    /// Right after a region that could not qualify it (인천 중구): unresolved.
    blocked: bool,
    /// Merged into the next word (포항시 of 포항시 북구).
    absorbed: bool,
    /// Qualifies the next word (경기 of 경기 광주시): a mention even when it is a common word.
    qualifier: bool,
    /// Not a mention whatever else says so (태백 장성: 장성동 of 태백).
    rejected: bool,
    /// A place noun follows it (경기북부, 충북 지역): a place, even if a common word.
    placed: bool,
}

/// Finds the regions of `doc`, and links each amount to its region.
pub fn find(doc: &Doc, amounts: &mut [Amount], programs: &[Program]) -> Vec<Region> {
    let g = &doc.lex.regions;
    if g.entries.is_empty() {
        return Vec::new();
    }
    let (mut found, compounds) = scan(doc, g);
    qualify(doc, g, &mut found);
    let mut found: Vec<Found> = found
        .into_iter()
        .filter(|f| !f.absorbed && !f.rejected && !in_dateline(doc, f) && !part_of_a_name(doc, g, &compounds, f) && !in_caption(doc, f))
        .collect();
    for f in found.iter_mut().filter(|f| f.bare) {
        if let Some(p) = sub_place_particle(doc, f) {
            f.particle = p;
        }
    }
    let sentences = Sentences::new(doc);
    let accepted = accept(doc, g, &found, amounts, &sentences);
    found = found.into_iter().zip(accepted).filter(|(_, a)| *a).map(|(f, _)| f).collect();
    let quotes = quoted_spans(doc);
    let names = name_spans(programs, &quotes, &doc.lex.region_words.name_endings);
    found.retain(|f| !inside_a_name(&names, f));
    let resolved = resolve(g, &found, &sentences);
    let regions: Vec<Region> = found
        .iter()
        .zip(&resolved)
        .map(|(f, r)| {
            let entry = r.map(|e| &g.entries[e]);
            let levels: HashSet<Level> = f.entries.iter().map(|&e| g.entries[e].level).collect();
            let level = entry.map(|e| e.level).or_else(|| (levels.len() == 1).then(|| *levels.iter().next().unwrap_or(&Level::Sigungu)));
            Region {
                name: entry.map(|e| e.name.clone()),
                code: entry.map(|e| e.code.clone()),
                level: level.map(Level::as_str),
                text: doc.slice(f.start, f.end).to_string(),
                start: f.start,
                end: f.end,
                rule: rule_of(f, r.is_some()),
                explain: None,
            }
        })
        .collect();
    // Items of a list (부여·공주에, 전주와 익산에) send no amount to either.
    let listed: Vec<bool> = (0..found.len())
        .map(|k| (k > 0 && listed_together(doc, &[], &found[k - 1], &found[k])) || (k + 1 < found.len() && listed_together(doc, &[], &found[k], &found[k + 1])))
        .collect();
    link(doc, amounts, &found, &regions, &listed, &sentences);
    regions
}

fn rule_of(f: &Found, resolved: bool) -> &'static str {
    match (f.qualified, f.entries.len() > 1, resolved, f.blocked) {
        (true, _, _, _) => "region: qualified by the region before it",
        (_, false, _, _) => "region: gazetteer word",
        (_, true, _, true) => "region: ambiguous, after a 시도 that has none of its regions",
        (_, true, true, _) => "region: ambiguous, resolved by the article's 시도",
        (_, true, false, _) => "region: ambiguous, not resolved",
    }
}

/// Step 1: the longest gazetteer word at the start of each Hangul run whose
/// eojeol goes on only with grammar or a place noun.
fn scan(doc: &Doc, g: &Gazetteer) -> (Vec<Found>, HashMap<usize, String>) {
    let mut out = Vec::new();
    // Region words that open an eojeol and go on into another word (중구청,
    // 포항시청, 여수세계섬박람회), by eojeol: a region before them names that
    // organisation or event, not a place.
    let mut compounds: HashMap<usize, String> = HashMap::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < doc.len() {
        if !is_hangul(doc.chars[i]) {
            i += 1;
            continue;
        }
        let mut run_end = i;
        while doc.at(run_end).is_some_and(is_hangul) {
            run_end += 1;
        }
        // #익산: a hashtag under the article, not its text; 윤재석/신안군 신재생에너지과장,
        // 노선도. /남해군: an interviewee's or a picture's credit.
        if i > 0 && (doc.chars[i - 1] == '#' || (doc.chars[i - 1] == '/' && credit_before(doc, g, i - 1))) {
            i = run_end;
            continue;
        }
        let max = g.max_word_chars.min(run_end - i);
        buf.clear();
        buf.extend(&doc.chars[i..i + max]);
        let ends: Vec<usize> = buf.char_indices().map(|(b, _)| b).skip(1).chain(std::iter::once(buf.len())).collect();
        for len in (2..=max).rev() {
            let Some(senses) = g.senses(&buf[..ends[len - 1]]) else { continue };
            let end = i + len;
            if doc.any_claimed(i, end) {
                break;
            }
            let Some((bare, particle, placed)) = tail(doc, end, run_end) else {
                if let Some(e) = doc.analysis.eojeol_at(i).filter(|&e| doc.analysis.eojeols[e].start == i) {
                    compounds.entry(e).or_insert_with(|| buf[..ends[len - 1]].to_string());
                }
                continue;
            };
            let (Some(first_eojeol), Some(last_eojeol)) = (doc.analysis.eojeol_at(i), doc.analysis.eojeol_at(end - 1)) else { break };
            let bare = bare && doc.analysis.eojeols[last_eojeol].end == end;
            out.push(Found {
                word: buf[..ends[len - 1]].to_string(),
                start: i,
                end,
                first_eojeol,
                last_eojeol,
                // A 일반구 is reported as its city (포항시 북구 → 포항시).
                entries: dedup(senses.iter().map(|s| g.reported(s.entry))),
                default: senses.iter().find(|s| s.default).map(|s| g.reported(s.entry)),
                // The most permissive reading: 광주 is safe for both its regions.
                reading: senses.iter().map(|s| s.reading).min().unwrap_or(Reading::Safe),
                bare,
                particle,
                qualified: false,
                blocked: false,
                absorbed: false,
                qualifier: false,
                rejected: false,
                placed,
            });
            break;
        }
        i = run_end;
    }
    (out, compounds)
}

/// Is the '/' at `slash` a credit's: after a space or a line's start (노선도.
/// /남해군), or after a short name that is not a region (윤재석/신안군 …과장)?
/// "서울/경기" is a list.
fn credit_before(doc: &Doc, g: &Gazetteer, slash: usize) -> bool {
    let mut k = slash;
    while k > 0 && is_hangul(doc.chars[k - 1]) {
        k -= 1;
    }
    let name: String = doc.chars[k..slash].iter().collect();
    let before = if k == 0 { None } else { Some(doc.chars[k - 1]) };
    (name.is_empty() && before.is_none_or(char::is_whitespace))
        || ((2..=4).contains(&name.chars().count()) && g.senses(&name).is_none() && before.is_none_or(|c| !c.is_alphanumeric()))
}

/// A bare region followed by a road of a street address (지사면 영천 3길) is
/// part of the address. (A region before an office or a title, 울산 중구청 or
/// 경북도 투자유치과장, is a mention, as annotated.)
fn part_of_a_name(doc: &Doc, g: &Gazetteer, compounds: &HashMap<usize, String>, f: &Found) -> bool {
    if !f.bare {
        return false;
    }
    let next = f.last_eojeol + 1;
    let _ = (g, compounds);
    let road = doc.analysis.eojeols.get(next).is_some_and(|e| {
        let w: Vec<char> = doc.chars[e.start..e.end].to_vec();
        let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
        let rest = &w[digits..];
        digits > 0 && (rest.starts_with(&['길']) || rest.starts_with(&['로']) || rest.starts_with(&['번', '길']))
    });
    road
}

fn dedup(it: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut v: Vec<usize> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// What follows a region word ending at `end` inside its Hangul run (which
/// ends at `run_end`): `(nothing follows, the particle)`, or None when the
/// word goes on into another word.
fn tail(doc: &Doc, end: usize, run_end: usize) -> Option<(bool, String, bool)> {
    if end == run_end {
        // 전주2 or 경북A: digits or letters glued on make it something else;
        // (수원=연합뉴스) is a dateline, not the article's subject.
        return match doc.at(end) {
            Some(c) if c.is_alphanumeric() || c == '=' => None,
            _ => Some((true, String::new(), false)),
        };
    }
    let rest: String = doc.chars[end..run_end].iter().collect();
    // 임실군수: the title may share the word's last letter (군 of 임실군 and 군수).
    let last = doc.chars[end - 1];
    // Titles (region_words.csv) keep it a mention; offices (경상북도청) do not.
    if doc.lex.region_words.titles.iter().any(|t| rest.starts_with(t.as_str()) || t.strip_prefix(last).is_some_and(|tail| !tail.is_empty() && rest.starts_with(tail))) {
        return Some((false, String::new(), false));
    }
    // Place nouns (region_words.csv) keep it a place: 충북 지역에, 경북도내.
    for noun in &doc.lex.region_words.place_nouns {
        if let Some(after) = rest.strip_prefix(noun.as_str()) {
            let k = end + noun.chars().count();
            if after.is_empty() || grammar(doc, after, k, run_end) {
                return Some((false, after.to_string(), true));
            }
        }
    }
    grammar(doc, &rest, end, run_end).then_some((false, rest, false))
}

/// Is `rest` (chars `start..end`) only grammar: a place particle, or tokens
/// Lindera reads as particles, endings or the copula, starting on a token boundary?
fn grammar(doc: &Doc, rest: &str, start: usize, end: usize) -> bool {
    // The place particles of region_words.csv (particles.txt is for counters
    // and money, and holds 대 of 억원대, which after a place is a university).
    if doc.lex.region_words.particles.contains(rest) {
        return true;
    }
    let tokens = &doc.analysis.tokens;
    let first = tokens.partition_point(|t| t.start < start);
    tokens.get(first).is_some_and(|t| t.start == start)
        && tokens[first..].iter().take_while(|t| t.start < end).all(|t| t.pos.is_functional() && t.last_pos.is_functional())
}

/// "포항시 북구 흥해읍에는": the grammar after the 읍, 면, 동 or 리 that follows a
/// region is the region's too (the money goes to 흥해읍 of 포항시 북구).
fn sub_place_particle(doc: &Doc, f: &Found) -> Option<String> {
    let e = f.last_eojeol + 1;
    let next = doc.analysis.eojeols.get(e)?;
    let word: Vec<char> = doc.chars[next.start..next.end].iter().copied().take_while(|c| is_hangul(*c)).collect();
    (1..word.len())
        .find_map(|k| {
            let rest: String = word[k + 1..].iter().collect();
            (matches!(word[k], '읍' | '면' | '동' | '리') && (rest.is_empty() || doc.lex.region_words.particles.contains(&rest))).then_some(rest)
        })
        .or_else(|| {
            // "서울시 예산(안)이 30조원을 돌파했다": the region owns the subject.
            let tokens = doc.analysis.eojeol_tokens(e);
            let text = doc.analysis_text();
            let last = tokens.last()?;
            let nouns = &tokens[..tokens.len() - 1];
            let p = last.surface(text);
            (!nouns.is_empty() && nouns.iter().all(|t| t.pos.is_noun() || t.pos == Pos::Symbol) && matches!(p, "은" | "는" | "이" | "가"))
                .then(|| p.to_string())
        })
}

/// Step 2: a bare region word qualifies the word that starts the next eojeol
/// (경북 포항시 → one mention of 경상북도 포항시); chains go on (경북 포항시 북구).
fn qualify(doc: &Doc, g: &Gazetteer, found: &mut [Found]) {
    for k in 1..found.len() {
        let (before, after) = found.split_at_mut(k);
        let (a, b) = (&mut before[k - 1], &mut after[0]);
        if !a.bare || b.first_eojeol != a.last_eojeol + 1 || doc.analysis.eojeols[b.first_eojeol].start != b.start {
            continue;
        }
        let hits = dedup(a.entries.iter().filter_map(|&q| g.qualified(q, &b.word).map(|e| (q, g.reported(e)))).map(|(_, e)| e));
        let by_sido = a.entries.iter().any(|&q| g.entries[q].level == Level::Sido && g.qualified(q, &b.word).is_some());
        if let [one] = hits.as_slice() {
            b.entries = vec![*one];
            b.default = None;
            b.qualified = true;
            // 경북 포항시: two mentions, the 시도 and the 시군구 (as annotated);
            // 포항시 북구: one, the city (a 일반구 is reported as its city).
            if !by_sido {
                b.start = a.start;
                b.first_eojeol = a.first_eojeol;
                a.absorbed = true;
            } else {
                a.qualifier = true;
                // 광주 of 광주 북구: the 시도 the 시군구 is in.
                a.entries.retain(|&q| g.qualified(q, &b.word).is_some());
            }
        } else if hits.is_empty() && b.reading != Reading::Safe {
            // 태백 장성: a common word after a region that does not hold it is a
            // place inside that region (태백시 장성동), not a 시군구.
            b.rejected = true;
        } else if hits.is_empty() && a.entries.len() == 1 && b.entries.len() > 1 && g.entries[a.entries[0]].level == Level::Sido {
            // 인천 중구: the 시도 is said, and none of 중구's regions is in it.
            b.blocked = true;
        }
    }
}

/// The sentences of the text, found once, so a position's sentence is a lookup.
struct Sentences {
    starts: Vec<usize>,
}

impl Sentences {
    fn new(doc: &Doc) -> Sentences {
        let mut starts = vec![0];
        let mut s = 0;
        while s < doc.len() {
            let e = doc.sentence_end(s).max(s + 1);
            starts.push(e);
            s = e;
        }
        Sentences { starts }
    }

    fn of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }
}

/// Step 3: which found words are mentions, given how safely each names a region.
fn accept(doc: &Doc, g: &Gazetteer, found: &[Found], amounts: &[Amount], sentences: &Sentences) -> Vec<bool> {
    let strong: Vec<bool> = found.iter().map(|f| f.qualified || f.qualifier || f.placed || f.reading == Reading::Safe).collect();
    let mut strong_sentences: HashMap<usize, usize> = HashMap::new();
    let mut strong_sidos: HashSet<&str> = HashSet::new();
    for (f, _) in found.iter().zip(&strong).filter(|(_, s)| **s) {
        *strong_sentences.entry(sentences.of(f.start)).or_default() += 1;
        for &e in &f.entries {
            strong_sidos.insert(g.entries[e].sido.as_str());
        }
    }
    // Lists of regions (부여·공주, 예산 100억원, 홍성 80억원): every item counts
    // when one of them is more than a common noun (예산·양산 is a list of nouns).
    let money = money_mask(doc, amounts);
    let mut in_list = vec![false; found.len()];
    let mut k = 0;
    while k < found.len() {
        let mut j = k;
        while j + 1 < found.len() && listed_together(doc, &money, &found[j], &found[j + 1]) {
            j += 1;
        }
        if j > k && found[k..=j].iter().any(|f| f.reading != Reading::Hard || f.qualified) {
            in_list[k..=j].iter_mut().for_each(|x| *x = true);
        }
        k = j + 1;
    }
    found
        .iter()
        .enumerate()
        .map(|(k, f)| {
            if strong[k] {
                return true;
            }
            match f.reading {
                Reading::Safe => true,
                Reading::Hard => in_list[k],
                Reading::Guarded => {
                    in_list[k]
                        || strong_sentences.contains_key(&sentences.of(f.start))
                        || f.entries.iter().any(|&e| strong_sidos.contains(g.entries[e].sido.as_str()))
                }
            }
        })
        .collect()
}

/// Which chars are inside an amount, computed once (a list may run over amounts).
fn money_mask(doc: &Doc, amounts: &[Amount]) -> Vec<bool> {
    let mut mask = vec![false; doc.len()];
    for a in amounts {
        mask[a.start.min(doc.len())..a.end.min(doc.len())].iter_mut().for_each(|m| *m = true);
    }
    mask
}

/// Are `a` and `b` (in text order) items of one list: only a separator, and
/// perhaps an amount (`money`), between them (부여·공주, 전주와 익산, 예산 100억원, 홍성)?
fn listed_together(doc: &Doc, money: &[bool], a: &Found, b: &Found) -> bool {
    let (from, to) = (a.end, b.start);
    if to <= from || to - from > LIST_GAP {
        return false;
    }
    // An amount in the gap is stepped over, with its brackets: 영암(5744억원), 영광(5527억원).
    let is_money = |i: usize| money.get(i).copied().unwrap_or(false);
    let bracketed = (from..to).any(is_money);
    let gap: String = (from..to)
        .filter(|&i| !is_money(i))
        .map(|i| doc.chars[i])
        .filter(|c| !c.is_whitespace() && !(bracketed && matches!(c, '(' | ')')))
        .collect();
    matches!(gap.as_str(), "·" | "," | "、" | "/" | "~" | "와" | "과" | "및" | "ㆍ")
}

/// A photo caption left in the text ("광주 북구 첨단3지구 전경. 광주시 제공",
/// "… 문현금융단지 전경. 부산일보DB"): a short line ending with its credit.
/// Captions are not the article's body (as annotated).
fn in_caption(doc: &Doc, f: &Found) -> bool {
    const CAPTION_LINE: usize = 120;
    let (mut s, mut e) = (f.start, f.end);
    while s > 0 && doc.chars[s - 1] != '\n' && f.start - s <= CAPTION_LINE {
        s -= 1;
    }
    while e < doc.len() && doc.chars[e] != '\n' && e - f.end <= CAPTION_LINE {
        e += 1;
    }
    if e - s > CAPTION_LINE {
        return false;
    }
    let line: String = doc.chars[s..e].iter().collect();
    let line = line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ')' | '>' | '|'));
    // "▲보령시_밤섬·술뚱권역_종합계획도": an image's file title.
    line.ends_with("제공") || line.ends_with("DB") || line.contains("사진=") || line.contains("사진 =") || line.contains("/사진") || line.contains('_')
}

/// "[KBS 전주]", "[전주=뉴시스]" at the start of a line: where the report was
/// filed, not what it is about.
fn in_dateline(doc: &Doc, f: &Found) -> bool {
    let mut k = f.start;
    while k > 0 && f.start - k < 12 && !matches!(doc.chars[k - 1], '[' | '\n' | ']') {
        k -= 1;
    }
    let opened = k > 0 && doc.chars[k - 1] == '[' && (k == 1 || doc.chars[k - 2] == '\n');
    opened && doc.chars[f.end..].iter().take(12).take_while(|&&c| c != '\n').any(|&c| c == ']')
}

/// Step 4: a region word inside a quoted program name, or inside the name of
/// a law, ordinance or committee, belongs to that name.
/// `name_endings`: the endings of law, ordinance and committee names (region_words.csv).
fn name_spans(programs: &[Program], quotes: &[(usize, usize)], name_endings: &[String]) -> Vec<(usize, usize)> {
    let laws = programs.iter().filter(|p| name_endings.iter().any(|e| p.name.ends_with(e.as_str()))).map(|p| (p.start, p.end));
    // Quotes around a program's name (‘제2차 부산 블록체인 산업 육성 기본계획’), not a
    // speech that mentions one: the quote and the name start and end together.
    let spans: HashSet<(usize, usize)> = programs.iter().map(|p| (p.start, p.end)).collect();
    let same = |&(s, e): &(usize, usize)| {
        (s.saturating_sub(1)..=s + 1).any(|ps| (e.saturating_sub(1)..=e + 1).any(|pe| spans.contains(&(ps, pe))))
    };
    let mut out: Vec<(usize, usize)> = laws.chain(quotes.iter().copied().filter(same)).collect();
    out.sort_unstable();
    out
}

/// Is `f` inside one of the name spans (sorted by start)? Names rarely nest,
/// so the few that start before it are enough to look at.
fn inside_a_name(names: &[(usize, usize)], f: &Found) -> bool {
    let k = names.partition_point(|&(s, _)| s <= f.start);
    names[..k].iter().rev().take(4).any(|&(_, e)| f.end <= e)
}

/// Quoted stretches of the text ('…', "…", 「…」, 《…》 after folding), on one
/// line each: an opening quote follows a space, a bracket or the line's start.
fn quoted_spans(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for (i, &c) in doc.chars.iter().enumerate() {
        if c == '\n' {
            open = None;
            continue;
        }
        match open {
            Some((q, s)) if c == closing(q) && i > s + 1 => {
                out.push((s + 1, i));
                open = None;
            }
            None if matches!(c, '\'' | '"' | '「' | '《') && (i == 0 || !doc.chars[i - 1].is_alphanumeric()) => open = Some((c, i)),
            _ => {}
        }
    }
    out
}

fn closing(q: char) -> char {
    match q {
        '「' => '」',
        '《' => '》',
        other => other,
    }
}

/// Step 5: each found word's region, when it names one or the article says
/// which: a region of it named unambiguously elsewhere in the article (대구
/// 중구 … 중구); else the 시도 of the nearest unambiguous region in its
/// sentence; else its default (광주); else the 시도 named most recently
/// before it; else the 시도 the article names most.
fn resolve(g: &Gazetteer, found: &[Found], sentences: &Sentences) -> Vec<Option<usize>> {
    let sido_of = |e: usize| g.entries[e].sido.as_str();
    let mut named: HashSet<usize> = HashSet::new();
    let mut tally: HashMap<&str, usize> = HashMap::new();
    for f in found.iter().filter(|f| f.entries.len() == 1) {
        named.insert(f.entries[0]);
        *tally.entry(sido_of(f.entries[0])).or_default() += 1;
    }
    // For each word, the nearest unambiguous mention of its sentence (either
    // side), found by one sweep each way.
    let sentence_of: Vec<usize> = found.iter().map(|f| sentences.of(f.start)).collect();
    let mut nearest: Vec<Option<usize>> = vec![None; found.len()];
    let mut prev: Option<usize> = None;
    for k in 0..found.len() {
        nearest[k] = prev.filter(|&j| sentence_of[j] == sentence_of[k]);
        if found[k].entries.len() == 1 {
            prev = Some(k);
        }
    }
    let mut next: Option<usize> = None;
    for k in (0..found.len()).rev() {
        if let Some(j) = next.filter(|&j| sentence_of[j] == sentence_of[k]) {
            if nearest[k].is_none_or(|p| j - k < k - p) {
                nearest[k] = Some(j);
            }
        }
        if found[k].entries.len() == 1 {
            next = Some(k);
        }
    }
    // Sweeping left to right: where each 시도 was last named.
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(found.len());
    for (k, f) in found.iter().enumerate() {
        let r = match f.entries.as_slice() {
            [one] => {
                last_seen.insert(sido_of(*one), k);
                Some(*one)
            }
            _ if f.blocked => None,
            many => unique_max(many, |e| usize::from(named.contains(&e)))
                .or_else(|| {
                    // The sentence's nearest unambiguous mention, either side: it
                    // may hold the word under a former name (인천시에서는 서구 → 서해구),
                    // or share a 시도 with one of its regions.
                    let near = nearest[k];
                    near.and_then(|j| {
                        g.qualified(found[j].entries[0], &f.word)
                            .map(|e| g.reported(e))
                            .or_else(|| unique_max(many, |e| usize::from(sido_of(e) == sido_of(found[j].entries[0]))))
                    })
                })
                .or(f.default)
                .or_else(|| unique_max(many, |e| last_seen.get(sido_of(e)).map(|&i| i + 1).unwrap_or(0)))
                .or_else(|| unique_max(many, |e| tally.get(sido_of(e)).copied().unwrap_or(0))),
        };
        out.push(r);
    }
    // Once more for the words still open, now counting the ambiguous words
    // resolved above (광주시 … 광주 → 광주광역시 makes the later 북구 광주's).
    let mut tally: HashMap<&str, usize> = HashMap::new();
    for r in out.iter().flatten() {
        *tally.entry(sido_of(*r)).or_default() += 1;
    }
    let mut last_seen: HashMap<&str, usize> = HashMap::new();
    for k in 0..found.len() {
        let f = &found[k];
        if out[k].is_none() && !f.blocked && f.entries.len() > 1 {
            out[k] = unique_max(&f.entries, |e| last_seen.get(sido_of(e)).map(|&i| i + 1).unwrap_or(0))
                .or_else(|| unique_max(&f.entries, |e| tally.get(sido_of(e)).copied().unwrap_or(0)));
        }
        if let Some(r) = out[k] {
            last_seen.insert(sido_of(r), k);
        }
    }
    out
}

/// The one candidate with the highest score, if it is above zero and no other ties it.
fn unique_max(candidates: &[usize], score: impl Fn(usize) -> usize) -> Option<usize> {
    let best = candidates.iter().map(|&c| score(c)).max()?;
    let mut top = candidates.iter().filter(|&&c| score(c) == best);
    match (best, top.next(), top.next()) {
        (0, _, _) => None,
        (_, Some(&c), None) => Some(c),
        _ => None,
    }
}

/// Step 6: the region each amount goes to, when its sentence says so.
fn link(doc: &Doc, amounts: &mut [Amount], found: &[Found], regions: &[Region], listed: &[bool], sentences: &Sentences) {
    // The first region starting in each eojeol.
    let mut by_eojeol: HashMap<usize, usize> = HashMap::new();
    for (k, f) in found.iter().enumerate() {
        by_eojeol.entry(f.first_eojeol).or_insert(k);
    }
    // Per sentence: its regions in order.
    let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, f) in found.iter().enumerate() {
        by_sentence.entry(sentences.of(f.start)).or_default().push(k);
    }
    // Per sentence: the one region money is sent to with 에, and the topic or
    // subject when the sentence names one region only.
    let mut dative: HashMap<usize, Option<usize>> = HashMap::new();
    let mut subject: HashMap<usize, usize> = HashMap::new();
    for (&s, ks) in &by_sentence {
        let to: Vec<usize> = ks.iter().copied().filter(|&k| found[k].particle.starts_with('에') && !source_phrase(doc, &found[k])).collect();
        let codes: HashSet<Option<&str>> = to.iter().map(|&k| regions[k].code.as_deref()).collect();
        if !to.is_empty() {
            dative.insert(s, (codes.len() == 1).then_some(to[0]));
        }
        let all: HashSet<Option<&str>> = ks.iter().map(|&k| regions[k].code.as_deref()).collect();
        let first = ks[0];
        // 경북도는, 해남군의 …예산, and (as annotated) 구미시에 따르면 … 확보했다
        // when the sentence names no other region.
        if all.len() == 1 && (doc.lex.region_words.topic.contains(&found[first].particle) || found[first].particle == "의" || source_phrase(doc, &found[first])) {
            subject.insert(s, first);
        } else if let Some(k) = sole_topic(doc, found, regions, ks) {
            subject.insert(s, k);
        }
    }
    let mut amount_starts: Vec<usize> = amounts.iter().map(|a| a.start).collect();
    amount_starts.sort_unstable();
    for a in amounts.iter_mut() {
        let s = sentences.of(a.start);
        let (linked, rule) = if let Some(k) = phrase_region(doc, found, &by_eojeol, &amount_starts, a, sentences) {
            (Some(k).filter(|&k| !listed[k]), "region: the phrase before the amount starts with it")
        } else if let Some(k) = dative.get(&s).copied().flatten().filter(|&k| !listed[k] && near_amount(doc, &found[k], a)) {
            (Some(k), "region: the sentence sends the money there (에)")
        } else if let Some(k) = topic_before(&doc.lex.region_words.topic, found, by_sentence.get(&s), a) {
            (Some(k), "region: the topic or subject right before the amount")
        } else if let Some(&k) = subject.get(&s).filter(|&&k| found[k].start < a.start) {
            (Some(k), "region: the sentence's topic or subject, its only region")
        } else {
            (None, "")
        };
        if let Some(k) = linked {
            a.region = regions[k].code.clone();
            a.region_rule = Some(rule);
        }
    }
}

/// The one region a sentence is about when it names others only in passing:
/// "의성군은 … 충남 금산, 전남 신안, 경남 함양과 함께 A등급을 받아 210억 원을
/// 받는다". It is within the sentence's first three words with a topic
/// particle of `region_words.csv` (은/는, 이/가, 에서는), no other region of the
/// sentence is a topic or subject, and none takes money with 에.
fn sole_topic(doc: &Doc, found: &[Found], regions: &[Region], ks: &[usize]) -> Option<usize> {
    let topic = &doc.lex.region_words.topic;
    let first = *ks.first()?;
    let code = regions[first].code.as_deref()?;
    let opens = doc.analysis.eojeol_at(found[first].start).is_some_and(|e| {
        let s = doc.sentence_start(found[first].start);
        doc.analysis.eojeols[..e].iter().rev().take_while(|w| w.start >= s).take(3).count() <= 2
    });
    let others_in_passing = ks[1..].iter().all(|&k| {
        regions[k].code.as_deref() == Some(code) || !(topic.contains(&found[k].particle) || found[k].particle.starts_with('에'))
    });
    (opens && topic.contains(&found[first].particle) && others_in_passing).then_some(first)
}

/// The last region before amount `a` in its sentence, when it is a topic or
/// subject: "대구시는 … 5조 4천 984억 원, 경상북도는 … 6조 천 224억 원" gives each
/// amount its own 시도. `topic`: the particles that make a region the topic
/// or subject of its clause (region_words.csv).
fn topic_before(topic: &HashSet<String>, found: &[Found], sentence: Option<&Vec<usize>>, a: &Amount) -> Option<usize> {
    let ks = sentence?;
    let before = ks.partition_point(|&k| found[k].start < a.start);
    let k = *ks.get(before.checked_sub(1)?)?;
    topic.contains(&found[k].particle).then_some(k)
}

/// How many words apart a region with 에 and its amount may be.
const DATIVE_REACH: usize = 8;

/// Does a region with 에 send money to amount `a`: no verb between them
/// (강릉시에 120억원을; 경북에 2027년까지 총 1조원을; 120억원을 강릉시에), not
/// 사천에 개청한 우주항공청과 연계해 … 용역(10억원)에, where 에 belongs to 개청.
fn near_amount(doc: &Doc, f: &Found, a: &Amount) -> bool {
    let Some(ae) = doc.analysis.eojeol_at(a.start) else { return false };
    let (lo, hi) = if f.last_eojeol < ae { (f.last_eojeol, ae) } else { (ae, f.first_eojeol) };
    hi - lo <= DATIVE_REACH
        && (lo + 1..hi).all(|e| {
            doc.analysis.eojeol_tokens(e).iter().all(|t| !matches!(t.pos, Pos::Vv | Pos::Va | Pos::Vx | Pos::Xsv | Pos::Xsa | Pos::Ending))
        })
}

/// "광주시에 따르면", "부산에 대한": 에 that names a source or a topic.
fn source_phrase(doc: &Doc, f: &Found) -> bool {
    let next = doc.analysis.eojeols.get(f.last_eojeol + 1).map(|e| doc.slice(e.start, e.end)).unwrap_or("");
    f.particle == "에" && doc.lex.region_words.not_dative.iter().any(|w| next.starts_with(w.as_str()))
}

/// The region that starts the noun phrase right before amount `a`: the
/// amount's own word (전주(2280억원)), or up to four words back over bare
/// nouns (충북 스마트빌리지 12억원, 경북도는 국비 847억원을).
fn phrase_region(doc: &Doc, found: &[Found], by_eojeol: &HashMap<usize, usize>, amount_starts: &[usize], a: &Amount, sentences: &Sentences) -> Option<usize> {
    let ae = doc.analysis.eojeol_at(a.start)?;
    let s = sentences.of(a.start);
    let region_at = |e: usize| by_eojeol.get(&e).copied().filter(|&k| sentences.of(found[k].start) == s);
    if let Some(k) = by_eojeol.get(&ae).copied().filter(|&k| found[k].end <= a.start) {
        return Some(k);
    }
    let mut e = ae;
    for step in 0..4 {
        if e == 0 {
            return None;
        }
        e -= 1;
        // Another amount's word (영암(5744억원), 영광(5527억원)) ends the phrase.
        let word = &doc.analysis.eojeols[e];
        if amount_starts.get(amount_starts.partition_point(|&s| s < word.start)).is_some_and(|&s| s < word.end) {
            return None;
        }
        if let Some(k) = region_at(e) {
            return matches!(found[k].particle.as_str(), "" | "의" | "은" | "는" | "이" | "가" | "도" | "에" | "에는" | "에도" | "에만" | "에서" | "에서는")
                .then_some(k);
        }
        // The word right before the amount may carry 에 (스마트빌리지 사업에 12억원): its purpose.
        if !noun_word(doc, e, step == 0) || sentences.of(doc.analysis.eojeols[e].start) != s {
            return None;
        }
    }
    None
}

/// A word of nouns only (스마트빌리지, 국비, 사업), or with `purpose`, nouns
/// and then 에 (사업에).
fn noun_word(doc: &Doc, e: usize, purpose: bool) -> bool {
    let tokens = doc.analysis.eojeol_tokens(e);
    let text = doc.analysis_text();
    // Quotes and brackets around a name are part of the phrase: ‘스마트팜 혁신밸리 조성사업’ 예산 120억원.
    let quote = |t: &crate::morph::Token| t.pos == Pos::Symbol && t.surface(text).chars().all(|c| matches!(c, '\'' | '"' | '「' | '」' | '《' | '》' | '·' | '(' | ')'));
    let nouns = tokens.iter().take_while(|t| t.pos.is_noun() || quote(t) || matches!(t.pos, Pos::Number | Pos::Nnbc | Pos::Xsn | Pos::Xpn | Pos::Nr)).count();
    let rest: String = tokens[nouns..].iter().map(|t| t.surface(text)).collect();
    nouns > 0 && (rest.is_empty() || (purpose && matches!(rest.as_str(), "에" | "에는" | "에도" | "에만" | "으로" | "로")))
}

#[cfg(test)]
mod tests;
