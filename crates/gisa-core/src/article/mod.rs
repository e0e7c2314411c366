//! From raw input to the SPEC's clean article: body text without page
//! furniture, plus the title, date, outlet and URL the text itself reveals.

mod clean;
mod html;
mod html_meta;
mod metadata;

pub use clean::{clean_body, clean_text};
pub use html::{from_html, looks_like_html, NO_ARTICLE};
pub use metadata::{find_published, parse_korean_date};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// `s` in NFC. Text that the quick check finds normalised already (nearly
/// all: precomposed Hangul, ASCII) is returned as it is, without running the
/// decompose–recompose pass over every character; the result is the same.
pub(crate) fn nfc(s: &str) -> std::borrow::Cow<'_, str> {
    // Below U+0300 (Latin, punctuation) and precomposed Hangul syllables,
    // every character is NFC as it stands (quick-check Yes, combining class 0):
    // a range test, not the quick check's table lookups.
    let plain = |c: char| c < '\u{300}' || ('\u{AC00}'..='\u{D7A3}').contains(&c);
    if s.chars().all(plain) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// The HTML fixtures (`fixtures/html/*.html`), decoded: the pages the
/// one-pass rewrites of the tree walks are checked against.
#[cfg(test)]
pub(crate) fn fixture_pages() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/html");
    std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| crate::decode::decode(&std::fs::read(p).unwrap(), None).text.into_owned())
        .collect()
}

/// An article ready for extraction. `text` is what every offset points into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The headline, without a site-name suffix (SPEC `title`).
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD` (SPEC `published`), from the markup or a
    /// date line in the text (입력 2024.01.17 → 2024-01-17).
    pub published: Option<String>,
    /// The press outlet's name (SPEC `source.outlet`, e.g. 충북메이커스):
    /// og:site_name, JSON-LD publisher, a copyright line, or the page's host.
    pub outlet: Option<String>,
    /// The page's canonical URL when known (SPEC `source.url`): `<link rel=canonical>`,
    /// og:url, a `출처:` line in the text, or the address the page was read from.
    pub url: Option<String>,
    /// The cleaned body text (SPEC `text`): paragraphs separated by a blank line;
    /// every mention's `start`/`end` is a char offset into it.
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
    /// The dropped line, trimmed.
    pub text: String,
    /// What dropped it: a rule file's `file:line`, or one of the names above.
    pub rule: String,
}

#[cfg(test)]
#[test]
fn nfc_shortcut_agrees_with_the_full_pass() {
    let samples = ["사업을 추진한다.", "Café ÅB", "e\u{301}", "\u{1100}\u{1161}\u{11A8}", "가\u{11A8}", "한글 漢字 ① ｶ", "\u{2FC}\u{300}", ""];
    for s in samples {
        assert_eq!(nfc(s), s.nfc().collect::<String>(), "{s:?}");
    }
}
