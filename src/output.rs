//! What one article becomes on stdout: the SPEC's JSON object (or its error
//! object), as JSON Lines or pretty JSON.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::article::DroppedLine;
use crate::extract::Extraction;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Source {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// The input's encoding when it was not UTF-8 (EUC-KR, ISO-2022-KR …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Characters that did not decode and became U+FFFD, when there were any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement_chars: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    pub schema_version: u32,
    pub id: String,
    pub source: Source,
    pub title: Option<String>,
    pub published: Option<String>,
    pub text: String,
    #[serde(flatten)]
    pub extraction: Extraction,
    /// With `--explain`: the input lines cleaning left out of `text`, each
    /// with the rule that dropped it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Vec<DroppedLine>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorRecord {
    pub schema_version: u32,
    pub source: Source,
    pub error: String,
}

/// Stable id: SHA-256 of the canonical URL when known, else of the body,
/// truncated to 128 bits (32 hex digits).
pub fn article_id(url: Option<&str>, text: &str) -> String {
    short_hash(url.unwrap_or(text).as_bytes())
}

/// The first 128 bits of SHA-256, in hex: ids and content hashes.
pub fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Pretty-printed JSON objects.
    Json,
    /// One row per mention (errors as rows of kind `error`).
    Csv,
}

pub const CSV_HEADER: [&str; 18] = [
    "article_id", "source", "url", "outlet", "published", "kind", "text", "value", "unit", "role", "noun", "about", "bound", "approx",
    "start", "end", "region", "region_name",
];

fn csv_line(fields: &[String]) -> String {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    let _ = w.write_record(fields);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

pub fn csv_header(bom: bool) -> String {
    let h = csv_line(&CSV_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    if bom { format!("\u{FEFF}{h}") } else { h }
}

/// CSV rows, one per mention, for a record (or an error object) as JSON.
pub fn csv_rows(v: &serde_json::Value) -> String {
    let s = |x: &serde_json::Value| match x {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let source = &v["source"];
    let label = s(&source["path"]);
    if let Some(err) = v.get("error") {
        let mut row = vec![String::new(); CSV_HEADER.len()];
        row[1] = label;
        row[2] = s(&source["url"]);
        row[5] = "error".into();
        row[6] = s(err);
        return csv_line(&row);
    }
    let mut out = String::new();
    // A region code's name, from the record's own region mentions.
    let region_name = |code: &serde_json::Value| {
        v["regions"].as_array().into_iter().flatten().find(|r| !code.is_null() && r["code"] == *code).map_or(String::new(), |r| s(&r["name"]))
    };
    let lists = [("amounts", "amount"), ("counts", "count"), ("years", "year"), ("programs", "program"), ("percentages", "percentage"), ("regions", "region")];
    for (list, kind) in lists {
        for m in v[list].as_array().into_iter().flatten() {
            let text = if kind == "program" { &m["name"] } else { &m["text"] };
            let value = match kind {
                "year" => &m["year"],
                "region" => &m["code"],
                _ => &m["value"],
            };
            let unit = match kind {
                "amount" => &m["currency"],
                "count" => &m["counter"],
                "percentage" => &m["unit"],
                "region" => &m["level"],
                _ => &serde_json::Value::Null,
            };
            let region = if kind == "region" { &m["code"] } else { &m["region"] };
            let row = [
                s(&v["id"]), label.clone(), s(&source["url"]), s(&source["outlet"]), s(&v["published"]), kind.to_string(), s(text), s(value), s(unit),
                s(&m["role"]), s(&m["noun"]), s(&m["about"]), s(&m["bound"]), s(&m["approx"]), s(&m["start"]), s(&m["end"]), s(region), region_name(region),
            ];
            out += &csv_line(&row);
        }
    }
    out
}

/// Serialises one object in the chosen format, with its trailing newline.
pub fn render<T: Serialize>(value: &T, format: Format) -> String {
    let mut s = match format {
        Format::Jsonl => serde_json::to_string(value),
        Format::Json => serde_json::to_string_pretty(value),
        Format::Csv => {
            return serde_json::to_value(value).map(|v| csv_rows(&v)).unwrap_or_default();
        }
    }
    .unwrap_or_else(|e| format!("{{\"schema_version\":1,\"error\":\"cannot serialise output: {e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefers_url_and_is_stable() {
        let a = article_id(Some("https://x.kr/1"), "body");
        assert_eq!(a, article_id(Some("https://x.kr/1"), "other body"));
        assert_ne!(a, article_id(None, "body"));
        assert_eq!(a.len(), 32);
    }
}
