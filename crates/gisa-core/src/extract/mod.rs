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
mod sections;
mod sign;
mod years;

use serde::Serialize;

pub use doc::Doc;
pub use explain::{Explain, Rejected};

use crate::lexicon::ExtractionRules;
use crate::morph::Morph;

/// Which side of `value` the quantity lies on (SPEC `bound`): from a qualifier
/// (100억원 이상 → min, 이하/미만 → max) or the ends of a range (12억∼210억원 → min, max).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// At least `value`: 이상, 초과, 최소, the first end of a range. Serialised `"min"`.
    Min,
    /// At most `value`: 이하, 미만, 최대, 까지, the last end of a range. Serialised `"max"`.
    Max,
}

/// Money written with Korean magnitude words or digits (SPEC `amounts`):
/// 3조 2천 638억원 → `value` 3263800000000, `currency` "KRW".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The mention as written: `text[start..end]` of the record's text ("3조 2천 638억원").
    pub text: String,
    /// The amount as an integer in the currency's units, won for KRW
    /// (10.5조원 → 10500000000000); fractions of a unit are dropped.
    /// Negative after a minus sign (△500억원, -500억원; see `sign`).
    pub value: i128,
    /// ISO 4217 code from `dictionaries/currencies.csv`.
    pub currency: String,
    /// Written as approximate: 약 4천억원, 50여억원, 100억원가량, 수백억원, 억원대.
    pub approx: bool,
    /// `min` or `max` when the amount is a bound (100억원 이상 → min), else null.
    pub bound: Option<Bound>,
    /// Start of the mention: a char offset (Unicode scalar values) into the record's `text`.
    pub start: usize,
    /// End of the mention: a char offset into `text`, exclusive.
    pub end: usize,
    /// What the money is for, when the sentence says so: the program, project or
    /// purpose it is attached to ("80개 사업에 9700억원을 투자" → 80개 사업); else null.
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
    pub explain: Option<Box<Explain>>,
}

/// A number with a counter (SPEC `counts`): 80개 사업 → `value` 80,
/// `counter` 개, `noun` 사업.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// The mention as written: `text[start..end]` of the record's text ("80개").
    pub text: String,
    /// The number as an integer (3만3637개사 → 33637).
    pub value: u128,
    /// The counter as written (개, 개사, 개소, 곳, 명, 건, 대 …), from `counters.csv`.
    pub counter: String,
    /// The counted noun when one follows or precedes the counter (80개 사업 → 사업,
    /// 99개의 … 과제 → 과제), else null.
    pub noun: Option<String>,
    /// `min` or `max` from a qualifier (1,000개 이상 → min), else null.
    pub bound: Option<Bound>,
    /// Start of the mention: a char offset (Unicode scalar values) into the record's `text`.
    pub start: usize,
    /// End of the mention: a char offset into `text`, exclusive.
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Box<Explain>>,
}

/// What a year is in its sentence (SPEC `role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum YearRole {
    /// A deadline or goal: 2027년까지, 2030년까지 목표, the end of a range (’23~’27).
    Target,
    /// The start of a range or 부터: 2020년부터, (’24~).
    Start,
    /// Any other year: 2024년, 2019년 이후, a baseline (2020년 10.5조원).
    Mention,
}

/// An explicit year (SPEC `years`), four-digit or apostrophe form (’27, '27, ‘27 → 2027).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    /// The mention as written: `text[start..end]` of the record's text ("2027년까지", "’27").
    pub text: String,
    /// The full year (’27 → 2027).
    pub year: u32,
    /// Target, start or plain mention.
    pub role: YearRole,
    /// Start of the mention: a char offset (Unicode scalar values) into the record's `text`.
    pub start: usize,
    /// End of the mention: a char offset into `text`, exclusive.
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Box<Explain>>,
}

/// A named policy, plan, project, program, fund, zone, centre, committee, law or
/// ordinance (SPEC `programs`): quoted, ending in a program word, or in the user lexicon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Program {
    /// The name, without quotes or brackets (「지방 디지털 경쟁력 강화방안」 → 지방 디지털 경쟁력 강화방안).
    pub name: String,
    /// Start of the mention (char offset into `text`); a quoted name's span includes its quotes.
    pub start: usize,
    /// End of the mention (char offset, exclusive), after a closing quote.
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Box<Explain>>,
}

/// A percentage or percentage-point change (SPEC `percentages`): 1.3% → 1.3; 2%p → 2, unit `pp`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentage {
    /// The mention as written: `text[start..end]` of the record's text ("1.3%").
    pub text: String,
    /// The number as written (52.5% → 52.5); negative after a minus sign (△3.2%, -3.2%).
    pub value: f64,
    /// `%` or `pp` (percentage points, written %p or %포인트).
    pub unit: &'static str,
    /// Start of the mention: a char offset (Unicode scalar values) into the record's `text`.
    pub start: usize,
    /// End of the mention: a char offset into `text`, exclusive.
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Box<Explain>>,
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
    /// The mention as written (경북, 포항시 북구, 경북 포항시), without its particle.
    pub text: String,
    /// Offsets into the record's `text`, in chars.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The rule that produced the mention (shown by `--explain`).
    #[serde(skip)]
    pub rule: &'static str,
    /// Filled by `--explain`: the rule and the tokens it matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Box<Explain>>,
}

