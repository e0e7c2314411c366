//! A bounded cache of analysed eojeols, shared by all worker threads. An
//! eojeol is analysed on its own (see the module above), so its tokens depend
//! only on its text and on the tokenizer: the cache returns exactly what the
//! lattice would. It belongs to one `Morph`, so another user dictionary never
//! sees it.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::{Pos, Token};

/// Entries kept before a shard starts over: about 40 MB in all, enough for
/// the common words of a large archive, and memory stays flat however long
/// the run.
const CAPACITY: usize = 1 << 18;
/// Locks split so that threads rarely wait for each other.
const SHARDS: usize = 64;
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

/// Eojeol → what was computed for it; each shard is cleared when full.
pub struct SharedCache<V> {
    shards: Vec<Mutex<HashMap<Box<str>, V, Xxh3DefaultBuilder>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl<V> Default for SharedCache<V> {
    fn default() -> Self {
        SharedCache { shards: (0..SHARDS).map(|_| Mutex::default()).collect(), hits: AtomicU64::new(0), misses: AtomicU64::new(0) }
    }
}

impl<V> SharedCache<V> {
    fn shard(&self, word: &str) -> std::sync::MutexGuard<'_, HashMap<Box<str>, V, Xxh3DefaultBuilder>> {
        let i = xxhash_rust::xxh3::xxh3_64(word.as_bytes()) as usize % SHARDS;
        // A panic elsewhere cannot leave a map half-written: insert and clear are whole.
        self.shards[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `use_it` on the cached value of `word`, if there is one.
    pub fn with<R>(&self, word: &str, use_it: impl FnOnce(&V) -> R) -> Option<R> {
        let found = self.shard(word).get(word).map(use_it);
        let counter = if found.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    pub fn put(&self, word: &str, value: V) {
        if word.len() > MAX_WORD_BYTES {
            return;
        }
        let mut shard = self.shard(word);
        if shard.len() >= CAPACITY / SHARDS {
            shard.clear();
        }
        shard.insert(word.into(), value);
    }

    /// (hits, misses) since the tokenizer was built.
    pub fn stats(&self) -> (u64, u64) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }
}
