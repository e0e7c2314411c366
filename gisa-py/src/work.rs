//! One unit of work and what it gives: the record, or the error (kind and
//! message) that makes the item's error object.

use std::sync::OnceLock;

use gisa_batch::archive;
use gisa_core::output::Record;
use gisa_core::pipeline::{clean_bytes, error_record, Engine};
use gisa_core::Rules;

/// The one extractor of the process, built on first use (loading the
/// dictionary takes a moment) and shared by every thread after.
pub fn engine() -> Result<&'static Engine, gisa_core::Error> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    if let Some(e) = ENGINE.get() {
        return Ok(e);
    }
    let built = Engine::with_rules(Rules::builtin())?;
    // Two threads racing here both build one; the first kept is everyone's.
    let _ = ENGINE.set(built);
    Ok(ENGINE.get().expect("set above"))
}

/// An archive record's fields, as `gisa extract` reads them from a JSON
/// Lines line (`archive::Fields::default()` names).
#[derive(Debug, Default)]
pub struct Fields {
    pub text: Option<String>,
    pub html: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub id: Option<String>,
}

/// One item of work.
pub enum Work {
    /// An archive record, as its JSON line; `label` names it in messages.
    Record { label: String, json: String },
    /// An HTML page's bytes, read as an `.html` file is.
    Html { bytes: Vec<u8>, url: Option<String> },
    /// An item that cannot be an article (no text, not a str or dict).
    Bad(Failure),
}

/// Why an item gave no record: `kind` is a stable name (`gisa_core::ErrorKind::name`,
/// or "no-text" for an item without text), `message` names the item.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: &'static str,
    pub message: String,
}

impl Work {
    /// The archive record of these fields; an item with neither text nor
    /// HTML is refused here, with a message for Python rather than the
    /// CLI's `--field` hint.
    pub fn record(label: &str, f: Fields) -> Work {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&f.text) && blank(&f.html) {
            return Work::Bad(Failure { kind: "no-text", message: format!("{label}: no text (give a non-empty str, or a dict with a non-empty 'text' or 'html')") });
        }
        let mut obj = serde_json::Map::new();
        for (name, value) in [("text", f.text), ("html", f.html), ("url", f.url), ("title", f.title), ("published", f.published), ("outlet", f.outlet), ("id", f.id)] {
            if let Some(v) = value {
                obj.insert(name.to_string(), serde_json::Value::String(v));
            }
        }
        Work::Record { label: label.to_string(), json: serde_json::Value::Object(obj).to_string() }
    }

    /// The record, as `gisa extract` makes it.
    pub fn record_of(&self, engine: &Engine) -> Result<Record, Failure> {
        let record = match self {
            Work::Bad(f) => return Err(f.clone()),
            Work::Record { label, json } => {
                let (article, _) = archive::article(json, label, &archive::Fields::default(), &engine.lexicon.cleaning).map_err(batch_failure)?;
                engine.process_article(article, None)
            }
            Work::Html { bytes, url } => {
                let name = url.as_deref().unwrap_or("the page");
                let cleaned = clean_bytes(&engine.lexicon.cleaning, name, bytes, None, url.as_deref(), true)
                    .map_err(|e| Failure { kind: e.kind().name(), message: e.message().to_string() })?;
                let mut record = engine.process_article(cleaned.article, None);
                // As `gisa extract page.html` records them (gisa-batch's read.rs).
                if cleaned.encoding != "UTF-8" {
                    record.source.encoding = Some(cleaned.encoding.to_string());
                }
                if cleaned.replacements > 0 {
                    record.source.replacement_chars = Some(cleaned.replacements);
                }
                record
            }
        };
        Ok(record)
    }
}

fn batch_failure(e: gisa_batch::Error) -> Failure {
    let kind = match e.kind() {
        gisa_batch::ErrorKind::Article(k) => k.name(),
        gisa_batch::ErrorKind::NoTextField => "no-text",
        gisa_batch::ErrorKind::NotJson => "not-json",
        _ => "internal",
    };
    Failure { kind, message: e.message().to_string() }
}

/// The SPEC error object of an item, as the CLI writes it for a bad archive line.
pub fn error_object(message: &str) -> gisa_core::output::ErrorRecord {
    error_record(None, message.to_string())
}
