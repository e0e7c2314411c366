//! What one article becomes on stdout: the SPEC's JSON object (or its error
//! object), as JSON Lines or pretty JSON.

use serde::Serialize;
use sha2::{Digest, Sha256};

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
    let digest = Sha256::digest(url.unwrap_or(text).as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Pretty-printed JSON objects.
    Json,
}

/// Serialises one object in the chosen format, with its trailing newline.
pub fn render<T: Serialize>(value: &T, format: Format) -> String {
    let mut s = match format {
        Format::Jsonl => serde_json::to_string(value),
        Format::Json => serde_json::to_string_pretty(value),
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
