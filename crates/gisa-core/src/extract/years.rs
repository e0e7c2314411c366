//! Years: 2027년, 2024년도, ’27, '23~'27, 2023~27년, (’24~), with a role:
//! target (까지, 목표, end of a range), start (부터, start of a range, ’24~),
//! or mention.

use crate::morph::Pos;
use super::{Doc, Year, YearRole};
use crate::normalize::SQUOTE;

/// A year written at `i`: (year, end of the digits).
fn year_at(doc: &Doc, i: usize) -> Option<(u32, usize)> {
    let digit = |k: usize| doc.at(k).and_then(|c| c.to_digit(10));
    let prev = i.checked_sub(1).and_then(|p| doc.at(p));
    if prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == ',') {
        return None;
    }
    // ‘2019 재난관리평가’: four digits after an opening quote are a full year.
    let four_digits = (0..4).all(|k| digit(i + k).is_some());
    if (prev == Some(SQUOTE) && !four_digits) || (prev == Some('(') && doc.at(i + 2) == Some('~')) {
        // Apostrophe year: exactly two digits ('27, ’23~). "(24~)" written without
        // the apostrophe is read the same way, but only before a tilde.
        let (a, b) = (digit(i)?, digit(i + 1)?);
        if digit(i + 2).is_some() {
            return None;
        }
        let after = doc.at(i + 2);
        let fits = matches!(after, None | Some('년' | '~' | ')' | ',' | ' ' | '.' | '\'' | '-' | '·' | '\n' | '」'));
        return fits.then_some((two_digit_year(a * 10 + b), i + 2));
    }
    let v = (0..4).try_fold(0u32, |acc, k| Some(acc * 10 + digit(i + k)?))?;
    if digit(i + 4).is_some() || !(1900..=2099).contains(&v) {
        return None;
    }
    // "2,500" or "2000.5" are numbers, not years.
    if matches!(doc.at(i + 4), Some(',') | Some('.')) && doc.at(i + 5).is_some_and(|c| c.is_ascii_digit()) {
        return Some((v, i + 4)).filter(|_| doc.at(i + 4) == Some('.') && doc.at(i + 7).is_some_and(|c| c == '.'));
    }
    Some((v, i + 4))
}

/// ’27 → 2027, but ’99 → 1999: the press writes back to the 1970s this way,
/// and plans run to the 2060s. A fixed pivot, not today's date, so the same
/// text always gives the same year.
fn two_digit_year(yy: u32) -> u32 {
    if yy >= 70 { 1900 + yy } else { 2000 + yy }
}

/// 년, 년도 after the digits.
fn year_word_end(doc: &Doc, end: usize) -> usize {
    if doc.at(end) == Some('년') {
        if doc.at(end + 1) == Some('도') { end + 2 } else { end + 1 }
    } else {
        end
    }
}

fn is_apostrophe_start(doc: &Doc, i: usize) -> bool {
    i > 0 && doc.at(i - 1) == Some(SQUOTE)
}

