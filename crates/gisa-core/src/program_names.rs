//! Known program names (`dictionaries/program_names.txt`) and the names a
//! tracking database has learned (`gisa programs --lexicon`,
//! `--programs-from`), in one automaton: an article is read once however
//! many names there are, so a gazetteer of thousands of learned names costs
//! one pass, not one pass per name.
//!
//! The file format: one name per line, spaces inside a name optional in the
//! text (스마트빌리지 = 스마트 빌리지); `# ` starts a comment line, and a
//! trailing ` # …` on a name line is a comment too (the lexicon writer puts
//! the article count there).

use aho_corasick::{AhoCorasick, MatchKind};

/// One name, spaces removed, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name without whitespace, as matched.
    pub chars: Vec<char>,
    /// Learned from a tracking database rather than shipped in the rules.
    pub learned: bool,
}

/// The names, and an automaton over them (None when there are none).
#[derive(Debug, Clone, Default)]
pub struct ProgramNames {
    names: Vec<Name>,
    automaton: Option<AhoCorasick>,
}

/// The shortest name kept: two chars (a one-char name would match anywhere).
const MIN_CHARS: usize = 2;

/// The name part of a data line: the line without a trailing ` # comment`.
fn name_part(line: &str) -> &str {
    let cut = [" #", "\t#"].iter().filter_map(|m| line.find(m)).min();
    cut.map_or(line, |k| &line[..k]).trim()
}

/// The names of a `program_names.txt` text, spaces removed, in file order.
pub fn parse(src: &str) -> Vec<Vec<char>> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "#" && !l.starts_with("# "))
        .map(|l| name_part(l).chars().filter(|c| !c.is_whitespace()).collect::<Vec<char>>())
        .filter(|n| n.len() >= MIN_CHARS)
        .collect()
}

/// `names` (name, articles) as a `program_names.txt` file: a header, then
/// one name a line with its article count as a comment, most seen first.
pub fn write(names: &[(String, u64)]) -> String {
    let mut rows: Vec<&(String, u64)> = names.iter().filter(|(n, _)| n.chars().filter(|c| !c.is_whitespace()).count() >= MIN_CHARS).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = String::from(
        "# Program names the tracking database has seen, with the number of articles\n\
         # naming each (gisa programs --lexicon). Usable as program_names.txt in a\n\
         # --rules directory; the counts after # are comments.\n",
    );
    for (name, count) in rows {
        // A line break inside a stored name would split it into two names.
        let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("{name}  # {count}\n"));
    }
    out
}

impl ProgramNames {
    /// The shipped names.
    pub fn new(names: Vec<Vec<char>>) -> ProgramNames {
        let mut p = ProgramNames { names: names.into_iter().map(|chars| Name { chars, learned: false }).collect(), automaton: None };
        p.rebuild();
        p
    }

    /// Adds learned names (those already known are kept as known). Returns
    /// the new ones, sorted, so the caller can fold them into a version.
    pub fn learn(&mut self, names: Vec<Vec<char>>) -> Vec<Vec<char>> {
        let have: std::collections::HashSet<Vec<char>> = self.names.iter().map(|n| n.chars.clone()).collect();
        let mut new: Vec<Vec<char>> = names.into_iter().filter(|n| n.len() >= MIN_CHARS && !have.contains(n)).collect();
        new.sort();
        new.dedup();
        self.names.extend(new.iter().cloned().map(|chars| Name { chars, learned: true }));
        self.rebuild();
        new
    }

    fn rebuild(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.names.retain(|n| seen.insert(n.chars.clone()));
        let patterns: Vec<String> = self.names.iter().map(|n| n.chars.iter().collect()).collect();
        self.automaton = if patterns.is_empty() {
            None
        } else {
            // Standard semantics: every name ending at a place is reported, so a
            // longer name that fails its word boundary leaves a shorter one.
            Some(AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).expect("names of two chars or more build an automaton"))
        };
    }

    /// Every name.
    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// Is there a name with these chars (spaces removed)?
    pub fn contains(&self, chars: &[char]) -> bool {
        self.names.iter().any(|n| n.chars == chars)
    }

    /// Every occurrence in `chars` of a name written with single spaces
    /// anywhere between its letters: (start, end, name index), chars
    /// offsets, in no particular order. Linear in the text plus the matches.
    pub fn occurrences(&self, chars: &[char]) -> Vec<(usize, usize, usize)> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        // Each byte of the squashed text is mapped back to its char: with a
        // u32 for any text of under 4 G chars (a usize per byte was 8 bytes of
        // memory per input byte on a huge article), a usize beyond.
        if u32::try_from(chars.len()).is_ok() {
            occurrences_in::<u32>(ac, chars)
        } else {
            occurrences_in::<usize>(ac, chars)
        }
    }
}

