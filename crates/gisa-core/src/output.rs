//! What one article becomes on stdout: the SPEC's JSON object (or its error
//! object), as JSON Lines or pretty JSON.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::article::DroppedLine;
use crate::extract::Extraction;

/// The SPEC schema version, written as `schema_version` in every record and error object.
pub const SCHEMA_VERSION: u32 = 1;

/// Where an article came from (SPEC `source`); fields that are `None` are left out of the JSON.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Source {
    /// The page's canonical URL when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The input file's path as given on the command line (absent for URLs and stdin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The press outlet's name (충북메이커스).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// When the crawler fetched the page, RFC 3339 UTC ("2026-11-22T01:00:00Z").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// The input's encoding when it was not UTF-8 (EUC-KR, ISO-2022-KR …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Characters that did not decode and became U+FFFD, when there were any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement_chars: Option<usize>,
}

/// What one article becomes: the SPEC's JSON object, through serde
/// (`serde_json::to_value`, or [`render`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Record {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Stable hex digest of the canonical URL, or of the body when there is no URL
    /// (see [`article_id`]).
    pub id: String,
    /// The `Engine::extractor_version` that produced the mentions.
    pub extractor_version: String,
    /// Where the article came from.
    pub source: Source,
    /// The article's headline, when found.
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD`, when found.
    pub published: Option<String>,
    /// The cleaned body text that every offset below points into.
    pub text: String,
    /// The mentions, flattened into the object as `amounts`, `counts`, `years`,
    /// `programs` and `percentages`.
    #[serde(flatten)]
    pub extraction: Extraction,
    /// With `--explain`: the input lines cleaning left out of `text`, each
    /// with the rule that dropped it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Vec<DroppedLine>>,
}

/// The SPEC's error object: an input that could not be read or decoded still
/// yields one line, and the run goes on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorRecord {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The input that failed (`path` or `url`).
    pub source: Source,
    /// A clear human message ("a.html is a PNG image, not text or HTML").
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

/// Now, as RFC 3339 UTC ("2026-11-22T01:00:00Z"): the form of every time
/// in a record (`source.fetched_at`) and in the tracking database.
pub fn timestamp_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// How records are written (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Pretty-printed JSON objects.
    Json,
    /// One row per mention (errors as rows of kind `error`).
    Csv,
}

/// The CSV columns, one row per mention: `kind` is amount, count, year, program,
/// percentage, region or error; `value` holds the year for years and the code
/// for regions; `unit` the currency, counter, `%`/`pp` or a region's level;
/// `region` an amount's region code (a region's own code), `region_name` its name.
pub const CSV_HEADER: [&str; 18] = [
    "article_id", "source", "url", "outlet", "published", "kind", "text", "value", "unit", "role", "noun", "about", "bound", "approx",
    "start", "end", "region", "region_name",
];

fn csv_line(fields: &[String]) -> String {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    let _ = w.write_record(fields);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The CSV header line, after a UTF-8 byte-order mark when `bom` (for Excel).
pub fn csv_header(bom: bool) -> String {
    let h = csv_line(&CSV_HEADER.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    if bom { format!("\u{FEFF}{h}") } else { h }
}

/// A JSON value as a table cell: `""` for null, a string's own text, any
/// other value as JSON (shared by the mention and article rows).
fn cell(x: &serde_json::Value) -> String {
    match x {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The columns of `--format parquet-articles`: one row per article (or
/// error object), its metadata, how many mentions of each kind it has, and
/// its text, so a table of articles sits beside the table of mentions and
/// joins it on `article_id`.
pub const ARTICLE_HEADER: [&str; 15] = [
    "article_id", "source", "url", "outlet", "published", "title", "extractor_version", "error", "amounts", "counts", "years",
    "programs", "percentages", "regions", "text",
];

/// The cells of a record's (or an error object's) `ARTICLE_HEADER` row,
/// `""` for an empty cell; mention counts in decimal.
pub fn article_row(v: &serde_json::Value) -> Vec<String> {
    let s = cell;
    let source = &v["source"];
    let count = |list: &str| v[list].as_array().map_or(String::new(), |a| a.len().to_string());
    vec![
        s(&v["id"]),
        s(&source["path"]),
        s(&source["url"]),
        s(&source["outlet"]),
        s(&v["published"]),
        s(&v["title"]),
        s(&v["extractor_version"]),
        s(&v["error"]),
        count("amounts"),
        count("counts"),
        count("years"),
        count("programs"),
        count("percentages"),
        count("regions"),
        s(&v["text"]),
    ]
}

/// CSV rows, one per mention, for a record (or an error object) as JSON.
pub fn csv_rows(v: &serde_json::Value) -> String {
    mention_rows(v).iter().map(|row| csv_line(row)).collect()
}

/// The cells of the CSV rows (one per mention, [`CSV_HEADER`]'s columns,
/// `""` for an empty cell) for a record or an error object as JSON: what
/// `--format csv` and `--format parquet` write and Python's
/// `gisa.mentions_frame` holds, from one place so they cannot drift apart.
pub fn mention_rows(v: &serde_json::Value) -> Vec<Vec<String>> {
    let s = cell;
    let source = &v["source"];
    let label = s(&source["path"]);
    if let Some(err) = v.get("error") {
        let mut row = vec![String::new(); CSV_HEADER.len()];
        row[1] = label;
        row[2] = s(&source["url"]);
        row[5] = "error".into();
        row[6] = s(err);
        return vec![row];
    }
    let mut out = Vec::new();
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
            out.push(vec![
                s(&v["id"]), label.clone(), s(&source["url"]), s(&source["outlet"]), s(&v["published"]), kind.to_string(), s(text), s(value), s(unit),
                s(&m["role"]), s(&m["noun"]), s(&m["about"]), s(&m["bound"]), s(&m["approx"]), s(&m["start"]), s(&m["end"]), s(region), region_name(region),
            ]);
        }
    }
    out
}

/// Serialises one object in the chosen format, with its trailing newline.
pub fn render<T: Serialize>(value: &T, format: Format) -> String {
    let pretty = match format {
        Format::Jsonl => false,
        Format::Json => true,
        Format::Csv => return serde_json::to_value(value).map(|v| csv_rows(&v)).unwrap_or_default(),
    };
    let failed = |e: &dyn std::fmt::Display| format!("{{\"schema_version\":1,\"error\":\"cannot serialise output: {e}\"}}\n");
    let mut buf = Vec::new();
    match write_json(&mut buf, value, pretty) {
        // serde_json writes UTF-8 only; the check cannot fail.
        Ok(()) => String::from_utf8(buf).unwrap_or_else(|e| failed(&e)),
        Err(e) => failed(&e),
    }
}

/// Writes `value` as JSON (pretty or one line) and a newline into `out`:
/// how a writer serialises a large record without a buffer for the whole of it.
pub fn write_json<T: Serialize, W: std::io::Write>(mut out: W, value: &T, pretty: bool) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut out, value)?;
    } else {
        serde_json::to_writer(&mut out, value)?;
    }
    out.write_all(b"\n")
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
