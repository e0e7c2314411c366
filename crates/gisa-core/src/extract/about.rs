//! What each amount is for (`about`), read from the sentence around it:
//!
//! 1. inside parentheses after a name: 스마트빌리지(1039억 원), 지원(217억 원);
//! 2. 규모의 after the amount: 1039억 원 규모의 스마트빌리지 사업;
//! 3. a noun phrase with 에 right before it: 디지털 인재 양성에 2175억원, 80개 사업에 9700억원;
//! 4. a noun phrase right before it: 디지털 전환 매출액 20조원;
//! 5. the object of the clause: 87개 세부과제를 발굴해 3조 2천 638억원을 투자.
//!
//! Also a label before a colon (AI-반도체 : 8,600억원) and a budget topic
//! (기초연구 예산은 2조 9,400억원). Funding sources, periods and per-unit
//! words between the purpose and the amount are stepped over (보험료 지원에
//! 기업당 최대 5천만 원), and purposes are trimmed of budget words, using
//! `dictionaries/about_words.csv`.

use std::collections::{HashMap, HashSet};

use super::qualifiers::words_before;
use super::{Amount, Count, Doc, Program};
use crate::morph::Pos;

/// The other mentions, looked up by position: searching the whole lists
/// for every amount was quadratic in an article of many amounts.
struct Index<'p> {
    programs: &'p [Program],
    /// Program indexes by start and by end, in list order.
    program_starts: HashMap<usize, Vec<usize>>,
    program_ends: HashMap<usize, Vec<usize>>,
    amount_ends: HashSet<usize>,
    count_spans: HashSet<(usize, usize)>,
    count_starts: HashSet<usize>,
}

impl<'p> Index<'p> {
    fn new(amounts: &[Amount], programs: &'p [Program], counts: &[Count]) -> Index<'p> {
        let (mut program_starts, mut program_ends) = (HashMap::<usize, Vec<usize>>::new(), HashMap::<usize, Vec<usize>>::new());
        for (i, p) in programs.iter().enumerate() {
            program_starts.entry(p.start).or_default().push(i);
            program_ends.entry(p.end).or_default().push(i);
        }
        Index {
            programs,
            program_starts,
            program_ends,
            amount_ends: amounts.iter().map(|a| a.end).collect(),
            count_spans: counts.iter().map(|c| (c.start, c.end)).collect(),
            count_starts: counts.iter().map(|c| c.start).collect(),
        }
    }

    /// The first program (in list order) starting at `start`.
    fn starting_at(&self, start: usize) -> Option<&'p Program> {
        self.program_starts.get(&start).and_then(|v| v.first()).map(|&i| &self.programs[i])
    }

    /// The first program (in list order) ending at one of `ends` and passing `keep`.
    fn ending_at(&self, ends: &[usize], keep: impl Fn(&Program) -> bool) -> Option<&'p Program> {
        ends.iter().filter_map(|e| self.program_ends.get(e)).flatten().copied().filter(|&i| keep(&self.programs[i])).min().map(|i| &self.programs[i])
    }
}

/// Words longer than this are no qualifier, skip word or time word: scans
/// back over a word stop here, so a text without spaces stays linear.
const MAX_WORD: usize = 32;
/// How far back (in tokens) a purpose phrase or a clause's object is looked for.
const MAX_PHRASE_TOKENS: usize = 64;

/// Tokens that may be part of a purpose phrase: nouns, numbers and counters
/// (80개 사업), and the middle dot inside compounds.
fn np_token(doc: &Doc, t: &crate::morph::Token) -> bool {
    let s = t.surface(doc.analysis_text());
    match t.pos {
        // Counters yes (80개 사업), dates no (2020년 is a baseline, not a purpose).
        Pos::Nnbc => !matches!(s, "년" | "월" | "일"),
        Pos::Number | Pos::Nr | Pos::Xpn | Pos::Xsn => true,
        Pos::Nnb => s == "등",
        // The middle dot of 실증·제품화; & and - only inside a word (R&D, AI-반도체).
        Pos::Symbol => s == "·" || (matches!(s, "&" | "-" | "~") && inside_word(doc, t)),
        p => p.is_noun(),
    }
}

fn inside_word(doc: &Doc, t: &crate::morph::Token) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    alnum(doc.at(t.start.wrapping_sub(1))) && alnum(doc.at(t.end))
}

fn is_bullet(c: char) -> bool {
    matches!(c, '▲' | '△' | '□' | '■' | '◆' | '◇' | '○' | '●' | '-' | '·' | '※' | '▶' | '▷' | '►' | '◎' | '★' | '☆' | '◈' | '▣' | '•')
}

/// Bullets that open a list item ("△시루섬 생태탐방로 조성사업 190억 원");
/// '-' and '·' are left out: they also join words.
fn is_item_bullet(c: char) -> bool {
    matches!(c, '▲' | '△' | '□' | '■' | '◆' | '◇' | '○' | '●' | '▶' | '▷' | '►' | '•' | '◎')
}

/// A list item is a label, not a sentence: at most this many words.
const MAX_ITEM_WORDS: usize = 10;

/// The whole list item from its bullet to `end` ("△평동 지구 풍수해 생활권
/// 종합정비사업 413억 원", "▲‘장낙대교 건설(총사업비 …)’"), when it is a
/// bare label: words that are nouns or end in 의/와/과/도/및, no clause
/// punctuation. Lindera splits unknown compounds in such labels oddly, so
/// the noun-phrase walk back often stops short of the item's first word.
fn bullet_item(doc: &Doc, end: usize) -> Option<String> {
    let line = doc.line_start(end);
    let b = (end.saturating_sub(MAX_WORD * 4).max(line)..end).rev().find(|&k| is_item_bullet(doc.chars[k]))?;
    item_label(doc, b + 1, end)
}

/// An item of a list of amounts run together with commas or 과/와: "성남~여주선
/// 3천600억원, 수도권고속철도(수서~평택) 5천917억원, … 518억원과 광교~호매실
/// 30억원". The label from the separator after the previous amount (or its
/// parenthesis) up to `end`, when it is a bare label as in [`bullet_item`].
fn comma_item(doc: &Doc, ix: &Index, end: usize) -> Option<String> {
    let line = doc.line_start(end);
    let from = end.saturating_sub(MAX_WORD * 4).max(line);
    let sep = (from..end).rev().find(|&k| doc.chars[k] == ',' || matches!(doc.chars[k], '과' | '와') && doc.at(k + 1) == Some(' ') && ix.amount_ends.contains(&k))?;
    // What stands before the separator: an amount, or an amount and its parenthesis.
    let mut before = sep;
    if doc.chars[sep] == ',' && before > 0 && doc.chars[before - 1] == ')' {
        let open = (from.saturating_sub(MAX_WORD * 2)..before - 1).rev().find(|&k| matches!(doc.chars[k], '(' | ')'))?;
        if doc.chars[open] != '(' {
            return None;
        }
        before = open;
    }
    if !ix.amount_ends.contains(&before) {
        return None;
    }
    item_label(doc, sep + 1, end)
}