pub fn find(doc: &mut Doc) -> Vec<Year> {
    let mut out: Vec<Year> = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if doc.is_claimed(i) || !doc.at(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let Some((year, digits_end)) = year_at(doc, i) else {
            // 3년, 10년간: a duration or a count of years, said so for --explain.
            let digits_end = i + doc.chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if doc.at(digits_end) == Some('년') && (i == 0 || !doc.chars[i - 1].is_ascii_digit()) {
                doc.pass_over(i, digits_end, "'년' after a number that is not a year (a duration or count of years)".into());
            }
            i += 1;
            continue;
        };
        let apostrophe = is_apostrophe_start(doc, i) && digits_end == i + 2;
        let start = if apostrophe { i - 1 } else { i };
        let word_end = year_word_end(doc, digits_end);
        // A bare four-digit number must look like a year: 년, a range, or no unit after it.
        if !apostrophe && word_end == digits_end {
            let next = doc.at(digits_end);
            let ok = matches!(next, None | Some('~' | ')' | ',' | ' ' | '\n' | '-' | '.' | '·'));
            if !ok || doc.any_claimed(i, digits_end) {
                i = digits_end;
                continue;
            }
            // "2024 3월" fine, but "2000 명" is a count: reject a bare number before a unit word.
            let k = doc.skip_spaces(digits_end, 1);
            if k > digits_end && doc.at(k).is_some_and(|c| matches!(c, '명' | '개' | '곳' | '원' | '건' | '%')) {
                i = digits_end;
                continue;
            }
        }
        // Range: first~second, where second may be '27, 2027, or 27 (same century).
        let mut range_end = None;
        if doc.at(word_end) == Some('~') || (doc.at(word_end) == Some('-') && !apostrophe) {
            let j = word_end + 1;
            let (second_start, digits_at) = if doc.at(j) == Some(SQUOTE) { (j, j + 1) } else { (j, j) };
            let digits: String = doc.chars[digits_at.min(doc.len())..].iter().take_while(|c| c.is_ascii_digit()).collect();
            let second = match digits.len() {
                4 => digits.parse::<u32>().ok(),
                // Same century, or the next one when that is earlier (’99~’03).
                2 => digits.parse::<u32>().ok().map(|yy| year / 100 * 100 + yy).map(|y| if y <= year { y + 100 } else { y }),
                _ => None,
            };
            if let Some(second) = second.filter(|s| *s > year && *s - year <= 50) {
                let e = year_word_end(doc, digits_at + digits.len());
                range_end = Some((second, second_start, e));
            }
        }
        let text_end;
        let role;
        if let Some((second, s2, e2)) = range_end {
            let rule = "year.range";
            out.push(Year { text: doc.slice(start, word_end).to_string(), year, role: YearRole::Start, start, end: word_end, rule, explain: None });
            let (role2, e2) = role_after(doc, e2, YearRole::Target);
            doc.claim(start, word_end);
            out.push(Year { text: doc.slice(s2, e2).to_string(), year: second, role: role2, start: s2, end: e2, rule, explain: None });
            doc.claim(s2, e2);
            i = e2;
            continue;
        } else if doc.at(word_end) == Some('~') {
            // Open range ('24~): a start.
            role = YearRole::Start;
            text_end = word_end;
        } else {
            let (r, e) = role_after(doc, word_end, YearRole::Mention);
            role = if r == YearRole::Mention && start > 0 && doc.at(start - 1) == Some('~') { YearRole::Target } else { r };
            text_end = e;
        }
        let rule = if apostrophe { "year.apostrophe" } else { "year.full" };
        out.push(Year { text: doc.slice(start, text_end).to_string(), year, role, start, end: text_end, rule, explain: None });
        doc.claim(start, text_end);
        i = text_end.max(i + 1);
    }
    out
}

/// The role words after a year: 까지 (target, part of the mention text as
/// in "2027년까지"), 부터 (start), and 목표/완료/완공 within the next words.
fn role_after(doc: &Doc, end: usize, default: YearRole) -> (YearRole, usize) {
    for (word, role) in [("까지", YearRole::Target), ("부터", YearRole::Start), ("에서부터", YearRole::Start)] {
        if doc.starts_with(end, word) {
            return (role, end + word.chars().count());
        }
    }
    // A goal word as the next word: "2030년 목표", "2027년 완공".
    let s = doc.skip_spaces(end, 1);
    if s > end {
        let word = doc.hangul_run(s);
        if doc.lex.year_words.goal.iter().any(|w| word.starts_with(w.as_str())) {
            return (YearRole::Target, end);
        }
    }
    if default == YearRole::Mention {
        if let Some(role) = role_in_phrase(doc, end) {
            return (role, end);
        }
    }
    (default, end)
}

/// How many words after a year may still belong to its phrase.
const PHRASE_WORDS: usize = 6;

/// The role given by the noun phrase after a year, up to its first verb or
/// ending: "2030년 개항을 목표로", "2032년 달 착륙선 발사, 2045년 화성 착륙을
/// 목표로", "2029년 완공 예정" (target); "2025년도 배분부터" (start).
/// "2019년 설립된 센터는 … 목표" stops at 설립된.
fn role_in_phrase(doc: &Doc, end: usize) -> Option<YearRole> {
    let analysis = &doc.analysis;
    let first = analysis.eojeol_at(end.saturating_sub(1))? + 1;
    let sentence_end = doc.sentence_end(end);
    for e in first..(first + PHRASE_WORDS).min(analysis.eojeols.len()) {
        let w = &analysis.eojeols[e];
        if w.start >= sentence_end {
            break;
        }
        let word = doc.slice(w.start, w.end);
        // "2019년 이후": a point of reference; "(2022년 78.8%) 수준까지": the bracket ends the year's phrase.
        if doc.lex.year_words.phrase_end.iter().any(|w| word.starts_with(w.as_str())) || word.starts_with(')') {
            break;
        }
        // "2035년 탄소중립 달성을", "2035년 70%까지": a goal or a deadline.
        let deadline = e == first && word.starts_with(|c: char| c.is_ascii_digit()) && word.ends_with("까지");
        if doc.lex.year_words.phrase_goal.iter().any(|w| word.contains(w.as_str())) || deadline {
            return Some(YearRole::Target);
        }
        if word.contains(')') {
            break;
        }
        if e == first && word.contains("부터") {
            return Some(YearRole::Start);
        }
        let tokens = analysis.eojeol_tokens(e);
        if tokens.iter().any(|t| matches!(t.pos, Pos::Ending | Pos::Vv | Pos::Va | Pos::Vx | Pos::Xsv | Pos::Vcp)) {
            break;
        }
    }
    None
}
