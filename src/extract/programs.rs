//! Program names: quoted or bracketed names that name a program (‘스마트빌리지’
//! 사업, 「지방 디지털 경쟁력 강화방안」), and unquoted noun sequences that end
//! in a program word (스마트 임대공장 시범사업, 경북 이노베이션 아카데미),
//! built from Lindera's noun tokens.

use super::{Doc, Program};
use crate::morph::Pos;
use crate::normalize::{DQUOTE, SQUOTE};

/// The longest name we accept inside quotes; longer quoted text is speech.
const MAX_QUOTED: usize = 60;
/// How many eojeols an unquoted name may span.
const MAX_EOJEOLS: usize = 6;

/// List words that separate names rather than build one: SW중심대학 등 … 사업.
const SEPARATORS: [&str; 5] = ["등", "및", "또는", "와", "과"];

/// Words that, right after a quoted name, say it names a program (‘스마트빌리지’ 사업).
const FOLLOW_WORDS: [&str; 6] = ["사업", "프로젝트", "프로그램", "서비스", "센터", "플랫폼"];

fn is_apostrophe_year(doc: &Doc, i: usize) -> bool {
    let d = |k: usize| doc.at(k).is_some_and(|c| c.is_ascii_digit());
    d(i + 1) && d(i + 2) && !d(i + 3)
}

fn closer_for(open: char) -> Option<char> {
    match open {
        SQUOTE => Some(SQUOTE),
        DQUOTE => Some(DQUOTE),
        '「' => Some('」'),
        '《' => Some('》'),
        _ => None,
    }
}

/// Does `name` end with a program word? (by string: quoted names are often
/// one unknown token for Lindera, e.g. 이노베이션스퀘어)
fn ends_with_program_word(doc: &Doc, name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    doc.lex.program_words.iter().any(|w| last.ends_with(w.as_str()) && (last.len() > w.len() || name.contains(' ')))
}

/// Speech and sentences, not names.
fn is_sentence(name: &str) -> bool {
    let last = name.trim_end().chars().last().unwrap_or(' ');
    matches!(last, '다' | '요' | '.' | '!' | '?' | '까') || name.contains(". ")
}

/// A trailing "(’23~’27)" or "(2024~2027)" on a name is a period, not part of it.
fn strip_period_suffix(name: &str) -> &str {
    if let Some(open) = name.rfind('(') {
        let inside = &name[open..];
        if inside.ends_with(')') && inside.chars().all(|c| c.is_ascii_digit() || "()~-'’‘. 년,".contains(c)) {
            return name[..open].trim_end();
        }
    }
    name
}

/// "(가칭)지방디지털화 특별위원회" → "지방디지털화 특별위원회".
fn strip_label_prefix(name: &str) -> &str {
    for label in ["(가칭)", "(가칭) ", "가칭 "] {
        if let Some(rest) = name.strip_prefix(label) {
            return rest.trim_start();
        }
    }
    name
}

fn quoted(doc: &Doc) -> Vec<Program> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        let c = doc.chars[i];
        let Some(close) = closer_for(c) else {
            i += 1;
            continue;
        };
        if c == SQUOTE && is_apostrophe_year(doc, i) {
            i += 1;
            continue;
        }
        // Find the closer on the same line, skipping apostrophe years inside.
        let mut j = i + 1;
        let mut found = None;
        while j < doc.len() && j - i <= MAX_QUOTED + 1 && doc.chars[j] != '\n' {
            if doc.chars[j] == close && !(close == SQUOTE && is_apostrophe_year(doc, j)) {
                found = Some(j);
                break;
            }
            j += 1;
        }
        let Some(j) = found else {
            i += 1;
            continue;
        };
        let inner_start = i + 1;
        let raw = doc.slice(inner_start, j);
        let name = strip_label_prefix(strip_period_suffix(raw.trim()));
        if accept_quoted(doc, c, name, i, j) && name.chars().count() >= 2 {
            out.push(Program { name: name.to_string(), start: i, end: j + 1, rule: "program.quoted", explain: None });
        }
        i = j + 1;
    }
    out
}

fn accept_quoted(doc: &Doc, open: char, name: &str, open_at: usize, close_at: usize) -> bool {
    if is_sentence(name) {
        return false;
    }
    // "(이하 ‘과기정통부’)" defines an abbreviation, not a program.
    let before: String = doc.chars[open_at.saturating_sub(4)..open_at].iter().collect();
    if before.contains("이하") || before.contains("약칭") {
        return false;
    }
    if matches!(open, '「' | '《') {
        return true;
    }
    if ends_with_program_word(doc, name) {
        return true;
    }
    let k = doc.skip_spaces(close_at + 1, 1);
    let after = doc.hangul_run(k);
    if FOLLOW_WORDS.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    // A one-word coined name (‘스마트빌리지’, ‘이노베이션스퀘어’) used as a noun.
    if open == SQUOTE && !name.contains(char::is_whitespace) && name.chars().count() >= 3 {
        let tokens_are_nouns = doc
            .analysis
            .tokens
            .iter()
            .filter(|t| t.start > open_at && t.end <= close_at)
            .all(|t| t.pos.is_noun());
        let followed_by_noun_use = doc.tail_is_functional(close_at + 1) && !after.starts_with("라는") && !after.starts_with("란");
        return tokens_are_nouns && followed_by_noun_use;
    }
    false
}

