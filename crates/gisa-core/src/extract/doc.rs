//! The shared view of one article that all extractors read.

use crate::lexicon::ExtractionRules;
use crate::morph::{Analysis, Morph, Pos};
use crate::normalize::{fold, is_hangul};

/// One article as every extractor sees it: the clean text, its folded chars,
/// Lindera's analysis, the rules, and the chars mentions have already claimed.
/// Every position is a char offset into `text`.
pub struct Doc<'a> {
    /// The original clean text; offsets and mention texts come from here.
    pub text: &'a str,
    /// Folded chars (one per original char), what the scanners match on.
    pub chars: Vec<char>,
    /// Char offset → byte offset in `text` (one extra entry for the end).
    byte_of: Vec<usize>,
    /// The folded text as a String: token byte offsets point into it.
    folded: String,
    /// Lindera's analysis of the folded text (same char offsets).
    pub analysis: Analysis,
    /// The rules in force (`dictionaries/` or `--rules`).
    pub lex: &'a ExtractionRules,
    /// Chars already part of a mention; later extractors skip them.
    claimed: Vec<bool>,
    /// Numbers an extractor looked at and passed over, with its reason, in
    /// the extractor's own words: what `--explain` reports.
    pub passed: Vec<PassedOver>,
    /// Sentence boundaries and punctuation positions, found in one pass on
    /// first use: scanning back to a sentence start for every mention was
    /// quadratic in a long sentence.
    marks: std::cell::OnceCell<Marks>,
}

/// A number an extractor considered and left, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

/// Positions found once per document (all ascending).
struct Marks {
    /// Every k that `sentence_start` may return (besides 0).
    sentence_starts: Vec<usize>,
    /// (k, what `sentence_end` returns for the chars up to k).
    sentence_ends: Vec<(usize, usize)>,
    /// Positions of '(' and ')'.
    parens: Vec<usize>,
    /// Positions of '\n'.
    newlines: Vec<usize>,
    /// Positions of ':' and '：'.
    colons: Vec<usize>,
}

fn is_sentence_mark(c: char) -> bool {
    c == '\n' || matches!(c, '▲' | '△' | '□' | '◆' | '○' | '■' | '◇' | '※')
}

/// The last of `sorted` that is below `below` (and at least `from`).
pub fn last_in(sorted: &[usize], from: usize, below: usize) -> Option<usize> {
    let k = sorted.partition_point(|&x| x < below);
    k.checked_sub(1).map(|k| sorted[k]).filter(|&x| x >= from)
}

