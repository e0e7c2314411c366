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
}