/// Unquoted names: a run of noun tokens ending in a program word.
fn unquoted(doc: &Doc, taken: &[Program]) -> Vec<Program> {
    let text = doc.analysis_text();
    let tokens = &doc.analysis.tokens;
    let mut out = Vec::new();
    for (t, tok) in tokens.iter().enumerate() {
        if tok.pos != Pos::Nng || !doc.lex.program_words.contains(tok.surface(text)) {
            continue;
        }
        // The program word must end the noun run: 사업비 or 사업계획 is not a 사업.
        if tokens.get(t + 1).is_some_and(|n| n.eojeol == tok.eojeol && n.pos.is_noun()) {
            continue;
        }
        if taken.iter().any(|p| p.start <= tok.start && tok.end <= p.end + 1) {
            continue;
        }
        // Walk back over nouns; cross into the previous eojeol only when it is all nouns.
        let mut first = t;
        while first > 0 {
            let prev = &tokens[first - 1];
            let same_eojeol = prev.eojeol == tokens[first].eojeol;
            if SEPARATORS.contains(&prev.surface(text)) {
                break;
            }
            let joinable = if same_eojeol {
                // Also prefixes and numerals inside a word: 초+고용량, 이차+전지.
                prev.pos.is_noun()
                    || matches!(prev.pos, Pos::Xpn | Pos::Nr | Pos::Nnbc | Pos::Number)
                    || (prev.pos == Pos::Symbol && prev.surface(text) == "·")
            } else {
                tokens[first].eojeol - prev.eojeol == 1
                    && tok.eojeol - prev.eojeol < MAX_EOJEOLS
                    && doc
                        .analysis
                        .eojeol_tokens(prev.eojeol)
                        .iter()
                        .all(|x| x.pos.is_noun() || x.pos == Pos::Xpn || (x.pos == Pos::Symbol && x.surface(text) == "·"))
                    && doc.analysis.eojeols[prev.eojeol].end + 1 == doc.analysis.eojeols[prev.eojeol + 1].start
            };
            if !joinable {
                break;
            }
            first -= 1;
        }
        // Drop generic openers (올해, 전체, 관련 …) from the left.
        while first < t && doc.lex.generic_modifiers.contains(tokens[first].surface(text)) {
            first += 1;
        }
        if first == t {
            continue; // only the program word is left: 사업, 이 사업
        }
        // One plain modifier makes a kind of program (지원 사업, 선도 사업,
        // 지원방안), not a name: ask for two, or one proper/foreign/coined word.
        if t - first == 1 {
            let m = &tokens[first];
            let coined = m.pos == Pos::Nnp || m.pos == Pos::Foreign || m.pos == Pos::Unknown || m.end - m.start >= 4;
            if !coined {
                continue;
            }
        }
        let start = tokens[first].start;
        if doc.at(start.wrapping_sub(1)).is_some_and(|c| c == SQUOTE || c == DQUOTE || c == '」') {
            continue; // the rest of a quoted name: ‘스마트빌리지’ 사업
        }
        let name = doc.slice(start, tok.end).to_string();
        if name.chars().count() < 3 {
            continue;
        }
        out.push(Program { name, start, end: tok.end, rule: "program.unquoted", explain: None });
    }
    out
}

/// Names from `dictionaries/program_names.txt`, wherever they occur with
/// any spacing, as whole words (not inside a longer word), outside the
/// names already found.
fn known(doc: &Doc, taken: &[Program]) -> Vec<Program> {
    let mut out: Vec<Program> = Vec::new();
    let mut i = 0;
    'scan: while i < doc.len() {
        let starts_word = i == 0 || !doc.chars[i - 1].is_alphanumeric();
        if starts_word {
            for name in &doc.lex.program_names {
                let Some(end) = match_spaced(doc, i, name) else { continue };
                let ends_word = doc.tail_is_functional(end);
                let inside = |p: &Program| p.start < end && i < p.end;
                if ends_word && !taken.iter().any(inside) {
                    out.push(Program { name: doc.slice(i, end).to_string(), start: i, end, rule: "program.known", explain: None });
                    i = end;
                    continue 'scan;
                }
            }
        }
        i += 1;
    }
    out
}

/// The end of `name` (spaces removed) written at `i` with single spaces
/// anywhere between its letters.
fn match_spaced(doc: &Doc, i: usize, name: &[char]) -> Option<usize> {
    let mut k = i;
    for (n, c) in name.iter().enumerate() {
        if n > 0 && doc.at(k) == Some(' ') {
            k += 1;
        }
        if doc.at(k) != Some(*c) {
            return None;
        }
        k += 1;
    }
    Some(k)
}

pub fn find(doc: &mut Doc) -> Vec<Program> {
    let mut programs = quoted(doc);
    let mut extra = unquoted(doc, &programs);
    // Nested unquoted names (제조혁신 허브 / 제조혁신 허브 구축 전략): keep the longest.
    extra.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    let mut kept: Vec<Program> = Vec::new();
    for p in extra {
        if kept.iter().any(|k| k.start <= p.start && p.end <= k.end) {
            continue;
        }
        kept.retain(|k| !(p.start <= k.start && k.end <= p.end));
        kept.push(p);
    }
    programs.extend(kept);
    let known = known(doc, &programs);
    programs.extend(known);
    programs.sort_by_key(|p| p.start);
    programs
}