/// A list item's label from `start` to `end`: at most [`MAX_ITEM_WORDS`]
/// words that are nouns or end in 의/와/과/및/외/또는, no clause punctuation.
fn item_label(doc: &Doc, start: usize, end: usize) -> Option<String> {
    let mut start = start;
    while start < end && (doc.chars[start].is_whitespace() || matches!(doc.chars[start], '‘' | '\'' | '“' | '"' | '「')) {
        start += 1;
    }
    let mut stop = end;
    while stop > start && doc.chars[stop - 1].is_whitespace() {
        stop -= 1;
    }
    let item = doc.slice(start, stop);
    let balanced = item.matches('(').count() == item.matches(')').count();
    if item.is_empty() || !balanced || item.split_whitespace().count() > MAX_ITEM_WORDS || item.ends_with('.') || item.contains(". ") {
        return None;
    }
    if item.contains([',', ':', '!', '?', '“', '”', '"', '’', '‘', ';', '…']) {
        return None;
    }
    let (first, last) = (doc.analysis.eojeol_at(start)?, doc.analysis.eojeol_at(stop - 1)?);
    let text = doc.analysis_text();
    for e in first..=last {
        let toks: Vec<_> = doc.analysis.eojeol_tokens(e).iter().filter(|t| t.end <= stop).collect();
        let tail = toks.last()?;
        let s = tail.surface(text);
        // Lindera reads an unknown compound's last syllable as grammar
        // (풍수해 → 풍수 + 해, 가덕도 → 가덕 + 도): those are let through
        // inside the item, after a noun.
        let ej = &doc.analysis.eojeols[e];
        let misread = toks.len() == ej.last_token - ej.first_token && doc.misread_tail(ej.first_token, ej.last_token - 1);
        let fits = np_token(doc, tail) || s == ")" || (e < last && (matches!(s, "및" | "외" | "또는") || misread || tail.pos == Pos::Particle && matches!(s, "의" | "와" | "과")));
        if !fits {
            return None;
        }
    }
    clean_purpose(doc, item)
}

/// The noun phrase that ends exactly at char `end` (exclusive), walking back
/// over whole eojeols made only of phrase tokens.
fn np_before(doc: &Doc, end: usize) -> Option<(usize, usize)> {
    let tokens = &doc.analysis.tokens;
    let t = tokens.partition_point(|x| x.end <= end);
    // t is the first token ending after `end`; the phrase ends at token t-1.
    if t == 0 || tokens[t - 1].end != end {
        return None;
    }
    let last_eojeol = tokens[t - 1].eojeol;
    let mut first = t;
    // The amount's own word, when Lindera split it oddly (부전~마산간전동열차도입):
    // take it whole if every piece but the last is a non-symbol.
    let own = &doc.analysis.eojeols[last_eojeol];
    let floor = t.saturating_sub(MAX_PHRASE_TOKENS);
    if np_token(doc, &tokens[t - 1])
        && own.first_token >= floor
        && tokens[own.first_token..t - 1].iter().all(|x| np_token(doc, x) || x.pos != Pos::Symbol)
        && tokens[own.first_token].pos != Pos::Symbol
    {
        first = own.first_token;
    }
    while first > floor {
        let prev = &tokens[first - 1];
        // "AI 데이터센터 및 수소연료전지 발전소 설립": 및 joins two nouns.
        if first < t && prev.eojeol + 1 == tokens[first].eojeol && prev.surface(doc.analysis_text()) == "및" && first >= 2 && np_token(doc, &tokens[first - 2]) {
            let e = &doc.analysis.eojeols[prev.eojeol];
            if e.last_token - e.first_token == 1 && last_eojeol - prev.eojeol < 5 {
                first -= 1;
                continue;
            }
        }
        if !np_token(doc, prev) {
            break;
        }
        if prev.eojeol != tokens[first.min(t - 1)].eojeol && first < t {
            // Crossing into an earlier eojeol: it must be all phrase tokens,
            // one space away, and not end with a comma.
            let e = &doc.analysis.eojeols[prev.eojeol];
            let etoks = doc.analysis.eojeol_tokens(prev.eojeol);
            // "▲디지털 혁신지구 … 조성에": a bullet opens the phrase; take what follows it and stop.
            // Opening quotes and brackets too: ▲‘장낙대교 건설(…)’.
            let bullets = etoks
                .iter()
                .take_while(|x| x.pos == Pos::Symbol && doc.chars[x.start..x.end].iter().all(|c| is_bullet(*c) || matches!(c, '\'' | '"' | '‘' | '“' | '「' | '[')))
                .count();
            // A Latin gloss inside the word: 광역급행철도(BuTX).
            let word = doc.slice(e.start, e.end);
            let gloss = word.find('(').is_some_and(|o| word[o + 1..].split(')').next().is_some_and(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_alphanumeric())));
            // Lindera mis-splits unknown compounds (장낙대교, 대덕과학…): any
            // piece but the word's last may be odd, as long as it is not a symbol.
            let n = etoks.len();
            let whole = bullets < n
                && etoks[bullets..].iter().enumerate().all(|(k, x)| {
                    np_token(doc, x) || (bullets + k + 1 < n && x.pos != Pos::Symbol) || (gloss && matches!(x.surface(doc.analysis_text()), "(" | ")"))
                })
                && !doc.slice(e.start, e.end).ends_with('의');
            if !whole || e.end + 1 != doc.analysis.eojeols[prev.eojeol + 1].start || last_eojeol - prev.eojeol >= 5 {
                break;
            }
            if bullets > 0 {
                first = e.first_token + bullets;
                break;
            }
            first = e.first_token;
            continue;
        }
        first -= 1;
    }
    // Openers (올해, 국비, 이 …) are not part of the purpose; 주요/정부/지역 are (주요 R&D).
    while first < t && {
        let s = tokens[first].surface(doc.analysis_text());
        // "시비·민자": the dot after a skipped source goes with it.
        doc.lex.about_skip.contains(s) || doc.lex.before_effect(s).is_some() || s == "·"
    } {
        first += 1;
    }
    (first < t).then(|| (tokens[first].start, end))
}

/// "미래산업 육성과 투자 활성화에", "복지와 일자리 예산에만": a first conjunct
/// joined with 과/와 right before the phrase belongs to it, unless it is a
/// place or an administration (전남과 경북에: who gets it).
fn coordinated(doc: &Doc, span: (usize, usize)) -> (usize, usize) {
    let Some(k) = span.0.checked_sub(1).filter(|&k| k > 0 && doc.at(k) == Some(' ')) else { return span };
    let Some(e) = doc.analysis.eojeol_at(k - 1) else { return span };
    let ej = &doc.analysis.eojeols[e];
    let tail = &doc.analysis.tokens[ej.last_token - 1];
    if ej.end != k || tail.end != k || tail.pos != Pos::Particle || !matches!(tail.surface(doc.analysis_text()), "과" | "와") {
        return span;
    }
    let Some(first) = np_before(doc, tail.start) else { return span };
    // The conjunct starts after a list it sums up ("반도체·바이오 등 첨단산업 육성과").
    let from = doc.slice(first.0, tail.start).rfind(" 등 ").map_or(first.0, |b| first.0 + doc.slice(first.0, tail.start)[..b].chars().count() + 3);
    let conjunct = doc.slice(from, tail.start);
    if conjunct.is_empty() || is_recipient(conjunct) || only_regions(doc, conjunct) {
        return span;
    }
    (from, span.1)
}

/// The noun phrase starting at `start`, up to the first eojeol with a particle.
fn np_after(doc: &Doc, start: usize, ix: &Index) -> Option<String> {
    if let Some(p) = ix.starting_at(start) {
        return Some(p.name.clone());
    }
    let e0 = doc.analysis.eojeol_at(start)?;
    let mut end = None;
    for e in e0..(e0 + 5).min(doc.analysis.eojeols.len()) {
        // `start` may fall inside its word ("원의영농…"): only the tokens from it on.
        let all = doc.analysis.eojeol_tokens(e);
        let tokens = &all[all.partition_point(|t| t.start < start)..];
        let nouns = tokens.iter().take_while(|t| np_token(doc, t)).count();
        if nouns == 0 {
            break;
        }
        end = Some(tokens[nouns - 1].end);
        if nouns < tokens.len() {
            break;
        }
    }
    end.filter(|&e| e > start).map(|e| doc.slice(start, e).to_string())
}

