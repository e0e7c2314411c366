//! Words that qualify a quantity, from `dictionaries/qualifiers.csv`:
//! before it (약 4천억원, 최대 5억원, 총 …) and after it, attached or as the
//! next word (100억원 이상, 100억원가량, 1,000개 넘는). Amounts, counts and
//! `about` all read them here.

use super::{Bound, Doc};
use crate::lexicon::Effect;
use crate::normalize::is_hangul;

/// Longer than any word of qualifiers.csv, with room for brackets before it.
const MAX_WORD: usize = 32;

/// What the qualifier words around a quantity say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Qualified {
    pub approx: bool,
    pub bound: Option<Bound>,
}

impl Qualified {
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Approx => self.approx = true,
            Effect::Min => self.bound = Some(Bound::Min),
            Effect::Max => self.bound = Some(Bound::Max),
            Effect::None => {}
        }
    }
}

pub fn words_after(doc: &Doc, end: usize) -> Qualified {
    let attached = doc.hangul_run(end);
    let next = {
        let k = doc.skip_spaces(end, 1);
        if k > end { doc.hangul_run(k) } else { String::new() }
    };
    let mut q = Qualified::default();
    for word in [attached.as_str(), next.as_str()] {
        if let Some(effect) = doc.lex.after_effect(word) {
            q.apply(effect);
        }
    }
    q
}

/// The qualifier words right before `start` (up to two: "최대 약 100억원"),
/// and where the first of them begins.
pub fn words_before(doc: &Doc, start: usize) -> (Qualified, usize) {
    let mut q = Qualified::default();
    let mut first = start;
    for _ in 0..2 {
        let mut s = first;
        if s > 0 && doc.at(s - 1) == Some(' ') {
            s -= 1;
        }
        let word_end = s;
        // Qualifiers are short words: a longer one is not read (and a text
        // without spaces is not scanned back to its start for every number).
        while s > 0 && doc.at(s - 1).is_some_and(|c| !c.is_whitespace()) && word_end - s <= MAX_WORD {
            s -= 1;
        }
        if s == word_end || word_end - s > MAX_WORD {
            break;
        }
        // "(약 100억원": the bracket is not part of the word.
        while s < word_end && !is_hangul(doc.chars[s]) {
            s += 1;
        }
        let word = doc.slice(s, word_end);
        let Some(effect) = doc.lex.before_effect(word) else { break };
        q.apply(effect);
        first = s;
    }
    // A one-syllable word attached to the number: "약4천억원", "총5곳".
    if first == start && start > 0 && !doc.at(start.wrapping_sub(2)).is_some_and(is_hangul) {
        if let Some(effect) = doc.at(start - 1).and_then(|c| doc.lex.before_effect(c.encode_utf8(&mut [0; 4]))) {
            q.apply(effect);
            first = start - 1;
        }
    }
    (q, first)
}
