//! Counts: a number with a counter from `dictionaries/counters.csv`
//! (80개 사업, 3만3637개사, 6대 분야), and the counted noun found through
//! Lindera's POS tags, not a list of nouns: the head of the noun phrase right
//! after the counter (80개 사업에 → 사업; 99개의 디지털 … 과제를 → 과제), or
//! for generic counters the noun right before it (제조기업 5,000개를 → 기업).
//!
//! Ordinals (제2차), names (2차관, 4차산업혁명), dates, durations, areas and
//! units never match: their "counters" are not in the list, or the word goes
//! on after the counter (5개년, 1개월).

use super::qualifiers::{words_after, words_before};
use super::{Bound, Count, Doc};
use crate::lexicon::{Counter, CounterKind};
use crate::morph::Pos;
use crate::numbers::{is_number_boundary, parse_at};

/// 6대 분야 is a count; 20대 청년 (an age: 20, 30 … are ages far more often
/// than lists) and 100대 기업 (a ranking) are not.
const MAX_DAE: u128 = 19;

fn counter_at<'l>(doc: &'l Doc, i: usize) -> Option<&'l Counter> {
    doc.lex.counters.iter().find(|c| doc.starts_with(i, &c.surface) && doc.tail_is_functional(i + c.surface.chars().count()))
}

/// Why no counter was read at `i`, when a counter's letters start there but
/// the word goes on (5개년, 1개월): the reason `--explain` shows.
fn counter_in_longer_word(doc: &Doc, i: usize) -> Option<String> {
    let c = doc.lex.counters.iter().find(|c| doc.starts_with(i, &c.surface))?;
    let rest: String = doc.hangul_run(i + c.surface.chars().count());
    Some(format!("'{}' is a counter (counters.csv) but the word goes on with '{rest}', which is not a particle (particles.txt)", c.surface))
}

/// The last content noun of the noun phrase starting at eojeol `e`.
fn head_noun_after(doc: &Doc, first_eojeol: usize) -> Option<String> {
    let analysis = &doc.analysis;
    let text = doc.analysis_text();
    let mut head: Option<String> = None;
    for e in first_eojeol..(first_eojeol + 5).min(analysis.eojeols.len()) {
        let tokens = analysis.eojeol_tokens(e);
        // Nouns (with prefixes such as 신-), then only particles or punctuation:
        // 집적된 or 확충한다 are verbs, and end the phrase without a noun.
        let nouns = tokens.iter().take_while(|t| t.pos.is_noun() || t.pos == Pos::Xpn).count();
        // What follows the nouns up to any bracket or comma must be grammar only.
        let rest_ok = tokens[nouns..].iter().take_while(|t| t.pos != Pos::Symbol).all(|t| t.pos.is_functional());
        if nouns == 0 || !rest_ok {
            break;
        }
        let word = doc.slice(analysis.eojeols[e].start, analysis.eojeols[e].end);
        // A bound noun ends the phrase instead of heading it: 9대 정책 중 하나.
        if doc.lex.count_words.breakers.contains(word) {
            break;
        }
        if let Some(t) = tokens[..nouns].iter().rev().find(|t| t.pos.is_noun()) {
            let s = t.surface(text);
            if !doc.lex.generic_modifiers.contains(s) {
                head = Some(s.to_string());
            }
        }
        if nouns < tokens.len() {
            break;
        }
        // A comma ends the phrase: "18개 전략, 80개 사업".
        let last_char = doc.at(analysis.eojeols[e].end - 1);
        if matches!(last_char, Some(',') | Some(')')) {
            break;
        }
    }
    head
}

/// The noun right before the number, bare or with a subject/object particle.
fn noun_before(doc: &Doc, number_start: usize) -> Option<String> {
    let e = doc.analysis.eojeol_at(number_start)?;
    let prev = e.checked_sub(1)?;
    let ej = &doc.analysis.eojeols[prev];
    if ej.end + 1 != doc.analysis.eojeols[e].start {
        return None; // a line break or more than one space in between
    }
    let tokens = doc.analysis.eojeol_tokens(prev);
    let (last, rest) = tokens.split_last()?;
    let (noun_tok, ok) = if last.pos == Pos::Particle {
        let p = last.surface(doc.analysis_text());
        (rest.last(), matches!(p, "이" | "가" | "을" | "를"))
    } else {
        (Some(last), true)
    };
    let noun_tok = noun_tok.filter(|t| t.pos.is_noun())?;
    let noun = noun_tok.surface(doc.analysis_text());
    (ok && !doc.lex.generic_modifiers.contains(noun)).then(|| noun.to_string())
}