fn phrase(doc: &Doc, ix: &Index, span: (usize, usize)) -> String {
    // Prefer a program's clean name when the phrase is exactly a program mention.
    if let Some(p) = ix.ending_at(&[span.1], |p| p.start == span.0) {
        return p.name.clone();
    }
    let text = doc.slice(span.0, span.1);
    // "‘1억 플러스 아이드림’ 정책에", "‘인천e음’ 캐시백 예산": a quoted program
    // right before the phrase names it; a kind word after it adds nothing.
    let before = span.0.saturating_sub(1);
    if doc.at(before) == Some(' ') {
        if let Some(p) = ix.ending_at(&[before], |p| p.rule == "program.quoted") {
            return if doc.lex.about_grammar.program_kinds.contains(text) { p.name.clone() } else { format!("{} {}", p.name, text) };
        }
    }
    text.to_string()
}

/// Does the purpose hold an amount ("중소기업 경영안정자금 300억 원 등 총")?
fn holds_amount(purpose: &str) -> bool {
    let c: Vec<char> = purpose.chars().collect();
    (0..c.len()).any(|i| {
        c[i].is_ascii_digit() && {
            let mut k = i;
            while k < c.len() && (c[k].is_ascii_digit() || ",.천백만억조 ".contains(c[k])) {
                k += 1;
            }
            c.get(k) == Some(&'원') && c[i..k].iter().any(|x| "천백만억조".contains(*x))
        }
    })
}

/// A word with digits that only says when or how long: 2030년까지, ’24년부터, 4년간, 3개월.
fn is_time_word(word: &str) -> bool {
    let Some(first_digit) = word.find(|c: char| c.is_ascii_digit()) else { return false };
    let head = &word[..first_digit];
    let tail = word.trim_start_matches(|c: char| !c.is_ascii_digit()).trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    head.chars().all(|c| !c.is_alphanumeric())
        && ["년간", "개월간", "년부터", "년까지", "년도", "년", "개월", "일간"].contains(&tail.trim_end_matches([',', ')']))
}

/// Words between a purpose and its amount that are neither: qualifiers (약,
/// 총, 최대), funding sources and periods (국비, 월, 4년간), per-unit words
/// (기업당), and 대해/위해. Returns where the purpose side ends.
fn step_back(doc: &Doc, start: usize) -> usize {
    let mut before = words_before(doc, start).1;
    for _ in 0..6 {
        if before < 2 || doc.at(before - 1) != Some(' ') {
            break;
        }
        let mut w = before - 1;
        while w > 0 && !doc.chars[w - 1].is_whitespace() && before - 1 - w <= MAX_WORD {
            w -= 1;
        }
        if before - 1 - w > MAX_WORD {
            break;
        }
        let word = doc.slice(w, before - 1);
        let skippable = doc.lex.about_skip.contains(word)
            || doc.lex.before_effect(word).is_some()
            || (word.ends_with('당') && word.chars().count() >= 2 && !word.ends_with("정당"))
            || is_time_word(word)
            || doc.lex.about_grammar.frame.contains(word)
            // "국고 건의 사업으로 246건 1조7천977억원": a count between them.
            || (word.starts_with(|c: char| c.is_ascii_digit()) && doc.is_claimed(w) && doc.tail_is_functional(before - 1) && !word.ends_with(['.', ',']));
        if !skippable {
            break;
        }
        before = w;
    }
    before
}

/// Vague words that open a phrase without being part of its purpose.
const LEADING_VAGUE: [&str; 9] = ["전체", "경우", "기존", "당초", "추가", "과거", "최종", "포함", "총"];

/// Nouns ending in 비 that are not a cost word attached to a noun.
const NOUNS_IN_BI: [&str; 8] = ["정비", "장비", "준비", "설비", "예비", "대비", "소비", "경비"];

/// A purpose without the budget words around it ("스마트농업 관련 예산" →
/// 스마트농업) and without leading dates; None when nothing specific is left.
fn clean_purpose(doc: &Doc, text: &str) -> Option<String> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // Leading openers and vague words: "전체 19개 사업", "(특화단지의) 경우 용수 공급".
    while words.first().is_some_and(|w| is_time_word(w) || doc.lex.about_skip.contains(*w) || LEADING_VAGUE.contains(w) || *w == "등") {
        words.remove(0);
    }
    // (원금 measures a loan; 지원금 is a grant: 영농정착지원금.)
    if words.last().is_some_and(|w| !w.ends_with("지원금") && doc.lex.about_measure.iter().any(|m| w.ends_with(m.as_str()))) {
        return None;
    }
    while let Some(last) = words.last().copied() {
        if (doc.lex.about_trim.contains(last) || doc.lex.about_skip.contains(last)) && words.len() > 1 {
            words.pop();
            continue;
        }
        // An attached budget word: "지원예산" → 지원.
        // Not a funding word ending in 비 (국·도비, 도비).
        let funding = last.contains('·') || doc.lex.about_grammar.funding.iter().any(|f| last.ends_with(f.as_str()));
        // A budget word alone stays whole (총사업비 is not 총사업 + 비).
        let whole = doc.lex.about_trim.contains(last);
        // The shortest attached word: "공모사업비" → 공모사업, not 공모.
        // Nor a word whose last syllable 비 belongs to it (보수정비, 특수장비).
        let own_bi = NOUNS_IN_BI.iter().any(|w| last.ends_with(w));
        let attached = doc.lex.about_trim.iter().filter(|t| !whole && last.ends_with(t.as_str()) && last[..last.len() - t.len()].chars().count() >= 2 && !(t.as_str() == "비" && (funding || own_bi)));
        if let Some(t) = attached.min_by_key(|t| (t.len(), t.as_str())) {
            let n = words.len();
            words[n - 1] = &last[..last.len() - t.len()];
            continue;
        }
        break;
    }
    // "광역자치단체 15곳에 2,500억원": money shared out among recipients, not a purpose.
    // "농로 확·포장 외 2건": a count after 외 ends a list item's label.
    let others = words.len() >= 3 && words[words.len() - 2] == "외";
    if !others && words.last().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) && !doc.lex.program_words.iter().any(|p| w.ends_with(p.as_str()))) {
        return None;
    }
    // "제1회 추경", "2차 추경": an ordinal says which, not what for.
    let ordinal = |w: &str| {
        let d = w.trim_start_matches('제');
        d.starts_with(|c: char| c.is_ascii_digit()) && matches!(d.trim_start_matches(|c: char| c.is_ascii_digit()), "회" | "차")
    };
    // "개소당 총사업비": a per-unit word says how it is shared out, not what for.
    // "개소별로", "실과소별 추경": -별 too.
    let per_unit = |w: &str| (w.ends_with('당') && !w.ends_with("정당") && !w.ends_with("수당") || w.ends_with('별')) && w.chars().count() <= 4;
    // "시비·민자": sources joined by a middle dot.
    let sources = |w: &str| w.contains('·') && w.split('·').all(|p| doc.lex.about_skip.contains(p) || doc.lex.about_grammar.funding.iter().any(|f| f == p));
    let specific = words.iter().any(|w| !doc.lex.about_never.contains(*w) && !doc.lex.about_skip.contains(*w) && !sources(w) && !doc.lex.about_trim.contains(*w) && !ordinal(w) && !per_unit(w));
    specific.then(|| words.join(" "))
}

