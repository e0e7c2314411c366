//! One input from the command line (file, URL or stdin) → cleaned article or
//! record: `input` says where the bytes are, the core pipeline does the rest.

use gisa_core::lexicon::CleaningRules;
use gisa_core::output::Record;
use gisa_core::pipeline::{clean_bytes, Cleaned, Engine};

use crate::crawl::fetch;
use crate::input::{self, Input};
use crate::Error;

/// Reads, decodes and cleans one input (file, URL or stdin).
pub fn clean_input(lex: &CleaningRules, inp: &Input, max_bytes: u64) -> Result<Cleaned, Error> {
    let name = inp.label().unwrap_or("stdin").to_string();
    let (bytes, content_type, url) = match inp {
        Input::Url(u) => {
            let page = fetch::get(u, max_bytes)?;
            (page.bytes, page.content_type, Some(page.final_url))
        }
        _ => (input::read_bytes(inp, max_bytes)?, None, None),
    };
    let lower = name.to_ascii_lowercase();
    let declared_html = content_type.as_deref().is_some_and(|c| c.to_ascii_lowercase().contains("html"))
        || lower.ends_with(".html")
        || lower.ends_with(".htm");
    Ok(clean_bytes(lex, &name, &bytes, content_type.as_deref(), url.as_deref(), declared_html)?)
}

/// Reads, decodes, cleans and extracts one input; the error is the message
/// for its SPEC error object.
pub fn process_input(engine: &Engine, inp: &Input, max_bytes: u64) -> Result<Record, Error> {
    let cleaned = clean_input(&engine.lexicon.cleaning, inp, max_bytes)?;
    let path = match inp {
        Input::File { label, .. } => Some(label.clone()),
        _ => None,
    };
    let mut record = engine.process_article(cleaned.article, path);
    if cleaned.encoding != "UTF-8" {
        record.source.encoding = Some(cleaned.encoding.to_string());
    }
    if cleaned.replacements > 0 {
        record.source.replacement_chars = Some(cleaned.replacements);
    }
    Ok(record)
}
