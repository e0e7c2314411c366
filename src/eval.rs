//! Scoring extraction output against hand-checked expected files in
//! `fixtures/` (`NAME.expected.json`): per field, mentions are matched as
//! multisets on the fields that identify them, so order and offsets do not
//! matter and a mention found twice must be expected twice.

use std::collections::HashMap;

use serde_json::Value;

/// The fields scored, and the keys that identify a mention in each.
pub const FIELDS: [(&str, &str, &[&str]); 7] = [
    ("amounts", "amounts", &["value", "currency"]),
    ("amounts.about", "amounts", &["value", "about"]),
    ("counts", "counts", &["value", "counter"]),
    ("counts.noun", "counts", &["value", "counter", "noun"]),
    ("years", "years", &["year", "role"]),
    ("programs", "programs", &["name"]),
    ("percentages", "percentages", &["value", "unit"]),
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
    /// Keys expected but not found, and found but not expected.
    pub missed: Vec<String>,
    pub extra: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    pub fn add(&mut self, other: &Score) {
        self.true_pos += other.true_pos;
        self.false_pos += other.false_pos;
        self.false_neg += other.false_neg;
        self.missed.extend(other.missed.iter().cloned());
        self.extra.extend(other.extra.iter().cloned());
    }
}

/// Nothing expected and nothing found is perfect.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn key(item: &Value, keys: &[&str]) -> String {
    keys.iter()
        .map(|k| match item.get(k) {
            // Program names are compared without spaces: "스마트 빌리지" = "스마트빌리지".
            Some(Value::String(s)) => s.chars().filter(|c| !c.is_whitespace()).collect(),
            Some(Value::Number(n)) => n.as_f64().map_or(n.to_string(), |f| format!("{f}")),
            Some(v) => v.to_string(),
            None => "null".into(),
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Scores one field; `None` when the expected file leaves the field out.
pub fn score_field(expected: &Value, actual: &Value, list: &str, keys: &[&str]) -> Option<Score> {
    let exp = expected.get(list)?.as_array()?;
    // A key field left out of every expected item is not scored either.
    if !exp.is_empty() && keys.iter().any(|k| exp.iter().all(|e| e.get(k).is_none())) {
        return None;
    }
    let act = actual.get(list).and_then(Value::as_array).cloned().unwrap_or_default();
    let mut want: HashMap<String, usize> = HashMap::new();
    for e in exp {
        *want.entry(key(e, keys)).or_default() += 1;
    }
    let mut score = Score::default();
    for a in &act {
        let k = key(a, keys);
        match want.get_mut(&k) {
            Some(n) if *n > 0 => {
                *n -= 1;
                score.true_pos += 1;
            }
            _ => {
                score.false_pos += 1;
                score.extra.push(k);
            }
        }
    }
    for (k, n) in want {
        score.false_neg += n;
        score.missed.extend(std::iter::repeat_n(k, n));
    }
    score.missed.sort();
    score.extra.sort();
    Some(score)
}

/// Every scored field for one fixture.
pub fn score_fixture(expected: &Value, actual: &Value) -> Vec<(&'static str, Score)> {
    FIELDS
        .iter()
        .filter_map(|(name, list, keys)| score_field(expected, actual, list, keys).map(|s| (*name, s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn multiset_precision_recall() {
        let expected = json!({"counts": [{"value": 80, "counter": "개"}, {"value": 80, "counter": "개"}, {"value": 2, "counter": "곳"}]});
        let actual = json!({"counts": [{"value": 80, "counter": "개"}, {"value": 5, "counter": "명"}]});
        let s = score_field(&expected, &actual, "counts", &["value", "counter"]).unwrap();
        assert_eq!((s.true_pos, s.false_pos, s.false_neg), (1, 1, 2));
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.f1() - 0.4).abs() < 1e-9);
        assert_eq!(s.missed, vec!["2|곳".to_string(), "80|개".to_string()]);
        assert_eq!(s.extra, vec!["5|명".to_string()]);
    }

    #[test]
    fn fields_left_out_are_not_scored() {
        let expected = json!({"years": []});
        let actual = json!({"years": [], "amounts": [{"value": 1, "currency": "KRW"}]});
        let scored: Vec<_> = score_fixture(&expected, &actual).into_iter().map(|(n, _)| n).collect();
        assert_eq!(scored, vec!["years"]);
    }

    #[test]
    fn names_compare_without_spaces() {
        let s = score_field(&json!({"programs": [{"name": "스마트 빌리지"}]}), &json!({"programs": [{"name": "스마트빌리지"}]}), "programs", &["name"]).unwrap();
        assert_eq!(s.true_pos, 1);
    }
}
