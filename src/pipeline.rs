//! One article through the pipeline: bytes → decoded text → clean article
//! (from HTML or plain text) → extraction → output record. The `Engine`
//! holds what is built once and shared by all threads (the tokenizer and the
//! rules); cleaning needs only the rules, so `gisa article` never loads the
//! tokenizer.

use crate::article::{clean_text, from_html, looks_like_html, Article};
use crate::crawl::fetch;
use crate::crawl::run::ArticlePage;
use crate::decode::{decode, Decoded};
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

/// More undecodable characters than this share of the text means the bytes
/// are not text in any encoding we read.
const MAX_REPLACEMENT_SHARE: f64 = 0.05;

/// A page or file read and cleaned, with how its bytes were decoded.
pub struct Cleaned {
    pub article: Article,
    pub encoding: &'static str,
    pub replacements: usize,
    pub html: bool,
}

/// Reads, decodes and cleans one input (file, URL or stdin).
pub fn clean_input(lex: &Lexicon, inp: &Input, max_bytes: u64) -> Result<Cleaned, String> {
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
    clean_bytes(lex, &name, &bytes, content_type.as_deref(), url.as_deref(), declared_html)
}

/// Bytes (with the HTTP Content-Type when fetched) → clean article. HTML is
/// recognised by its content, or by the name/Content-Type when it holds tags.
pub fn clean_bytes(
    lex: &Lexicon,
    name: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
    declared_html: bool,
) -> Result<Cleaned, String> {
    input::check_content(name, bytes)?;
    let Decoded { text, encoding, replacements, .. } = decode(bytes, content_type);
    let chars = text.chars().count().max(1);
    if replacements as f64 / chars as f64 > MAX_REPLACEMENT_SHARE {
        return Err(format!("{name} could not be decoded: {replacements} of {chars} characters are not valid {encoding}; is it text?"));
    }
    let html = looks_like_html(&text) || (declared_html && text.contains('<'));
    let mut article = if html { from_html(&text, url, lex).map_err(|e| format!("{name}: {e}"))? } else { clean_text(&text, lex) };
    if article.url.is_none() {
        article.url = url.map(str::to_string);
    }
    if article.text.trim().is_empty() {
        return Err(format!("{name}: no article text left after removing page furniture"));
    }
    Ok(Cleaned { article, encoding, replacements, html })
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

    /// Reads, decodes, cleans and extracts one input; the error is the
    /// message for its SPEC error object.
    pub fn process_input(&self, inp: &Input, max_bytes: u64) -> Result<Record, String> {
        let cleaned = self.clean_input(inp, max_bytes)?;
        let path = match inp {
            Input::File { label, .. } => Some(label.clone()),
            _ => None,
        };
        let mut record = self.process_article(cleaned.article, path);
        if cleaned.encoding != "UTF-8" {
            record.source.encoding = Some(cleaned.encoding.to_string());
        }
        if cleaned.replacements > 0 {
            record.source.replacement_chars = Some(cleaned.replacements);
        }
        Ok(record)
    }

    pub fn clean_input(&self, inp: &Input, max_bytes: u64) -> Result<Cleaned, String> {
        clean_input(&self.lexicon, inp, max_bytes)
    }

    /// A page the crawler fetched → its record, stamped with URL and fetch
    /// time. A panic while processing it is this page's error (as for any
    /// other input), so the crawl can record the page as failed and go on.
    pub fn process_page(&self, page: &ArticlePage) -> Result<Record, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process_page_unguarded(page))).unwrap_or_else(|p| {
            Err(format!("internal error while processing: {}: {}", page.url, crate::workqueue::panic_message(p.as_ref())))
        })
    }

    fn process_page_unguarded(&self, page: &ArticlePage) -> Result<Record, String> {
        let cleaned = clean_bytes(&self.lexicon, &page.url, &page.bytes, page.content_type.as_deref(), Some(&page.url), true)?;
        let mut article = cleaned.article;
        if article.outlet.is_none() {
            article.outlet = page.outlet.clone();
        }
        let mut record = self.process_article(article, None);
        record.source.fetched_at = Some(crate::crawl::timestamp_now());
        record.source.url = Some(page.url.clone());
        Ok(record)
    }

    pub fn process_article(&self, article: Article, path: Option<String>) -> Record {
        injected_fault(&article.text);
        let extraction = extract_with(&article.text, &self.morph, &self.lexicon, self.explain);
        let dropped = self.explain.then_some(article.dropped);
        Record {
            schema_version: SCHEMA_VERSION,
            id: article_id(article.url.as_deref(), &article.text),
            source: Source { url: article.url, path, outlet: article.outlet, ..Source::default() },
            title: article.title,
            published: article.published,
            text: article.text,
            extraction,
            dropped,
        }
    }
}

pub fn error_record(path: Option<String>, error: String) -> ErrorRecord {
    ErrorRecord { schema_version: SCHEMA_VERSION, source: Source { path, ..Source::default() }, error }
}

/// Fault injection for the isolation tests (tests/hostile.rs): with
/// `GISA_TEST_PANIC_ON=WORD` in the environment, an article whose text
/// contains WORD panics as a bug would, wherever it came from (file, archive
/// line, stdin, crawled page). Unset, this is one environment read per run.
fn injected_fault(text: &str) {
    static WORD: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let word = WORD.get_or_init(|| std::env::var("GISA_TEST_PANIC_ON").ok().filter(|w| !w.is_empty()));
    if let Some(w) = word.as_deref().filter(|w| text.contains(w)) {
        panic!("injected fault: the text contains {w:?} (GISA_TEST_PANIC_ON)");
    }
}
