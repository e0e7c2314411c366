//! Character folding for matching, one char in → one char out.
//!
//! Every variant we fold (quote and apostrophe forms, tildes, full-width digits,
//! 兆/億/萬, middle dots) maps to exactly one char, so an offset into the folded
//! text is the same offset into the original: extractors match on the folded
//! text and report offsets that slice the original `text` exactly. NFC, which
//! can change the number of chars, is applied earlier, when the article text is
//! built (see `article::clean`), so it is already part of the text offsets point into.

/// Canonical single quote: ‘ ’ ' ʼ ′ ` ‛ all become this.
pub const SQUOTE: char = '\'';
/// Canonical double quote: “ ” " ″ „ ‟ all become this.
pub const DQUOTE: char = '"';

/// One char → its canonical form for matching (‘ → ', ～ → ~, 億 → 억,
/// ２ → 2, no-break space → space); any other char unchanged.
pub fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | 'ʼ' | '′' | '`' | '‛' | '´' | '＇' => SQUOTE,
        '“' | '”' | '″' | '„' | '‟' | '＂' => DQUOTE,
        '『' => '「',
        '』' => '」',
        '〈' | '⟨' | '＜' => '《',
        '〉' | '⟩' | '＞' => '》',
        '∼' | '〜' | '～' | '∽' | '~' => '~',
        '‐' | '‑' | '‒' | '–' | '—' | '－' => '-',
        '⇒' | '⟶' | '➝' | '➞' | '➔' | '⟹' => '→',
        '兆' => '조',
        '億' => '억',
        '萬' => '만',
        '千' => '천',
        '百' => '백',
        '‧' | '∙' | '・' | '･' | '•' => '·',
        '％' => '%',
        '，' => ',',
        '．' => '.',
        '（' => '(',
        '）' => ')',
        '\u{00A0}' | '\u{3000}' | '\u{2002}'..='\u{200A}' => ' ',
        c @ '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// The folded text as chars (for scanners) and as a String (for Lindera and
/// regex); both have exactly as many chars as the original.
pub struct Folded {
    /// One folded char per original char.
    pub chars: Vec<char>,
    /// The same chars as a String.
    pub string: String,
}

/// Folds every char of `text` (see [`fold_char`]).
pub fn fold(text: &str) -> Folded {
    let chars: Vec<char> = text.chars().map(fold_char).collect();
    let string = chars.iter().collect();
    Folded { chars, string }
}

/// A precomposed Hangul syllable (가–힣); jamo and other chars are not.
pub fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_char_count() {
        let s = "‘스마트빌리지’ “사업” 「방안」『법』 12억∼210억원 ２０２７年 25兆4825億 ’23〜’27 5％ 의료‧바이오";
        let f = fold(s);
        assert_eq!(f.chars.len(), s.chars().count());
        assert_eq!(f.string.chars().count(), s.chars().count());
        assert_eq!(
            f.string,
            "'스마트빌리지' \"사업\" 「방안」「법」 12억~210억원 2027年 25조4825억 '23~'27 5% 의료·바이오"
        );
    }

    #[test]
    fn hangul_range() {
        assert!(is_hangul('가') && is_hangul('힣'));
        assert!(!is_hangul('a') && !is_hangul('ㄱ') && !is_hangul('1'));
    }
}
