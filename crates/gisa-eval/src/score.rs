//! Scoring extraction output against hand-checked expected files in
//! `fixtures/` (`NAME.expected.json`): per field, mentions are matched as
//! multisets on the fields that identify them, so order and offsets do not
//! matter and a mention found twice must be expected twice.

use std::collections::HashMap;

use serde_json::Value;

/// One scored field: a mention list, the keys that identify a mention in it,
/// and optionally only the mentions with one value of one key (years by role).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub list: &'static str,
    pub keys: &'static [&'static str],
    pub only: Option<(&'static str, &'static str)>,
}

const fn field(name: &'static str, list: &'static str, keys: &'static [&'static str]) -> Field {
    Field { name, list, keys, only: None }
}

const fn role(name: &'static str, role: &'static str) -> Field {
    Field { name, list: "years", keys: &["year", "role"], only: Some(("role", role)) }
}

/// The fields scored, in report order.
pub const FIELDS: [Field; 12] = [
    field("amounts", "amounts", &["value", "currency"]),
    field("amounts.about", "amounts", &["value", "about"]),
    // Scored only where the expected amounts carry `region` (a code, or null).
    field("amounts.region", "amounts", &["value", "region"]),
    field("counts", "counts", &["value", "counter"]),
    field("counts.noun", "counts", &["value", "counter", "noun"]),
    field("years", "years", &["year", "role"]),
    role("years.target", "target"),
    role("years.start", "start"),
    role("years.mention", "mention"),
    field("programs", "programs", &["name"]),
    field("percentages", "percentages", &["value", "unit"]),
    // Regions match on their 법정동 code; null (the article does not say which) matches null.
    field("regions", "regions", &["code"]),
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

/// The words of a mention as written: its `text`, or a program's `name`.
fn shown(item: &Value) -> String {
    let t = item.get("text").or_else(|| item.get("name")).and_then(Value::as_str).unwrap_or("");
    format!("«{}»", t.replace('\n', "⏎"))
}

/// "«80개» 80|개": the words, then the key that was matched (a program's key
/// is its name, so it is not repeated).
fn labelled(shown: String, key: &str, keys: &[&str]) -> String {
    if keys == ["name"] { shown } else { format!("{shown} {key}") }
}

/// Scores one field; `None` when the expected file leaves the field out.
pub fn score_field(expected: &Value, actual: &Value, list: &str, keys: &[&str]) -> Option<Score> {
    score_only(expected, actual, list, keys, None)
}

fn score_only(expected: &Value, actual: &Value, list: &str, keys: &[&str], only: Option<(&str, &str)>) -> Option<Score> {
    let selected = |v: &&Value| only.is_none_or(|(k, want)| v.get(k).and_then(Value::as_str) == Some(want));
    let exp: Vec<&Value> = expected.get(list)?.as_array()?.iter().filter(selected).collect();
    // A key field left out of every expected item is not scored either.
    if !exp.is_empty() && keys.iter().any(|k| exp.iter().all(|e| e.get(k).is_none())) {
        return None;
    }
    let act: Vec<&Value> = actual.get(list).and_then(Value::as_array).map(|a| a.iter().filter(selected).collect()).unwrap_or_default();
    // Each key with the texts of the expected mentions that have it, so a
    // miss can be shown as the words the annotator saw.
    let mut want: HashMap<String, Vec<String>> = HashMap::new();
    for e in exp {
        want.entry(key(e, keys)).or_default().push(shown(e));
    }
    let mut score = Score::default();
    for a in &act {
        let k = key(a, keys);
        match want.get_mut(&k).and_then(Vec::pop) {
            Some(_) => score.true_pos += 1,
            None => {
                score.false_pos += 1;
                score.extra.push(labelled(shown(a), &k, keys));
            }
        }
    }
    for (k, texts) in want {
        score.false_neg += texts.len();
        score.missed.extend(texts.into_iter().map(|t| labelled(t, &k, keys)));
    }
    score.missed.sort();
    score.extra.sort();
    Some(score)
}

/// Every scored field for one fixture.
pub fn score_fixture(expected: &Value, actual: &Value) -> Vec<(&'static str, Score)> {
    FIELDS
        .iter()
        .filter_map(|f| score_only(expected, actual, f.list, f.keys, f.only).map(|s| (f.name, s)))
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
        assert_eq!(s.missed, vec!["«» 2|곳".to_string(), "«» 80|개".to_string()]);
        assert_eq!(s.extra, vec!["«» 5|명".to_string()]);
    }

    #[test]
    fn fields_left_out_are_not_scored() {
        let expected = json!({"years": []});
        let actual = json!({"years": [], "amounts": [{"value": 1, "currency": "KRW"}]});
        let scored: Vec<_> = score_fixture(&expected, &actual).into_iter().map(|(n, _)| n).collect();
        assert_eq!(scored, vec!["years", "years.target", "years.start", "years.mention"]);
    }

    #[test]
    fn years_by_role_score_only_that_role() {
        let expected = json!({"years": [{"year": 2027, "role": "target"}, {"year": 2023, "role": "start"}]});
        let actual = json!({"years": [{"year": 2027, "role": "mention"}, {"year": 2023, "role": "start"}]});
        let by_name: HashMap<&str, Score> = score_fixture(&expected, &actual).into_iter().collect();
        let t = &by_name["years.target"];
        assert_eq!((t.true_pos, t.false_pos, t.false_neg), (0, 0, 1));
        let m = &by_name["years.mention"];
        assert_eq!((m.true_pos, m.false_pos, m.false_neg), (0, 1, 0));
        let s = &by_name["years.start"];
        assert_eq!((s.true_pos, s.false_pos, s.false_neg), (1, 0, 0));
        assert_eq!((by_name["years"].true_pos, by_name["years"].false_neg), (1, 1));
    }

    #[test]
    fn regions_and_amount_regions_are_scored_only_when_annotated() {
        let actual = json!({"amounts": [{"value": 12, "currency": "KRW", "about": null, "region": "43"}],
            "regions": [{"text": "충북", "code": "43"}, {"text": "중구", "code": null}]});
        // Names only (codes not filled in yet), and amounts without `region`: neither is scored.
        let names_only = json!({"amounts": [{"value": 12, "currency": "KRW"}], "regions": [{"text": "충북", "name": "충청북도"}]});
        let scored: Vec<_> = score_fixture(&names_only, &actual).into_iter().map(|(n, _)| n).collect();
        assert_eq!(scored, vec!["amounts"]);
        let coded = json!({"amounts": [{"value": 12, "currency": "KRW", "region": "43"}],
            "regions": [{"text": "충청북도", "code": "43"}, {"text": "중구", "code": null}, {"text": "대구", "code": "27"}]});
        let by_name: HashMap<&str, Score> = score_fixture(&coded, &actual).into_iter().collect();
        let r = &by_name["regions"];
        assert_eq!((r.true_pos, r.false_pos, r.false_neg), (2, 0, 1));
        assert_eq!(r.missed, vec!["«대구» 27".to_string()]);
        assert_eq!(by_name["amounts.region"].true_pos, 1);
        // An amount expected with no region does not match one linked to a region.
        let none = json!({"amounts": [{"value": 12, "currency": "KRW", "region": null}]});
        let s = score_fixture(&none, &actual).into_iter().find(|(n, _)| *n == "amounts.region").unwrap().1;
        assert_eq!((s.true_pos, s.false_pos, s.false_neg), (0, 1, 1));
    }

    #[test]
    fn names_compare_without_spaces() {
        let s = score_field(&json!({"programs": [{"name": "스마트 빌리지"}]}), &json!({"programs": [{"name": "스마트빌리지"}]}), "programs", &["name"]).unwrap();
        assert_eq!(s.true_pos, 1);
    }
}
