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
mod regions;
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
    pub value: u128,
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
    /// The 법정동 code of the region the money goes to, when the sentence says so.
    pub region: Option<String>,
    /// The rule that linked `region` (shown by `--explain`).
    #[serde(skip)]
    pub region_rule: Option<&'static str>,
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

/// A mention of a 시도 or 시군구 (`dictionaries/regions.csv`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    /// The current official full name; null when the article does not say which region.
    pub name: Option<String>,
    /// The 법정동 code (2 digits for a 시도, 5 for a 시군구); null with `name`.
    pub code: Option<String>,
    /// `sido` or `sigungu`; null only when an unresolved word names both kinds (광주).
    pub level: Option<&'static str>,
    pub text: String,
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
    pub regions: Vec<Region>,
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
    // Order matters: money and percentages claim their digits before years and
    // counts look, and `about` needs the programs and counts found.
    let mut amounts = amounts::find(&mut doc);
    let percentages = percentages::find(&mut doc);
    let years = years::find(&mut doc);
    let counts = counts::find(&mut doc);
    let programs = programs::find(&mut doc);
    about::link(&doc, &mut amounts, &programs, &counts);
    // Regions last: a region word inside an amount or a law's name is not one.
    let regions = regions::find(&doc, &mut amounts, &programs);
    let mut x = Extraction { amounts, counts, years, programs, percentages, regions, rejected: None };
    if explain {
        explain::annotate(&doc, &mut x);
    }
    x
}
