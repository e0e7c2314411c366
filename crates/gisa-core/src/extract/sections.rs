//! Cutting a huge text into sections that are extracted one at a time.
//!
//! Why: an article's `Doc` keeps per-char state (folded chars, offsets,
//! claims) and Lindera's tokens, about 60 bytes for every char of text. That
//! is nothing for a news article (a few thousand chars), but a 12 MB text
//! pasted as one "article" would hold 400 MB at once. Extracting it a
//! section at a time keeps that state to one section's worth, whatever the
//! input's size (issue 15: peak memory bounded by a multiple of `--max-bytes`).
//!
//! A section is far longer than any real article, so real articles are read
//! whole and their output does not change. In a text that long, a section
//! ends at a line break when one is near, else at a space, else after a
//! punctuation mark; only a text with none of these for tens of thousands
//! of chars is cut mid-word, and a mention across that cut is lost.

/// The longest section, in chars: 65,536 chars (≈ 190 KB of Hangul, some
/// twenty-five printed pages), thirteen times the longest article among the
/// fixtures, the real-article sets and the seeds (4,819 chars).
pub const SECTION_CHARS: usize = 1 << 16;

/// One section: `text[bytes]`, whose first char is char `first_char` of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Byte range of the section in the text.
    pub bytes: std::ops::Range<usize>,
    /// Char offset of the section's start in the text: what its mentions' offsets are shifted by.
    pub first_char: usize,
}

/// The sections of `text`, each at most `max_chars` chars, covering it in
/// order with nothing left out. A text of at most `max_chars` chars is one section.
pub fn sections(text: &str, max_chars: usize) -> Vec<Section> {
    let max_chars = max_chars.max(2);
    let mut out = Vec::new();
    let (mut start, mut first_char) = (0, 0);
    loop {
        let rest = &text[start..];
        // Byte length of the next `max_chars` chars; the rest fits when there are fewer.
        let Some((limit, _)) = rest.char_indices().nth(max_chars) else {
            out.push(Section { bytes: start..text.len(), first_char });
            return out;
        };
        let window = &rest[..limit];
        // Only the second half is searched for a cut, so every section is at
        // least half full and the number of sections stays linear.
        let half = window.char_indices().nth(max_chars / 2).map_or(0, |(b, _)| b);
        let cut_after = |pred: fn(char) -> bool| window[half..].rfind(pred).map(|b| half + b + window[half + b..].chars().next().map_or(0, char::len_utf8));
        let cut = cut_after(|c| c == '\n')
            .or_else(|| cut_after(char::is_whitespace))
            .or_else(|| cut_after(|c| !c.is_alphanumeric()))
            .unwrap_or(limit);
        out.push(Section { bytes: start..start + cut, first_char });
        first_char += rest[..cut].chars().count();
        start += cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'t>(text: &'t str, max: usize) -> Vec<&'t str> {
        let s = sections(text, max);
        // Every section's char offset is the number of chars before it.
        for sec in &s {
            assert_eq!(sec.first_char, text[..sec.bytes.start].chars().count());
        }
        s.iter().map(|sec| &text[sec.bytes.clone()]).collect()
    }

    #[test]
    fn a_short_text_is_one_section() {
        assert_eq!(pieces("도는 1039억원을 투자한다.", 100), vec!["도는 1039억원을 투자한다."]);
        assert_eq!(pieces("", 100), vec![""]);
    }

    #[test]
    fn sections_cover_the_text_in_order_and_prefer_line_breaks() {
        let text = "가나다라마.\n바사아 자차카.\n타파하 가나다.\n";
        let p = pieces(text, 12);
        assert_eq!(p.concat(), text);
        assert!(p.iter().all(|s| s.chars().count() <= 12));
        assert_eq!(p[0], "가나다라마.\n");
    }

    #[test]
    fn without_line_breaks_a_section_ends_at_a_space_then_at_punctuation() {
        let p = pieces("가나다 라마바사 아자차카타파", 10);
        assert_eq!(p[0], "가나다 라마바사 ");
        let p = pieces("가나다라마바,사아자차카타파", 10);
        assert_eq!(p[0], "가나다라마바,");
        // Nothing to cut at: a hard cut at the limit, still covering everything.
        let text = "가".repeat(25);
        let p = pieces(&text, 10);
        assert_eq!(p.iter().map(|s| s.chars().count()).collect::<Vec<_>>(), vec![10, 10, 5]);
    }
}