/// A char offset as stored in the byte → char map of `occurrences_in`.
trait CharIndex: Copy {
    fn from_usize(i: usize) -> Self;
    fn to_usize(self) -> usize;
}

impl CharIndex for u32 {
    fn from_usize(i: usize) -> Self {
        i as u32 // callers check that every offset fits
    }
    fn to_usize(self) -> usize {
        self as usize
    }
}

impl CharIndex for usize {
    fn from_usize(i: usize) -> Self {
        i
    }
    fn to_usize(self) -> usize {
        self
    }
}

fn occurrences_in<I: CharIndex>(ac: &AhoCorasick, chars: &[char]) -> Vec<(usize, usize, usize)> {
    // The text without spaces, and each of its bytes' char in `chars`.
    let mut squashed = String::with_capacity(chars.len() * 3);
    let mut at_byte: Vec<I> = Vec::with_capacity(chars.len() * 3 + 1);
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            continue;
        }
        squashed.push(*c);
        at_byte.extend(std::iter::repeat_n(I::from_usize(i), c.len_utf8()));
    }
    let mut out = Vec::new();
    for m in ac.find_overlapping_iter(&squashed) {
        let (start, end) = (at_byte[m.start()].to_usize(), at_byte[m.end() - 1].to_usize() + 1);
        // Single spaces only: two spaces or a line break part two words.
        let spaced = chars[start..end].windows(2).all(|w| !(w[0] == ' ' && w[1] == ' '));
        if spaced {
            out.push((start, end, m.pattern().as_usize()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The compact map (u32) and the wide one (usize, for texts of 4 G chars
    /// or more) find the same occurrences.
    #[test]
    fn both_offset_maps_give_the_same_occurrences() {
        let names = ProgramNames::new(vec![chars("스마트빌리지"), chars("기회발전특구")]);
        let text = chars("도는 스마트 빌리지와 기회발전특구, 스마트  빌리지(두 칸)와 스마트빌리지사업을 한다");
        let ac = names.automaton.as_ref().unwrap();
        let compact = occurrences_in::<u32>(ac, &text);
        assert_eq!(compact, occurrences_in::<usize>(ac, &text));
        let found: Vec<String> = compact.iter().map(|&(s, e, _)| text[s..e].iter().collect()).collect();
        assert_eq!(found, ["스마트 빌리지", "기회발전특구", "스마트빌리지"]);
    }

    #[test]
    fn comments_and_counts_are_not_part_of_names() {
        let names = parse("# header\n스마트 빌리지  # 12\n기회발전특구\t# 3\n#\n\n한\n");
        assert_eq!(names, vec![chars("스마트빌리지"), chars("기회발전특구")]);
    }

    #[test]
    fn written_lexicon_parses_back_to_the_same_names() {
        let rows = vec![("기회발전특구".to_string(), 3), ("스마트 빌리지".to_string(), 12), ("x".to_string(), 9), ("줄\n바꿈 사업".to_string(), 1)];
        let text = write(&rows);
        assert!(text.lines().nth(3).unwrap().starts_with("스마트 빌리지  # 12"), "{text}");
        assert_eq!(parse(&text), vec![chars("스마트빌리지"), chars("기회발전특구"), chars("줄바꿈사업")]);
    }

    #[test]
    fn occurrences_allow_single_spaces_and_report_every_name() {
        let mut p = ProgramNames::new(vec![chars("스마트빌리지")]);
        assert_eq!(p.learn(vec![chars("빌리지"), chars("스마트빌리지")]), vec![chars("빌리지")]);
        assert!(p.names()[1].learned && !p.names()[0].learned);
        let text = chars("스마트 빌리지와 스마트  빌리지");
        let mut found = p.occurrences(&text);
        found.sort();
        // The two-space spelling is only the shorter name.
        assert_eq!(found, vec![(0, 7, 0), (4, 7, 1), (14, 17, 1)]);
        assert!(ProgramNames::default().occurrences(&text).is_empty());
    }
}