/// "- AI-반도체 : 8,600억원": the label before a colon on the amount's line.
fn colon_label(doc: &Doc, start: usize) -> Option<String> {
    let line_start = doc.line_start(start);
    let colon = doc.colon_before(line_start, start)?;
    // A label is short and near (the tests below fail long before these bounds).
    if start - colon > 400 || colon - line_start > 400 {
        return None;
    }
    // Only spaces, qualifiers and another amount (a change) between the colon and this amount.
    let between: String = doc.chars[colon + 1..start].iter().collect();
    if between.chars().filter(|c| !c.is_whitespace()).count() > 40 || between.contains(['.', ',']) && !between.contains('→') {
        return None;
    }
    let label: String = doc.chars[line_start..colon].iter().collect();
    let label = label.trim().trim_start_matches(|c: char| is_bullet(c) || c.is_whitespace() || c == '(' || c == ')').trim();
    if label.is_empty() || label.chars().count() > 30 || label.ends_with('다') {
        return None;
    }
    clean_purpose(doc, label)
}

/// A purpose made only of region names ("여수(1조2212억원)", "반면 구례",
/// "태백 장성"): the money's place, not what it is for (the amount's `region`
/// says where it goes).
fn only_regions(doc: &Doc, purpose: &str) -> bool {
    let words: Vec<&str> = purpose.split_whitespace().filter(|w| !doc.lex.about_skip.contains(*w) && !matches!(*w, "반면" | "이어")).collect();
    !words.is_empty() && words.iter().all(|w| w.split('·').all(|part| doc.lex.regions.senses(part).is_some()))
}

/// Not a purpose: a place or an administration (전남도, 의성군, 대구시), a
/// grade (A등급), or a per-unit split (10억원씩).
fn is_recipient(purpose: &str) -> bool {
    let p: String = purpose.chars().filter(|c| !c.is_whitespace()).collect();
    let n = p.chars().count();
    let last = p.chars().last().unwrap_or(' ');
    let region = (3..=5).contains(&n)
        && !purpose.contains(' ')
        && (matches!(last, '시' | '군') || (last == '구' && !p.ends_with("지구") && !p.ends_with("연구"))
            || (last == '도' && p.chars().rev().nth(1).is_some_and(|c| "남북기원주".contains(c))));
    // A department or office that spends it (주민복지과, 여성가족국, 건설본부).
    let words = purpose.split_whitespace().count();
    let office = words <= 2
        && n >= 3
        && ["실", "국", "과", "청", "본부", "담당관", "사업소", "센터장"].iter().any(|w| p.ends_with(w))
        && !["효과", "결과", "성과"].iter().any(|w| p.ends_with(w));
    region || office || p.ends_with("등급") || p.ends_with('씩') || p.chars().all(|c| c.is_ascii_digit() || "천백만억조".contains(c))
}

/// The program the amount's sentence names, when it names exactly one and no
/// other amount stands between the two ("지방소멸대응기금은 … 매년 1조 원을
/// 지원", "1039억 원 규모의 스마트빌리지 사업").
fn sentence_program(doc: &Doc, a: &Amount, amounts: &[Amount], programs: &[Program]) -> Option<String> {
    let (s, e) = (doc.sentence_start(a.start), doc.sentence_end(a.end));
    let lo = programs.partition_point(|p| p.start < s);
    let inside = &programs[lo..programs[lo..].partition_point(|p| p.end <= e) + lo];
    let first = inside.first()?;
    let squash = |n: &str| n.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let first_name = squash(&first.name);
    if inside.iter().any(|p| squash(&p.name) != first_name) {
        return None;
    }
    // Amounts are in text order: the ones between a program and this amount
    // are a range of the list, found by binary search.
    let between = |p: &Program| {
        let (from, to) = if p.end <= a.start { (p.end, a.start) } else { (a.end, p.start) };
        let k = amounts.partition_point(|x| x.start < from);
        amounts[k..].iter().take_while(|x| x.start < to).any(|x| x.end <= to && x.start != a.start)
    };
    inside.iter().any(|p| !between(p)).then(|| first.name.clone())
}

fn about_for(doc: &Doc, a: &Amount, amounts: &[Amount], programs: &[Program], ix: &Index) -> Option<(String, &'static str)> {
    match about_raw(doc, a, ix) {
        Some((p, rule)) if !is_recipient(&p) && !holds_amount(&p) && !only_regions(doc, &p) => Some((p, rule)),
        _ => sentence_program(doc, a, amounts, programs)
            .map(|p| (p, "about.sentence_program"))
            .or_else(|| sentence_topic(doc, a, ix).map(|p| (p, "about.sentence_topic"))),
    }
}

/// Topic markers, longest first: "국가산업단지에는", "건설은".
const TOPIC_PARTICLES: [&str; 5] = ["에서는", "에는", "에선", "은", "는"];
/// How many words into its sentence a topic may end.
const MAX_TOPIC_START: usize = 8;

/// The sentence's topic, its first phrase marked with 은/는 or 에는 ("민간공항
/// 건설은 국토교통부가 맡아 국비 2조 7천억 원을 투입하고", "용인 …
/// 국가산업단지에는 삼성전자가 … 300조원을"), several clauses before the
/// amount: what the sentence's money is for, when it is a program or a
/// project (it ends in a program word or a topic head of about_grammar.csv).
fn sentence_topic(doc: &Doc, a: &Amount, ix: &Index) -> Option<String> {
    let s = doc.sentence_start(a.start);
    let eojeols = &doc.analysis.eojeols;
    let first = doc.analysis.eojeol_at(doc.skip_spaces(s, MAX_WORD))?;
    let text = doc.analysis_text();
    for e in first..(first + MAX_TOPIC_START).min(eojeols.len()) {
        let ej = &eojeols[e];
        if ej.end > a.start {
            return None;
        }
        let word = doc.slice(ej.start, ej.end);
        let Some(particle) = TOPIC_PARTICLES.iter().find(|p| word.ends_with(*p)) else { continue };
        // A particle, not a verb's 는 (추진하는) or a noun's last syllable.
        let tail = &doc.analysis.tokens[ej.last_token - 1];
        if tail.pos != Pos::Particle || !particle.ends_with(tail.surface(text)) {
            return None;
        }
        let end = ej.end - particle.chars().count();
        let topic = match ix.ending_at(&[end], |_| true) {
            Some(p) => p.name.clone(),
            None => {
                let span = np_before(doc, end)?;
                // The topic opens the sentence: only bullets, labels and openers before it.
                let before = doc.slice(s, span.0);
                let opener = |w: &str| !w.chars().any(char::is_alphanumeric) || doc.lex.about_skip.contains(w) || w.starts_with('(') && w.ends_with(')');
                // Or a relative clause on the topic: "공동연구를 지원하는 글로벌 R&D는".
                let relative = doc.analysis.eojeol_at(span.0).and_then(|k| k.checked_sub(1)).is_some_and(|k| {
                    let prev = &eojeols[k];
                    let tail = &doc.analysis.tokens[prev.last_token - 1];
                    prev.end + 1 == span.0 && tail.pos == Pos::Ending && doc.slice(prev.start, prev.end).ends_with(['는', '은', '한', '된', '던', '할', '인'])
                });
                if !relative && !before.split_whitespace().all(opener) {
                    return None;
                }
                let purpose = clean_purpose(doc, &phrase(doc, ix, span))?;
                let last = purpose.split_whitespace().last()?;
                let head = doc.lex.program_words.iter().chain(&doc.lex.about_grammar.topic_heads).any(|w| last.ends_with(w.as_str()));
                if purpose.split_whitespace().count() < 2 || !head {
                    return None;
                }
                purpose
            }
        };
        // "… 재원으로, 전남은 광역지원계정 304억원과": a place as a later topic
        // is who gets the money; the sentence has moved on.
        let shifted = (e + 1..eojeols.len()).take_while(|&k| eojeols[k].end <= a.start).any(|k| region_topic(doc, k));
        return (!shifted && !is_recipient(&topic) && !only_regions(doc, &topic)).then_some(topic);
    }
    None
}