impl<'a> Doc<'a> {
    /// Folds `text` and analyses it with `morph`; nothing is claimed yet.
    pub fn new(text: &'a str, morph: &Morph, lex: &'a ExtractionRules) -> Doc<'a> {
        let folded = fold(text);
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let analysis = morph.analyse(&folded.string);
        let claimed = vec![false; folded.chars.len()];
        Doc { text, chars: folded.chars, folded: folded.string, byte_of, analysis, lex, claimed, passed: Vec::new(), marks: std::cell::OnceCell::new() }
    }

    fn marks(&self) -> &Marks {
        self.marks.get_or_init(|| {
            let c = &self.chars;
            let mut m = Marks { sentence_starts: Vec::new(), sentence_ends: Vec::new(), parens: Vec::new(), newlines: Vec::new(), colons: Vec::new() };
            for k in 0..c.len() {
                // The conditions of the scans these replace, tested at every k.
                let start_after = is_sentence_mark(c[k])
                    || (matches!(c[k], '.' | '!' | '?') && self.at(k + 1) == Some(' ') && k >= 1 && !c[k - 1].is_ascii_digit());
                if start_after {
                    m.sentence_starts.push(k + 1);
                }
                if is_sentence_mark(c[k]) {
                    m.sentence_ends.push((k, k));
                } else if matches!(c[k], '.' | '!' | '?') && matches!(self.at(k + 1), Some(' ') | Some('\n') | None) && !(k > 0 && c[k - 1].is_ascii_digit()) {
                    m.sentence_ends.push((k, k + 1));
                }
                match c[k] {
                    '(' | ')' => m.parens.push(k),
                    '\n' => m.newlines.push(k),
                    ':' | '：' => m.colons.push(k),
                    _ => {}
                }
            }
            m
        })
    }

    /// The nearest '(' or ')' before `before`, at or after `from`.
    pub fn paren_before(&self, from: usize, before: usize) -> Option<usize> {
        last_in(&self.marks().parens, from, before)
    }

    /// Start of the line holding char `i`.
    pub fn line_start(&self, i: usize) -> usize {
        last_in(&self.marks().newlines, 0, i).map_or(0, |n| n + 1)
    }

    /// The nearest ':' before `before`, at or after `from`.
    pub fn colon_before(&self, from: usize, before: usize) -> Option<usize> {
        last_in(&self.marks().colons, from, before)
    }

    /// Records why the number at `start..end` was not taken (see `passed`).
    pub fn pass_over(&mut self, start: usize, end: usize, reason: String) {
        self.passed.push(PassedOver { start, end, reason });
    }

    /// The text token offsets point into (folded; same chars as `text`).
    pub fn analysis_text(&self) -> &str {
        &self.folded
    }

    /// Length of the text in chars.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True when the text has no chars.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The folded char at char offset `i`, `None` past the end.
    pub fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The original text of chars `start..end`.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.byte_of[start]..self.byte_of[end]]
    }

    /// Is char `i` already part of a mention? False past the end.
    pub fn is_claimed(&self, i: usize) -> bool {
        self.claimed.get(i).copied().unwrap_or(false)
    }

    /// Is any char of `start..end` already part of a mention?
    pub fn any_claimed(&self, start: usize, end: usize) -> bool {
        self.claimed[start..end.min(self.claimed.len())].iter().any(|c| *c)
    }

    /// Marks chars `start..end` as part of a mention, so later extractors skip them.
    pub fn claim(&mut self, start: usize, end: usize) {
        let end = end.min(self.claimed.len());
        self.claimed[start..end].iter_mut().for_each(|c| *c = true);
    }

    /// Does the folded text at `i` start with `s`?
    pub fn starts_with(&self, i: usize, s: &str) -> bool {
        let mut k = i;
        for c in s.chars() {
            if self.at(k) != Some(c) {
                return false;
            }
            k += 1;
        }
        true
    }

    /// The end of the eojeol (whitespace-delimited word) containing `i`.
    pub fn word_end(&self, i: usize) -> usize {
        let mut k = i;
        while self.at(k).is_some_and(|c| !c.is_whitespace()) {
            k += 1;
        }
        k
    }

    /// Is token `last` (the last of a word's tokens `first..=last`) the last
    /// syllable of an unknown compound that Lindera read as grammar after a
    /// noun: 가파도 → 가파 + 도/J, 생태탐방로 → … + 로/J? Inside a name or a
    /// list label, where no clause can end, it is part of the word. (Not
    /// 풍수해 → 풍수 + 해: 선정해 and 비롯해 are read the same way.)
    pub fn misread_tail(&self, first: usize, last: usize) -> bool {
        let tokens = &self.analysis.tokens;
        if last <= first {
            return false;
        }
        let (t, before) = (&tokens[last], &tokens[last - 1]);
        let s = t.surface(self.analysis_text());
        let grammar = t.pos == Pos::Particle && matches!(s, "도" | "로");
        // 충북 + 도 is the province: a region word, not a name's.
        let province = self.lex.regions.senses(before.surface(self.analysis_text())).is_some();
        grammar && before.pos.is_noun() && before.end == t.start && !province
    }

    /// The Hangul run starting at `i` (up to punctuation, space or digits).
    pub fn hangul_run(&self, i: usize) -> String {
        self.chars[i.min(self.len())..].iter().take_while(|c| is_hangul(**c)).collect()
    }

    /// Is what follows `i` inside its eojeol only grammar (a particle such as
    /// 을/의/만이, or punctuation)? Used to know that a counter or a currency
    /// word ends its word: 80개를 yes, 5개년 and 1개월 no.
    pub fn tail_is_functional(&self, i: usize) -> bool {
        match self.at(i) {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some(c) if !is_hangul(c) => !c.is_ascii_alphanumeric(),
            Some(_) => {
                let run = self.hangul_run(i);
                // "5,000억원가량을", "100억원이상": an attached qualifier, then grammar.
                self.lex.particles.contains(&run)
                    || self.lex.qualifiers_after.iter().any(|q| {
                        run.strip_prefix(q.word.as_str()).is_some_and(|rest| rest.is_empty() || self.lex.particles.contains(rest))
                    })
                    || self.tokens_are_grammar(i, i + run.chars().count())
            }
        }
    }

    /// Lindera reads chars `start..end` as particles, endings or the copula
    /// only, starting on a token boundary: 곳인데 → 곳 + 이/VCP + ㄴ데/E.
    fn tokens_are_grammar(&self, start: usize, end: usize) -> bool {
        let tokens = &self.analysis.tokens;
        let first = tokens.partition_point(|t| t.start < start);
        if tokens.get(first).is_none_or(|t| t.start != start) {
            return false;
        }
        tokens[first..].iter().take_while(|t| t.start < end).all(|t| t.pos.is_functional() && t.last_pos.is_functional())
    }

    /// The next non-space position at or after `i`, within `max` spaces.
    pub fn skip_spaces(&self, i: usize, max: usize) -> usize {
        let mut k = i;
        while k - i < max && self.at(k) == Some(' ') {
            k += 1;
        }
        k
    }

    /// Start of the sentence containing `i`: after a line break, a sentence
    /// end (다. / ! / ?), or a bullet (▲ △ □ ◆ ○).
    pub fn sentence_start(&self, i: usize) -> usize {
        let i = i.min(self.len());
        let starts = &self.marks().sentence_starts;
        let k = starts.partition_point(|&s| s <= i);
        k.checked_sub(1).map_or(0, |k| starts[k])
    }

    /// End of the sentence containing `i` (exclusive).
    pub fn sentence_end(&self, i: usize) -> usize {
        let ends = &self.marks().sentence_ends;
        let k = ends.partition_point(|&(at, _)| at < i);
        ends.get(k).map_or(self.len(), |&(_, end)| end)
    }
}
