//! Rule-based extractors, one module per kind of mention. They share one
//! `Doc`: the folded text, its Lindera analysis, and the spans already claimed,
//! so that a number is read once (9700억원 is an amount, never also a year).

mod about;
mod amounts;
mod counts;
mod doc;
mod explain;
mod percentages;
mod programs;
mod qualifiers;
mod sign;
mod years;

use serde::Serialize;

pub use doc::Doc;
pub use explain::{Explain, Rejected};

use crate::lexicon::Lexicon;
use crate::morph::Morph;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Min,
    Max,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    pub text: String,
    /// Negative after a minus sign (△500억원, -500억원; see `sign`).
    pub value: i128,
    /// ISO 4217 code from `dictionaries/currencies.csv`.
    pub currency: String,
    pub approx: bool,
    pub bound: Option<Bound>,
    pub start: usize,
    pub end: usize,
    pub about: Option<String>,
    /// The rule that linked `about` (shown by `--explain`).
    #[serde(skip)]
    pub about_rule: Option<&'static str>,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub text: String,
    pub value: u128,
    pub counter: String,
    pub noun: Option<String>,
    pub bound: Option<Bound>,
    pub start: usize,
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearRole {
    Target,
    Start,
    Mention,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    pub text: String,
    pub year: u32,
    pub role: YearRole,
    pub start: usize,
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    pub name: String,
    pub start: usize,
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentage {
    pub text: String,
    /// Negative after a minus sign (△3.2%, -3.2%).
    pub value: f64,
    /// `%` or `pp` (percentage points, written %p or %포인트).
    pub unit: &'static str,
    pub start: usize,
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub amounts: Vec<Amount>,
    pub counts: Vec<Count>,
    pub years: Vec<Year>,
    pub programs: Vec<Program>,
    pub percentages: Vec<Percentage>,
    /// With `--explain`: numbers no extractor took, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Vec<Rejected>>,
}

/// Runs every extractor over one clean article text.
pub fn extract(text: &str, morph: &Morph, lex: &Lexicon) -> Extraction {
    extract_with(text, morph, lex, false)
}

/// `extract`, and with `explain` each mention carries its rule and tokens,
/// and the numbers left unused are listed with the reason.
pub fn extract_with(text: &str, morph: &Morph, lex: &Lexicon, explain: bool) -> Extraction {
    let mut doc = Doc::new(text, morph, lex);
    // Numbers too large for exact arithmetic are nobody's mention, and no
    // part of them may be read as a smaller number (천원 in 10³⁰천원).
    let overflowed = claim_overflows(&mut doc);
    // Order matters: money and percentages claim their digits before years and
    // counts look, and `about` needs the programs and counts found.
    let mut amounts = amounts::find(&mut doc);
    let percentages = percentages::find(&mut doc);
    let years = years::find(&mut doc);
    let counts = counts::find(&mut doc);
    let programs = programs::find(&mut doc);
    about::link(&doc, &mut amounts, &programs, &counts);
    let mut x = Extraction { amounts, counts, years, programs, percentages, rejected: None };
    if explain {
        explain::annotate(&doc, &mut x, &overflowed);
    }
    x
}

/// Claims every number whose value overflows, and returns their spans.
fn claim_overflows(doc: &mut Doc) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        // Only digits overflow: Hangul numerals stop at 경 (10¹⁶ × 9999).
        if !doc.at(i).is_some_and(|c| c.is_ascii_digit()) || !crate::numbers::is_number_boundary(&doc.chars, i) {
            i += 1;
            continue;
        }
        match crate::numbers::parse_extent(&doc.chars, i) {
            Some(n) if n.overflow => {
                spans.push((n.start, n.end));
                i = n.end;
            }
            Some(n) => i = n.end.max(i + 1),
            None => i += 1,
        }
    }
    for &(s, e) in &spans {
        doc.claim(s, e);
    }
    spans
}