/// Eojeol `e` is a place or an administration as a topic: "전남은", "대구와
/// 경북은", "군은", "의성군은".
fn region_topic(doc: &Doc, e: usize) -> bool {
    let ej = &doc.analysis.eojeols[e];
    let word = doc.slice(ej.start, ej.end);
    let Some(stem) = ["은", "는", "에서는"].iter().find_map(|p| word.strip_suffix(p)) else { return false };
    let tail = &doc.analysis.tokens[ej.last_token - 1];
    // 예산 is also a county (예산군): a budget word is no place here.
    tail.pos == Pos::Particle && !stem.is_empty() && !doc.lex.about_trim.iter().any(|t| stem.ends_with(t.as_str())) && (doc.lex.regions.senses(stem).is_some() || is_recipient(stem) || matches!(stem, "시" | "군" | "도" | "구"))
}

fn about_raw(doc: &Doc, a: &Amount, ix: &Index) -> Option<(String, &'static str)> {
    let programs = ix.programs;
    let sentence_start = doc.sentence_start(a.start);
    // 1. Inside parentheses: the name before "(" (the nearest bracket back
    // in the sentence, when it opens).
    'paren: {
        if let Some(k) = doc.paren_before(sentence_start, a.start) {
            match doc.chars[k] {
                ')' => {}
                _ => {
                    if let Some(p) = ix.ending_at(&[k], |_| true) {
                        return Some((p.name.clone(), "about.parenthesis"));
                    }
                    if ix.amount_ends.contains(&k) {
                        break 'paren; // 30조원(2020년 10.5조원): a baseline, not a purpose
                    }
                    if let Some(item) = bullet_item(doc, k) {
                        return Some((item, "about.parenthesis"));
                    }
                    if let Some((s, e)) = np_before(doc, k) {
                        // Lindera may split an unknown compound (정부연구용역비) oddly:
                        // the name before "(" is at least its whole eojeol.
                        // A bullet opening the word (△지역활력타운) is not part of it.
                        let word_start = doc.analysis.eojeol_at(k.saturating_sub(1)).map_or(s, |w| doc.analysis.eojeols[w].start);
                        let word_start = (word_start..s).find(|&i| !is_bullet(doc.chars[i])).unwrap_or(s);
                        // "전년(163억원)": a reference point, not a purpose.
                        return clean_purpose(doc, &phrase(doc, ix, (s.min(word_start), e))).map(|p| (p, "about.parenthesis"));
                    }
                    // (’22년 100억원 → ’23년 632억원) after "… 사업을 확대한다": the
                    // nearest program earlier in the sentence (programs are sorted by start).
                    let hi = programs.partition_point(|p| p.start <= k);
                    return programs[..hi]
                        .iter()
                        .rev()
                        .take_while(|p| p.start >= sentence_start)
                        .find(|p| p.end <= k)
                        .map(|p| (p.name.clone(), "about.parenthesis.program"));
                }
            }
        }
    }
    // 2. "1039억 원 규모의 스마트빌리지 사업".
    let after = doc.skip_spaces(a.end, 1);
    for word in ["규모의", "규모로", "를 들여", "을 들여"] {
        if doc.starts_with(after, word) || doc.starts_with(a.end, word) {
            let s = doc.skip_spaces(doc.word_end(after) , 1);
            if let Some(name) = np_after(doc, s, ix) {
                // "15조 원 규모의 본예산": a budget word alone says nothing.
                if ix.starting_at(s).is_some() {
                    return Some((name, "about.scale"));
                }
                if let Some(name) = clean_purpose(doc, &name) {
                    return Some((name, "about.scale"));
                }
            }
        }
    }
    // "112억~210억 원의 지방소멸대응기금": a program right after 원의.
    if doc.starts_with(a.end, "의 ") || doc.starts_with(a.end, "의") && doc.at(a.end + 1).is_some_and(|c| !c.is_whitespace()) {
        let s = doc.skip_spaces(a.end + 1, 1);
        if let Some(p) = ix.starting_at(s) {
            return Some((p.name.clone(), "about.genitive"));
        }
        // "월 최대 110만원의 영농정착지원금", "1억~3억원의 실증·제품화 비용":
        // the noun phrase the amount qualifies (a budget word alone is null).
        // Not past a budget word: "수십억원의 운영비 확보 방안" is no purpose.
        let past_budget = |np: &str| {
            let words: Vec<&str> = np.split_whitespace().collect();
            words[..words.len().saturating_sub(1)].iter().any(|w| doc.lex.about_trim.iter().any(|t| w.ends_with(t.as_str())))
        };
        if let Some(purpose) = np_after(doc, s, ix).filter(|np| !past_budget(np)).and_then(|np| clean_purpose(doc, &np)) {
            return Some((purpose, "about.genitive"));
        }
    }
    // "AI-반도체 : 8,600억원(’24) → 1조 1,000억원(’25)".
    if let Some(label) = colon_label(doc, a.start) {
        return Some((label, "about.label"));
    }
    // "△시루섬 생태탐방로 조성사업 190억 원": a list item's label.
    if let Some(item) = bullet_item(doc, words_before(doc, a.start).1) {
        return Some((item, "about.bullet"));
    }
    // "…, 수도권고속철도(수서~평택) 5천917억원": an item of a list of amounts.
    if let Some(item) = comma_item(doc, ix, words_before(doc, a.start).1) {
        return Some((item, "about.list_item"));
    }
    let before = step_back(doc, a.start);
    if before > 0 && doc.at(before - 1) == Some(' ') {
        let prev_end = before - 1;
        // 3. "디지털 인재 양성에 2175억원".
        // "스마트농업 육성을 위해 100억원": the object of 위해 is the purpose.
        let for_frame = ["위해", "위한", "위해서"].iter().any(|w| doc.starts_with(before, &format!("{w} ")));
        if for_frame {
            for particle in ["을", "를"] {
                if prev_end >= 1 && doc.at(prev_end - 1) == particle.chars().next() {
                    if let Some(p) = ix.ending_at(&[prev_end - 1, prev_end.wrapping_sub(2)], |_| true) {
                        return Some((p.name.clone(), "about.for"));
                    }
                    if let Some(purpose) = np_before(doc, prev_end - 1).and_then(|span| clean_purpose(doc, &phrase(doc, ix, span))) {
                        return Some((purpose, "about.for"));
                    }
                }
            }
        }
        for particle in ["에", "에는", "에만", "으로", "로"] {
            let n = particle.chars().count();
            if prev_end >= n && doc.chars[prev_end - n..prev_end].iter().copied().eq(particle.chars()) {
                // "‘우주항공 복합도시 조성사업’에 1039억 원": a quoted program before the particle.
                if let Some(p) = ix.ending_at(&[prev_end - n, (prev_end - n).wrapping_sub(1)], |_| true) {
                    return Some((p.name.clone(), "about.particle"));
                }
                // "A과 B 조성에 각각 40억과 30억원": each its own, not both.
                let each = doc.slice(before, a.start).contains("각각");
                if let Some(purpose) = np_before(doc, prev_end - n).map(|span| if each { span } else { coordinated(doc, span) }).and_then(|span| clean_purpose(doc, &phrase(doc, ix, span))) {
                    return Some((purpose, "about.particle"));
                }
            }
        }
        // "기초연구 예산은 2조 9,400억원으로": a budget as the topic;
        // "부지조성공사는 공사비만 10조원": a bare budget word, its owner's.
        for particle in ["은", "는", "이", "가", "만"] {
            if prev_end > 1 && doc.at(prev_end - 1) == particle.chars().next() {
                if let Some(span) = np_before(doc, prev_end - 1) {
                    let text = phrase(doc, ix, span);
                    let ends_in_budget = text.split_whitespace().last().is_some_and(|w| doc.lex.about_trim.iter().any(|t| w.ends_with(t.as_str())));
                    let purpose = ends_in_budget.then(|| clean_purpose(doc, &text).or_else(|| owner_of_budget_word(doc, ix, span.0, &text))).flatten();
                    if let Some(purpose) = purpose {
                        return Some((purpose, "about.budget_topic"));
                    }
                }
            }
        }
        // "‘2022년 농촌협약 공모’에 선정돼 국비 1천900억원을", "116개 사업이
        // 선정돼 국비 971억원": what was selected is what the money is for.
        if let Some(purpose) = selected_before(doc, ix, prev_end) {
            return Some((purpose, "about.selected"));
        }
        // 4. "디지털 전환 매출액 20조원"; "새만금 국제공항은 총사업비 8077억원".
        if let Some(span) = np_before(doc, prev_end) {
            let text = phrase(doc, ix, span);
            if !ix.count_spans.contains(&span) {
                if let Some(purpose) = clean_purpose(doc, &text).or_else(|| owner_of_budget_word(doc, ix, span.0, &text)) {
                    return Some((purpose, "about.noun_before"));
                }
            }
        }
    }
    // "100억원을 투입해 스마트팜 단지를 조성": spending verbs, then the object.
    for verb in &doc.lex.about_grammar.spend_verbs {
        for particle in ["을 ", "를 "] {
            let frame = format!("{particle}{verb} ");
            if doc.starts_with(a.end, &frame) {
                let s = a.end + frame.chars().count();
                if let Some(p) = ix.starting_at(s) {
                    return Some((p.name.clone(), "about.spend"));
                }
                // The object must be marked: "… 단지를 조성".
                if let Some(np) = np_after(doc, s, ix) {
                    let end = s + np.chars().count();
                    if matches!(doc.at(end), Some('을' | '를')) {
                        if let Some(purpose) = clean_purpose(doc, &np) {
                            return Some((purpose, "about.spend"));
                        }
                    }
                }
            }
        }
    }
    // A budget topic earlier in the sentence: "도시 숲 조성 예산을 당초 36억
    // 원에서 114억 원으로", "행정체제개편 예산의 경우 50억 원".
    if let Some(purpose) = budget_topic_before(doc, a, ix, sentence_start) {
        return Some((purpose, "about.budget_topic"));
    }
    // 5. The object of the clause before the amount: "87개 세부과제를 발굴해 … 투자".
    let tokens = &doc.analysis.tokens;
    let amount_token = tokens.partition_point(|t| t.start < a.start);
    let first_in_sentence = tokens.partition_point(|t| t.start < sentence_start).max(amount_token.saturating_sub(MAX_PHRASE_TOKENS));
    for t in (first_in_sentence..amount_token).rev() {
        let tok = &tokens[t];
        let s = tok.surface(doc.analysis_text());
        if tok.pos == Pos::Particle && (s == "을" || s == "를") {
            if ix.amount_ends.contains(&tok.start) {
                continue; // "9700억원을" is the amount itself
            }
            // "‘청년 스마트팜 종합자금’을 최대 30억원까지": a quoted program as the object.
            if let Some(p) = ix.ending_at(&[tok.start, tok.start.wrapping_sub(1)], |_| true) {
                return Some((p.name.clone(), "about.object"));
            }
            // Only a counted object ("87개 세부과제를 발굴해 … 투자"): any other
            // object before the amount is too often another clause's.
            return np_before(doc, tok.start)
                .filter(|span| ix.count_starts.contains(&span.0))
                .and_then(|span| clean_purpose(doc, &phrase(doc, ix, span)))
                .map(|purpose| (purpose, "about.object"));
        }
        if doc.chars[tok.start] == ',' {
            break;
        }
    }
    None
}

