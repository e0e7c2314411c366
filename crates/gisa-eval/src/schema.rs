//! The shape of an expected file, checked before scoring: a misspelt key
//! (`"ammounts"`, `"curency"`) or a wrong type (`"value": "970000000000"`)
//! would otherwise be silently unscored and eval would say "all thresholds
//! met". Every field of a SPEC record is known; mentions take their SPEC
//! fields (offsets included, though they are not scored). Scoring itself
//! reads the file as plain JSON (`score`); this only rejects what it would
//! misread.

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read by serde only: the point is what it refuses
struct Expected {
    schema_version: Option<u32>,
    id: Option<String>,
    source: Option<serde_json::Map<String, serde_json::Value>>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    extractor_version: Option<String>,
    amounts: Option<Vec<Amount>>,
    counts: Option<Vec<Count>>,
    years: Option<Vec<Year>>,
    programs: Option<Vec<Program>>,
    percentages: Option<Vec<Percentage>>,
    regions: Option<Vec<Region>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Bound {
    Min,
    Max,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Amount {
    text: Option<String>,
    // Scoring reads plain JSON, where integers beyond 64 bits are inexact
    // anyway (920경원 is far above any budget).
    value: i64,
    currency: String,
    approx: Option<bool>,
    bound: Option<Bound>,
    about: Option<String>,
    region: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Count {
    text: Option<String>,
    value: u64,
    counter: String,
    noun: Option<String>,
    bound: Option<Bound>,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Target,
    Start,
    Mention,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Year {
    text: Option<String>,
    year: u32,
    role: Role,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Program {
    name: String,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Deserialize)]
enum Unit {
    #[serde(rename = "%")]
    Percent,
    #[serde(rename = "pp")]
    Points,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Percentage {
    text: Option<String>,
    value: f64,
    unit: Unit,
    start: Option<usize>,
    end: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Region {
    name: Option<String>,
    code: Option<String>,
    text: Option<String>,
    level: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
}

/// What is wrong with an expected file, and on which line (shown as `LINE: what`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {message}")]
pub struct SchemaError {
    /// 1-based line in the expected file.
    pub line: usize,
    /// An unknown field or a wrong type, as serde_json words it.
    pub message: String,
}

/// Checks `src` (the text of an expected file): an error naming the line of
/// an unknown field or a wrong type.
pub fn check(src: &str) -> Result<(), SchemaError> {
    serde_json::from_str::<Expected>(src).map(|_| ()).map_err(|e| {
        // serde_json ends its message with " at line L column C": the line goes first instead.
        let message = e.to_string();
        let message = message.rfind(" at line ").map_or(message.as_str(), |k| &message[..k]).to_string();
        SchemaError { line: e.line(), message }
    })
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn known_fields_pass_unknown_fields_and_wrong_types_name_their_line() {
        let ok = r#"{"title": null, "extractor_version": "abc",
            "amounts": [{"text": "△500억원", "value": -50000000000, "currency": "KRW", "approx": false, "bound": null, "about": null, "region": "43"}],
            "counts": [{"text": "80개", "value": 80, "counter": "개", "noun": "사업", "bound": "min"}],
            "years": [{"text": "2027년까지", "year": 2027, "role": "target"}],
            "programs": [{"name": "스마트빌리지 사업"}],
            "percentages": [{"text": "1.3%", "value": 1.3, "unit": "pp"}],
            "regions": [{"name": null, "code": null, "text": "중구", "level": "sigungu", "start": 1, "end": 3}]}"#;
        check(ok).unwrap();
        let e = check("{\n\"title\": \"t\",\n\"ammounts\": []\n}").unwrap_err().to_string();
        assert!(e.starts_with("3: unknown field `ammounts`"), "{e}");
        assert_eq!(check("{\n\n\"x\": 1}").unwrap_err().line, 3);
        let e = check("{\"amounts\": [\n{\"value\": 1, \"currency\": \"KRW\",\n \"curency\": \"KRW\"}]}").unwrap_err().to_string();
        assert!(e.starts_with("3: unknown field `curency`"), "{e}");
        let e = check("{\"amounts\": [\n{\"value\": \"970000000000\", \"currency\": \"KRW\"}]}").unwrap_err().to_string();
        assert!(e.starts_with("2: invalid type: string \"970000000000\", expected i64"), "{e}");
        let e = check("{\"years\": [{\"year\": 2027, \"role\": \"deadline\"}]}").unwrap_err().to_string();
        assert!(e.contains("unknown variant `deadline`"), "{e}");
        let e = check("{\"counts\": [{\"value\": 1.5, \"counter\": \"개\"}]}").unwrap_err().to_string();
        assert!(e.contains("expected u64"), "{e}");
    }
}
