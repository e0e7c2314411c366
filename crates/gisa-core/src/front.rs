//! The front door: `Extractor::new(Rules)`, `Article::from_text` /
//! `Article::from_html`, `extractor.extract(&article) -> Record`. Everything
//! else in the crate is the machinery behind these.

use std::sync::OnceLock;

use crate::article::{clean_text, Article};
use crate::lexicon::Lexicon;
use crate::morph::Morph;
use crate::output::Record;
use crate::pipeline::{clean_bytes, Engine};

/// The built-in rules, parsed once per process.
fn builtin_rules() -> &'static Lexicon {
    static RULES: OnceLock<Lexicon> = OnceLock::new();
    RULES.get_or_init(Lexicon::builtin)
}

impl Engine {
    /// An extractor with these rules, the embedded ko-dic dictionary and the
    /// built-in user dictionary. Building it loads the dictionary (tens of
    /// milliseconds): build one and share it across threads.
    pub fn with_rules(rules: Lexicon) -> crate::Result<Engine> {
        Ok(Engine::new(Morph::new()?, rules))
    }

    /// Every mention in a cleaned article, as the SPEC record.
    pub fn extract(&self, article: &Article) -> Record {
        self.process_article(article.clone(), None)
    }
}

impl Article {
    /// Cleans a plain-text article (as saved from a page) with the built-in
    /// rules: page furniture is dropped (each drop recorded in `dropped`),
    /// the headline becomes `title`.
    pub fn from_text(text: &str) -> Article {
        clean_text(text, &builtin_rules().cleaning)
    }

    /// Reads an HTML page (any Korean encoding; `<meta charset>` and the
    /// bytes decide) with the built-in rules: the article body, title, date
    /// and outlet. `url` is the page's address, when known.
    pub fn from_html(bytes: &[u8], url: Option<&str>) -> crate::Result<Article> {
        let name = url.unwrap_or("the page");
        Ok(clean_bytes(&builtin_rules().cleaning, name, bytes, Some("text/html"), url, true)?.article)
    }
}