/// The word ending at `end` is a form of 선정되다 (선정돼, 선정되면서 …):
/// the phrase before it with 에, 이 or 가 (a program, or a noun phrase).
fn selected_before(doc: &Doc, ix: &Index, end: usize) -> Option<String> {
    let e = doc.analysis.eojeol_at(end.checked_sub(1)?)?;
    let ej = &doc.analysis.eojeols[e];
    if ej.end != end || !doc.slice(ej.start, ej.end).starts_with("선정되") && !doc.slice(ej.start, ej.end).starts_with("선정돼") {
        return None;
    }
    let prev_end = ej.start.checked_sub(1).filter(|&k| doc.at(k) == Some(' '))?;
    let particle = ["에", "이", "가"].iter().find(|p| prev_end >= 1 && doc.at(prev_end - 1) == p.chars().next())?;
    let stem_end = prev_end - particle.chars().count();
    if let Some(p) = ix.ending_at(&[stem_end, stem_end.wrapping_sub(1)], |_| true) {
        return Some(p.name.clone());
    }
    // A quoted phrase no rule took for a name: what the quotes hold.
    if let Some(close @ ('’' | '”' | '」')) = doc.at(stem_end.wrapping_sub(1)) {
        let open = match close {
            '’' => '‘',
            '”' => '“',
            _ => '「',
        };
        let from = stem_end.saturating_sub(MAX_WORD * 2);
        let k = (from..stem_end - 1).rev().find(|&k| doc.chars[k] == open || doc.chars[k] == '\n')?;
        return (doc.chars[k] == open).then(|| clean_purpose(doc, doc.slice(k + 1, stem_end - 1))).flatten();
    }
    np_before(doc, stem_end).and_then(|span| clean_purpose(doc, &phrase(doc, ix, span)))
}

/// A budget word standing alone (`word`, starting at `start`) is the cost
/// of the noun phrase before it, when that phrase is marked as its owner
/// with 의 or as the topic: "가덕도신공항의 총사업비는", "새만금 국제공항은
/// 총사업비 8077억원", "부지조성공사는 공사비만".
fn owner_of_budget_word(doc: &Doc, ix: &Index, start: usize, word: &str) -> Option<String> {
    if !doc.lex.about_trim.contains(word) {
        return None;
    }
    // "총사업비": the qualifier the phrase left out is part of the word.
    let ws = doc.analysis.eojeols[doc.analysis.eojeol_at(start)?].start;
    let opener = doc.slice(ws, start);
    if !opener.is_empty() && doc.lex.before_effect(opener).is_none() && !doc.lex.about_skip.contains(opener) {
        return None;
    }
    let prev_end = ws.checked_sub(1).filter(|&k| doc.at(k) == Some(' '))?;
    let end = prev_end.checked_sub(1).filter(|&k| matches!(doc.at(k), Some('의' | '은' | '는')))?;
    // A topic, not a verb's 는 ("투입되는 예산은").
    let particle = doc.analysis.token_at(end).is_some_and(|t| doc.analysis.tokens[t].pos == Pos::Particle);
    if doc.at(end) != Some('의') && !particle {
        return None;
    }
    if let Some(p) = ix.ending_at(&[end, end.wrapping_sub(1)], |_| true) {
        return Some(p.name.clone());
    }
    // Lindera may cut the owner's last word across the 의 (가덕도신공항의 →
    // … + 항의): then the word up to the particle.
    let span = np_before(doc, end).or_else(|| {
        let e = &doc.analysis.eojeols[doc.analysis.eojeol_at(end - 1)?];
        doc.chars[e.start..end].iter().all(|c| c.is_alphanumeric()).then_some((e.start, end))
    });
    span.and_then(|span| clean_purpose(doc, &phrase(doc, ix, span)))
}

/// How many words back from an amount a budget topic is looked for.
const MAX_TOPIC_WORDS: usize = 24;

