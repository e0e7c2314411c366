//! Literals a regular expression cannot match without: for `^.{0,200}[ⓒ©]…`,
//! one of "ⓒ" and "©" is in every line it matches, so a line with neither
//! needs no regex run. Read from the parsed pattern (`regex_syntax`'s HIR,
//! the same one the `regex` crate compiles).

use regex_syntax::hir::{Class, Hir, HirKind};

/// A class of more chars than this (`\d`, `\S`, `.`) is no useful pre-test.
const MAX_CLASS_CHARS: u32 = 16;

/// A set of literals (UTF-8 bytes) at least one of which occurs in every
/// match of `hir`, or `None` when no such set was found.
pub(super) fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(lit) => Some(vec![lit.0.to_vec()]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars: u32 = class.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            (chars <= MAX_CLASS_CHARS)
                .then(|| class.iter().flat_map(|r| r.start()..=r.end()).map(|c| c.to_string().into_bytes()).collect())
        }
        HirKind::Class(Class::Bytes(class)) => {
            let bytes: u32 = class.ranges().iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            (bytes <= MAX_CLASS_CHARS).then(|| class.iter().flat_map(|r| r.start()..=r.end()).map(|b| vec![b]).collect())
        }
        // Zero repetitions need nothing; one or more need what one needs.
        HirKind::Repetition(rep) => (rep.min >= 1).then(|| required_literals(&rep.sub)).flatten(),
        HirKind::Capture(cap) => required_literals(&cap.sub),
        // Every part is needed: the part whose literals look rarest is the best test.
        HirKind::Concat(parts) => parts.iter().filter_map(required_literals).max_by_key(|set| rarity(set)),
        // Any branch may match: all of them must need something.
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(required_literals(branch)?);
            }
            Some(all)
        }
    }
}

/// A rough guess of how seldom a line of Korean news holds one of `set`:
/// its most common literal decides. Letters, digits, spaces and the usual
/// punctuation are everywhere; other ASCII signs (@, ©'s neighbours, =) are
/// rare; each byte of a Hangul or other non-ASCII char counts in between
/// (a syllable is three bytes, so a two-syllable word beats any one sign).
/// Fewer literals break a tie.
fn rarity(set: &Vec<Vec<u8>>) -> (u32, std::cmp::Reverse<usize>) {
    let byte = |b: &u8| match b {
        b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b' ' | b'.' | b',' | b'(' | b')' | b':' | b'-' | b'/' | b'\'' | b'"' => 1,
        0..=127 => 3,
        _ => 2,
    };
    let least = set.iter().map(|lit| lit.iter().map(byte).sum::<u32>()).min().unwrap_or(u32::MAX);
    (least, std::cmp::Reverse(set.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(pattern: &str) -> Option<Vec<String>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        required_literals(&hir).map(|set| set.into_iter().map(|l| String::from_utf8(l).unwrap()).collect())
    }

    #[test]
    fn literals_come_from_the_rarest_needed_part() {
        assert_eq!(needs(r"^.{0,200}[ⓒ©]\s?\S{1,20}(\s?제공)?\.?$"), Some(vec!["©".into(), "ⓒ".into()]));
        assert_eq!(needs(r"^.{0,200}\d{4}\.\d{1,2}\.\d{1,2}\.?\s+\S+@\S+$"), Some(vec!["@".into()]));
        assert_eq!(needs(r"^.*(정기후원|일시후원).*$"), Some(vec!["정기후원".into(), "일시후원".into()]));
        // Case-insensitive letters are classes of two: either is a test.
        assert_eq!(needs(r"^(?i)ab$"), Some(vec!["B".into(), "b".into()]));
    }

    #[test]
    fn optional_parts_and_big_classes_need_nothing() {
        assert_eq!(needs(r"^(사진)?.*$"), None);
        assert_eq!(needs(r"^(사진|\d+)$"), None);
        assert_eq!(needs(r"^\S+$"), None);
        assert_eq!(needs(r"^$"), None);
    }
}
