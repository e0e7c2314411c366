//! One article through the pipeline: raw text → clean article → extraction
//! → output record. The `Engine` holds what is built once and shared by all
//! threads (the tokenizer and the rules).

use crate::article::{clean_text, Article};
use crate::extract::extract_with;
use crate::input::{self, Input};
use crate::lexicon::Lexicon;
use crate::morph::Morph;
use crate::output::{article_id, ErrorRecord, Record, Source, SCHEMA_VERSION};

pub struct Engine {
    pub morph: Morph,
    pub lexicon: Lexicon,
    /// Attach rules, tokens and unused numbers to every record (`--explain`).
    pub explain: bool,
}

impl Engine {
    pub fn new(morph: Morph, lexicon: Lexicon) -> Engine {
        Engine { morph, lexicon, explain: false }
    }

    /// A plain-text article (as saved from a page) to its record.
    pub fn process_text(&self, raw: &str, path: Option<String>) -> Record {
        let article = clean_text(raw, &self.lexicon);
        self.process_article(article, path)
    }

    /// Reads, decodes and processes one input; the error is the message for
    /// its SPEC error object.
    pub fn process_input(&self, inp: &Input, max_bytes: u64) -> Result<Record, String> {
        let text = input::read(inp, max_bytes)?;
        Ok(self.process_text(&text, inp.label().map(str::to_string)))
    }

    pub fn process_article(&self, article: Article, path: Option<String>) -> Record {
        let extraction = extract_with(&article.text, &self.morph, &self.lexicon, self.explain);
        Record {
            schema_version: SCHEMA_VERSION,
            id: article_id(article.url.as_deref(), &article.text),
            source: Source { url: article.url, path, outlet: article.outlet, fetched_at: None },
            title: article.title,
            published: article.published,
            text: article.text,
            extraction,
        }
    }
}

pub fn error_record(path: Option<String>, error: String) -> ErrorRecord {
    ErrorRecord { schema_version: SCHEMA_VERSION, source: Source { path, ..Source::default() }, error }
}
