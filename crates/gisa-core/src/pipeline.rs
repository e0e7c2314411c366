//! One article through the pipeline: bytes → decoded text → clean article
//! (from HTML or plain text) → extraction → output record. The `Engine`
//! holds what is built once and shared by all threads (the tokenizer and the
//! rules); cleaning needs only the rules, so `gisa article` never loads the
//! tokenizer. Where the bytes come from (files, archives, the crawler) is
//! the business of the crates that read them.

use crate::article::{clean_text, from_html, looks_like_html, Article};
use crate::decode::{decode, Decoded};
use crate::error::{Error, ErrorKind};
use crate::extract::extract_with;
use crate::lexicon::{CleaningRules, Lexicon};
use crate::morph::Morph;
use crate::output::{article_id, ErrorRecord, Record, Source, SCHEMA_VERSION};

/// The extractor (re-exported as [`Extractor`](crate::Extractor)): tokenizer
/// and rules, built once and shared by reference across threads.
pub struct Engine {
    /// The Lindera tokenizer with its user dictionary.
    pub morph: Morph,
    /// The rules from `dictionaries/` (or `--rules`): cleaning and extraction.
    pub lexicon: Lexicon,
    /// Attach rules, tokens and unused numbers to every record (`--explain`).
    pub explain: bool,
    /// What decides the output: the program's version, the rule files and
    /// the user dictionary, hashed (SPEC `extractor_version`). Two records
    /// with the same text and version have the same mentions.
    pub extractor_version: String,
}

/// `0.1.0-1a2b3c4d5e6f7a8b`: the core's version and a hash of the rules.
pub fn extractor_version(lexicon: &Lexicon, morph: &Morph) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&lexicon.fingerprint.to_le_bytes());
    h.update(&morph.user_dict_fingerprint.to_le_bytes());
    format!("{}-{:016x}", env!("CARGO_PKG_VERSION"), h.digest())
}

/// More undecodable characters than this share of the text means the bytes
/// are not text in any encoding we read.
const MAX_REPLACEMENT_SHARE: f64 = 0.05;

/// A page or file read and cleaned, with how its bytes were decoded.
pub struct Cleaned {
    /// The clean article.
    pub article: Article,
    /// The encoding the bytes were read in (WHATWG name: `UTF-8`, `EUC-KR` …).
    pub encoding: &'static str,
    /// Characters that did not decode and became U+FFFD.
    pub replacements: usize,
    /// Read as HTML (else as plain text).
    pub html: bool,
}

/// Bytes (with the HTTP Content-Type when fetched) → clean article. HTML is
/// recognised by its content, or by the name/Content-Type when it holds tags.
pub fn clean_bytes(
    lex: &CleaningRules,
    name: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    url: Option<&str>,
    declared_html: bool,
) -> crate::Result<Cleaned> {
    crate::decode::check_content(name, bytes)?;
    let Decoded { text, encoding, replacements, .. } = decode(bytes, content_type);
    // Counting the chars is a pass over the text: only when some did not decode.
    let chars = if replacements > 0 { text.chars().count().max(1) } else { 1 };
    if replacements as f64 / chars as f64 > MAX_REPLACEMENT_SHARE {
        return Err(Error::new(
            ErrorKind::Undecodable,
            format!("{name} could not be decoded: {replacements} of {chars} characters are not valid {encoding}; is it text?"),
        ));
    }
    let html = looks_like_html(&text) || (declared_html && text.contains('<'));
    let mut article = if html { from_html(&text, url, lex).map_err(|e| Error::new(e.kind(), format!("{name}: {e}")))? } else { clean_text(&text, lex) };
    if article.url.is_none() {
        article.url = url.map(str::to_string);
    }
    if article.text.trim().is_empty() {
        return Err(Error::new(ErrorKind::NoArticle, format!("{name}: no article text left after removing page furniture")));
    }
    Ok(Cleaned { article, encoding, replacements, html })
}

impl Engine {
    /// An engine with `explain` off and `extractor_version` computed from both.
    pub fn new(morph: Morph, lexicon: Lexicon) -> Engine {
        let extractor_version = extractor_version(&lexicon, &morph);
        Engine { morph, lexicon, explain: false, extractor_version }
    }

    /// Adds program names learned from a tracking database (a
    /// `program_names.txt` text) to the rules; the extractor version changes
    /// when a name is new, since the names decide what is found. Returns how
    /// many names were new.
    pub fn learn_program_names(&mut self, src: &str) -> usize {
        let new = self.lexicon.learn_program_names(src);
        self.extractor_version = extractor_version(&self.lexicon, &self.morph);
        new
    }

    /// A plain-text article (as saved from a page) to its record.
    pub fn process_text(&self, raw: &str, path: Option<String>) -> Record {
        let article = clean_text(raw, &self.lexicon.cleaning);
        self.process_article(article, path)
    }

    /// A clean article to its record; `path` becomes `source.path`. With `explain`,
    /// mentions carry their rule and tokens, and the record lists unused numbers and dropped lines.
    pub fn process_article(&self, article: Article, path: Option<String>) -> Record {
        injected_fault(&article.text);
        let extraction = extract_with(&article.text, &self.morph, &self.lexicon.extraction, self.explain);
        let dropped = self.explain.then_some(article.dropped);
        Record {
            schema_version: SCHEMA_VERSION,
            id: article_id(article.url.as_deref(), &article.text),
            extractor_version: self.extractor_version.clone(),
            source: Source { url: article.url, path, outlet: article.outlet, ..Source::default() },
            title: article.title,
            published: article.published,
            text: article.text,
            extraction,
            dropped,
        }
    }
}

/// The SPEC error object for an input that failed: `path` as `source.path`, `error` the message.
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
