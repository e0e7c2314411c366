//! A bounded per-thread cache of analysed eojeols. An eojeol is analysed on
//! its own (see the module above), so its tokens depend only on its text and
//! on the tokenizer: the cache returns exactly what the lattice would.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::{Pos, Token};

/// Entries kept before the cache starts over: about 20 MB per thread, enough
/// for the common words of a large archive, and memory stays flat however
/// long the run.
const CAPACITY: usize = 1 << 17;
/// Longer eojeols (URLs, long compounds) rarely repeat; not worth keeping.
const MAX_WORD_BYTES: usize = 64;

/// A token relative to the start of its eojeol.
#[derive(Debug, Clone, Copy)]
pub struct CachedToken {
    byte_start: u32,
    byte_end: u32,
    start: u32,
    end: u32,
    pos: Pos,
    last_pos: Pos,
}

impl CachedToken {
    pub fn of(t: &Token, byte_base: usize, char_base: usize) -> CachedToken {
        CachedToken {
            byte_start: (t.byte_start - byte_base) as u32,
            byte_end: (t.byte_end - byte_base) as u32,
            start: (t.start - char_base) as u32,
            end: (t.end - char_base) as u32,
            pos: t.pos,
            last_pos: t.last_pos,
        }
    }

    pub fn place(&self, byte_base: usize, char_base: usize, eojeol: usize) -> Token {
        Token {
            start: char_base + self.start as usize,
            end: char_base + self.end as usize,
            byte_start: byte_base + self.byte_start as usize,
            byte_end: byte_base + self.byte_end as usize,
            pos: self.pos,
            last_pos: self.last_pos,
            eojeol,
        }
    }
}

/// Analysed eojeols as tokens, for the extractors.
pub type EojeolCache = BoundedCache<Box<[CachedToken]>>;

/// Eojeol → what was computed for it, cleared when full so memory stays flat.
pub struct BoundedCache<V> {
    owner: u64,
    map: HashMap<Box<str>, V, Xxh3DefaultBuilder>,
    hits: u64,
    misses: u64,
}

impl<V> Default for BoundedCache<V> {
    fn default() -> Self {
        BoundedCache { owner: 0, map: HashMap::default(), hits: 0, misses: 0 }
    }
}

impl<V> BoundedCache<V> {
    /// Starts over when another tokenizer (another user dictionary) uses this thread.
    pub fn serve(&mut self, owner: u64) {
        if self.owner != owner {
            self.map.clear();
            self.owner = owner;
        }
    }

    pub fn get(&mut self, word: &str) -> Option<&V> {
        match self.map.get(word) {
            Some(v) => {
                self.hits += 1;
                Some(v)
            }
            None => {
                self.misses += 1;
                None
            }
        }
    }

    pub fn put(&mut self, word: &str, value: V) {
        if word.len() > MAX_WORD_BYTES {
            return;
        }
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(word.into(), value);
    }

    pub fn stats(&self) -> (u64, u64) {
        (self.hits, self.misses)
    }
}
