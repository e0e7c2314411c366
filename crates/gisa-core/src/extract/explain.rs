//! `--explain`: why each mention was found (its rule and the tokens around
//! it) and why a number was not (the numbers no extractor claimed, with the
//! reason), so a tuner can see why 2차관 was or was not a count.

use std::collections::HashMap;

use serde::Serialize;

use super::{Doc, Extraction};
use crate::numbers::{is_number_boundary, parse_at};

/// What `--explain` attaches to a mention: the rule that found it and the tokens around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    /// The rule that produced the mention (`amount.range`, `count.self`, `program.quoted` …).
    pub rule: &'static str,
    /// `surface/TAG` for every token of the eojeols the mention touches.
    pub tokens: Vec<String>,
    /// For amounts: the rule that linked `about`, when one did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about_rule: Option<&'static str>,
    /// For an amount: the rule that linked its `region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_rule: Option<&'static str>,
}

/// A number that no extractor took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    /// The whole eojeol holding the number.
    pub text: String,
    /// Char offset of the number itself in `text` (the record's clean text).
    pub start: usize,
    /// End char offset of the number, exclusive.
    pub end: usize,
    /// Why no extractor took it: the reason an extractor recorded when it passed
    /// the number over (20대, 5개년), else what follows the number.
    pub reason: String,
    /// `surface/TAG` for every token of the eojeols the number touches.
    pub tokens: Vec<String>,
}

fn tokens_for(doc: &Doc, start: usize, end: usize) -> Vec<String> {
    let text = doc.analysis_text();
    let (Some(first), Some(last)) = (doc.analysis.eojeol_at(start), doc.analysis.eojeol_at(end.saturating_sub(1).max(start))) else {
        return Vec::new();
    };
    (first..=last)
        .flat_map(|e| doc.analysis.eojeol_tokens(e))
        .map(|t| format!("{}/{}", t.surface(text), t.pos.as_str()))
        .collect()
}

// Boxed in the mentions: without `--explain` it is always absent, and
// inline it would make every mention 64 bytes larger.
fn explain(doc: &Doc, rule: &'static str, start: usize, end: usize) -> Option<Box<Explain>> {
    Some(Box::new(Explain { rule, tokens: tokens_for(doc, start, end), about_rule: None, region_rule: None }))
}

pub fn annotate(doc: &Doc, x: &mut Extraction, overflowed: &[(usize, usize)]) {
    for a in &mut x.amounts {
        a.explain = explain(doc, a.rule, a.start, a.end).map(|e| Box::new(Explain { about_rule: a.about_rule, region_rule: a.region_rule, ..*e }));
    }
    for c in &mut x.counts {
        c.explain = explain(doc, c.rule, c.start, c.end);
    }
    for y in &mut x.years {
        y.explain = explain(doc, y.rule, y.start, y.end);
    }
    for p in &mut x.programs {
        p.explain = explain(doc, p.rule, p.start, p.end);
    }
    for p in &mut x.percentages {
        p.explain = explain(doc, p.rule, p.start, p.end);
    }
    for r in &mut x.regions {
        r.explain = explain(doc, r.rule, r.start, r.end);
    }
    let mut rejected = rejected(doc);
    for &(start, end) in overflowed {
        rejected.push(Rejected {
            text: doc.slice(start, end).to_string(),
            start,
            end,
            reason: "too large to represent exactly (over 9223372036854775807, about 922경): not read as a number".into(),
            tokens: tokens_for(doc, start, end),
        });
    }
    rejected.sort_by_key(|r| r.start);
    x.rejected = Some(rejected);
}

/// Why the number at `start..end` is nobody's: the reason an extractor
/// recorded when it passed the number over, else what follows the number
/// (no extractor had a rule for it).
fn reason(doc: &Doc, passed: &HashMap<usize, &str>, start: usize, end: usize) -> String {
    if let Some(r) = passed.get(&start) {
        return r.to_string();
    }
    let after = doc.hangul_run(end);
    let next: String = if after.is_empty() {
        doc.chars[end..].iter().take_while(|c| !c.is_whitespace()).take(4).collect()
    } else {
        after
    };
    if next.is_empty() {
        "a bare number: no currency, counter, 년 or % follows it".into()
    } else {
        format!("followed by '{next}': not a currency (currencies.csv), counter (counters.csv), year or percent")
    }
}

fn rejected(doc: &Doc) -> Vec<Rejected> {
    // By start offset, the latest record winning: one lookup per number,
    // however many numbers the article holds.
    let passed: HashMap<usize, &str> = doc.passed.iter().map(|p| (p.start, p.reason.as_str())).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if doc.is_claimed(i) || !is_number_boundary(&doc.chars, i) {
            i += 1;
            continue;
        }
        let Some(n) = parse_at(&doc.chars, i) else {
            i += 1;
            continue;
        };
        // Hangul words that start like numerals (구조조정, 백신) are not numbers to explain.
        if !n.has_digit || doc.any_claimed(n.start, n.end) {
            i = n.end.max(i + 1);
            continue;
        }
        let (ws, we) = match doc.analysis.eojeol_at(n.start) {
            Some(e) => (doc.analysis.eojeols[e].start, doc.analysis.eojeols[e].end),
            None => (n.start, n.end),
        };
        out.push(Rejected {
            text: doc.slice(ws, we).to_string(),
            start: n.start,
            end: n.end,
            reason: reason(doc, &passed, n.start, n.end),
            tokens: tokens_for(doc, n.start, n.end),
        });
        i = n.end.max(i + 1);
    }
    out
}
