//! The line patterns of one rule file (`furniture.txt`, `footer_markers.txt`),
//! each matched against a whole trimmed line, able to say which line of the
//! file matched (so `--explain` can name the rule, `furniture.txt:12`).
//!
//! Most patterns run together as one `RegexSet` (one lazy DFA pass over the
//! line). Patterns with a long counted repetition (`^.{0,200}[ⓒ©]…`) do
//! not: every count is a state of its own, so together with the other
//! patterns' states the DFA meets a new state at nearly every char of a
//! body line, fills its cache, and `regex` falls back to its far slower
//! NFA simulation (measured on the fixtures' lines: about 50 ns a byte for
//! the whole file as one set, 4 for the set without them). Each of them runs
//! on its own instead, and only on lines holding a literal it cannot match
//! without (`ⓒ` or `©`): a body line seldom does.

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
use regex_syntax::hir::{Hir, HirKind};

use super::required_literals::required_literals;
use super::{data_lines, regex_list, LexiconError};

/// A repetition counted up to more than this is "long".
const LONG_COUNT: u32 = 16;

/// See the module comment.
#[derive(Debug, Clone)]
pub struct LineRules {
    /// The rule file's name (`furniture.txt`), the first half of a `file:line` rule name.
    pub file: &'static str,
    /// The file line of each pattern, patterns numbered in file order.
    lines: Vec<usize>,
    /// The patterns without a long count, as one set.
    set: RegexSet,
    /// The number (in file order) of each pattern in `set`.
    set_numbers: Vec<usize>,
    /// The patterns with a long count, in file order.
    counted: Vec<Counted>,
}

/// A pattern with a long count, run on its own.
#[derive(Debug, Clone)]
struct Counted {
    /// Its number in file order.
    number: usize,
    regex: Regex,
    /// Finds any of the literals every match holds; `None` when there are none.
    needs: Option<AhoCorasick>,
}

impl Counted {
    fn is_match(&self, text: &str) -> bool {
        self.needs.as_ref().is_none_or(|needs| needs.is_match(text)) && self.regex.is_match(text)
    }
}

impl LineRules {
    pub(super) fn parse(file: &'static str, src: &str) -> Result<LineRules, LexiconError> {
        let rows: Vec<(usize, &str)> = data_lines(src).collect();
        let lines = rows.iter().map(|&(line, _)| line).collect();
        let hirs: Option<Vec<Hir>> = rows.iter().map(|&(_, pattern)| regex_syntax::parse(pattern).ok()).collect();
        let Some(hirs) = hirs else {
            // A pattern does not parse: the one-set path names its line.
            return Err(regex_list(file, src).err().unwrap_or_else(|| LexiconError {
                file: file.into(),
                line: 0,
                message: "a pattern the regex crate accepts does not parse on its own".into(),
            }));
        };
        let (mut set_patterns, mut set_numbers, mut counted) = (Vec::new(), Vec::new(), Vec::new());
        for (number, (&(_, pattern), hir)) in rows.iter().zip(&hirs).enumerate() {
            if !has_long_count(hir) {
                set_patterns.push(pattern);
                set_numbers.push(number);
                continue;
            }
            let regex = Regex::new(pattern).or_else(|_| Err(regex_list(file, src).err().unwrap_or_else(|| too_large(file))))?;
            let needs = required_literals(hir).map(|literals| AhoCorasick::new(literals).expect("literals of a parsed pattern"));
            counted.push(Counted { number, regex, needs });
        }
        // The lazy DFA of a whole file's patterns needs more room than regex's
        // default; without it, the set falls back to the much slower PikeVM.
        let set = regex::RegexSetBuilder::new(&set_patterns)
            .dfa_size_limit(64 << 20)
            .build()
            .or_else(|_| Err(regex_list(file, src).err().unwrap_or_else(|| too_large(file))))?;
        Ok(LineRules { file, lines, set, set_numbers, counted })
    }

    /// Does any pattern match `text` (a whole trimmed line)?
    pub fn is_match(&self, text: &str) -> bool {
        self.set.is_match(text) || self.counted.iter().any(|c| c.is_match(text))
    }

    /// `file:line` of the first pattern that matches the whole of `text`.
    pub fn rule_for(&self, text: &str) -> Option<String> {
        // is_match first: the common no-match case skips computing every match.
        let in_set = if self.set.is_match(text) { self.set.matches(text).iter().next().map(|k| self.set_numbers[k]) } else { None };
        // A counted pattern names the rule only if it comes first in the file.
        let counted = self.counted.iter().take_while(|c| in_set.is_none_or(|k| c.number < k)).find(|c| c.is_match(text));
        let number = counted.map(|c| c.number).or(in_set)?;
        Some(format!("{}:{}", self.file, self.lines[number]))
    }
}

fn too_large(file: &str) -> LexiconError {
    LexiconError { file: file.into(), line: 0, message: "the patterns are too large".into() }
}

/// Has `hir` a repetition counted up to more than [`LONG_COUNT`] of
/// anything but a literal (`.{0,200}`, `\S{1,20}`)?
fn has_long_count(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            (rep.max.is_some_and(|max| max > LONG_COUNT) && !matches!(rep.sub.kind(), HirKind::Literal(_))) || has_long_count(&rep.sub)
        }
        HirKind::Capture(cap) => has_long_count(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().any(has_long_count),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule one set of all the file's patterns names (what gisa did before the split).
    fn one_set_rule(file: &str, src: &str, text: &str) -> Option<String> {
        let rows: Vec<(usize, &str)> = data_lines(src).collect();
        let set = RegexSet::new(rows.iter().map(|&(_, p)| p)).unwrap();
        set.matches(text).iter().next().map(|k| format!("{file}:{}", rows[k].0))
    }

    #[test]
    fn split_rules_name_the_same_line_as_one_set() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts: Vec<String> = vec![
            "ⓒ 연합뉴스".into(),
            "저작권자 © 충북메이커스 무단전재 및 재배포 금지".into(),
            "2024.03.05 홍길동 기자 hong@example.com".into(),
            "(사진=경기도 제공)".into(),
            "작성자 관리자 작성일 24-03-05 10:00".into(),
            "보도시점 2024. 3. 5.(화) 12:00".into(),
        ];
        for entry in std::fs::read_dir(dir.join("fixtures")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                texts.extend(std::fs::read_to_string(&path).unwrap().lines().map(|l| l.trim().to_string()));
            }
        }
        for file in ["furniture.txt", "footer_markers.txt"] {
            let src = std::fs::read_to_string(dir.join("dictionaries").join(file)).unwrap();
            let rules = LineRules::parse(file, &src).unwrap();
            let mut matched = 0;
            for text in &texts {
                let expected = one_set_rule(file, &src, text);
                assert_eq!(rules.rule_for(text), expected, "{file}: {text}");
                assert_eq!(rules.is_match(text), expected.is_some(), "{file}: {text}");
                matched += usize::from(expected.is_some());
            }
            assert!(matched > 0, "{file}: no line matched, the test tests nothing");
        }
    }

    #[test]
    fn long_counts_are_found() {
        let long = |p: &str| has_long_count(&regex_syntax::parse(p).unwrap());
        assert!(long(r"^.{0,200}[ⓒ©]$") && long(r"^(a|\S{1,20})$"));
        assert!(!long(r"^\S{2,4}\s*기자$") && !long(r"^.*(무단\s*전재).*$") && !long(r"^a{100}$"));
    }
}