/// The nearest word before the amount, in its sentence, that ends in a budget
/// word of two syllables or more from `about_words.csv` (예산, 예산안) and a
/// topic, subject or object particle (예산은, 예산이, 예산을, 예산도) or
/// "의 경우": the noun phrase it closes is what the amounts after it are
/// for, however many clauses stand between (사회복지분야 예산이 … 올해보다
/// 천 6백억 원이 증액된 7천 5백억 원으로).
fn budget_topic_before(doc: &Doc, a: &Amount, ix: &Index, sentence_start: usize) -> Option<String> {
    let eojeols = &doc.analysis.eojeols;
    let last = doc.analysis.eojeol_at(a.start)?;
    for e in (0..last).rev().take(MAX_TOPIC_WORDS) {
        let (ws, we) = (eojeols[e].start, eojeols[e].end);
        // "… 예산은 166건, … 이 가운데 대구와 경북은 29건 천 2백 63억 원": a
        // place as a nearer topic is who gets the money.
        if ws < sentence_start || region_topic(doc, e) {
            break;
        }
        let word = doc.slice(ws, we);
        let genitive_case = word.ends_with('의') && doc.starts_with(doc.skip_spaces(we, 1), "경우");
        // "그랜드챌린지 예산으로 … 211억원을 편성했다" too.
        let stem = ["은", "는", "이", "가", "을", "를", "도", "만", "으로"]
            .iter()
            .find_map(|p| word.strip_suffix(p))
            .or_else(|| genitive_case.then(|| word.strip_suffix('의')).flatten());
        let Some(stem) = stem else { continue };
        let budget = doc.lex.about_trim.iter().any(|t| t.chars().count() >= 2 && stem.ends_with(t.as_str()));
        if !budget {
            continue;
        }
        let end = ws + stem.chars().count();
        // Lindera may cut the word elsewhere (예산의 → 예 + 산의): then the
        // word's stem and the noun phrase before it.
        let span = np_before(doc, end).or_else(|| {
            let before = ws.checked_sub(1).filter(|&k| doc.at(k) == Some(' ')).and_then(|k| np_before(doc, k));
            Some((before.map_or(ws, |b| b.0), end))
        });
        return span.and_then(|span| {
            let text = phrase(doc, ix, span);
            clean_purpose(doc, &text).or_else(|| owner_of_budget_word(doc, ix, span.0, &text))
        });
    }
    None
}

/// The amount whose parenthesis splits this one by source or year:
/// "29억원(국비 23억원·지방비 6억원)", "700억원(시·군당 175억원)". The
/// words before this amount inside the parenthesis must all be such
/// (국비, 올해, -당), so "5770억원(디지털 혁신 531억원, …)" names its own.
fn split_parent(doc: &Doc, a: &Amount, amounts: &[Amount], by_end: &HashMap<usize, usize>) -> Option<usize> {
    let open = doc.paren_before(doc.sentence_start(a.start), a.start).filter(|&k| doc.at(k) == Some('('))?;
    let parent = *by_end.get(&open).or_else(|| by_end.get(&open.checked_sub(1).filter(|&k| doc.at(k) == Some(' '))?))?;
    let k = amounts.partition_point(|x| x.start <= open);
    let mut from = open + 1;
    for x in amounts[k..].iter().take_while(|x| x.start <= a.start) {
        let words = doc.slice(from, x.start);
        let split_word = |w: &str| {
            let w = w.trim_matches(|c: char| matches!(c, ',' | '·' | '/' | '+'));
            w.is_empty() || doc.lex.about_skip.contains(w) || doc.lex.about_grammar.funding.iter().any(|f| f == w) || w.ends_with('당') || is_time_word(w) || doc.lex.before_effect(w).is_some()
        };
        if !words.split_whitespace().all(split_word) {
            return None;
        }
        from = x.end;
    }
    Some(parent)
}

