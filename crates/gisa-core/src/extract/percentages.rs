//! Percentages: 1.3%, 52.5%, 83 퍼센트; %p and %포인트 are percentage points.
//! A range "2~3%" gives both ends.

use super::sign::Signs;
use super::{Doc, Percentage};
use crate::numbers::{is_number_boundary, parse_at, Number};

/// After a number: the percent sign or word, and whether it is points.
fn percent_at(doc: &Doc, number: &Number) -> Option<(usize, &'static str)> {
    let i = doc.skip_spaces(number.end, 1);
    let words = &doc.lex.percent_words;
    let word_at = |list: &[String]| list.iter().find(|w| doc.starts_with(i, w)).map(|w| i + w.chars().count());
    let after = if doc.at(i) == Some('%') {
        i + 1
    } else if let Some(after) = word_at(&words.percent) {
        after
    } else if let Some(after) = word_at(&words.percent_attached).filter(|_| i == number.end) {
        after
    } else {
        return None;
    };
    if doc.at(after) == Some('p') && !doc.at(after + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some((after + 1, "pp"));
    }
    for points in &words.points {
        if doc.starts_with(after, points) {
            return Some((after + points.chars().count(), "pp"));
        }
    }
    Some((after, "%"))
}

fn make(doc: &Doc, signs: &mut Signs, number: &Number, end: usize, unit: &'static str) -> Percentage {
    // -3.2%, △3.2%: negative; ▲3.2%p: the sign is kept in the text.
    let (negative, start) = match signs.before(doc, number.start, true) {
        Some((negative, at)) => (negative, at),
        None => (false, number.start),
    };
    let value = if negative { -number.as_f64() } else { number.as_f64() };
    Percentage { text: doc.slice(start, end).to_string(), value, unit, start, end, rule: "percent", explain: None }
}

pub fn find(doc: &mut Doc) -> Vec<Percentage> {
    let mut out = Vec::new();
    let mut signs = Signs::default();
    let mut i = 0;
    while i < doc.len() {
        if doc.is_claimed(i) || !doc.at(i).is_some_and(|c| c.is_ascii_digit()) || !is_number_boundary(&doc.chars, i) {
            i += 1;
            continue;
        }
        let Some(number) = parse_at(&doc.chars, i).filter(|n| n.magnitude.is_none()) else {
            i += 1;
            continue;
        };
        let mut next = number.end.max(i + 1);
        if let Some((end, unit)) = percent_at(doc, &number) {
            out.push(make(doc, &mut signs, &number, end, unit));
            next = end;
        } else if doc.at(number.end) == Some('~') {
            // 2~3%: the first end takes the unit of the second.
            if let Some(second) = parse_at(&doc.chars, number.end + 1) {
                if let Some((end, unit)) = percent_at(doc, &second) {
                    out.push(make(doc, &mut signs, &number, number.end, unit));
                    out.push(make(doc, &mut signs, &second, end, unit));
                    next = end;
                }
            }
        }
        let claimed: Vec<(usize, usize)> = out.iter().rev().take_while(|p| p.end > i).map(|p| (p.start, p.end)).collect();
        for (s, e) in claimed {
            doc.claim(s, e);
        }
        i = next;
    }
    out
}
