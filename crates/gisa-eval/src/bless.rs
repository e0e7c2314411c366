//! `gisa eval --bless`: expected files rewritten from the current output,
//! shown as a diff first so a rule change is reviewed, not blindly accepted.

use std::path::PathBuf;

use serde_json::{Map, Value};
use similar::TextDiff;

use super::fixtures::Fixture;

/// The keys an annotator writes for each list (offsets are left out: they
/// move with every cleaning change and are checked by tests instead).
const ANNOTATED: [(&str, &[&str]); 6] = [
    ("amounts", &["text", "value", "currency", "approx", "bound", "about", "region"]),
    ("counts", &["text", "value", "counter", "noun", "bound"]),
    ("years", &["text", "year", "role"]),
    ("programs", &["name"]),
    ("percentages", &["text", "value", "unit"]),
    ("regions", &["text", "name", "code"]),
];

/// Keys of a list that an existing expected file may leave out and still
/// score the list (amounts annotated before regions existed have no `region`).
const OPTIONAL: [(&str, &str); 1] = [("amounts", "region")];

#[derive(Debug, Clone)]
pub struct Change {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, Default)]
pub struct BlessPlan {
    pub changes: Vec<Change>,
}

/// The expected file `actual` would give, keeping the fields the old
/// expected file scores (all of them for a new fixture).
fn expected_from(actual: &Value, old: Option<&Value>) -> Value {
    let mut out = Map::new();
    let keep = |field: &str| old.is_none_or(|o| o.get(field).is_some());
    if keep("title") {
        out.insert("title".into(), actual.get("title").cloned().unwrap_or(Value::Null));
    }
    for (list, keys) in ANNOTATED {
        if !keep(list) {
            continue;
        }
        // An optional key stays out of a file whose items never had it.
        let old_items = old.and_then(|o| o.get(list)).and_then(Value::as_array);
        let written = |k: &str| {
            !OPTIONAL.contains(&(list, k)) || old_items.is_none_or(|items| items.is_empty() || items.iter().any(|i| i.get(k).is_some()))
        };
        let items: Vec<Value> = actual
            .get(list)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|m| {
                        let reduced: Map<String, Value> =
                            keys.iter().filter(|k| written(k)).map(|k| (k.to_string(), m.get(*k).cloned().unwrap_or(Value::Null))).collect();
                        Value::Object(reduced)
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(list.into(), Value::Array(items));
    }
    Value::Object(out)
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("JSON values always serialise") + "\n"
}

/// What blessing would change: one entry per fixture whose expected file
/// differs from the current output. `actual` pairs each fixture with its record.
pub fn bless_plan(results: &[(Fixture, Value)]) -> BlessPlan {
    let mut changes = Vec::new();
    for (fixture, actual) in results {
        let new_value = expected_from(actual, fixture.expected.as_ref());
        let old = std::fs::read_to_string(&fixture.expected_path).unwrap_or_default();
        // Compare meaning, not formatting: a hand-formatted file that says the
        // same thing is left alone.
        if fixture.expected.as_ref() == Some(&new_value) {
            continue;
        }
        let old_pretty = fixture.expected.as_ref().map(pretty).unwrap_or(old);
        changes.push(Change { path: fixture.expected_path.clone(), old: old_pretty, new: pretty(&new_value) });
    }
    BlessPlan { changes }
}

impl BlessPlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// A unified diff of every change.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for c in &self.changes {
            let name = c.path.display().to_string();
            let diff = TextDiff::from_lines(&c.old, &c.new);
            out += &diff.unified_diff().context_radius(2).header(&name, &name).to_string();
        }
        out
    }

    /// Writes every changed expected file (temp file + rename, so an
    /// interrupted bless never leaves half a file).
    pub fn apply(&self) -> std::io::Result<()> {
        for c in &self.changes {
            let tmp = c.path.with_extension("json.tmp");
            std::fs::write(&tmp, &c.new)?;
            std::fs::rename(&tmp, &c.path)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_only_the_fields_the_old_file_scores() {
        let actual = json!({"title": "t", "amounts": [{"text": "1억원", "value": 100000000, "currency": "KRW", "approx": false,
            "bound": null, "about": null, "start": 3, "end": 6}], "counts": [], "years": []});
        let old = json!({"amounts": [{"text": "1억원", "value": 100000000}]});
        let new = expected_from(&actual, Some(&old));
        // The old amounts had no `region`: blessing does not start scoring it.
        assert_eq!(new, json!({"amounts": [{"text": "1억원", "value": 100000000, "currency": "KRW", "approx": false, "bound": null, "about": null}]}));
        let fresh = expected_from(&actual, None);
        assert_eq!(fresh["title"], "t");
        assert_eq!(fresh["programs"], json!([]));
        assert_eq!(fresh["regions"], json!([]));
        assert_eq!(fresh["amounts"][0]["region"], Value::Null);
    }
}
