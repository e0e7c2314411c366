//! The shared view of one article that all extractors read.

use crate::lexicon::Lexicon;
use crate::morph::{Analysis, Morph};
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
    pub lex: &'a Lexicon,
    /// Chars already part of a mention; later extractors skip them.
    claimed: Vec<bool>,
    /// Numbers an extractor looked at and passed over, with its reason, in
    /// the extractor's own words: what `--explain` reports.
    pub passed: Vec<PassedOver>,
}

/// A number an extractor considered and left, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    pub start: usize,
    pub end: usize,
    pub reason: String,
}

impl<'a> Doc<'a> {
    /// Folds `text` and analyses it with `morph`; nothing is claimed yet.
    pub fn new(text: &'a str, morph: &Morph, lex: &'a Lexicon) -> Doc<'a> {
        let folded = fold(text);
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let analysis = morph.analyse(&folded.string);
        let claimed = vec![false; folded.chars.len()];
        Doc { text, chars: folded.chars, folded: folded.string, byte_of, analysis, lex, claimed, passed: Vec::new() }
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
        let mut k = i.min(self.len());
        while k > 0 {
            let c = self.chars[k - 1];
            if c == '\n' || matches!(c, '▲' | '△' | '□' | '◆' | '○' | '■' | '◇' | '※') {
                return k;
            }
            if matches!(c, '.' | '!' | '?') && self.at(k) == Some(' ') && k >= 2 && !self.chars[k - 2].is_ascii_digit() {
                return k;
            }
            k -= 1;
        }
        0
    }

    /// End of the sentence containing `i` (exclusive).
    pub fn sentence_end(&self, i: usize) -> usize {
        let mut k = i;
        while k < self.len() {
            let c = self.chars[k];
            if c == '\n' || matches!(c, '▲' | '△' | '□' | '◆' | '○' | '■' | '◇' | '※') {
                return k;
            }
            if matches!(c, '.' | '!' | '?') && matches!(self.at(k + 1), Some(' ') | Some('\n') | None)
                && !(k > 0 && self.chars[k - 1].is_ascii_digit())
            {
                return k + 1;
            }
            k += 1;
        }
        self.len()
    }
}