pub fn link(doc: &Doc, amounts: &mut [Amount], programs: &[Program], counts: &[Count]) {
    let snapshot: Vec<Amount> = amounts.to_vec();
    let ix = Index::new(&snapshot, programs, counts);
    let by_end: HashMap<usize, usize> = snapshot.iter().enumerate().map(|(i, a)| (a.end, i)).collect();
    for i in 0..amounts.len() {
        // A source split inherits what its whole is for, found first (amounts are in text order).
        let inherited = split_parent(doc, &snapshot[i], &snapshot, &by_end)
            .filter(|&p| p < i)
            .and_then(|p| amounts[p].about.clone())
            .map(|about| (about, "about.split_of"));
        let found = inherited.or_else(|| about_for(doc, &snapshot[i], &snapshot, programs, &ix));
        let a = &mut amounts[i];
        a.about_rule = found.as_ref().map(|(_, rule)| *rule);
        a.about = found.map(|(about, _)| about);
    }
    // "112억~210억 원의 지방소멸대응기금": a range's low end is for what its high end is for.
    for i in (0..amounts.len().saturating_sub(1)).rev() {
        let between = doc.slice(snapshot[i].end, snapshot[i + 1].start).trim();
        if amounts[i].about.is_none() && snapshot[i].end <= snapshot[i + 1].start && matches!(between, "~" | "∼" | "～") && amounts[i + 1].about.is_some() {
            amounts[i].about = amounts[i + 1].about.clone();
            amounts[i].about_rule = Some("about.range");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use crate::lexicon::Lexicon;
    use crate::morph::Morph;
    use std::sync::OnceLock;

    /// (amount text, about) for every amount in `text`.
    fn abouts(text: &str) -> Vec<(String, Option<String>)> {
        static MORPH: OnceLock<Morph> = OnceLock::new();
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        let morph = MORPH.get_or_init(|| Morph::new().unwrap());
        let lex = &LEX.get_or_init(Lexicon::builtin).extraction;
        extract(text, morph, lex).amounts.into_iter().map(|a| (a.text, a.about)).collect()
    }

    fn about_of(text: &str) -> Option<String> {
        abouts(text).into_iter().next().and_then(|(_, a)| a)
    }

    #[test]
    fn parenthesis_and_particle() {
        assert_eq!(about_of("군은 생태공원 조성(45억 원)을 마쳤다.").as_deref(), Some("생태공원 조성"));
        assert_eq!(about_of("시는 청년 창업 지원에 30억원을 쓴다.").as_deref(), Some("청년 창업 지원"));
    }

    #[test]
    fn bullet_and_colon_labels() {
        assert_eq!(about_of("▲ 수소차 5개 사업 120억원").as_deref(), Some("수소차 5개 사업"));
        assert_eq!(about_of("- 바이오 산업: 88억원").as_deref(), Some("바이오 산업"));
    }

    #[test]
    fn for_frame_and_genitive_program() {
        assert_eq!(about_of("군은 농촌 정주여건 개선을 위해 20억원을 투입한다.").as_deref(), Some("농촌 정주여건 개선"));
        assert_eq!(about_of("군은 50억 원의 지방소멸대응기금을 받는다.").as_deref(), Some("지방소멸대응기금"));
    }

    #[test]
    fn the_sentences_program() {
        // The sentence names one program and no other amount stands between.
        let a = about_of("지방소멸대응기금은 정부가 해마다 2조 원을 나눠주는 것이다.");
        assert_eq!(a.as_deref(), Some("지방소멸대응기금"));
    }

    #[test]
    fn a_budget_topic_several_clauses_before_its_amounts() {
        let got = abouts("도시 숲 조성 예산을 당초 36억 원에서 114억 원으로 늘렸다.");
        assert_eq!(got.iter().map(|(_, a)| a.as_deref()).collect::<Vec<_>>(), [Some("도시 숲 조성"), Some("도시 숲 조성")]);
        assert_eq!(about_of("특히 논란이 일었던 행정체제개편 예산의 경우 50억 원이 깎였다.").as_deref(), Some("행정체제개편"));
        assert_eq!(about_of("이 가운데 국방예산이 모두 1조5천억원으로 가장 많다.").as_deref(), Some("국방"));
        // No budget word: no topic, and no guess.
        assert_eq!(about_of("시장은 기자들과 만나 모두 50억 원이 깎였다고 말했다."), None);
    }

    #[test]
    fn what_was_selected_and_bullets() {
        assert_eq!(about_of("충북도는 116개 사업이 선정돼 국비 971억원을 확보했다.").as_deref(), Some("116개 사업"));
        assert_eq!(about_of("4개 군이 ‘2022년 농촌협약 공모’에 선정돼 국비 1천900억원을 확보했다.").as_deref(), Some("2022년 농촌협약 공모"));
        let got = abouts("주요 사업은 ▶드론전용 비행장조성(30억원) △지역활력타운(160억원) 등이다.");
        assert_eq!(got.iter().map(|(_, a)| a.as_deref()).collect::<Vec<_>>(), [Some("드론전용 비행장조성"), Some("지역활력타운")]);
    }

    #[test]
    fn trailing_cost_and_list_words_are_trimmed() {
        assert_eq!(about_of("주차타워 건립비 12억 원을 반영했다.").as_deref(), Some("주차타워 건립"));
        assert_eq!(about_of("시는 박물관확장등에 8억 원을 편성했다.").as_deref(), Some("박물관확장"));
    }

    #[test]
    fn a_source_split_inherits_its_whole() {
        let got = abouts("군은 도로 정비를 위해 29억원(국비 23억원·지방비 6억원)을 투입한다.");
        assert_eq!(got.iter().map(|(_, a)| a.as_deref()).collect::<Vec<_>>(), [Some("도로 정비"); 3]);
        // A breakdown by item names its own purposes.
        let got = abouts("시는 공원 조성에 총 50억원(주차장 조성 30억원, 공원 정비 20억원)을 쓴다.");
        assert_eq!(got[0].1.as_deref(), Some("공원 조성"));
        assert_ne!(got[1].1, got[0].1);
    }

    #[test]
    fn a_whole_list_item_and_place_names() {
        assert_eq!(about_of("△시루섬 생태탐방로 조성사업 190억 원").as_deref(), Some("시루섬 생태탐방로 조성사업"));
        assert_eq!(about_of("△국지도 한림~생림 건설 325억원").as_deref(), Some("국지도 한림~생림 건설"));
        // A region is where the money goes, not what for.
        assert_eq!(about_of("이어 여수(1조2212억원), 광양(1조129억원) 순이다."), None);
    }

    #[test]
    fn a_budget_word_names_its_owner() {
        assert_eq!(about_of("가덕도신공항의 총사업비는 13조4천913억원이다.").as_deref(), Some("가덕도신공항"));
        assert_eq!(about_of("새만금 국제공항은 총사업비 8077억원을 들여 짓는다.").as_deref(), Some("새만금 국제공항"));
        assert_eq!(about_of("상리지구 주차타워 조성 사업비 20억원이 반영됐다.").as_deref(), Some("상리지구 주차타워 조성"));
        assert_eq!(about_of("개소당 총사업비 300억 규모로 지원한다."), None);
    }

    #[test]
    fn items_of_a_list_of_amounts() {
        let got = abouts("또 성남~여주선 3천600억원, 수도권고속철도(수서~평택) 5천917억원, 신분당연장 518억원과 광교~수원 구간 30억원 등도 포함됐다.");
        let linked: Vec<_> = got.iter().map(|(_, a)| a.as_deref()).collect();
        assert_eq!(linked[1..], [Some("수도권고속철도(수서~평택)"), Some("신분당연장"), Some("광교~수원 구간")]);
        // A list of offices is who spends it; a list of sources is where it comes from.
        let got = abouts("보건소는 5억원, 의회사무과 1700만원, 땅끝관광지 관리사업소 3억원이다.");
        assert_eq!(got[1..].iter().map(|(_, a)| a.as_deref()).collect::<Vec<_>>(), [None, None]);
        assert_eq!(abouts("국비 1,600억원과 시비·민자 400억원이 투입된다.")[1].1, None);
        // "외 N건" ends a label; 정비 keeps its 비.
        assert_eq!(about_of("△회남면 산수리 마을 안길정비 외 1건 3억2000만원").as_deref(), Some("회남면 산수리 마을 안길정비 외 1건"));
        assert_eq!(about_of("정문화재 보수정비 350억원이 반영됐다.").as_deref(), Some("정문화재 보수정비"));
    }

    #[test]
    fn a_range_and_a_topic_that_gives_way_to_a_place() {
        let got = abouts("16개 시·군이 112억~210억 원의 지방소멸대응기금을 받는다.");
        assert_eq!(got.iter().map(|(_, a)| a.as_deref()).collect::<Vec<_>>(), [Some("지방소멸대응기금"); 2]);
        assert_eq!(about_of("민간공항 건설은 국토교통부가 맡아 국비 2조 7천억 원을 투입한다.").as_deref(), Some("민간공항 건설"));
        // A place as a later topic: the money is that place's.
        let got = abouts("공항 건설은 지난해 시작됐고, 전남은 광역지원계정 304억원을 확보했다.");
        assert_eq!(got[0].1, None);
        assert_eq!(about_of("시는 실과소별로 500만원에서 1억 원까지 지원한다."), None);
    }

    #[test]
    fn what_the_amount_qualifies_and_topics_with_a_relative_clause() {
        assert_eq!(about_of("청년 창업농에게 월 최대 110만원의 영농정착지원금을 지급한다.").as_deref(), Some("영농정착지원금"));
        assert_eq!(about_of("기업당 최대 3억원의 실증·제품화 비용을 지원한다.").as_deref(), Some("실증·제품화"));
        // Past a budget word, or an effect: no purpose.
        assert_eq!(about_of("연간 수십억원의 운영비 확보 방안도 마련한다."), None);
        assert_eq!(about_of("연간 수천억원의 관광 효과가 생길 것으로 기대한다."), None);
        assert_eq!(about_of("정부는 올해 그랜드챌린지 예산으로 211억원을 편성했다.").as_deref(), Some("그랜드챌린지"));
        assert_eq!(about_of("용인 특화단지의 경우 용수 공급에만 약 1조 7,000억원이 소요된다.").as_deref(), Some("용수 공급"));
    }

    #[test]
    fn coordinated_purposes() {
        assert_eq!(about_of("시는 미래산업 육성과 투자 활성화에 741억 원을 투입한다.").as_deref(), Some("미래산업 육성과 투자 활성화"));
        assert_eq!(about_of("서울시는 복지와 일자리 예산에만 11조원을 투입한다.").as_deref(), Some("복지와 일자리"));
        assert_eq!(about_of("반도체·바이오 등 첨단산업 육성과 스타트업 지원에 1,524억원을 편성했다.").as_deref(), Some("첨단산업 육성과 스타트업 지원"));
        // Places joined with 과 are who gets it.
        assert!(about_of("정부는 전남과 경북에 100억원을 지원한다.").is_none_or(|a| !a.contains("전남")));
    }

    #[test]
    fn no_purpose_stays_null() {
        // A grade, a region, an office, a funding source: not what the money is for.
        assert_eq!(about_of("군은 평가에서 B등급을 받아 70억 원을 받는다."), None);
        assert_eq!(about_of("가장 많이 받은 곳은 충북도(500억 원)다."), None);
        assert_eq!(about_of("주민복지과 3억 원이 늘었다."), None);
        assert_eq!(about_of("시는 지방채 90억 원을 발행한다."), None);
    }
}
