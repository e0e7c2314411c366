//! Rule-based extractors, one module per kind of mention. They share one
//! `Doc`: the folded text, its Lindera analysis, and the spans already claimed,
//! so that a number is read once (9700억원 is an amount, never also a year).

mod about;
mod amounts;
mod counts;
mod doc;
mod percentages;
mod programs;
mod qualifiers;
mod years;

use serde::Serialize;

pub use doc::Doc;

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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentage {
    pub text: String,
    pub value: f64,
    /// `%` or `pp` (percentage points, written %p or %포인트).
    pub unit: &'static str,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub amounts: Vec<Amount>,
    pub counts: Vec<Count>,
    pub years: Vec<Year>,
    pub programs: Vec<Program>,
    pub percentages: Vec<Percentage>,
}

/// Runs every extractor over one clean article text.
pub fn extract(text: &str, morph: &Morph, lex: &Lexicon) -> Extraction {
    let mut doc = Doc::new(text, morph, lex);
    // Order matters: money and percentages claim their digits before years and
    // counts look, and `about` needs the programs and counts found.
    let mut amounts = amounts::find(&mut doc);
    let percentages = percentages::find(&mut doc);
    let years = years::find(&mut doc);
    let counts = counts::find(&mut doc);
    let programs = programs::find(&mut doc);
    about::link(&doc, &mut amounts, &programs, &counts);
    Extraction { amounts, counts, years, programs, percentages }
}