/// Every mention found in one article's text, by kind (SPEC `amounts`,
/// `counts`, `years`, `programs`, `percentages`, `regions`); flattened into the [`Record`](crate::Record).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Money mentions.
    pub amounts: Vec<Amount>,
    /// Numbers with a counter.
    pub counts: Vec<Count>,
    /// Explicit years with their roles.
    pub years: Vec<Year>,
    /// Program names.
    pub programs: Vec<Program>,
    /// Percentages and percentage points.
    pub percentages: Vec<Percentage>,
    /// Mentions of a 시도 or 시군구.
    pub regions: Vec<Region>,
    /// With `--explain`: numbers no extractor took, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<Vec<Rejected>>,
}

/// Runs every extractor over one clean article text.
pub fn extract(text: &str, morph: &Morph, lex: &ExtractionRules) -> Extraction {
    extract_with(text, morph, lex, false)
}

/// `extract`, and with `explain` each mention carries its rule and tokens,
/// and the numbers left unused are listed with the reason.
pub fn extract_with(text: &str, morph: &Morph, lex: &ExtractionRules, explain: bool) -> Extraction {
    let mut parts = sections::sections(text, sections::SECTION_CHARS).into_iter();
    let first = parts.next().map_or(0..text.len(), |s| s.bytes);
    let mut all = extract_section(&text[first], morph, lex, explain);
    // Only a text far longer than any article gets here (see `sections`).
    // Room for as many mentions in each section as in the first: grown by
    // doubling instead, the lists of a uniform text ended a third empty.
    all.reserve_like(parts.len());
    for s in parts {
        let mut x = extract_section(&text[s.bytes], morph, lex, explain);
        x.shift(s.first_char);
        all.append(x);
    }
    all
}

impl Extraction {
    /// Moves every offset `by` chars later: a section's mentions, placed in the whole text.
    fn shift(&mut self, by: usize) {
        let spans = self.amounts.iter_mut().map(|m| (&mut m.start, &mut m.end))
            .chain(self.counts.iter_mut().map(|m| (&mut m.start, &mut m.end)))
            .chain(self.years.iter_mut().map(|m| (&mut m.start, &mut m.end)))
            .chain(self.programs.iter_mut().map(|m| (&mut m.start, &mut m.end)))
            .chain(self.percentages.iter_mut().map(|m| (&mut m.start, &mut m.end)))
            .chain(self.regions.iter_mut().map(|m| (&mut m.start, &mut m.end)))
            .chain(self.rejected.iter_mut().flatten().map(|m| (&mut m.start, &mut m.end)));
        for (start, end) in spans {
            *start += by;
            *end += by;
        }
    }

    /// Room for `times` more of each list's current length.
    fn reserve_like(&mut self, times: usize) {
        self.amounts.reserve_exact(self.amounts.len() * times);
        self.counts.reserve_exact(self.counts.len() * times);
        self.years.reserve_exact(self.years.len() * times);
        self.programs.reserve_exact(self.programs.len() * times);
        self.percentages.reserve_exact(self.percentages.len() * times);
        self.regions.reserve_exact(self.regions.len() * times);
    }

    /// Adds the mentions of the section after this one.
    fn append(&mut self, mut next: Extraction) {
        self.amounts.append(&mut next.amounts);
        self.counts.append(&mut next.counts);
        self.years.append(&mut next.years);
        self.programs.append(&mut next.programs);
        self.percentages.append(&mut next.percentages);
        self.regions.append(&mut next.regions);
        if let (Some(all), Some(more)) = (self.rejected.as_mut(), next.rejected.as_mut()) {
            all.append(more);
        }
    }
}

/// `extract_with` on one section (all of a text of normal length).
fn extract_section(text: &str, morph: &Morph, lex: &ExtractionRules, explain: bool) -> Extraction {
    let mut doc = Doc::new(text, morph, lex);
    // Numbers too large to represent (over 922경) are nobody's mention, and
    // no part of them may be read as a smaller number (천원 in 10³⁰천원).
    let overflowed = claim_overflows(&mut doc);
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
        explain::annotate(&doc, &mut x, &overflowed);
    }
    x
}

/// Claims every number whose value overflows, and returns their spans.
fn claim_overflows(doc: &mut Doc) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if !crate::numbers::is_number_boundary(&doc.chars, i) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    #[test]
    fn a_text_longer_than_a_section_keeps_every_mention_at_its_place() {
        let morph = Morph::new().unwrap();
        let lex = Lexicon::builtin();
        let paragraph = "도는 2027년까지 1039억원을 투자해 80개 사업을 벌이고, 성장률은 1.3%다.\n";
        let copies = sections::SECTION_CHARS / paragraph.chars().count() * 5 / 2;
        let text = paragraph.repeat(copies);
        assert!(sections::sections(&text, sections::SECTION_CHARS).len() >= 3);
        let one = extract(paragraph, &morph, &lex.extraction);
        let all = extract(&text, &morph, &lex.extraction);
        // Cut at line breaks, every section reads its paragraphs as the whole text would.
        assert_eq!(all.amounts.len(), one.amounts.len() * copies);
        assert_eq!(all.years.len(), one.years.len() * copies);
        assert_eq!(all.counts.len(), one.counts.len() * copies);
        assert_eq!(all.percentages.len(), one.percentages.len() * copies);
        let chars: Vec<char> = text.chars().collect();
        let at = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        let per = paragraph.chars().count();
        for (k, a) in all.amounts.iter().enumerate() {
            assert_eq!(at(a.start, a.end), a.text);
            assert_eq!(a.start, one.amounts[0].start + k * per);
        }
        for y in &all.years {
            assert_eq!(at(y.start, y.end), y.text);
        }
        assert!(all.amounts.windows(2).all(|w| w[0].end <= w[1].start), "in text order");
    }
}
