//! From raw input to the SPEC's clean article: body text without page
//! furniture, plus the title, date, outlet and URL the text itself reveals.

mod clean;
mod html;
mod html_meta;
mod metadata;

pub use clean::{clean_body, clean_text};
pub use html::{from_html, looks_like_html, NO_ARTICLE};
pub use metadata::{find_published, parse_korean_date};

/// An article ready for extraction. `text` is what every offset points into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub text: String,
    /// Every non-blank input line that is not in `text`, with its rule.
    pub dropped: Vec<DroppedLine>,
}

/// A line cleaning left out, and why: the rule file and line that matched
/// (`furniture.txt:12`, `footer_markers.txt:3 (page footer from line 40)`),
/// or `headline`, `masthead`, `repeated-paragraph`, `headline-repeated`,
/// `headline-ranked`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DroppedLine {
    /// 1-based line of the input text (of the extracted page text for HTML).
    pub line: usize,
    pub text: String,
    pub rule: String,
}
