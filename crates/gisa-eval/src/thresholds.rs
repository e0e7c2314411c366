//! `fixtures/thresholds.toml`: the lowest precision, recall or F1 each field
//! may reach before `gisa eval` fails.
//!
//! ```toml
//! [min_f1]
//! amounts = 0.95
//! "amounts.about" = 0.6   # dotted names are quoted
//! [min_precision]
//! counts = 0.9
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::score::{Score, FIELDS};

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    #[serde(default)]
    pub min_f1: BTreeMap<String, f64>,
    #[serde(default)]
    pub min_precision: BTreeMap<String, f64>,
    #[serde(default)]
    pub min_recall: BTreeMap<String, f64>,
}

/// `file:line: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdError(pub String);

impl std::fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ThresholdError {}

impl Thresholds {
    pub fn load(path: &Path) -> Result<Thresholds, ThresholdError> {
        let src = crate::lexicon::read_text(path).map_err(|e| ThresholdError(format!("cannot read {}: {e}", path.display())))?;
        Self::parse(&path.display().to_string(), &src)
    }

    pub fn parse(file: &str, src: &str) -> Result<Thresholds, ThresholdError> {
        let t: Thresholds = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(0, |s| crate::lexicon::line_at(src, s.start));
            ThresholdError(format!("{file}:{line}: {}", e.message()))
        })?;
        for (table, map) in [("min_f1", &t.min_f1), ("min_precision", &t.min_precision), ("min_recall", &t.min_recall)] {
            for (field, v) in map {
                // toml keeps no spans after deserialising; find the key's line by text.
                let line = src
                    .lines()
                    .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim().trim_matches('"') == field))
                    .map_or(0, |i| i + 1);
                if !FIELDS.iter().any(|f| f.name == field) {
                    let known: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
                    return Err(ThresholdError(format!("{file}:{line}: [{table}] names unknown field '{field}' (known: {})", known.join(", "))));
                }
                if !(0.0..=1.0).contains(v) {
                    return Err(ThresholdError(format!("{file}:{line}: [{table}] {field} = {v} is not between 0 and 1")));
                }
            }
        }
        Ok(t)
    }

    /// What `score` fails of the thresholds for `field`, as readable lines.
    pub fn failures(&self, field: &str, score: &Score) -> Vec<String> {
        let checks = [
            ("F1", self.min_f1.get(field), score.f1()),
            ("precision", self.min_precision.get(field), score.precision()),
            ("recall", self.min_recall.get(field), score.recall()),
        ];
        checks
            .into_iter()
            .filter_map(|(what, min, got)| {
                let min = *min?;
                // A little slack so 0.95 stored as 0.9499999 does not fail.
                (got + 1e-9 < min).then(|| format!("{field}: {what} {got:.3} < {min}"))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let t = Thresholds::parse("t.toml", "[min_f1]\namounts = 0.9\n[min_recall]\nprograms = 0.5\n").unwrap();
        let half = Score { true_pos: 1, false_pos: 1, false_neg: 1, ..Score::default() };
        assert_eq!(t.failures("amounts", &half), vec!["amounts: F1 0.500 < 0.9".to_string()]);
        assert!(t.failures("programs", &half).is_empty());
        assert!(t.failures("counts", &half).is_empty());
    }

    #[test]
    fn malformed_files_name_the_line() {
        let e = Thresholds::parse("t.toml", "[min_f1]\namounts = 0.9\nprogrms = 0.5\n").unwrap_err();
        assert!(e.0.starts_with("t.toml:3: [min_f1] names unknown field 'progrms'"), "{e}");
        let e = Thresholds::parse("t.toml", "[min_f1]\namounts = 1.5\n").unwrap_err();
        assert!(e.0.starts_with("t.toml:2:"), "{e}");
        let e = Thresholds::parse("t.toml", "[min_f1]\namounts = \"high\"\n").unwrap_err();
        assert!(e.0.starts_with("t.toml:2:"), "{e}");
        let e = Thresholds::parse("t.toml", "[max_f1]\namounts = 1\n").unwrap_err();
        assert!(e.0.starts_with("t.toml:1:"), "{e}");
    }
}