/// A native numeral (`native_numerals.csv`: 두 곳, 세 가지, 열두 곳) at a word start, then an optional space and a counter
/// that ends its word: (value, counter, end).
fn native_count_at<'l>(doc: &'l Doc, i: usize) -> Option<(u128, &'l Counter, usize)> {
    if i > 0 && !doc.chars[i - 1].is_whitespace() && !matches!(doc.chars[i - 1], '(' | '\'' | '"' | '▲' | '△') {
        return None;
    }
    let (word, value) = doc.lex.count_words.native_numerals.iter().find(|(w, _)| doc.starts_with(i, w))?;
    let after = i + word.chars().count();
    let k = doc.skip_spaces(after, 1);
    let counter = counter_at(doc, k)?;
    // Only counters that native numerals take in news prose (대 after 세 is "three generations").
    if !doc.lex.count_words.native_counters.contains(&counter.surface) {
        return None;
    }
    Some((*value, counter, k + counter.surface.chars().count()))
}

pub fn find(doc: &mut Doc) -> Vec<Count> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if let Some((value, counter, end)) = native_count_at(doc, i) {
            let counter = counter.clone();
            let noun = if counter.kind == CounterKind::Generic && doc.hangul_run(end).is_empty() {
                doc.analysis.eojeol_at(end.saturating_sub(1)).and_then(|e| head_noun_after(doc, e + 1))
            } else {
                None
            };
            out.push(Count {
                text: doc.slice(i, end).to_string(),
                value,
                counter: counter.surface.clone(),
                noun,
                bound: None,
                start: i,
                end,
                rule: "count.native",
                explain: None,
            });
            doc.claim(i, end);
            i = end;
            continue;
        }
        if doc.is_claimed(i) || !is_number_boundary(&doc.chars, i) {
            i += 1;
            continue;
        }
        let Some(number) = parse_at(&doc.chars, i) else {
            i += 1;
            continue;
        };
        if doc.at(i.wrapping_sub(1)) == Some('제') {
            if number.has_digit {
                doc.pass_over(number.start, number.end, "an ordinal (제 before the number)".into());
            }
            i = number.end.max(i + 1);
            continue;
        }
        // 수십 명: counts carry no approximation ("tens of" has no value).
        if doc.at(number.start) == Some('수') {
            i += 1;
            continue;
        }
        // "2만 명", "110여 명", "이천 명": a counter may follow a Korean unit as its own word.
        let counter_start = if doc.at(number.end) == Some(' ') && super::amounts::ends_in_hangul(doc, &number) { number.end + 1 } else { number.end };
        let Some(counter) = counter_at(doc, counter_start).cloned() else {
            if let Some(reason) = counter_in_longer_word(doc, counter_start).filter(|_| number.has_digit) {
                doc.pass_over(number.start, number.end, reason);
            }
            i = number.end.max(i + 1);
            continue;
        };
        let end = counter_start + counter.surface.chars().count();
        // Whole numbers only.
        if number.has_decimal {
            doc.pass_over(number.start, number.end, format!("'{}' after a decimal number (counts are whole)", counter.surface));
            i = number.end.max(i + 1);
            continue;
        }
        // 100대 기업 (a ranking), 3대 1 (a ratio).
        let ratio = doc.at(doc.skip_spaces(end, 1)).is_some_and(|c| c.is_ascii_digit());
        if counter.surface == "대" && (number.value() > MAX_DAE || ratio) {
            let reason = if ratio {
                "'대' between two numbers is a ratio (3대 1), not a count".to_string()
            } else {
                format!("'대' counts only up to {MAX_DAE} (20대 is an age, 100대 a ranking)")
            };
            doc.pass_over(number.start, number.end, reason);
            i = number.end;
            continue;
        }
        let tail = doc.hangul_run(end);
        let noun = match counter.kind {
            CounterKind::SelfContained => None,
            CounterKind::Generic => {
                let following = if tail.is_empty() || tail == "의" {
                    doc.analysis.eojeol_at(number.start).and_then(|e| {
                        // Skip a bound word between counter and noun: "1,000개 이상 기업".
                        let mut next = e + 1;
                        let bound_word = doc.analysis.eojeols.get(next).map(|w| doc.slice(w.start, w.end));
                        if bound_word.is_some_and(|w| doc.lex.count_words.bound_words.contains(w)) {
                            next += 1;
                        }
                        head_noun_after(doc, next)
                    })
                } else {
                    None
                };
                following.or_else(|| noun_before(doc, number.start))
            }
        };
        let bound = bound_near(doc, number.start, end);
        out.push(Count {
            text: doc.slice(number.start, end).to_string(),
            value: number.value(),
            counter: counter.surface.clone(),
            noun,
            bound,
            start: number.start,
            end,
            rule: match counter.kind {
                CounterKind::Generic => "count.generic",
                CounterKind::SelfContained => "count.self",
            },
            explain: None,
        });
        doc.claim(number.start, end);
        i = end;
    }
    out
}

fn bound_near(doc: &Doc, start: usize, end: usize) -> Option<Bound> {
    words_after(doc, end).bound.or(words_before(doc, start).0.bound)
}
